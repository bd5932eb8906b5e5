"""What the HTML pages say and how they look: the labels (zh, en), the legend, the stylesheet, the CSP.

Kept apart from ``html.py`` so that the page logic reads without 200 lines of CSS and wording in the
way. Nothing here is report-derived: these strings are written into the page as they are.
"""

from __future__ import annotations

# No script at all: the page needs none (links scroll to the marks, the severity filter is CSS `:has`),
# and a page that runs no script cannot be made to run a hostile report's script either. The policy is
# the second line of defence; escaping (html.py) is the first.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; "
       "base-uri 'none'; form-action 'none'")

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "lang": "zh", "open": "（", "close": "）", "colon": "：", "list_sep": "、",
        "html_lang": "zh-CN", "suffix": "检查结果", "untitled": "（无标题行）", "org": "单位", "year": "年度",
        "published": "发布日期", "ruleset": "清单", "script": "文字", "file": "文件", "simplified": "简体",
        "traditional": "繁体", "passed": "✓ 通过", "failed": "✗ 未通过", "fail_under": "及格线 {n} 分",
        "nav_score": "扣分", "nav_items": "清单条目", "nav_findings": "问题", "nav_reuse": "照搬与沿用",
        "nav_text": "正文", "score": "得分", "deductions": "扣分明细", "rule": "规则", "about": "说明",
        "count": "处数", "points": "扣分", "total": "合计", "no_deductions": "未扣分",
        "items": "清单条目", "item": "条目", "need": "要求", "required": "必报", "optional": "建议",
        "found": "结果", "where": "位置", "outline": "报告结构", "no_outline": "（未识别出编号标题）",
        "line": "第{n}行", "by_heading": "标题", "by_parts": "分列各部分", "by_passage": "段落",
        "by_markers": "原因表述", "findings": "发现的问题", "none": "未发现问题", "show": "显示：",
        "error": "错误", "warning": "警告", "info": "提示", "see_item": "见清单条目", "see_meta": "见概况",
        "basis": "依据", "waived": "已豁免的问题", "reason": "理由",
        "sample": "示例", "reuse": "照搬与沿用", "not_compared": "未比对", "ratio": "复制比", "without": "不含规定性表述",
        "largest": "最大来源", "v_high": "大部分文字沿用已有报告，应重写",
        "v_mid": "部分文字沿用已有报告，请核对标出的段落", "v_low": "未发现明显照搬", "sources": "比对来源",
        "kind": "关系", "self_kind": "本单位往年", "peer_kind": "其他单位", "all": "全部来源",
        "self": "沿用本单位往年", "here": "本报告", "there": "来源报告", "similarity": "相似度",
        "boilerplate": "规定性表述（{n}段，不计入“不含规定性表述”的复制比）", "passages": "雷同段落（{n}段）",
        "text": "报告正文", "text_note": "底色：发现的问题（点问题清单中的行号跳到这里）。", "text_note_reuse": "红色文字：与比对来源雷同的段落；",
        "batch": "检查结果汇总", "summary": "共{n}份报告，{p}份通过；按得分从低到高排列。", "rank": "序号",
        "verdict": "结论", "missing": "缺少的必报内容",
        "worst": "最主要的问题", "hist_score": "得分分布", "hist_reuse": "复制比分布（不含规定性表述）",
        "reports": "份数", "no_reuse": "各报告均未与往年报告比对。", "unreadable": "✗ 无法读取",
        "summary_unreadable": "共{n}份报告，{p}份通过，{u}份无法读取；无法读取的在前，其余按得分从低到高排列。",
    },
    "en": {
        "lang": "en", "open": " (", "close": ")", "colon": ": ", "list_sep": "; ",
        "html_lang": "en", "suffix": "check result", "untitled": "(no title line)", "org": "body", "year": "year",
        "published": "published", "ruleset": "checklist", "script": "script", "file": "file",
        "simplified": "simplified", "traditional": "traditional", "passed": "✓ passed", "failed": "✗ failed",
        "fail_under": "pass mark {n}", "nav_score": "deductions", "nav_items": "checklist",
        "nav_findings": "findings", "nav_reuse": "recycled text", "nav_text": "text", "score": "score",
        "deductions": "Deductions", "rule": "rule", "about": "about", "count": "count", "points": "points",
        "total": "total", "no_deductions": "nothing deducted", "items": "Checklist items", "item": "item",
        "need": "need", "required": "required", "optional": "recommended", "found": "found", "where": "where",
        "outline": "Outline", "no_outline": "(no numbered headings found)", "line": "line {n}",
        "by_heading": "heading", "by_parts": "spread over parts", "by_passage": "passage",
        "by_markers": "cause words", "findings": "Findings", "none": "no findings", "show": "show:",
        "error": "errors", "warning": "warnings", "info": "notes", "see_item": "see checklist",
        "see_meta": "see header", "basis": "basis", "waived": "Waived findings", "reason": "reason",
        "sample": "text", "reuse": "Recycled text", "not_compared": "not compared", "ratio": "reuse ratio",
        "without": "without boilerplate", "largest": "largest source",
        "v_high": "most of the text is recycled: rewrite it",
        "v_mid": "part of the text is recycled: check the passages below", "v_low": "no notable recycling",
        "sources": "Sources", "kind": "relation", "self_kind": "same body", "peer_kind": "other body",
        "all": "all sources", "self": "own earlier reports", "here": "this report", "there": "source report",
        "similarity": "similarity", "boilerplate": "boilerplate ({n} passages, not counted without boilerplate)",
        "passages": "Recycled passages ({n})", "text": "Report text",
        "text_note": "Background: a finding (the line links in the findings list jump here).",
        "text_note_reuse": "Red text: recycled from a source; ",
        "batch": "Batch summary", "summary": "{n} reports, {p} passed; lowest score first.", "rank": "#",
        "verdict": "verdict", "missing": "missing required parts",
        "worst": "main finding", "hist_score": "Scores", "hist_reuse": "Reuse ratios (without boilerplate)",
        "reports": "reports", "no_reuse": "No report was compared with earlier reports.", "unreadable": "✗ unreadable",
        "summary_unreadable": "{n} reports, {p} passed, {u} unreadable; unreadable first, then lowest score first.",
    },
}

