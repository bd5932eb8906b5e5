"""The words of the outputs, one table per language: everything the user reads that the checklist does
not say (the checklist's ``message``/``message_en`` templates word the findings).

``LABELS[lang]`` holds the words every output shares (how values in messages are written, why the gate
failed, the messages of the waiver file's own findings); each output's own words follow, one table per
output keyed by language (``TERMINAL["en"]``, ``HTML["zh"]`` …). A new language is one more entry with the
same keys in each.
"""

from __future__ import annotations

from typing import Any

ZH: dict[str, Any] = {
    # values in messages
    "list_sep": "、",  # between the items of a list value ({figures}, {years})
    "year": "{}年",
    "years.earlier": "往年",  # a report whose year is not known
    "years.last_year": "上一年度",
    "years.blank": "",
    "another_body": "其他单位",
    # why the gate failed
    "gate.failing": "存在{count}个{level}级别的问题（{rules}）",
    "gate.level.error": "错误",
    "gate.level.warning": "警告及以上",
    "gate.score": "得分{value:g}低于门槛{fail_under:g}",
    "rules_sep": "、",
    # rules no checklist describes: the waiver file's own findings
    "rule.waiver.expired": "豁免已于{expires}过期（{reviewer}：{reason}），该问题重新计入",
    "rule.waiver.stale": "豁免未匹配任何问题（{rule}，{waiver}），可能已失效，请从豁免文件中删除",
}

EN: dict[str, Any] = {
    "list_sep": ", ",
    "year": "{}",
    "years.earlier": "earlier",
    "years.last_year": "last year's",
    "years.blank": "",
    "another_body": "another body",
    "gate.failing": "{count} finding(s) at or above {level}: {rules}",
    "gate.level.error": "error",
    "gate.level.warning": "warning",
    "gate.score": "score {value:g} is below the threshold {fail_under:g}",
    "rules_sep": ", ",
    "rule.waiver.expired": "waiver expired on {expires} ({reviewer}: {reason}); the finding counts again",
    "rule.waiver.stale": "waiver matches no finding ({rule}, {waiver}): remove it",
}

# --- each output's own words, by language ---------------------------------------------------------

# github.py
GITHUB = {
    "zh": {
        "gate": "{path}：未通过门禁（{reason}），得分 {score:g}",
        "failed": "未通过",
        "summary": "checker：共 {reports} 份报告，{failed} 份未通过；错误 {error} 个，警告 {warning} 个，提示 {info} 个",
    },
    "en": {
        "gate": "{path}: gate failed ({reason}), score {score:g}",
        "failed": "failed",
        "summary": "checker: {reports} report(s), {failed} failed; {error} error(s), {warning} warning(s), "
        "{info} note(s)",
    },
}

# junit.py
JUNIT = {
    "zh": {
        "line": "第{line}行",
        "no_line": "全文",
        "missing": "缺少条目“{name}”",
        "recommended": "未见建议条目“{name}”",
        "found": "{where}：{heading}",
        "entry": "{where}：{message}",
        "points": "（−{points:g}）",
        "more": "（共{n}处）",
        "waived": "已豁免：{finding}（{reason}）",
        "score": "得分 {score:g} / 100，门槛 {fail_under:g}",
        "below": "得分{score:g}低于门槛{fail_under:g}",
        "unreadable": "无法读取",
    },
    "en": {
        "line": "line {line}",
        "no_line": "whole report",
        "missing": "missing item: {name}",
        "recommended": "recommended item not found: {name}",
        "found": "{where}: {heading}",
        "entry": "{where}: {message}",
        "points": " (−{points:g})",
        "more": " ({n} findings)",
        "waived": "waived: {finding} ({reason})",
        "score": "score {score:g} / 100, threshold {fail_under:g}",
        "below": "score {score:g} is below the threshold {fail_under:g}",
        "unreadable": "unreadable",
    },
}

