"""Fuzz targets over the readers, the normaliser, the outline and the checklist loader.

Every target accepts arbitrary input and allows exactly two outcomes: a result, or a ``CheckerError``
(the one-line message users see). Anything else — a traceback — fails. The default test run tries a
few hundred inputs per target; ``make fuzz`` runs the same targets on at least 10,000 inputs and
records the count and time in bench/results.md.
"""

from __future__ import annotations

import io
import random
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from checker.errors import CheckerError
from checker.model import Extracted
from checker.outline.headings import build_outline
from checker.outline.meta import detect_meta
from checker.readers import Limits, read_bytes
from checker.rules import checklist as checklists
from checker.text.normalize import normalise
from tests.conftest import SEEDS

CORPUS = [p.read_bytes() for p in sorted(SEEDS.glob("0*.txt"))] or ["一、主要举措和成效\n".encode()]
FORMATS = st.sampled_from([None, "txt", "docx", "pdf", "html"])
LIMITS = Limits(max_bytes=2 * 1024 * 1024, max_chars=200_000)
SETTINGS = settings(deadline=None, suppress_health_check=list(HealthCheck), database=None)

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
REPORTISH = st.lists(
    st.one_of(
        st.sampled_from(["一、", "二、", "十一、", "(一)", "（二）", "(三)、", "1.", "2、", "(1)", "①", "一是", "二是",
                         "。", ",", "，", "：", ";", "\n", "\n\n", " ", "　", "2024年", "2023 年", "20XX年", "*次",
                         "存在的不足和原因", "第一责任人", "下一步工作计划", "整改情况", "由于", "导致", "《》", "〔〕",
                         "發佈日期:2024-01-12", "来源:示例区民政局", "0家、对0家", "龙岗", "\ufeff", "\u200b"]),
        st.text(alphabet=CJK, max_size=12),
        st.text(max_size=8),
    ),
    max_size=60,
).map("".join)


def _mutate(data: bytes, rnd: random.Random) -> bytes:
    """Byte-level mutations of a real report: flips, cuts, splices, repeats."""
    b = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        op = rnd.randrange(4)
        i = rnd.randrange(len(b) or 1)
        if op == 0 and b:
            b[i] ^= 1 << rnd.randrange(8)
        elif op == 1:
            del b[i : i + rnd.randint(1, 64)]
        elif op == 2:
            other = rnd.choice(CORPUS)
            j = rnd.randrange(len(other))
            b[i:i] = other[j : j + rnd.randint(1, 200)]
        else:
            b[i:i] = bytes(b[i : i + 16]) * rnd.randint(1, 20)
    return bytes(b)


def _as_docx(text: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", text)
    return buf.getvalue()


@st.composite
def inputs(draw: st.DrawFn) -> tuple[bytes, str | None]:
    kind = draw(st.integers(0, 4))
    rnd = random.Random(draw(st.integers(0, 2**32)))
    if kind == 0:
        data = draw(st.binary(max_size=4096))
    elif kind == 1:
        data = _mutate(rnd.choice(CORPUS), rnd)
    elif kind == 2:
        data = draw(REPORTISH).encode(draw(st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"])), "replace")
    elif kind == 3:
        data = _as_docx(_mutate(b"<w:document><w:body><w:p><w:r><w:t>" + rnd.choice(CORPUS)[:500] +
                                b"</w:t></w:r></w:p></w:body></w:document>", rnd))
    else:
        data = b"%PDF-1.4\n" + _mutate(rnd.choice(CORPUS)[:2000], rnd)
    return data, draw(FORMATS)


def read_any(data: bytes, fmt: str | None) -> None:
    try:
        extracted = read_bytes(data, "fuzz.bin", fmt=fmt, limits=LIMITS)
    except CheckerError as e:
        assert e.render().startswith("fuzz.bin：") and "\n" not in e.render()
        return
    assert isinstance(extracted.text, str)


def outline_any(text: str) -> None:
    doc = normalise(Extracted("fuzz.txt", "txt", text))
    outline = build_outline(doc, detect_meta(doc))
    for h in outline.headings:
        assert 0 <= h.n_start <= h.n_end <= h.n_body_end <= len(doc.norm)
        assert h.parent is None or h.parent < h.index


RULE_KEYS = st.sampled_from(["id", "kind", "severity", "points", "message", "patterns", "extends", "items", "rules",
                             "name", "headings", "within", "max_points", "scope", "item", "disable", "boilerplate"])
YAML_VALUES = st.one_of(st.sampled_from(["pattern", "error", "warning", "x.y", "national", "(a+)+", "[", "{", "*",
                                         "- a", "&a", "*a", "!!python/object:os.system", "1e999", "~", "'"]),
                        st.integers(-5, 200), st.text(max_size=10))


@st.composite
def rulesets(draw: st.DrawFn) -> str:
    lines = ["id: fuzz"]
    for _ in range(draw(st.integers(0, 12))):
        indent = "  " * draw(st.integers(0, 3))
        dash = "- " if draw(st.booleans()) else ""
        lines.append(f"{indent}{dash}{draw(RULE_KEYS)}: {draw(YAML_VALUES)}")
    if draw(st.booleans()):
        lines += ["rules:", "  - id: a.b", "    kind: pattern", "    severity: error", "    points: 1",
                  "    message: m", f"    patterns: [{draw(YAML_VALUES)!r}]"]
    return "\n".join(lines) + "\n"


def load_any(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            checklists.load(str(path))
        except CheckerError as e:
            # a checklist with several problems lists them all, one ``file:line：what`` per line
            lines = e.render().splitlines()
            assert lines and all(line.startswith(str(path)) for line in lines), lines


TARGETS = {
    "readers": (inputs(), lambda pair: read_any(*pair)),
    "outline": (REPORTISH, outline_any),
    "normaliser": (st.text(max_size=300), lambda t: normalise(Extracted(None, "txt", t))),
    "ruleset": (rulesets(), load_any),
}