# The colours and the ratios, defined in the page itself (CNKI-like: identical red, edited orange).
LEGEND: dict[str, tuple[tuple[str, str], ...]] = {
    "zh": (
        ("same", "红色：与来源报告逐字相同的文字。"),
        ("edit", "橙色：改动过的文字（改了年份、数字或个别字词），两侧对应标出。"),
        ("new", "黑色：本报告新写的文字，来源中没有。"),
        ("gone", "灰色删除线（仅来源一侧）：来源中有、本报告删去的文字。"),
        ("def", "复制比 = 落在雷同段落（与来源相同或仅作改动）中的字数 ÷ 全文字数；只计汉字、字母和数字，不计标点和空白。"),
        ("def", "不含规定性表述的复制比：同上，但分子不计“以习近平新时代中国特色社会主义思想为指导”等各报告都有的规定性表述。"),
        ("def", "条目复制比：该清单条目范围内不含规定性表述的复制比；相似度：一段与来源对应段落规范化后相同的比例。"),
    ),
    "en": (
        ("same", "Red: identical to the source report, character for character."),
        ("edit", "Orange: edited (a year, a figure or a few words changed), marked on both sides."),
        ("new", "Plain: new text, not in the source."),
        ("gone", "Grey strike-through (source side only): in the source, dropped here."),
        ("def", "Reuse ratio = characters inside recycled passages (identical or edited) ÷ all characters; "
                "CJK characters, letters and digits are counted, punctuation and spaces are not."),
        ("def", "Without boilerplate: the same, not counting formulas every report contains."),
        ("def", "Item ratio: the ratio without boilerplate inside that checklist item; similarity: the share "
                "of a passage equal to its source after canonicalisation."),
    ),
}

