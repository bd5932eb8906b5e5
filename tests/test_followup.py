"""Follow-through across years: last year's shortfalls and plan against this year's report.

Reports are built through the real stages (read → normalise → meta → outline → locate) with the real
pkuseg segmenter. The 宝安 reports in tests/data/followup are written for the project: a 2023 report with
three shortfalls (一是…二是…三是…) and a three-item plan, the same in (一)(二)(三) form and in traditional
script, and 2024 reports that answer two, all or (without a rectification part) some of them.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from checker.followup import KINDS, follow_up
from checker.model import Analysed, FollowUp
from checker.outline.headings import build_outline
from checker.outline.locate import locate
from checker.outline.meta import detect_meta
from checker.readers import read_bytes
from checker.rules import checklist
from checker.text import nlp
from checker.text.normalize import normalise

DATA = Path(__file__).parent / "data" / "followup"

THIRD = "三是行政复议和行政应诉专业力量不足,全局仅有2名持有法律职业资格证书的工作人员,2023年行政诉讼案件败诉2宗"
THIRD_PAREN = "(三)" + THIRD.removeprefix("三是")
THIRD_HANT = "三是行政複議和行政應訴專業力量不足，全局僅有2名持有法律職業資格證書的工作人員，2023年行政訴訟案件敗訴2宗"
SECOND = "二是普法宣传形式较为单一,群众参与度不高"


def analysed(text: str) -> Analysed:
    doc = normalise(read_bytes(text.encode(), "x.txt", fmt="txt"))
    outline = build_outline(doc, detect_meta(doc))
    sections = locate(doc, outline, checklist.load("national").items, nlp.token_bounds)
    return Analysed(doc, outline, sections)


@functools.cache
def report(name: str) -> Analysed:
    return analysed((DATA / name).read_text(encoding="utf-8"))


def run(current: str | Analysed, previous: str | Analysed, source: int = 0) -> tuple[FollowUp, ...]:
    cur = report(current) if isinstance(current, str) else current
    prev = report(previous) if isinstance(previous, str) else previous
    return follow_up(cur, prev, source, nlp.tokens)


def items(found: tuple[FollowUp, ...], kind: str) -> list[str]:
    return [f.item for f in found if f.kind == kind]


# --- unanswered shortfalls -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("previous", "third"),
    [("baoan_2023.txt", THIRD), ("baoan_2023_paren.txt", THIRD_PAREN), ("baoan_2023_hant.txt", THIRD_HANT)],
    ids=["inline-items", "paren-items", "traditional"],
)
def test_two_of_three_answered_leaves_the_third(previous: str, third: str) -> None:
    """THE ACCEPTANCE CASE: the 2024 rectification part answers two of three 2023 shortfalls."""
    found = run("baoan_2024.txt", previous, source=3)
    unanswered = [f for f in found if f.kind == "unanswered_shortfall"]
    assert [f.item for f in unanswered] == [third]
    f = unanswered[0]
    prev = report(previous)
    assert prev.doc.text[f.source_start : f.source_end] == third  # offsets into the text as written
    assert f.source_line == prev.doc.text.count("\n", 0, f.source_start) + 1
    assert f.source == 3 and f.start is None


def test_all_answered_gives_nothing() -> None:
    assert run("baoan_2024_all.txt", "baoan_2023.txt") == ()
    # the same previous report does yield follow-ups against a report that answers less
    assert items(run("baoan_2024.txt", "baoan_2023.txt"), "unanswered_shortfall") == [THIRD]


def test_without_rectification_part_the_measures_answer() -> None:
    """No rectification part: the measures mention the 文书 and 复议应诉 shortfalls, not the 普法 one.

    The plan of that report promises to fix the 普法 one ("创新普法宣传形式"): a promise is no answer.
    """
    assert report("baoan_2024_norect.txt").section("prior_rectification").present is False  # type: ignore[union-attr]
    assert items(run("baoan_2024_norect.txt", "baoan_2023.txt"), "unanswered_shortfall") == [SECOND]


# A rectification sentence answers a shortfall when it names the same thing, in other words if need be.
PARAPHRASES = [
    ("执法文书不够规范", "针对执法文书不规范问题,修订文书模板5种。", True),
    ("执法文书不够规范", "针对执法文本不够规范的问题,统一制发文本模板。", True),  # near word for word
    ("执法文书不够规范,主要原因是新入职执法队员较多、岗前培训时间较短",  # the cause is not the problem
     "针对执法文书不规范问题,修订文书模板5种。", True),
    ("执法文书不够规范", "针对普法形式单一问题,制作普法短视频12期。", False),
    ("普法宣传形式较为单一", "创新普法宣传形式,推出“以案释法”短视频专栏,全年发布36期。", True),
    ("行政复议应诉专业力量不足", "引进法律专业人才2名,聘请律师事务所协助办理行政复议和应诉案件。", True),
    ("行政复议应诉专业力量不足", "全年办理行政复议案件41件,按时答复率100%。", False),
    ("行政复议和行政应诉专业力量不足,持有法律职业资格证书的人员较少",  # two words of many: not enough
     "全年办理行政复议和行政应诉案件53件,均在法定期限内办结。", False),
    ("跨部门执法协作有待完善", "与市场监管、住建等部门建立联合执法协作机制,开展联合执法12次。", True),
    ("重大行政决策程序执行不够严格", "修订重大行政决策程序规定,全年5项重大行政决策均履行法定程序。", True),
    ("重大行政决策程序执行不够严格", "开展执法案卷评查2次,整改问题案卷12宗。", False),
    ("执法人员法律素养参差不齐", "组织执法人员参加法律知识培训6期,全员通过执法资格考试。", True),
    ("执法人员法律素养参差不齐", "针对年度报告内容与上年雷同的问题,重新梳理并重新挂网发布。", False),
]


def pair(last_year: str, this_year: str, *, rectification: bool = True) -> tuple[Analysed, Analysed]:
    """A body's 2023 report with one shortfall, and its 2024 report with ``this_year`` as its one
    rectification sentence (or, with ``rectification=False``, as its one shortfall)."""
    previous = analysed(
        "坪山区司法局2023年法治政府建设年度报告\n"
        "一、2023年推进法治政府建设的主要举措和成效\n全年开展集体学法12次,办理行政复议案件36件。\n"
        f"二、存在的不足和原因\n一是{last_year}。主要原因是业务培训不够系统。\n"
        "三、2024年工作计划\n一是推进公共法律服务体系建设。\n"
    )
    if rectification:
        middle = (f"二、2023年度存在问题整改情况\n{this_year}\n"
                  "三、2024年度存在的不足和原因\n一是基层公共法律服务资源分布不均。\n")
    else:
        middle = f"二、2024年度存在的不足和原因\n一是{this_year}。\n"
    current = analysed(
        "坪山区司法局2024年法治政府建设年度报告\n"
        "一、2024年推进法治政府建设的主要举措和成效\n全年开展集体学法14次,建成公共法律服务站点21个。\n"
        f"{middle}四、2025年工作计划\n一是推进公共法律服务体系建设。\n"
    )
    return current, previous


@pytest.mark.parametrize(("last_year", "this_year", "answered"), PARAPHRASES,
                         ids=[f"{a[:6]}-{'yes' if ok else 'no'}-{i}" for i, (a, _, ok) in enumerate(PARAPHRASES)])
def test_answered_on_content_words(last_year: str, this_year: str, answered: bool) -> None:
    current, previous = pair(last_year, this_year)
    assert current.section("prior_rectification").present  # type: ignore[union-attr]
    unanswered = items(follow_up(current, previous, 0, nlp.tokens), "unanswered_shortfall")
    assert unanswered == ([] if answered else [f"一是{last_year}"])


def test_shortfalls_without_items_are_split_into_sentences() -> None:
    previous = analysed(
        "坪山区司法局2023年法治政府建设年度报告\n"
        "一、2023年推进法治政府建设的主要举措和成效\n全年开展集体学法12次,办理行政复议案件36件。\n"
        "二、存在的不足和原因\n我局法治政府建设取得一定成效,但仍存在一些不足。执法文书不够规范,部分案卷存在程序"
        "瑕疵;普法宣传形式较为单一。主要原因是业务培训不够系统。\n"
        "三、2024年工作计划\n推进公共法律服务体系建设。\n"
    )
    current, _ = pair("执法文书不够规范", "针对执法文书不规范问题,修订文书模板5种,整改存在程序瑕疵的案卷12宗。")
    found = follow_up(current, previous, 0, nlp.tokens)
    assert items(found, "unanswered_shortfall") == ["普法宣传形式较为单一"]


def test_a_bare_heading_is_read_with_its_first_sentence() -> None:
    """"(一)执法方面。" names no problem: its first sentence does, and only that sentence answers it."""
    previous = analysed(
        "坪山区司法局2023年法治政府建设年度报告\n"
        "一、2023年推进法治政府建设的主要举措和成效\n全年开展集体学法12次,办理行政复议案件36件。\n"
        "二、存在的不足和原因\n(一)执法方面。执法文书不够规范,部分案卷存在程序瑕疵。\n"
        "(二)普法方面。普法宣传形式较为单一,群众参与度不高。\n"
        "三、2024年工作计划\n一是推进公共法律服务体系建设。\n"
    )
    current, _ = pair("执法文书不够规范", "组织执法人员参加业务培训3期;创新普法宣传形式,推出普法短视频36期。")
    assert items(follow_up(current, previous, 0, nlp.tokens), "unanswered_shortfall") == ["(一)执法方面"]


def test_items_are_the_parts_at_the_shallowest_level() -> None:
    """(一)(二)(三) with 一是…二是… inside: the (一)(二)(三) are the items, their details are not."""
    previous = analysed(
        "坪山区司法局2023年法治政府建设年度报告\n"
        "一、2023年推进法治政府建设的主要举措和成效\n全年开展集体学法12次,办理行政复议案件36件。\n"
        "二、存在的不足和原因\n(一)行政执法规范化程度不高。一是执法文书制作不够规范,二是部分案卷存在程序瑕疵。\n"
        "(二)普法宣传针对性不强。一是普法形式较为单一,二是群众参与度不高。\n"
        "(三)法律顾问作用发挥不充分。\n"
        "三、2024年工作计划\n一是推进公共法律服务体系建设。\n"
    )
    current, _ = pair("执法文书不够规范", "针对行政执法不规范问题,开展执法案卷评查2次。加强普法宣传,开展以案释法活动12场。")
    found = follow_up(current, previous, 0, nlp.tokens)
    assert items(found, "unanswered_shortfall") == ["(三)法律顾问作用发挥不充分"]


def test_a_part_nested_in_the_shortfalls_is_not_a_shortfall() -> None:
    """A report that puts its plan as the last sub-part of its shortfalls part."""
    previous = analysed(
        "坪山区司法局2023年法治政府建设年度报告\n"
        "一、2023年推进法治政府建设的主要举措和成效\n全年开展集体学法12次,办理行政复议案件36件。\n"
        "二、存在的不足\n(一)执法文书不够规范,部分案卷存在程序瑕疵。\n(二)普法宣传形式较为单一。\n"
        "(三)下一步工作打算。建设社区法治文化公园3个,开展法律明白人培训。\n"
    )
    assert previous.section("next_year_plan").heading == "(三)下一步工作打算。"  # type: ignore[union-attr]
    current, _ = pair("执法文书不够规范", "针对执法文书不规范、案卷程序瑕疵问题,修订文书模板5种;"
                                          "创新普法宣传形式,推出普法短视频36期。")
    assert items(follow_up(current, previous, 0, nlp.tokens), "unanswered_shortfall") == []
    assert items(follow_up(current, previous, 0, nlp.tokens), "unreported_plan") == ["建设社区法治文化公园3个,开展法律明白人培训"]


# --- repeated shortfalls ---------------------------------------------------------------------------


def test_repeated_word_for_word() -> None:
    found = run("baoan_2024_norect.txt", "baoan_2023.txt")
    repeated = [f for f in found if f.kind == "repeated_shortfall"]
    assert [f.item for f in repeated] == [SECOND]
    f = repeated[0]
    current = report("baoan_2024_norect.txt")
    assert f.start is not None and f.end is not None
    assert current.doc.text[f.start : f.end] == "一是普法宣传形式较为单一,群众参与度不高"
    assert f.line == current.doc.text.count("\n", 0, f.start) + 1
    assert f.similarity == 1.0


def test_repeated_with_years_and_figures_changed() -> None:
    found = run("baoan_2024.txt", "baoan_2023.txt")
    repeated = [f for f in found if f.kind == "repeated_shortfall"]
    assert [f.item for f in repeated] == [THIRD]
    f = repeated[0]
    assert report("baoan_2024.txt").doc.text[f.start : f.end] == (
        "(一)行政复议和行政应诉专业力量不足,全局仅有3名持有法律职业资格证书的工作人员,2024年行政诉讼案件败诉1宗")
    assert f.similarity >= 0.9


# This year's shortfall, last year's, and whether they are the same shortfall.
REPEATS = [
    ("执法文书规范性有待提高", "执法文书不够规范", True),
    ("普法形式和手段有待创新", "普法形式和手段较为单一,运用新媒体开展普法宣传不够", True),
    ("全年行政诉讼案件败诉3宗,败诉率达到15%", "全年行政诉讼案件败诉2宗,败诉率达到10%", True),
    ("干部队伍法治能力仍需提高", "干部队伍法治能力有待提升", True),
    ("干部法治意识淡薄", "干部法治意识不强", True),
    ("行政复议规范化水平不高", "行政执法规范化水平不高", False),  # shares only generic words
    ("执法程序不够规范", "执法文书不够规范", False),
    ("跨部门执法协作有待完善", "执法文书不够规范", False),
    ("法治意识有待增强", "普法宣传形式较为单一", False),
]


@pytest.mark.parametrize(("this_year", "last_year", "same"), REPEATS,
                         ids=[f"{a[:6]}-{'same' if ok else 'other'}" for a, _, ok in REPEATS])
def test_repeated_similarity(this_year: str, last_year: str, same: bool) -> None:
    current, previous = pair(last_year, this_year, rectification=False)
    found = follow_up(current, previous, 0, nlp.tokens)
    assert items(found, "repeated_shortfall") == ([f"一是{last_year}"] if same else [])


# --- unreported plan -------------------------------------------------------------------------------


@pytest.mark.parametrize("previous", ["baoan_2023.txt", "baoan_2023_paren.txt"])
def test_plan_item_not_reported(previous: str) -> None:
    """The 2024 measures report the e-documents and the training, not the 法治文化长廊."""
    unreported = items(run("baoan_2024.txt", previous), "unreported_plan")
    assert len(unreported) == 1 and "建设城管法治文化长廊" in unreported[0]
    assert items(run("baoan_2024_all.txt", previous), "unreported_plan") == []


# --- order, purity ---------------------------------------------------------------------------------


def test_order_is_by_kind_then_position_and_stable() -> None:
    found = run("baoan_2024_norect.txt", "baoan_2023.txt")
    assert {f.kind for f in found} == set(KINDS)
    keys = [(KINDS.index(f.kind), f.source_start) for f in found]
    assert keys == sorted(keys)
    assert run("baoan_2024_norect.txt", "baoan_2023.txt") == found


# --- a real report ----------------------------------------------------------------------------------


def test_seed_000_against_a_2023_report_of_the_same_bureau(seeds_dir: Path) -> None:
    """罗湖区民政局 2024 (seed 000) after a 2023 report written for the project.

    The seed's rectification part is about its duplicated 2023 report and promises "加大对法治建设工作的
    统筹协调力度": it answers the 2023 统筹协调 shortfall, not the 执法队伍 or 普法 ones; the 2024 shortfall
    "三是普法形式和手段有待创新" repeats the 2023 "普法形式和手段较为单一"; the 2024 measures report the
    study and the social-organisation plans, not a 民政法治文化阵地.
    """
    seed = analysed((seeds_dir / "000_d1a56e1b80764147.txt").read_text(encoding="utf-8"))
    found = follow_up(seed, report("luohu_2023.txt"), 0, nlp.tokens)
    assert items(found, "unanswered_shortfall") == [
        "二是执法队伍专业力量薄弱,具有法律专业背景的执法人员仅有2名",
        "三是普法形式和手段较为单一,运用新媒体开展普法宣传不够",
    ]
    repeated = [f for f in found if f.kind == "repeated_shortfall"]
    assert [f.item for f in repeated] == ["三是普法形式和手段较为单一,运用新媒体开展普法宣传不够"]
    assert seed.doc.text[repeated[0].start : repeated[0].end] == "三是普法形式和手段有待创新"
    assert items(found, "unreported_plan") == ["(三)打造民政法治文化阵地"]
