"""The table of administrative divisions, its name matcher, and the foreign_place rule on the real seeds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import opencc
import pytest

from checker.model import Document, Extracted, Outline, ReportMeta
from checker.rules.kinds import foreign_place
from checker.rules.kinds.base import Context, RuleSpec
from checker.text import gazetteer, nlp
from checker.text.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer.load()


def test_loads_the_whole_table_without_pandas() -> None:
    # what made loading slow was importing cpca (whose __init__ imports pandas): check that the load
    # imports neither, in a fresh interpreter, instead of timing it
    probe = ("import sys; from checker.text import gazetteer; gazetteer.load(); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'cpca')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parent.parent, timeout=300)  # a hang guard only
    assert done.stdout.strip() == "[]", done.stdout
    assert gazetteer.load() is gazetteer.load()  # read once per process
    table = gazetteer.load.__wrapped__()
    levels = [d.level for d in table.divisions.values()]
    assert levels.count(1) == 34 and levels.count(2) > 330 and levels.count(3) > 2800
    assert not any(d.name in ("市辖区", "县", "省直辖县级行政区划") for d in table.divisions.values())


@pytest.mark.parametrize(
    ("code", "level", "chain"),
    [
        ("440307", 3, ["龙岗区", "深圳市", "广东省"]),
        ("440804", 3, ["坡头区", "湛江市", "广东省"]),
        ("429005", 3, ["潜江市", "湖北省"]),  # 省直辖县级行政区划: straight under the province
        ("500115", 3, ["长寿区", "重庆市"]),  # municipality: the 市辖区 row is no division
        ("500240", 3, ["石柱土家族自治县", "重庆市"]),  # municipality: nor is the 县 row
        ("659001", 3, ["石河子市", "新疆维吾尔自治区"]),
        ("442000", 2, ["中山市", "广东省"]),  # prefecture-level city without districts
        ("440309", 3, ["龙华区", "深圳市", "广东省"]),  # supplement: newer than the table
        ("500000", 1, ["重庆市"]),
    ],
)
def test_hierarchy(gaz: Gazetteer, code: str, level: int, chain: list[str]) -> None:
    div = gaz.by_code(code)
    assert div.level == level
    assert [div.name, *(a.name for a in gaz.ancestors(div))] == chain
    for ancestor in gaz.ancestors(div):
        assert gaz.descendants_of(div, ancestor)
        assert not gaz.descendants_of(ancestor, div)


def test_siblings_are_not_inside_each_other(gaz: Gazetteer) -> None:
    longgang, luohu = gaz.by_code("440307"), gaz.by_code("440303")
    assert not gaz.descendants_of(longgang, luohu) and not gaz.descendants_of(luohu, longgang)


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("龙岗区", "龙岗"), ("广东省", "广东"), ("北京市", "北京"), ("广西壮族自治区", "广西"),
        ("新疆维吾尔自治区", "新疆"), ("内蒙古自治区", "内蒙古"), ("宁夏回族自治区", "宁夏"),
        ("香港特别行政区", "香港"), ("延边朝鲜族自治州", "延边"), ("阿里地区", "阿里"),
        ("锡林郭勒盟", "锡林郭勒"), ("石柱土家族自治县", "石柱"), ("隆林各族自治县", "隆林"),
        ("双江拉祜族佤族布朗族傣族自治县", "双江"), ("神农架林区", "神农架"), ("万柏林区", "万柏林"),
        ("清新区", "清新"), ("浦东新区", "浦东"), ("井陉矿区", "井陉"), ("六枝特区", "六枝"),
        ("城区", None), ("矿区", None), ("东区", None), ("鄂温克族自治旗", None), ("鄂伦春自治旗", None),
    ],
)  # fmt: skip
def test_short_names(gaz: Gazetteer, name: str, short: str | None) -> None:
    divisions = gaz.named(name)
    assert divisions, name
    assert {d.short for d in divisions} == {short}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("宁夏中卫市沙坡头区", [("宁夏", False), ("中卫市", True), ("沙坡头区", True)]),
        ("广东省湛江市坡头区民政局", [("广东省", True), ("湛江市", True), ("坡头区", True)]),
        ("结合龙岗民政工作实际", [("龙岗", False)]),
        ("龙岗区龙岗街道", [("龙岗区", True), ("龙岗", False)]),
    ],
)
def test_mentions_are_leftmost_longest(gaz: Gazetteer, text: str, found: list[tuple[str, bool]]) -> None:
    assert [(text[m.start : m.end], m.full) for m in gaz.mentions(text)] == found


def test_word_bounds_keep_short_names_out_of_words(gaz: Gazetteer) -> None:
    text = "贯彻党的二十大关于法治建设的部署"
    assert [text[m.start : m.end] for m in gaz.mentions(text)] == ["大关"]
    bounds = frozenset({0, 2, 3, 4, 6, 7, 9, 11, 13, 14, 16})  # 贯彻|党|的|二十|大|关于|…
    assert gaz.mentions(text, bounds) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("各乡镇和县直单位", []),
        ("督促各镇街和县直单位落实", []),
        ("落实责任县级统筹", []),
        ("与和县民政局交流", ["和县"]),
        ("在龙岗区推广", ["龙岗区"]),
    ],
)
def test_two_character_full_names_need_word_bounds(gaz: Gazetteer, text: str, found: list[str]) -> None:
    if not nlp.model_ready(nlp.model_dir()):
        pytest.fail("pkuseg model missing: run `make setup`")
    assert [text[m.start : m.end] for m in gaz.mentions(text, nlp.token_bounds(text))] == found


@pytest.mark.parametrize(
    ("org", "codes"),
    [
        ("坡头区民政局", ["440804"]),
        ("坡头民政局", ["440804"]),
        ("广东省湛江市坡头区民政局", ["440804"]),
        ("重庆市长寿区民政局", ["500115"]),
        ("长寿区民政局", ["500115"]),
        ("潜江市民政局", ["429005"]),
        ("深圳市民政局", ["440300"]),
        ("天津市和平区民政局", ["120101"]),
        ("和平区民政局", ["120101", "210102"]),  # two 和平区: both candidates
        ("东晓街道", []),
        ("坡头镇人民政府", []),  # a town named like the district is not the district
        ("市民政局", []),
    ],
)
def test_resolve(gaz: Gazetteer, org: str, codes: list[str]) -> None:
    assert [d.code for d in gaz.resolve(org)] == codes


@pytest.mark.parametrize(
    ("org", "stripped"),
    [
        ("广东省湛江市坡头区民政局", "坡头区民政局"),
        ("重庆市长寿区民政局", "长寿区民政局"),
        ("深圳市罗湖区东晓街道办事处", "罗湖区东晓街道办事处"),
        ("潜江市民政局", "潜江市民政局"),
        ("湛江市民政局", "湛江市民政局"),
        ("东晓街道", "东晓街道"),
    ],
)
def test_strip_higher(org: str, stripped: str) -> None:
    assert gazetteer.strip_higher(org) == stripped


# --- the foreign_place rule on the five real reports ---------------------------------------------------

SEED_ORGS = {
    "000_d1a56e1b80764147.txt": ("罗湖区民政局", []),
    "001_c639ab8258987249.txt": ("坡头区民政局", [("龙岗", 71)]),
    "002_a5b935a95639e54d.txt": ("潜江市民政局", []),
    "003_0244ca3677c79978.txt": ("长寿区民政局", []),
    "004_f39577f806f3e96e.txt": ("东晓街道", []),  # a street office: its area (罗湖区) comes from the text
}


class _Services:
    def gazetteer(self) -> Gazetteer:
        return gazetteer.load()

    def token_bounds(self, text: str) -> frozenset[int]:
        return nlp.token_bounds(text)


def _seed_document(path: Path) -> Document:
    text = path.read_text(encoding="utf-8")
    norm = opencc.OpenCC("t2s").convert(text) if path.name.startswith("003") else text
    assert len(norm) == len(text)
    starts = (0, *(i + 1 for i, c in enumerate(text) if c == "\n"))
    return Document(
        source=Extracted(path=str(path), format="txt", text=text),
        norm=norm,
        to_text=tuple(range(len(text) + 1)),
        script="simplified",
        line_starts=starts,
    )


@pytest.mark.parametrize("name", sorted(SEED_ORGS), ids=lambda n: n[:3])
@pytest.mark.parametrize("org_known", [True, False], ids=["org", "no-org"])
def test_foreign_place_on_seeds(seeds_dir: Path, name: str, org_known: bool) -> None:
    if not nlp.model_ready(nlp.model_dir()):
        pytest.fail("pkuseg model missing: run `make setup`")
    org, expected = SEED_ORGS[name]
    doc = _seed_document(seeds_dir / name)
    meta = ReportMeta(
        org=org if org_known else None, year=2024, title=None, published=None, script="simplified"
    )
    spec = RuleSpec(id="content.foreign_place", kind="foreign_place", severity="warning", points=10,
                    message="文中出现其他地区名称“{evidence}”（{count}处）")  # fmt: skip
    ctx = Context(rule=spec, doc=doc, outline=Outline((), (), meta), sections={}, services=_Services())
    findings = list(foreign_place.check(doc, foreign_place.Params(), ctx))
    assert [(f.evidence, f.location.line) for f in findings] == expected
    for f in findings:
        assert f.rule == "content.foreign_place" and f.value("count") == 1
