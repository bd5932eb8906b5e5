"""Recycled text as a reviewer marks it, on constructed pairs.

Same body: sentences recycled with a word or two inserted, dropped or replaced inside each of them
must come out as one passage per recycled stretch, not in pieces. Two bodies on one template: a
passage must end where the shared template wording ends, not run on into each body's own sentences.
Measures are on counted characters (letters, CJK, digits), as in test_reuse.py: recall is the share
of a planted stretch's characters inside detected passages, precision the share of detected
characters that lie inside planted (shared) stretches.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.model import Extracted, Reuse
from checker.pipeline import compare, prepare
from checker.rules import checklist as checklists

DATA = Path(__file__).parent / "data" / "reuse"
NATIONAL = checklists.load("national")

# (last year's sentence, this year's with one or two words inserted, dropped or replaced)
EDITED = [
    [
        ("切实加强法治宣传教育,营造良好氛围。", "切实加强全民法治宣传教育工作,努力营造良好氛围。"),
        ("严格落实行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度,全年未发生行政执法过错责任追究。",
         "全面落实行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度,全年未发生一起执法过错责任追究。"),
        ("组织全体干部职工参加年度学法考试,参考率和合格率均达到百分之百。",
         "组织全局干部职工参加网上学法用法考试,参考率、合格率均达到百分之百。"),
    ],
    [
        ("聘请两名执业律师担任法律顾问,对重大合同和信访事项提出法律意见。",
         "聘请三名专职律师担任常年法律顾问,对重大合同、信访事项及时提出法律意见。"),
        ("推动行政复议和行政诉讼案件应诉工作规范化,行政机关负责人出庭应诉率保持在较高水平。",
         "推动行政诉讼案件应诉工作规范化建设,行政机关负责人出庭应诉率稳定保持在较高水平。"),
        ("针对群众反映强烈的噪音扰民问题,联合街道开展夜间专项整治行动。",
         "针对群众反映集中的施工噪音扰民问题,会同各街道开展夜间专项整治。"),
    ],
]

# Shared template wording, then each body's own sentence (written to share short words by chance).
TEMPLATE = [
    ("坚持把法治政府建设纳入全局工作总体布局,与业务工作同谋划、同部署、同推进、同考核,主要负责人定期听取法治工作汇报。",
     "全年召开局党组会议专题研究停车场收费管理办法修订,形成问题清单9项。",
     "今年由分管副局长牵头梳理国土空间规划审批流程,压减审批时限三成。"),
    ("严格执行重大行政决策程序规定,落实公众参与、专家论证、风险评估、合法性审查和集体讨论决定等法定程序。",
     "对城区道路临时占用许可调整开展听证一次,收到书面意见27条。",
     "在耕地保护补偿标准调整中邀请村民代表座谈,收集到意见41条。"),
    ("健全行政执法人员资格管理制度,未取得执法证件的人员一律不得从事执法活动,持证率保持全覆盖。",
     "夜市摊档疏导点由原来的5处增加到8处,吸纳流动摊贩120余户。",
     "矿山地质环境恢复治理项目完成验收两个,治理面积约46公顷。"),
    ("加强执法人员培训,每名执法人员每年接受不少于60学时的法律知识和业务技能培训。",
     "全年共开展执法培训5期,结合城管执法案例讲解自由裁量基准。",
     "全年共组织执法人员培训3期,重点讲解土地违法案件查处程序。"),
]


def _sentences(path: Path, skip: int, n: int) -> str:
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"[^。\n]{12,}。", text)
    return "".join(found[skip : skip + n])


def _counted(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if re.match(r"[^\W_]", text[i])}


def _build(parts: list) -> tuple[str, list[tuple[int, int]]]:
    """Join text parts; tuples are planted stretches, whose spans are returned."""
    text, spans = "", []
    for part in parts:
        if isinstance(part, tuple):
            spans.append((len(text), len(text) + len(part[0])))
            text += part[0]
        else:
            text += part
    return text, spans


def _compare(new: str, old: str, old_name: str = "old.txt") -> Reuse:
    current = prepare(Extracted("new.txt", "txt", new), NATIONAL)
    return compare(current, NATIONAL, [Extracted(old_name, "txt", old)], None)


@pytest.fixture(scope="module")
def same_body():
    own_new = DATA / "independent_2024.txt"
    own_old = DATA / "2023.txt"
    new, stretches = _build([
        "示例区城市管理和综合执法局2024年法治政府建设年度报告\n一、主要举措和成效\n",
        _sentences(own_new, 2, 2), "\n", ("".join(b for _, b in EDITED[0]),), "\n",
        _sentences(own_new, 5, 3), "\n", ("".join(b for _, b in EDITED[1]),), "\n",
        _sentences(own_new, 9, 2), "\n",
    ])
    old = ("示例区城市管理和综合执法局2023年法治政府建设年度报告\n一、主要举措和成效\n"
           + _sentences(own_old, 2, 2) + "\n" + "".join(a for a, _ in EDITED[0]) + "\n"
           + _sentences(own_old, 5, 3) + "\n" + "".join(a for a, _ in EDITED[1]) + "\n"
           + _sentences(own_old, 9, 2) + "\n")
    return new, stretches, _compare(new, old)


def test_densely_edited_stretch_is_one_passage(same_body) -> None:
    new, stretches, reuse = same_body
    for start, end in stretches:
        chars = _counted(new, start, end)
        inside = [p for p in reuse.passages if _counted(new, p.start, p.end) & chars]
        assert len(inside) == 1, [p.text for p in inside]
        recall = len(_counted(new, inside[0].start, inside[0].end) & chars) / len(chars)
        assert recall >= 0.9, (recall, inside[0].text)


def test_densely_edited_stretches_precision(same_body) -> None:
    new, stretches, reuse = same_body
    detected = set().union(*(_counted(new, p.start, p.end) for p in reuse.passages if not p.boilerplate))
    planted = set().union(*(_counted(new, s, e) for s, e in stretches))
    assert len(detected & planted) / len(detected) >= 0.9


@pytest.fixture(scope="module")
def two_bodies():
    new, shared = _build([
        "样板县自然资源局2024年法治政府建设年度报告\n一、主要举措和成效\n",
        *[x for shared_part, _, own in TEMPLATE for x in ((shared_part,), own, "\n")],
    ])
    old = ("示例区城市管理和综合执法局2024年法治政府建设年度报告\n一、主要举措和成效\n"
           + "".join(shared_part + own + "\n" for shared_part, own, _ in TEMPLATE))
    return new, shared, _compare(new, old, "peer.txt")


def test_template_passage_ends_where_the_shared_wording_ends(two_bodies) -> None:
    new, shared, reuse = two_bodies
    assert reuse.sources[0].kind == "peer"
    detected = set().union(*(_counted(new, p.start, p.end) for p in reuse.passages if not p.boilerplate))
    planted = set().union(*(_counted(new, s, e) for s, e in shared))
    precision = len(detected & planted) / len(detected)
    recall = len(detected & planted) / len(planted)
    assert precision >= 0.97 and recall >= 0.9, (precision, recall)
    for start, end in shared:
        inside = [p for p in reuse.passages if p.start < end and start < p.end]
        assert inside and max(p.end for p in inside) <= end + 1, [new[p.start : p.end] for p in inside]
