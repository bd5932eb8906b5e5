"""The normalise stage: each step on its own, the real seed reports, and properties of the offset map."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.model import Document, Extracted
from checker.text.normalize import fold, is_cjk, normalise
from tests.conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
SEED_SCRIPTS = {"003": "traditional"}  # expected.yaml: every other seed is simplified
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\r"


def norm(text: str) -> str:
    return normalise(Extracted(path=None, format="txt", text=text)).norm


def check_map(doc: Document) -> None:
    """The contract of Document.to_text, and that each kept character comes from where it points."""
    text, to_text = doc.text, doc.to_text
    assert len(to_text) == len(doc.norm) + 1
    assert to_text[-1] == len(text)
    assert all(0 <= a < b for a, b in zip(to_text, to_text[1:-1], strict=False))
    assert not doc.norm or to_text[-2] < len(text)
    for i, ch in enumerate(doc.norm):
        src = text[to_text[i]]
        # t2s converts phrases in context (憑藉 → 凭借 while 藉 alone stays), so a Han character may become
        # another Han character than it would alone; everything else is exactly the folded source char.
        assert ch == fold(src) or (is_cjk(src) and is_cjk(ch)), (i, ch, src)


# --- each step ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("（一）加强组织领导", "(一)加强组织领导", id="fullwidth-parens"),
        pytest.param(
            "２０２３年，我局：一是；二是！三是？", "2023年,我局:一是;二是!三是?", id="fullwidth-digits-punct"
        ),
        pytest.param("ＡＢＣ ｄｅｆ", "ABC def", id="fullwidth-latin"),
        pytest.param("“阳光政府”。《条例》、〔2020〕", "“阳光政府”。《条例》、〔2020〕", id="cjk-punct-kept"),
        pytest.param("Word\u00a02016", "Word 2016", id="nbsp-to-space"),
        pytest.param("民政局\u30002023\u3000年", "民政局2023年", id="ideographic-space"),
        pytest.param("\u2f08\u2f24", "人大", id="kangxi-radicals"),
    ],
)
def test_width_folding(text: str, expected: str) -> None:
    assert norm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("法治\u200b政府\u200d建设", "法治政府建设", id="zero-width-space-joiner"),
        pytest.param("\ufeff工作报告", "工作报告", id="bom"),
        pytest.param("第一段。\r\n第二段。\r\n", "第一段。\n第二段。", id="crlf"),
    ],
)
def test_zero_width_and_cr_deleted(text: str, expected: str) -> None:
    assert norm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2023 年", "2023年", id="digit-cjk"),
        pytest.param("坡头民政局 2023 年法治", "坡头民政局2023年法治", id="cjk-digit-cjk"),
        pytest.param("社会组织 143 个", "社会组织143个", id="count"),
        pytest.param("法治 \t 政府", "法治政府", id="cjk-tab-cjk"),
        pytest.param("106人次 ,切实", "106人次,切实", id="cjk-space-comma"),
        pytest.param("( 一 ) 加强", "(一)加强", id="spaced-marker"),
        pytest.param("Word 2016", "Word 2016", id="latin-number-kept"),
        pytest.param("使用 Word 2016 办公", "使用 Word 2016办公", id="latin-next-to-cjk-kept"),
        pytest.param("发布日期:2024-01-12 16:48", "发布日期:2024-01-12 16:48", id="date-time-kept"),
    ],
)
def test_stray_spaces(text: str, expected: str) -> None:
    assert norm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("\n\n  标题  \n\n\n正文。 \n\n", "标题\n正文。", id="strip-and-blank"),
        pytest.param("   ", "", id="only-spaces"),
        pytest.param("", "", id="empty"),
        pytest.param("正文。\n- 3 -\n下文。", "正文。\n下文。", id="page-dash"),
        pytest.param("正文。\n— 3 —\n下文。", "正文。\n下文。", id="page-em-dash"),
        pytest.param("正文。\n第 3 页\n下文。", "正文。\n下文。", id="page-cn"),
        pytest.param("正文。\n第3页 共12页\n下文。", "正文。\n下文。", id="page-cn-of"),
        pytest.param("正文。\n3/12\n下文。", "正文。\n下文。", id="page-fraction"),
        pytest.param("正文。\n2023\n下文。", "正文。\n2023\n下文。", id="bare-year-kept"),
    ],
)
def test_lines(text: str, expected: str) -> None:
    assert norm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "创新载体，规范依法行政工作。一是严格执行依法决策\n\n制度。建立完善重大决策合法性审查。",
            "创新载体,规范依法行政工作。一是严格执行依法决策制度。建立完善重大决策合法性审查。",
            id="001-broken-sentence",
        ),
        pytest.param(
            "依法化解各类社会矛盾纠纷。在实际工作中，我局认真\n\n贯彻落实《中华人民共和国行政复议法》，引导民政对象。",
            "依法化解各类社会矛盾纠纷。在实际工作中,我局认真贯彻落实《中华人民共和国行政复议法》,引导民政对象。",
            id="001-broken-before-title-mark",
        ),
        pytest.param(
            "一是执法覆盖面不够。目前主要集中在社会组织领域，\n\n殡葬、区划、救助、养老等领域的执法少。",
            "一是执法覆盖面不够。目前主要集中在社会组织领域,殡葬、区划、救助、养老等领域的执法少。",
            id="001-ends-with-comma",
        ),
        pytest.param(
            "在实际工作中，我局认真\n\n- 3 -\n\n贯彻落实行政复议法。",
            "在实际工作中,我局认真贯彻落实行政复议法。",
            id="across-page-number",
        ),
        pytest.param(
            "（三）优化法制培训方式。组织旁听，导致存在法律风险的问\n\n题，计划全年开展不少于 100 次法治课堂活动。",
            "(三)优化法制培训方式。组织旁听,导致存在法律风险的问题,计划全年开展不少于100次法治课堂活动。",
            id="001-run-in-heading-broken",
        ),
        pytest.param(
            "(一)深入学习贯彻习近平法治思想，\n统筹推进法治政府建设\n加强组织领导。",
            "(一)深入学习贯彻习近平法治思想,统筹推进法治政府建设\n加强组织领导。",
            id="wrapped-heading",
        ),
    ],
)
def test_broken_lines_joined(text: str, expected: str) -> None:
    assert norm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "全面落实依法行政各项目标任务，\n\n一、2023 年法治政府建设主要情况",
            "全面落实依法行政各项目标任务,\n一、2023年法治政府建设主要情况",
            id="body-comma-before-heading",
        ),
        pytest.param(
            "\n\n广东省湛江市坡头区民政局\n\n坡头民政局 2023 年法治政府建设工作报告\n\n2023 年，在区委、区政府的正确领导下，"
            "现将 2023 年法治政府建设工作报告如下：\n\n一、2023 年法治政府建设主要情况\n\n",
            "广东省湛江市坡头区民政局\n坡头民政局2023年法治政府建设工作报告\n"
            "2023年,在区委、区政府的正确领导下,现将2023年法治政府建设工作报告如下:\n一、2023年法治政府建设主要情况",
            id="001-org-and-title-lines",
        ),
        pytest.param(
            "二、存在的不足和原因\n\n一年来，虽然法治政府建设工作取得了一定成就，但是与建设现代化法治城区有一定的差距：\n\n"
            "一是执法覆盖面不够。",
            "二、存在的不足和原因\n一年来,虽然法治政府建设工作取得了一定成就,但是与建设现代化法治城区有一定的差距:\n"
            "一是执法覆盖面不够。",
            id="001-heading-and-colon",
        ),
        pytest.param(
            "(一)、深入学习贯彻习近平法治思想情况，深入贯彻落实党的二十大关于法治建设重大部署的情况\n\n加强组织领导，强化责任保障。",
            "(一)、深入学习贯彻习近平法治思想情况,深入贯彻落实党的二十大关于法治建设重大部署的情况\n加强组织领导,强化责任保障。",
            id="001-heading-with-comma",
        ),
        pytest.param(
            "一是做好工作规划，加强领导\n二是落实主体责任。",
            "一是做好工作规划,加强领导\n二是落实主体责任。",
            id="next-starts-inline-enumeration",
        ),
        pytest.param(
            "发布日期:2024-01-12 16:48 来源:潜江市民政局\n\n今年以来,在市委、市政府领导下,我局坚持依法行政。",
            "发布日期:2024-01-12 16:48来源:潜江市民政局\n今年以来,在市委、市政府领导下,我局坚持依法行政。",
            id="002-label-line",
        ),
        pytest.param(
            "他指出，“要依法行政。”\n下一段内容，继续推进。",
            "他指出,“要依法行政。”\n下一段内容,继续推进。",
            id="closing-quote-after-full-stop",
        ),
        pytest.param(
            "市民政局关于2023年法治政府建设工作情况报告\n今年以来，我局坚持依法行政。",
            "市民政局关于2023年法治政府建设工作情况报告\n今年以来,我局坚持依法行政。",
            id="title-without-punctuation",
        ),
    ],
)
def test_lines_kept_apart(text: str, expected: str) -> None:
    assert norm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "script"),
    [
        pytest.param("重慶市長壽區民政局", "重庆市长寿区民政局", "traditional", id="traditional-title"),
        pytest.param("重庆市长寿区民政局", "重庆市长寿区民政局", "simplified", id="simplified-title"),
        pytest.param(
            "本局依法行政。" * 100 + "臺灣", "本局依法行政。" * 100 + "台湾", "simplified", id="quoted-name"
        ),
        pytest.param(
            "依法行政，全憑\n藉此推進。", "依法行政,全凭借此推进。", "traditional", id="phrase-across-join"
        ),
        pytest.param("懷釐", "怀厘", "traditional", id="converted-until-stable"),
    ],
)
def test_traditional_to_simplified(text: str, expected: str, script: str) -> None:
    doc = normalise(Extracted(path=None, format="txt", text=text))
    assert (doc.norm, doc.script) == (expected, script)


def test_fold() -> None:
    assert fold("（一）長壽區　Ｗｏｒｄ") == "(一)长寿区 Word"
    assert fold("法治政府") == "法治政府"


@pytest.mark.parametrize(
    ("ch", "expected"),
    [
        ("中", True),
        ("長", True),
        ("〇", True),
        ("\U00020000", True),
        ("a", False),
        ("，", False),
        ("", False),
    ],
)
def test_is_cjk(ch: str, expected: bool) -> None:
    assert is_cjk(ch) is expected


def test_line_starts_and_spans() -> None:
    text = "\n标题 2023 年\r\n\n正文，我局认真\n贯彻落实。\n"
    doc = normalise(Extracted(path=None, format="txt", text=text))
    assert doc.line_starts == (0, 1, 12, 13, 21, 27)
    assert doc.norm == "标题2023年\n正文,我局认真贯彻落实。"
    assert doc.written(0, 7) == "标题 2023 年"
    assert doc.line_of(doc.text_span(8, 9)[0]) == 4
    assert doc.written(8, len(doc.norm)) == "正文，我局认真\n贯彻落实。"


# --- the real reports -----------------------------------------------------------------------------


@pytest.fixture(scope="module", params=SEED_FILES, ids=lambda p: p.name[:3])
def seed(request: pytest.FixtureRequest) -> Document:
    path: Path = request.param
    return normalise(Extracted(path=str(path), format="txt", text=path.read_text(encoding="utf-8")))


def test_seed_map(seed: Document) -> None:
    check_map(seed)
    # On the seeds no phrase needs context: every character is exactly its folded source.
    assert all(ch == fold(seed.text[j]) for ch, j in zip(seed.norm, seed.to_text, strict=False))


def test_seed_lines(seed: Document) -> None:
    lines = seed.norm.split("\n")
    assert len(lines) > 10
    assert all(line and line == line.strip() for line in lines)
    assert seed.script == SEED_SCRIPTS.get(Path(str(seed.source.path)).name[:3], "simplified")
    assert seed.line_starts[0] == 0 and len(seed.line_starts) == seed.text.count("\n") + 1


def test_seed_001_joins() -> None:
    path = next(p for p in SEED_FILES if p.name.startswith("001"))
    doc = normalise(Extracted(path=str(path), format="txt", text=path.read_text(encoding="utf-8")))
    lines = doc.norm.split("\n")
    assert lines[:2] == ["广东省湛江市坡头区民政局", "坡头民政局2023年法治政府建设工作报告"]
    assert "一、2023年法治政府建设主要情况" in lines and "二、存在的不足和原因" in lines
    assert any(line.startswith("一年来,") and line.endswith("差距:") for line in lines)
    for joined in (
        "一是严格执行依法决策制度。建立完善",
        "我局认真贯彻落实《中华人民共和国行政复议法》",
        "目前主要集中在社会组织领域,殡葬、区划",
        "实施一年后和到期半年前的评估工作",
        "法律风险的问题,计划全年",
    ):
        assert joined in doc.norm
    title = doc.norm.index("坡头民政局2023")
    assert doc.written(title, title + len(lines[1])) == "坡头民政局 2023 年法治政府建设工作报告"


# --- properties -----------------------------------------------------------------------------------

CHARS = (
    "法治政府建设报告民政局年是第页共一二三十〇"  # simplified
    "長壽區國與發憑藉深沈懷釐薴頁"  # traditional, incl. phrases and two-step conversions
    "abcXYZ0123456789"
    "，。：；！？（）１２Ａ、“”《》〔〕—–-/.,;:!?()"
    " \t\u3000\u00a0\n\r\u200b\ufeff"
)
TOKENS = [
    "一、",
    "(一)",
    "（二）、",
    "一是",
    "二是",
    "1.",
    "2023 年",
    "\n\n- 3 -\n\n",
    "第 3 页",
    "3/12",
    "憑藉",
    "懷釐",
    "Word 2016",
    "，\n",
    "\n\n",
    "。\n",
]
texts = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(alphabet=CHARS, max_size=12)), max_size=25).map(
    "".join
)
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PAGE_LIKE = re.compile(r"[-–—―\d第页頁共/,\s]*\d[-–—―\d第页頁共/,\s]*")


@PROPERTY
@given(texts)
def test_map_invariants(text: str) -> None:
    doc = normalise(Extracted(path=None, format="txt", text=text))
    check_map(doc)
    assert "\n\n" not in doc.norm and doc.norm == doc.norm.strip()


@PROPERTY
@given(texts)
def test_idempotent(text: str) -> None:
    once = norm(text)
    assert norm(once) == once


@PROPERTY
@given(texts)
def test_only_whitespace_and_page_numbers_deleted(text: str) -> None:
    """Characters are only dropped if they are spaces, zero-width, or on a line dropped as a page number."""
    doc = normalise(Extracted(path=None, format="txt", text=text))
    kept = set(doc.to_text[:-1])
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        dropped = [
            c for j, c in enumerate(line, start) if j not in kept and not c.isspace() and c not in ZERO_WIDTH
        ]
        if dropped:  # then nothing of the line is kept, and it reads as a page number
            assert not kept.intersection(range(start, end)), (line, dropped)
            # zero-width characters go before the page-number test (hypothesis found '第 3 页\ufeff')
            assert PAGE_LIKE.fullmatch(fold("".join(c for c in line if c not in ZERO_WIDTH))), line
        start = end + 1


@PROPERTY
@given(texts)
def test_written_round_trip(text: str) -> None:
    """Each paragraph's written span, minus spaces and dropped lines, folds back to the paragraph."""
    doc = normalise(Extracted(path=None, format="txt", text=text))
    kept = set(doc.to_text[:-1])
    n_start = 0
    for paragraph in doc.norm.split("\n"):
        n_end = n_start + len(paragraph)
        s, e = doc.text_span(n_start, n_end)
        assert doc.written(n_start, n_end) == text[s:e]
        n_start = n_end + 1
        # a page-number line dropped inside a joined paragraph stays in its written span: skip those
        if all(j in kept for j in range(s, e) if not text[j].isspace() and text[j] not in ZERO_WIDTH):
            written = re.sub(rf"[\s{ZERO_WIDTH}]+", "", text[s:e])
            assert fold(written) == re.sub(r"\s+", "", paragraph)


def test_circled_number_heading_found_by_the_fuzzer() -> None:
    from checker.text.markers import leading_marker, ordinal

    assert ordinal("①") == 1 and ordinal("⑳") == 20 and ordinal("12") == 12
    assert leading_marker("① 加强学习") == ("circled", "① ", 1)
