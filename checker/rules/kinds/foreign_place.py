"""foreign_place — names of other districts, counties or cities left in the report (copied text).

A report of 坡头区民政局 (湛江) that says "结合龙岗民政工作实际" (龙岗 is a Shenzhen district) was copied
from 龙岗's report. The rule finds every prefecture- or county-level division named in the text and reports
those that are neither the body's own area, nor an area containing it, nor one inside it (a city body may
name its districts). Provinces are not reported unless ``levels`` asks for them.

The body's area comes from its name (the report's organisation, e.g. "重庆市长寿区民政局" → 长寿区). Street
offices and townships ("东晓街道") are not in the table of divisions: their area is the county-level division
the text names most often (full names count three times), else the most named prefecture; if the text names
none, nothing is reported. A name several divisions share counts as the body's own if any of them fits.

Place names are also ordinary words (和平, 新华, 合作, 资源), so a short name (without 区/县/市) counts only on
word boundaries of the pkuseg segmentation, when it is not a listed common word, not part of the body's own
name, and not directly followed by a word that makes it a street, town or school (中山路, 长安镇). A full
name of three or more characters ("龙岗区") is trusted; a two-character one (和县, 任县) is held to
word boundaries too. Mentions that legitimately name another area are skipped: a visit or paired
assistance ("赴延安", "对口帮扶百色"), a spirit, meeting or event named after a place ("古田会议",
"杭州亚运会"), and a place inside (or right before) a common phrase of national strategy or a named model
("粤港澳大湾区", "深圳…先行示范区", "诸暨枫桥经验"; the list is data: checker/data/place_phrases.yaml).
Following another area's practice is not legitimate: "参照龙岗区做法" and "借鉴佛山经验" name another
area as "结合龙岗实际" does, whether the name is written in full or short. Inside a title
《…》 a name counts only when the title opens with it (a document of that area, 《龙岗区……办法》); titles
that merely speak of a place (《习近平在正定》) are citations.

One finding per foreign division, at its first occurrence; the evidence is the name as written, and the
message may use ``{evidence}`` and ``{count}`` (how often the name occurs).

Options:
    levels: division levels to report (2 prefecture, 3 county; 1 province is accepted but noisy).
    common_words: names that are ordinary words and never count as written (和平 does not, 和平区 does).
    extra_common_words: added to ``common_words`` by a local checklist.
    not_followed_by: words after a short name that make it a street, town, school … name.
    visit_before / model_after: words right before / after a name that make its mention legitimate.
    common_phrases: phrases whose place name is not a mention ("…" is a gap inside one clause).
    extra_common_phrases: added to ``common_phrases`` by a local checklist.

Examples:
    - name: own district, its city and province, and its short name pass
      text: "2024年，坡头区民政局坚持依法行政，结合坡头民政工作实际，在湛江市民政局和广东省民政厅指导下推进法治建设。"
      pass: true
    - name: ordinary words and study visits pass
      text: "2024年，坡头区民政局坚持和平发展，推动合作共赢，组织党员赴延安学习延安精神。"
      pass: true
    - name: place name left from another district's report
      text: "2023年，坡头区民政局坚持依法行政。结合龙岗民政工作实际，制定行政执法事项清单。"
      expect: [{evidence: 龙岗}]
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from importlib import resources
from typing import TYPE_CHECKING

import yaml
from pydantic import Field, field_validator

from checker.model import Document, Finding
from checker.rules.kinds.base import Context
from checker.rules.kinds.base import Params as BaseParams

if TYPE_CHECKING:
    from checker.text.gazetteer import Division, Gazetteer, Mention

COMMON_WORDS: tuple[str, ...] = (
    # generic area words that are also full names of divisions
    "城区", "郊区", "矿区", "东区", "西区", "新城区", "老城区",
    # short names that are ordinary words in government prose
    "和平", "新华", "城关", "长安", "朝阳", "中山", "白云", "青山", "金山", "江山", "城中", "市中",
    "市南", "市北", "城东", "城西", "城北", "城厢", "江北", "江南", "河东", "河西", "河口", "南部",
    "南郊", "新城", "新市", "高新", "开发", "光明", "永安", "互助", "同心", "共和", "公安", "资源",
    "振兴", "惠民", "通道", "平安", "双城", "合作", "会同", "前进", "前锋", "复兴", "解放", "新建",
    "延长", "安定", "安宁", "安居", "安康", "太平", "富民", "富裕", "爱民", "港口", "路桥", "运河",
    "灯塔", "红旗", "红星", "东风", "友好", "友谊", "工农", "古城", "山城", "清水", "清流", "清新",
    "温泉", "新兴", "新民", "兴隆", "兴业", "兴国", "天桥", "站前", "高明", "长子", "长寿", "长治",
    "阳春", "鼓楼", "钟楼", "大同", "大观", "大关", "开化", "武功", "民权", "无为", "同仁", "向阳",
    "宏伟", "博爱", "吉利", "和顺", "康乐", "回民", "平和", "平原", "平房", "东海", "南海", "东山",
    "南湖", "九龙", "中原", "泰山", "万年", "上街", "比如", "中方", "大方", "方正", "东方", "白银",
    "丰满", "桃源", "榆树", "梨树", "牡丹", "芙蓉", "莲花", "凤凰", "海棠", "樟树",
)  # fmt: skip
NOT_FOLLOWED_BY: tuple[str, ...] = (
    "街道", "镇", "乡", "村", "社区", "小区", "路", "大道", "大街", "街", "大学", "学院", "中学",
    "小学", "医院", "公园", "广场", "机场", "站",
)  # fmt: skip
VISIT_BEFORE: tuple[str, ...] = ("赴", "前往", "到", "对口", "帮扶", "支援", "援建", "协作", "结对")
PLACE_PHRASES = resources.files("checker") / "data" / "place_phrases.yaml"  # shipped in the package

_TITLE = re.compile(r"《[^《》\n]{1,120}》")
# "…" in a common phrase: a few characters of the same clause (no clause punctuation in between).
_GAP = r"[^，。；：！？,.;:!?\n]{0,20}?"


@functools.lru_cache(maxsize=1)
def _place_phrases() -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(PLACE_PHRASES.read_text(encoding="utf-8"))
    return {key: tuple(str(v) for v in data[key]) for key in ("phrases", "after")}


def phrase_pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """One regex for the common phrases, longest first; ``None`` when there are none."""
    parts = [_GAP.join(re.escape(p) for p in phrase.split("…")) for phrase in sorted(set(phrases), key=len, reverse=True)]
    return re.compile("|".join(parts)) if parts else None


class Params(BaseParams):
    """Options of the rule (see the module docstring)."""

    levels: tuple[int, ...] = (2, 3)
    common_words: tuple[str, ...] = COMMON_WORDS
    extra_common_words: tuple[str, ...] = ()
    not_followed_by: tuple[str, ...] = NOT_FOLLOWED_BY
    visit_before: tuple[str, ...] = VISIT_BEFORE
    model_after: tuple[str, ...] = Field(default_factory=lambda: _place_phrases()["after"])
    common_phrases: tuple[str, ...] = Field(default_factory=lambda: _place_phrases()["phrases"])
    extra_common_phrases: tuple[str, ...] = ()

    message_fields = ("count",)

    @field_validator("common_phrases", "extra_common_phrases")
    @classmethod
    def _phrases_name_something(cls, phrases: tuple[str, ...]) -> tuple[str, ...]:
        # A phrase that is empty, or only gaps, would swallow any text: refuse it when the YAML loads.
        if any(not phrase.replace("…", "").strip() or phrase.startswith("…") or phrase.endswith("…")
               for phrase in phrases):
            raise ValueError("常用短语不能为空，“…”只能写在两段文字之间")
        return phrases

    @field_validator("levels")
    @classmethod
    def _known_levels(cls, levels: tuple[int, ...]) -> tuple[int, ...]:
        # A rule that can never fire is a bug: refuse levels the table does not have.
        if not levels or not set(levels) <= {1, 2, 3}:
            raise ValueError("levels 只能取 1（省级）、2（地级）、3（县级），且不能为空")
        return levels


def credible_mentions(
    gaz: Gazetteer, text: str, bounds: frozenset[int], org: str, p: Params
) -> list[Mention]:
    """Mentions that really name a division: word-bounded, not a common word, not a street or town."""
    common = frozenset(p.common_words) | frozenset(p.extra_common_words)
    out = []
    for m in gaz.mentions(text, bounds):
        surface = text[m.start : m.end]
        if surface in common or (org and surface in org):
            continue
        if not m.full and text.startswith(p.not_followed_by, m.end):
            continue
        out.append(m)
    return out


def home_area(gaz: Gazetteer, org: str, mentions: Sequence[Mention]) -> tuple[Division, ...]:
    """The body's own division(s): from its name, else the county (then city) the text names most."""
    if org:
        resolved = gaz.resolve(org)
        if resolved:
            return resolved
    weight: Counter[str] = Counter()
    for m in mentions:
        for d in m.divisions:
            weight[d.code] += 3 if m.full else 1
    for level in (3, 2):
        ranked = {code: w for code, w in weight.items() if gaz.by_code(code).level == level}
        if ranked:
            best = max(ranked.values())
            # A tie (e.g. a name two divisions share) keeps every candidate: they all count as home.
            return tuple(gaz.by_code(code) for code, w in sorted(ranked.items()) if w == best)
    return ()