# sarif.py
SARIF = {
    "zh": {"basis": "依据：", "points": "扣分：", "unit": "", "stop": "。", "language": "zh-CN"},
    "en": {"basis": "Basis: ", "points": "Deducts ", "unit": " points", "stop": ". ", "language": "en-US"},
}

# batch_table.py
BATCH_COLUMNS = {"zh": ("文件", "单位", "年度", "得分", "结论", "缺少的必报条目", "复制比", "最严重的问题"),
           "en": ("file", "body", "year", "score", "verdict", "missing required items", "reuse", "worst finding")}

# the CSV is opened in Excel: headers and 是/否 in the user's language (Chinese by default), UTF-8 with a BOM
BATCH_CSV_COLUMNS = {"zh": ("文件", "单位", "年度", "得分", "是否通过", "缺少的必报条目", "复制比", "最严重的问题", "无法读取的原因"),
               "en": ("file", "body", "year", "score", "passed", "missing required items", "reuse ratio",
                      "worst finding", "error")}

BATCH_VERDICTS = {"zh": ("[red]✗ 无法读取[/]", "[green]✓ 通过[/]", "[red]✗ 未通过[/]"),
            "en": ("[red]✗ unreadable[/]", "[green]✓ passed[/]", "[red]✗ failed[/]")}

BATCH_YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}

