"""China's administrative divisions (province, prefecture, county) and where their names occur in text.

The table is the one the ``cpca`` package ships (``resources/adcodes.csv``: 12-digit code, name, lon, lat).
It is read directly, without importing ``cpca`` (whose ``__init__`` imports pandas, which is slow), once per
process. The hierarchy follows from the code: digits 1-2 the province, 1-4 the prefecture, 1-6 the county.
Placeholder rows (市辖区, 县, 省直辖县级行政区划 …) are not divisions: a county under one of them hangs
directly from its province (潜江市 429005 → 湖北省; 长寿区 500115 → 重庆市).
"""

from __future__ import annotations

import csv
import functools
import importlib.util
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

PROVINCE, PREFECTURE, COUNTY = 1, 2, 3

_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# Longest first. A suffix is stripped only if at least the given number of characters remains, so that
# 清新区 → 清新 (not 清), 万柏林区 → 万柏林 (林区 needs 3: 神农架林区 → 神农架) and 矿区 → no short name.
_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("特别行政区", 2), ("自治区", 2), ("自治州", 2), ("自治县", 2), ("自治旗", 2), ("地区", 2),
    ("林区", 3), ("矿区", 2), ("特区", 2), ("新区", 2), ("省", 2), ("市", 2), ("盟", 2), ("区", 2),
    ("县", 2), ("旗", 2),
)  # fmt: skip
_AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")
# The table predates these Shenzhen districts (2016-2018); the checker's local checklist is Shenzhen's.
_SUPPLEMENT = {"440309": "龙华区", "440310": "坪山区", "440311": "光明区"}
# Words that begin with 县: after one of them a single character plus 县 is not a county (和县直单位).
_COUNTY_WORDS = ("县直", "县级", "县域", "县城", "县区", "县乡", "县镇", "县委", "县市", "县长", "县里", "县内")  # fmt: skip
# Words that start a place-name suffix in running text: "坡头镇" is a town, not 坡头区.
_NOT_A_DIVISION_AFTER = ("街道", "镇", "乡", "村", "社区")


@dataclass(frozen=True)
class Division:
    """One province, prefecture-level or county-level division."""

    code: str  # 6 digits, e.g. "440804"
    name: str  # full name with its generic suffix: 坡头区
    short: str | None  # without the suffix (and ethnic names): 坡头; None when under 2 characters
    level: int  # 1 province, 2 prefecture, 3 county
    parent: str | None = None  # code of the nearest real ancestor


@dataclass(frozen=True)
class Mention:
    """A division name found in a text: ``divisions`` holds every division the name can mean."""

    start: int
    end: int
    divisions: tuple[Division, ...]
    full: bool  # the full name (with its suffix) was written

    @property
    def levels(self) -> frozenset[int]:
        return frozenset(d.level for d in self.divisions)


def _resources() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("cpca package not installed: it provides the table of administrative divisions")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


def short_name(name: str, nations: tuple[str, ...], ethnic: frozenset[str] = frozenset()) -> str | None:
    """The name without its generic suffix and, for autonomous units, without the ethnic names."""
    stem = name
    for suffix, keep in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= keep:
            stem = name[: -len(suffix)]
            if suffix in _AUTONOMOUS:
                changed = True
                while changed:
                    changed = False
                    for nation in nations:
                        if stem.endswith(nation) and len(stem) > len(nation):
                            stem, changed = stem[: -len(nation)], True
            break
    if stem == name or len(stem) < 2 or stem in ethnic:  # 鄂伦春自治旗: "鄂伦春" names a people
        return None
    return stem