def _fits_home(gaz: Gazetteer, div: Division, home: Sequence[Division]) -> bool:
    return any(div == h or gaz.descendants_of(h, div) or gaz.descendants_of(div, h) for h in home)


def _chain_before(start: int, mentions: Sequence[Mention], index: int) -> int:
    """Start of the run of names directly before mention ``index`` (广东省深圳市|龙岗区)."""
    while index > 0 and mentions[index - 1].end == start:
        index -= 1
        start = mentions[index].start
    return start


def _cited_in_title(
    text: str, m: Mention, titles: Sequence[tuple[int, int]], opening: dict[int, int]
) -> bool:
    """True when the mention sits in a 《title》 that does not open with it (a book or law speaking of it)."""
    for t_start, t_end in titles:
        if t_start < m.start < t_end:
            first = t_start + 1 + (2 if text.startswith("中共", t_start + 1) else 0)
            return opening.get(m.start, -1) != first
    return False


def _in_common_phrase(m: Mention, phrases: Sequence[tuple[int, int]]) -> bool:
    """True when the mention lies inside a common phrase or ends right where one begins ("诸暨|枫桥经验")."""
    return any(p_start <= m.start and m.end <= p_end or p_start == m.end for p_start, p_end in phrases)


def check(doc: Document, params: Params, ctx: Context) -> Iterator[Finding]:
    text = doc.norm
    gaz = ctx.services.gazetteer()
    org = ctx.outline.meta.org or ""
    mentions = credible_mentions(gaz, text, ctx.services.token_bounds(text), org, params)
    pattern = phrase_pattern((*params.common_phrases, *params.extra_common_phrases))
    phrases = [(p.start(), p.end()) for p in pattern.finditer(text)] if pattern else []
    home = home_area(gaz, org, mentions)
    if not home:
        return
    titles = [(t.start(), t.end()) for t in _TITLE.finditer(text)]
    opening = {m.start: _chain_before(m.start, mentions, i) for i, m in enumerate(mentions)}
    first: dict[frozenset[str], Mention] = {}
    count: Counter[frozenset[str]] = Counter()
    for m in mentions:
        if any(d.level not in params.levels or _fits_home(gaz, d, home) for d in m.divisions):
            continue
        if text.endswith(params.visit_before, 0, opening[m.start]) or text.startswith(
            params.model_after, m.end
        ):
            continue
        if _cited_in_title(text, m, titles, opening) or _in_common_phrase(m, phrases):
            continue
        key = frozenset(d.code for d in m.divisions)
        first.setdefault(key, m)
        count[key] += 1
    for key, m in first.items():
        yield ctx.finding(m.start, m.end, count=count[key])