CSS = """
:root{--fg:#1f2328;--dim:#656d76;--line:#d0d7de;--bg:#f6f8fa;--red:#c92a2a;--orange:#e8590c;
--ok:#1a7f37;--err-bg:#ffd8a8;--warn-bg:#fff3bf;--info-bg:#d0ebff}
*{box-sizing:border-box}

body{margin:0;color:var(--fg);background:#fff;line-height:1.65;
font:15px/1.65 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",system-ui,sans-serif}
main{max-width:1180px;margin:0 auto;padding:0 24px 48px}
nav{position:sticky;top:0;z-index:2;background:rgba(255,255,255,.96);border-bottom:1px solid var(--line)}
nav ul{max-width:1180px;margin:0 auto;padding:6px 24px;list-style:none;display:flex;gap:20px}
nav a{color:var(--dim);text-decoration:none}nav a:hover{color:var(--fg)}
h1{font-size:24px;margin:18px 0 8px;word-break:break-all}
h2{font-size:19px;margin:32px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:18px 0 6px}
section,[id]{scroll-margin-top:48px}
header{display:flex;gap:24px;align-items:flex-start;justify-content:space-between;padding-top:8px}
header>div:first-child{flex:1;min-width:0}
dl.meta{display:grid;grid-template-columns:max-content 1fr max-content 1fr;gap:2px 12px;margin:0}
dl.meta dt{color:var(--dim)}dl.meta dd{margin:0;word-break:break-all}
.verdict{min-width:230px;border:2px solid;border-radius:10px;padding:12px 16px;text-align:center}
.verdict.pass{border-color:var(--ok)}.verdict.fail{border-color:var(--red)}
.score{font-size:44px;font-weight:700;line-height:1.1}.score small{font-size:16px;color:var(--dim)}
.pass .score,.pass .gate{color:var(--ok)}.fail .score,.fail .gate{color:var(--red)}
.gate{font-size:18px;font-weight:700}.reason{margin:4px 0;font-size:13px}
.dim{color:var(--dim);font-size:13px}
.bar{height:10px;background:#ffe3e3;border-radius:5px;overflow:hidden;margin:6px 0 12px;max-width:600px}
.bar span{display:block;height:100%;background:var(--ok)}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--bg);font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;white-space:nowrap}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:24px}
.cols>div{min-width:0}
#checklist td:first-child{min-width:7.5em}#checklist td:nth-child(2),#checklist td:nth-child(3){white-space:nowrap}
.yes{color:var(--ok);font-weight:700}.no{color:var(--red);font-weight:700}.no.opt{color:var(--orange)}
ul.outline{list-style:none;padding:0;margin:0}
ul.outline li{padding:1px 0;word-break:break-all}
.lv2{padding-left:1.5em!important}.lv3{padding-left:3em!important}.lv4,.lv5,.lv6{padding-left:4.5em!important}
.tag{display:inline-block;font-size:12px;border-radius:4px;padding:0 6px;margin-left:6px;
background:#dafbe1;color:var(--ok)}
.filters{margin:6px 0;color:var(--dim)}.filters label{margin-right:14px;cursor:pointer}
ol.findings{list-style:none;padding:0;margin:0}
ol.findings li{display:grid;grid-template-columns:88px 1fr auto;gap:10px;padding:6px 8px;
border-left:4px solid var(--line);margin:4px 0;background:var(--bg);border-radius:0 6px 6px 0}
li.sev-error{border-left-color:var(--red)}li.sev-warning{border-left-color:var(--orange)}
li.sev-info{border-left-color:#1c7ed6}
a.loc{white-space:nowrap;text-align:right}
q.ev{display:block;color:var(--dim);font-size:13px;word-break:break-all}
code{font:12px ui-monospace,monospace;color:var(--dim)}.pts{font-weight:700;color:var(--red);margin-left:6px}
.basis{display:block;font-size:12px;color:var(--dim)}
body:has(#show-error:not(:checked)) section.sev-error,body:has(#show-warning:not(:checked)) section.sev-warning,
body:has(#show-info:not(:checked)) section.sev-info{display:none}
.text{border:1px solid var(--line);border-radius:8px;padding:12px 16px 12px 64px;background:#fff}
.text p{margin:0;position:relative;white-space:pre-wrap;word-break:break-all;min-height:1.65em}
.text p::before{content:attr(data-line);position:absolute;left:-52px;width:40px;text-align:right;
color:#8c959f;font-size:12px;user-select:none}
mark{border-radius:2px;color:inherit;padding:0 1px}
mark.sev-error{background:var(--err-bg);box-shadow:inset 0 -2px var(--red)}
mark.sev-warning{background:var(--warn-bg);box-shadow:inset 0 -2px var(--orange)}
mark.sev-info{background:var(--info-bg)}
mark.pt::after{content:"▲";color:var(--red);font-size:10px}
mark:target{outline:3px solid #1c7ed6;outline-offset:1px}
span.ru{color:var(--red)}
.legend{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;font-size:13px;background:var(--bg);
padding:8px 12px;border-radius:6px;margin:8px 0}
.sw{display:inline-block;min-width:3em;text-align:center;border-radius:3px}
.same{color:var(--red)}.edit{color:var(--orange);background:#fff4e6}.gone{color:#8c959f;text-decoration:line-through}
.sbs td{width:50%;font-size:14px;word-break:break-all;white-space:pre-wrap}
.ph{color:var(--dim);font-size:12px;margin-bottom:2px}
.verdict-line{font-weight:600}.high{color:var(--red)}.mid{color:var(--orange)}.low{color:var(--ok)}
details summary{cursor:pointer;color:var(--dim);margin:8px 0}
svg.hist{max-width:520px;width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fff}
svg.hist rect{fill:#4c6ef5}svg.hist text{font:11px sans-serif;fill:#495057}
figure{margin:0}.nowrap{white-space:nowrap}.path{color:var(--dim);font-size:12px;word-break:break-all}
#ranking td:nth-child(2){min-width:14em}
.hists{display:grid;grid-template-columns:1fr 1fr;gap:24px}
@media (max-width:800px){.cols,.hists{grid-template-columns:1fr}header{flex-direction:column}}
@media print{nav,.filters{display:none}a{color:inherit;text-decoration:none}}
"""
