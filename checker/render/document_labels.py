"""The words of the documents a reviewer sends on — the commented Word draft, the Excel workbook, the
printable PDF — and of the totals card that opens a report: one table per language, like labels.py.

Apart from labels.py only to keep each table module readable; the rule is the same: no renderer words
anything itself.
"""

from __future__ import annotations

from typing import Any

# --- Word output (render/word.py): review comments in the draft ------------------------------------
# Kept in a block of its own so that it merges cleanly with the CLI strings moving into this module.

WORD: dict[str, dict[str, Any]] = {
    "zh": {
        "author": "报告检查", "initials": "检",
        "error": "错误", "warning": "警告", "info": "提示",
        "head": "【{severity}{points}】{message}", "points": "·扣{points:g}分",
        "basis": "依据：{basis}", "key": "规则 {rule}　指纹 {fingerprint}",
        "score": "得分 {value:g} / 100，结论：{verdict}", "passed": "通过", "failed": "未通过", "reason": "（{reason}）",
        "missing": "缺少的必报内容：{items}", "complete": "必报内容齐全。", "list_sep": "、",
        "count": "共{n}个问题，已逐条批注在所指的文字上。", "waived": "另有{n}个问题已豁免。",
        "reply": "不同意某条意见：在批注中回复理由，并用 checker waive --rule 规则 --evidence 原文 写入豁免文件。",
        "reuse": "【雷同】与{source}第{line}行雷同（相似度{similarity:.0%}）：“{there}”",
        "source": "{org}{year}报告", "year": "{}年", "missing_here": "（未找到该部分，批注在它前一部分的标题上）",
    },
    "en": {
        "author": "checker", "initials": "CK",
        "error": "error", "warning": "warning", "info": "note",
        "head": "[{severity}{points}] {message}", "points": ", −{points:g} points",
        "basis": "Basis: {basis}", "key": "rule {rule}, fingerprint {fingerprint}",
        "score": "Score {value:g} / 100, verdict: {verdict}", "passed": "passed", "failed": "failed",
        "reason": " ({reason})",
        "missing": "Missing required parts: {items}", "complete": "All required parts are present.",
        "list_sep": "; ",
        "count": "{n} finding(s), each commented on the words it is about.", "waived": "{n} more waived.",
        "reply": "To disagree: reply in the comment, and record a waiver with checker waive --rule RULE --evidence TEXT.",
        "reuse": "[recycled] Same as {source}, line {line} (similarity {similarity:.0%}): '{there}'",
        "source": "{org} {year} report", "year": "{}", "missing_here": " (not found: commented on the heading of the part before it)",
    },
}


# --- issue 11: the totals card (html.py and reuse_view.py) and the PDF (pdf.py) ---------------------
# Kept in one block of its own so that it merges cleanly with the CLI strings moving into this file.

# The card that leads a report's page and its terminal view, as CNKI's report card does: the totals first.
CARD = {
    "zh": {"title": "文字复制检测", "ratio": "总文字复制比", "without": "不含规定性表述", "self": "本单位往年",
           "peer": "其他单位", "chars": "总字数", "reused": "重复字数", "suspect": "疑似段落数",
           "largest": "最大来源", "none": "—", "colon": "：", "sep": "　", "detail": "（详见“照搬与沿用”）"},
    "en": {"title": "Text reuse", "ratio": "reuse ratio", "without": "without boilerplate",
           "self": "own earlier reports", "peer": "other bodies", "chars": "characters",
           "reused": "reused characters", "suspect": "suspect passages", "largest": "largest source",
           "none": "—", "colon": ": ", "sep": "   ", "detail": " (see Recycled text)"},
}

# pdf.py: errors are one line (the CLI names the output file before them)
PDF = {
    "zh": {
        "no_browser": "生成 PDF 需要 Chromium 浏览器，但未找到（Debian/Ubuntu：sudo apt-get install chromium；"
                      "或用环境变量 CHECKER_CHROMIUM 指定其路径；也可改用 --format html 后在浏览器中打印）",
        "timeout": "Chromium 在 {n} 秒内未能生成 PDF，请重试或改用 --format html 后在浏览器中打印",
        "failed": "Chromium 未能生成 PDF（{why}），请改用 --format html 后在浏览器中打印",
        "needs_file": "PDF 输出需要用 --output 指定文件（如 --output 报告.pdf）",
        "one_report": "PDF 输出只能包含一份报告；多份报告请用 --format html 输出目录",
    },
    "en": {
        "no_browser": "PDF output needs the Chromium browser, which was not found (Debian/Ubuntu: sudo apt-get "
                      "install chromium; or set CHECKER_CHROMIUM to its path; or use --format html and print it)",
        "timeout": "Chromium did not make the PDF within {n} seconds; try again, or use --format html and print it",
        "failed": "Chromium could not make the PDF ({why}); use --format html and print it",
        "needs_file": "PDF output needs --output FILE (e.g. --output report.pdf)",
        "one_report": "PDF output holds one report; for several, use --format html with a folder",
    },
}


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
        "message": "问题说明", "suggestion": "建议改为", "points": "扣分",
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
        "message": "finding", "suggestion": "suggested text", "points": "points",
        "chars": "characters", "item_ratio": "reuse ratio (all sources)", "item_self": "of which own earlier years",
        "whole": "whole report", "no_reuse": "No report was compared with earlier or other reports (check several "
        "years of one body together, or use --archive).",
    },
}