# html.py
HTML: dict[str, dict[str, str]] = {
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
HTML_LEGEND: dict[str, tuple[tuple[str, str], ...]] = {
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

# reuse_view.py
REUSE_VIEW = {
    "zh": {"title": "照搬与沿用", "none": "未与往年报告比对（使用 --history 或 --archive）", "ratio": "复制比",
           "without": "不含规定性表述", "largest": "最大来源", "item": "条目", "self": "沿用本单位往年",
           "all": "全部来源", "here": "本报告", "there": "来源", "line": "第{n}行", "more": "另有{n}处未显示",
           "self_kind": "本单位", "peer_kind": "其他单位", "sources": "比对来源",
           "v_high": "大部分文字沿用已有报告，应重写", "v_mid": "部分文字沿用已有报告，请核对标出的段落",
           "v_low": "未发现明显照搬", "bp": "规定性表述", "open": "（", "close": "）", "colon": "：", "sep": "；",
           "comma": "，"},
    "en": {"title": "Recycled text", "none": "not compared with earlier reports (use --history or --archive)",
           "ratio": "reuse ratio", "without": "without boilerplate", "largest": "largest source", "item": "item",
           "self": "own earlier reports", "all": "all sources", "here": "this report", "there": "source",
           "line": "line {n}", "more": "{n} more not shown", "self_kind": "same body", "peer_kind": "other body",
           "sources": "sources", "v_high": "most of the text is recycled: rewrite it",
           "v_mid": "part of the text is recycled: check the passages below", "v_low": "no notable recycling",
           "bp": "boilerplate", "open": " (", "close": ")", "colon": ": ", "sep": "; ", "comma": ", "},
}

# terminal.py
TERMINAL = {
    "zh": {
        "file": "文件", "org": "单位", "year": "年度", "published": "发布日期", "ruleset": "清单",
        "script": "文字", "simplified": "简体", "traditional": "繁体", "outline": "报告结构",
        "no_outline": "（未识别出编号标题）", "items": "清单条目", "item": "条目", "need": "要求",
        "required": "必报", "optional": "建议", "found": "结果", "where": "位置", "line": "第{n}行",
        "findings": "发现的问题", "none": "未发现问题", "error": "错误", "warning": "警告", "info": "提示",
        "score": "得分", "deductions": "扣分明细", "passed": "✓ 通过", "failed": "✗ 未通过",
        "verdict": "结论", "by": {"heading": "标题", "parts": "分列各部分", "passage": "段落", "markers": "原因表述"},
        "untitled": "（无标题行）", "count": "{n}处", "waived": "另已豁免 {n} 个问题",
        "n": "（{n}）", "colon": "：", "quote": "“{q}”", "note": "（{q}）",
    },
    "en": {
        "file": "file", "org": "body", "year": "year", "published": "published", "ruleset": "checklist",
        "script": "script", "simplified": "simplified", "traditional": "traditional", "outline": "Outline",
        "no_outline": "(no numbered headings found)", "items": "Checklist items", "item": "item",
        "need": "need", "required": "required", "optional": "recommended", "found": "found", "where": "where",
        "line": "line {n}", "findings": "Findings", "none": "no findings", "error": "errors",
        "warning": "warnings", "info": "notes", "score": "score", "deductions": "deductions",
        "passed": "✓ passed", "failed": "✗ failed", "verdict": "verdict",
        "by": {"heading": "heading", "parts": "spread over parts", "passage": "passage", "markers": "cause words"},
        "untitled": "(no title line)", "count": "{n} times", "waived": "{n} waived",
        "n": " ({n})", "colon": ": ", "quote": "'{q}'", "note": " ({q})",
    },
}


LABELS: dict[str, dict[str, Any]] = {"zh": ZH, "en": EN}


def labels(lang: str) -> dict[str, Any]:
    """The table of ``lang`` (Chinese for a language without one)."""
    return LABELS.get(lang, ZH)


# --- workbook.py (issue 11: the batch as an Excel workbook) — kept in one block to ease merging -------

WORKBOOK = {
    "zh": {
        "title": "检查结果汇总",
        "sheet.summary": "汇总", "sheet.findings": "问题明细", "sheet.reuse": "复制比",
        "file": "文件", "org": "单位", "year": "年度", "score": "得分", "verdict": "结论",
        "passed": "✓ 通过", "failed": "✗ 未通过", "unreadable": "✗ 无法读取",
        "present": "✓", "absent": "✗", "optional": "{name}（建议）",
        "error": "错误", "warning": "警告", "info": "提示",  # a finding's severity
        "n.error": "错误", "n.warning": "警告", "n.info": "提示",  # how many findings of it (column headers)
        "ratio": "复制比（不含规定性表述）", "ratio_self": "复制比：本单位往年（最高一份）",
        "ratio_peer": "复制比：其他单位（最高一份）", "page": "报告页面", "open": "打开", "why": "说明",
        "rule": "规则", "severity": "严重程度", "line": "行", "item": "条目", "evidence": "原文",
        "message": "问题说明", "points": "扣分",
        "chars": "字数", "item_ratio": "复制比（全部来源）", "item_self": "其中本单位往年",
        "whole": "全文", "no_reuse": "各报告均未与往年或其他单位的报告比对（批量检查同一单位多个年度的报告，或使用 --archive）。",
    },
    "en": {
        "title": "Batch summary",
        "sheet.summary": "Summary", "sheet.findings": "Findings", "sheet.reuse": "Reuse",
        "file": "file", "org": "body", "year": "year", "score": "score", "verdict": "verdict",
        "passed": "✓ passed", "failed": "✗ failed", "unreadable": "✗ unreadable",
        "present": "✓", "absent": "✗", "optional": "{name} (recommended)",
        "error": "error", "warning": "warning", "info": "note",
        "n.error": "errors", "n.warning": "warnings", "n.info": "notes",
        "ratio": "reuse ratio (without boilerplate)", "ratio_self": "reuse: own earlier years (largest)",
        "ratio_peer": "reuse: other bodies (largest)", "page": "report page", "open": "open", "why": "why",
        "rule": "rule", "severity": "severity", "line": "line", "item": "item", "evidence": "text",
        "message": "finding", "points": "points",
        "chars": "characters", "item_ratio": "reuse ratio (all sources)", "item_self": "of which own earlier years",
        "whole": "whole report", "no_reuse": "No report was compared with earlier or other reports (check several "
        "years of one body together, or use --archive).",
    },
}
