"""The words of the outputs, one table per language: everything the user reads that the checklist does
not say (the checklist's ``message``/``message_en`` templates word the findings).

``LABELS[lang]`` holds the words every output shares (how values in messages are written, why the gate
failed, the messages of the waiver file's own findings); each output's own words follow, one table per
output keyed by language (``TERMINAL["en"]``, ``HTML["zh"]`` …); then the command line's own lines
(``CLI``) and Typer's words (``USAGE``), which cli/ looks up by key. A new language is one more entry with
the same keys in each.
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
    "figures.reference.archive": "档案库同类报告",  # where substance.figures' median comes from
    "figures.reference.builtin": "内置参考",
    # why the gate failed
    "gate.failing": "存在{count}个{level}级别的问题（{rules}）",
    "gate.level.error": "错误",
    "gate.level.warning": "警告及以上",
    "gate.score": "得分{value:g}低于门槛{fail_under:g}",
    "rules_sep": "、",
    # rules no checklist describes: the waiver file's own findings
    "rule.waiver.expired": "豁免已于{expires}过期（{reviewer}：{reason}），该问题重新计入",
    "rule.waiver.stale": "豁免未匹配任何问题（{rule}，{waiver}），可能已失效，请从豁免文件中删除",
    # who accepted a waived finding (SARIF's justification, HTML and JUnit lists of waived findings)
    "waiver.accepted": "{reviewer}：{reason}（至{expires}）",
    # the correct text a finding suggests (style.* rules), under its message in every output
    "suggestion": "建议改为：{suggestion}",
}

EN: dict[str, Any] = {
    "list_sep": ", ",
    "year": "{}",
    "years.earlier": "earlier",
    "years.last_year": "last year's",
    "years.blank": "",
    "another_body": "another body",
    "figures.reference.archive": "archived reports'",
    "figures.reference.builtin": "built-in reference",
    "gate.failing": "{count} finding(s) at or above {level}: {rules}",
    "gate.level.error": "error",
    "gate.level.warning": "warning",
    "gate.score": "score {value:g} is below the threshold {fail_under:g}",
    "rules_sep": ", ",
    "rule.waiver.expired": "waiver expired on {expires} ({reviewer}: {reason}); the finding counts again",
    "rule.waiver.stale": "waiver matches no finding ({rule}, {waiver}): remove it",
    "waiver.accepted": "{reviewer}: {reason} (until {expires})",
    "suggestion": "Suggested: {suggestion}",
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

BATCH = {
    "zh": {"sep": "；", "count": "（{n}）", "tally": "共{n}份：通过{passed}份，未通过或无法读取{other}份"},
    "en": {"sep": "; ", "count": " ({n})", "tally": "{n} reports: {passed} passed, {other} failed or unreadable"},
}

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


# catalogue.py (``checker rules``)
CATALOGUE: dict[str, dict[str, Any]] = {
    "zh": {"columns": ("条目", "要求", "规则", "级别", "扣分", "依据"), "required": "必报", "optional": "建议",
           "kinds": "## 规则类型", "passes": "通过：", "reported": "报告问题："},
    "en": {"columns": ("item", "need", "rule", "severity", "points", "basis"), "required": "required",
           "optional": "recommended", "kinds": "## Rule kinds", "passes": "passes: ", "reported": "reported: "},
}

# --- the command line's own lines (cli/), by language ---------------------------------------------

CLI: dict[str, dict[str, Any]] = {
    "zh": {
        "error": "错误：{line}",
        "aborted": "已中断",
        "usage_error": "用法错误：{message}（运行 checker --help 查看用法）",
        "internal_error": "内部错误：{kind}: {error}（请附上报告文件反馈此问题；设置 CHECKER_DEBUG=1 可查看详情）",
        "one_stdout": "只有一种格式可以写到标准输出，其余请用 --output 指定文件",
        "many_need_dir": "多份报告的 {format} 输出需要用 --output 指定目录",
        "progress": "检查中",
        "line": "第{line}行",
        "no_line": "全文",
        # a file given to compare with that is not from an earlier year (check --history, diff)
        "not_earlier": "提醒：{path} 是{year}年的报告，不早于本报告 {report}（{report_year}年）：{why}",
        "not_earlier.self": "不是本单位往年报告，请检查文件是否选错或顺序颠倒",
        "not_earlier.peer": "比对只能说明两份报告雷同，不能说明谁照搬了谁",
        "waiver.written": "已写入豁免：{target}（{rule} {where} {evidence}，指纹 {fingerprint}）",
        "waiver.exists": "豁免已存在：{target}（{rule}，指纹 {fingerprint}），未重复写入",
        "config.file": "# 配置文件：{path}",
        "config.none": "（未找到，使用默认值）",
        "origin.default": "默认",
        "origin.command_line": "命令行",
        "archive.added": "{state}：{path}（#{id} {org} {year}）",
        "archive.new": "已存入",
        "archive.again": "已存在，未重复保存",
        "archive.no_org": "未识别单位",
        "archive.no_year": "未识别年度",
        "archive.title": "档案库 {path}",
        "archive.columns": ("#", "单位", "年度", "标题", "字数", "文件"),
        "cases.missing": "    缺少：{shown}",
        "cases.extra": "    多出：{finding}",
        "cases.passed": "{total} 个用例全部通过",
        "cases.failed": "{total} 个用例中 {failed} 个未通过",
    },
    "en": {
        "error": "error: {line}",
        "aborted": "aborted",
        "usage_error": "usage error: {message}",
        "internal_error": "internal error: {kind}: {error}",
        "one_stdout": "only one format may go to standard output",
        "many_need_dir": "{format} for several reports needs --output DIR",
        "progress": "checking",
        "line": "line {line}",
        "no_line": "whole report",
        "not_earlier": "warning: {path} is a {year} report, not earlier than {report} ({report_year}): {why}",
        "not_earlier.self": "it is no earlier report of this body; check the order of the files",
        "not_earlier.peer": "the comparison shows what the two share, not who copied whom",
        "waiver.written": "waiver written: {target} ({rule} {where} {evidence}, fingerprint {fingerprint})",
        "waiver.exists": "already waived: {target} ({rule}, fingerprint {fingerprint}); nothing written",
        "config.file": "# configuration file: {path}",
        "config.none": "(none found, defaults used)",
        "origin.default": "default",
        "origin.command_line": "command line",
        "archive.added": "{state}: {path} (#{id} {org} {year})",
        "archive.new": "added",
        "archive.again": "already in the archive, not added again",
        "archive.no_org": "body unknown",
        "archive.no_year": "year unknown",
        "archive.title": "archive {path}",
        "archive.columns": ("#", "body", "year", "title", "characters", "file"),
        "cases.missing": "    missing: {shown}",
        "cases.extra": "    unexpected: {finding}",
        "cases.passed": "all {total} cases passed",
        "cases.failed": "{failed} of {total} cases failed",
    },
}

# Typer's own words (cli/usage.py puts them in place): the labels of its help panels (constants of
# typer.rich_utils), its help option, the prefix of the usage line, and its usage errors by shape (the
# shapes are recognised in usage.py). A language with no ``help`` keeps Typer's English help; a shape
# with no entry in ``errors`` is shown as Typer says it.
USAGE: dict[str, dict[str, Any]] = {
    "zh": {
        "help": {
            "ARGUMENTS_PANEL_TITLE": "参数",
            "OPTIONS_PANEL_TITLE": "选项",
            "COMMANDS_PANEL_TITLE": "命令",
            "ERRORS_PANEL_TITLE": "错误",
            "REQUIRED_LONG_STRING": "[必填]",
            "DEFAULT_STRING": "[默认：{}]",
            "ENVVAR_STRING": "[环境变量：{}]",
            "DEPRECATED_STRING": "（已弃用）",
            "ABORTED_TEXT": "已中断。",
        },
        "help_option": "显示此帮助并退出。",
        "usage": "用法：",
        "hint": "，您是不是要找 {hint}？",
        "choices_sep": "、",
        "errors": {
            "choice": "{param} 的取值“{value}”无效（可选：{choices}）",
            "no_command": "没有这个命令：{name}",
            "missing_option": "缺少选项“{name}”",
            "missing_argument": "缺少参数“{name}”",
            "missing_parameter": "缺少参数“{name}”",
            "no_option": "没有这个选项：{name}",
            "needs_value": "选项 {name} 需要一个值",
            "takes_no_value": "选项 {name} 不接受值",
            "extra_arguments": "多余的参数：{args}",
            "missing_command": "缺少命令",
            "too_large": "{param} 的值不能大于 {n}",
            "too_small": "{param} 的值不能小于 {n}",
            "not_a_number": "{param} 的值应为数字",
            "bad_date": "{param} 的格式无效（日期应为 YYYY-MM-DD）",
            "invalid": "{param} 的值无效：{what}",
        },
    },
    "en": {
        "help": {},
        "help_option": "Show this message and exit.",
        "usage": "Usage: ",
        "hint": "; did you mean {hint}?",
        "choices_sep": ", ",
        "errors": {
            "choice": "invalid value for {param}: '{value}' is not one of {choices}",
            "no_command": "no such command '{name}'",
        },
    },
}


LABELS: dict[str, dict[str, Any]] = {"zh": ZH, "en": EN}


def labels(lang: str) -> dict[str, Any]:
    """The table of ``lang`` (Chinese for a language without one)."""
    return LABELS.get(lang, ZH)


def cli_words(lang: str) -> dict[str, Any]:
    """The command line's lines in ``lang`` (Chinese for a language without a table)."""
    return CLI.get(lang, CLI["zh"])


def usage_words(lang: str) -> dict[str, Any]:
    """Typer's words in ``lang`` (Chinese for a language without a table)."""
    return USAGE.get(lang, USAGE["zh"])


# --- serve/ (issue 12): the service's own lines; its pages take the rest of their words from serve/pages.py's
# table, which is theirs alone -------------------------------------------------------------------------
LANGUAGES = ("zh", "en")

SERVE: dict[str, dict[str, str]] = {
    "zh": {
        "no_token": "缺少令牌或令牌错误（请求头 Authorization: Bearer <令牌>）",
        "busy": "服务繁忙：排队等候的检查已满，请稍后再试",
        "internal": "内部错误：检查未能完成（详情见服务日志）",
        "html_lang": "zh-CN",
    },
    "en": {
        "no_token": "missing or wrong token (header Authorization: Bearer <token>)",
        "busy": "busy: the queue is full, try again later",
        "internal": "internal error: the check could not be completed (see the service's log)",
        "html_lang": "en",
    },
}


def known_language(value: str | None) -> str:
    """The language asked for (``?lang=``), if there is a label table for it; else Chinese."""
    return value if value in LANGUAGES else "zh"


def serve_words(lang: str) -> dict[str, str]:
    return SERVE.get(lang, SERVE["zh"])