class Gazetteer:
    """The divisions, their names, and a leftmost-longest matcher over full and short names."""

    def __init__(self, divisions: dict[str, Division]):
        self.divisions = divisions
        full: dict[str, list[Division]] = {}
        short: dict[str, list[Division]] = {}
        for d in divisions.values():
            full.setdefault(d.name, []).append(d)
            if d.short:
                short.setdefault(d.short, []).append(d)
        self._full = {k: tuple(v) for k, v in full.items()}
        self._short = {k: tuple(v) for k, v in short.items() if k not in full}
        lengths: dict[str, set[int]] = {}
        for surface in (*self._full, *self._short):
            lengths.setdefault(surface[0], set()).add(len(surface))
        # Per first character, the name lengths to try, longest first: the scan stays a dict lookup.
        self._lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}

    def by_code(self, code: str) -> Division:
        return self.divisions[code]

    def named(self, surface: str) -> tuple[Division, ...]:
        """Divisions whose full name, else whose short name, is ``surface``."""
        return self._full.get(surface) or self._short.get(surface, ())

    def mentions(self, text: str, bounds: Collection[int] | None = None) -> list[Mention]:
        """Division names in ``text``, leftmost-longest, non-overlapping ("沙坡头区" is not 坡头区).

        With ``bounds`` (word boundaries of ``text``), a short name must start and end on one, else it is
        not a match and the scan goes on, so "二十大关于" neither yields 大关 nor hides a name after it.
        Full names of three or more characters are trusted wherever they stand; two-character ones are
        held to the bounds like short names ("责任县级" does not name 任县), and not taken when their 县
        begins a word such as 县直 or 县级 ("镇街和县直单位" does not name 和县).
        """
        out: list[Mention] = []
        i, n = 0, len(text)
        lengths = self._lengths
        while i < n:
            for size in lengths.get(text[i], ()):
                surface = text[i : i + size]
                divs = self._full.get(surface)
                full = divs is not None
                if divs is None:
                    divs = self._short.get(surface)
                if divs is None:
                    continue
                if full and size == 2 and text.startswith(_COUNTY_WORDS, i + 1):
                    continue  # "各镇街和县直单位": the 县 starts 县直, it does not end 和县
                if bounds is None or (full and size > 2) or (i in bounds and i + size in bounds):
                    out.append(Mention(i, i + size, divs, full))
                    i += size
                    break
            else:
                i += 1
        return out

    def ancestors(self, div: Division) -> tuple[Division, ...]:
        """The divisions containing ``div``, nearest first."""
        out: list[Division] = []
        code = div.parent
        while code is not None:
            parent = self.divisions[code]
            out.append(parent)
            code = parent.parent
        return tuple(out)

    def descendants_of(self, div: Division, other: Division) -> bool:
        """True when ``div`` lies inside ``other`` (``other`` is one of its ancestors)."""
        return other in self.ancestors(div)

    def _org_chain(self, org: str) -> list[Mention]:
        """The names an organisation's name opens with, each following the last (广东省湛江市坡头区…)."""
        chain: list[Mention] = []
        for m in self.mentions(org):
            if m.start != (chain[-1].end if chain else 0):
                break
            if not m.full and org.startswith(_NOT_A_DIVISION_AFTER, m.end):
                break
            chain.append(m)
        return chain

    def resolve(self, name: str) -> tuple[Division, ...]:
        """The division an organisation belongs to, from the place names its name opens with.

        "重庆市长寿区民政局" → (长寿区,); "东晓街道" → (); an ambiguous name gives every candidate that
        fits the higher names written before it ("和平区民政局" → both 和平区).
        """
        chain = self._org_chain(name)
        if not chain:
            return ()
        candidates = chain[-1].divisions
        for higher in chain[:-1]:
            fitting = tuple(d for d in candidates if any(self.descendants_of(d, h) for h in higher.divisions))
            candidates = fitting or candidates
        return tuple(sorted(candidates, key=lambda d: d.code))

    def strip_higher(self, org: str) -> str:
        """Drop leading province/city names when a lower division follows: 广东省湛江市坡头区民政局 → 坡头区民政局."""
        chain = self._org_chain(org)
        if len(chain) < 2:
            return org
        return org[chain[-1].start :]


def _nations(res: Path) -> tuple[tuple[str, ...], frozenset[str]]:
    """Ethnic names stripped from autonomous units, and every ethnic name with or without 族."""
    listed = (res / "56_nations.csv").read_text(encoding="utf-8").split()
    # Official names also use "各族" (隆林各族自治县) and 维吾尔 without 族 (新疆维吾尔自治区).
    strip = tuple(sorted({*listed, "维吾尔", "各族"}, key=len, reverse=True))
    return strip, frozenset({*listed, *(n[:-1] for n in listed if len(n) > 2)})


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Read the table once per process."""
    res = _resources()
    nations = _nations(res)
    rows: dict[str, str] = {}
    with (res / "adcodes.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            code, name = row[0][:6], row[1].strip()
            if name and name not in _PLACEHOLDERS:
                rows[code] = name
    for code, name in _SUPPLEMENT.items():
        rows.setdefault(code, name)
    divisions: dict[str, Division] = {}
    for code, name in rows.items():
        if code[2:] == "0000":
            level, parent = PROVINCE, None
        elif code[4:] == "00":
            level, parent = PREFECTURE, code[:2] + "0000"
        else:
            level, city = COUNTY, code[:4] + "00"
            parent = city if city in rows else code[:2] + "0000"
        if parent is not None and parent not in rows:
            parent = None
        divisions[code] = Division(code, name, short_name(name, *nations), level, parent)
    return Gazetteer(divisions)


def resolve(name: str) -> tuple[Division, ...]:
    """:meth:`Gazetteer.resolve` on the shared table."""
    return load().resolve(name)


def strip_higher(org: str) -> str:
    """:meth:`Gazetteer.strip_higher` on the shared table."""
    return load().strip_higher(org)
