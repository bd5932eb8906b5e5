"""Follow-through across years: what this year's report does with last year's shortfalls and plan.

Inspectors read the same body's reports side by side and ask three questions:

- ``unanswered_shortfall``: was each of last year's shortfalls answered — does this year's rectification
  part ("上年度存在问题整改情况") say how it was fixed, or was it silently dropped?
- ``repeated_shortfall``: is one of last year's shortfalls listed again this year? It was never fixed.
- ``unreported_plan``: does this year's measures part mention each item of last year's plan at all?

Items are the parts of a located section: its shallowest child headings or inline 一是…二是… items, or
else its sentences. Reports paraphrase rather than quote ("执法文书不够规范" comes back as "针对执法文书不
规范问题,修订文书模板5种"), so an item is matched on its *content words*: pkuseg words minus the words
that only say a problem exists or will be worked on (有待, 加强, 问题 …). Generic subjects (法治, 干部) and
evaluative predicates (规范, 单一) count for little, so that two items differing in what the problem is
(执法程序 / 执法文书) stay apart while two differing in how it is judged (单一 / 有待创新) come together.
Content words must meet within one sentence or two adjacent ones: scattered words across a long report
prove nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from checker.model import Analysed, FollowUp, FollowUpKind
from checker.text.spans import SENTENCE

Tokens = Callable[[str], list[tuple[int, int]]]

KINDS: tuple[FollowUpKind, ...] = ("unanswered_shortfall", "repeated_shortfall", "unreported_plan")

FUZZY_MIN_CHARS = 6  # shorter wordings match by chance inside long sentences
# A word in at least this share of this year's sentences is the body's everyday vocabulary (weak);
# shorter reports give too few sentences to tell.
COMMON = 0.15
COMMON_MIN_SENTENCES = 20

# Words that say a problem exists, how large it is or that it will be worked on: they do not say what
# the problem is, and every report uses them.
STOP_WORDS = frozenset("""
有待 亟待 仍需 尚需 还需 需要 必须 仍然 依然 仍旧 尚未 还有 进一步 不够 不足 不高 不强 不够强 不到位 不平衡
欠缺 缺乏 缺少 薄弱 较为 比较 相对 较弱 较低 较少 偏弱 偏少 存在 问题 短板 差距 弱项 不足之处 薄弱环节 环节
一定 一些 部分 个别 少数 有的 多数 方面 工作 情况 方式 方法 程度 力度 水平 能力 作用 成效 效果 取得 进行
加强 提升 提高 完善 推进 推动 健全 强化 加大 加快 深化 优化 改进 改善 持续 深入 不断 积极 切实 全面 扎实
着力 努力 继续 坚持 做好 开展 落实 抓好 注重 重视 实现 确保 有效 相关 主要 原因 进而 同时 以及 对于 关于
一是 二是 三是 四是 五是 六是 下一步 今后 明年 今年 去年 年度 本年度 上年度 全年 我局 本局 我们 单位 整改
针对 建立 实施 仅有 持有 具有 没有 其中 等等 未来 逐步 尽快 力争 务必 保持 发挥 聚焦 围绕 结合 通过 按照
习近平法治思想 习近平新时代中国特色社会主义思想 党的二十大 二十大 参差不齐 不充分 不完善 不健全 有所 亟需 较大 淡薄
""".split())

# Words every report's shortfalls share (generic subjects) or that judge rather than name the problem:
# kept, but light, and never enough on their own.
WEAK_WORDS = frozenset("""
法治 依法 行政 政府 建设 干部 人员 机制 制度 体系 管理 服务 领域 意识 质量 思维 理念 职能 职责 责任 业务
规范 单一 创新 严格 严谨 到位 充分 及时 准确 统一 精准 明显 显著 多样 丰富 新颖 灵活 系统 滞后 落后
""".split())

_STEM_SUFFIX = "化性度率"  # 规范化→规范, 参与度→参与: the same problem written as a state or a degree
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")
_CLAUSE = re.compile(r"[^,;:。!?]+")
_CAUSE = re.compile(r"^(主要)?(原因|由于|究其原因|因为|源于|归因于|导致|造成|受)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*(?:年度|年|%)?")
_NOT_WORDING = re.compile(r"[\W\d_]+")
_TRAILING = "。;,:!? \n\t"


@dataclass(frozen=True)
class _Item:
    """One shortfall or plan item: where it stands (normalised offsets) and what it says."""

    n_start: int
    n_end: int
    wording: str  # the problem as stated, without marker, numbers, punctuation or cause clauses
    words: tuple[str, ...]  # its content words, in order
    head: tuple[str, ...]  # the content words of its first clause: the problem before its elaboration


@dataclass(frozen=True)
class Terms:
    """Which checklist items follow-through reads and how strictly it matches: the ``followup`` rules'
    parameters (the checklist checks the item ids when it loads), with the national checklist's defaults."""

    shortfalls: str = "shortfalls"  # last year's shortfalls, and this year's (for repeats)
    rectification: str = "prior_rectification"  # where last year's shortfalls should be answered
    measures: str = "measures"  # where last year's plan should be reported
    plan: str = "next_year_plan"  # last year's plan
    # An item is answered by a window holding at least this share of its content-word weight and at least
    # two of its specific words (all of them if it has fewer), or by a near-verbatim restatement.
    answered: float = 0.5
    answered_fuzzy: float = 85  # rapidfuzz partial_ratio, 0–100, of the item's wording inside one window
    # Two shortfalls are the same when their content words agree at least this much (see _similarity).
    repeated: float = 0.8


def follow_up(
    current: Analysed, previous: Analysed, source: int, tokens: Tokens, terms: Terms = Terms(),
    kinds: Iterable[FollowUpKind] = KINDS,
) -> tuple[FollowUp, ...]:
    """What ``current`` does with the shortfalls and plan of ``previous`` (the same body, an earlier year).

    ``source`` is put into each ``FollowUp.source``; ``tokens`` gives the word spans of a string; only the
    ``kinds`` asked for are looked for.
    """
    wanted = set(kinds)
    shortfalls = _items(previous, terms.shortfalls, tokens)
    plan = _items(previous, terms.plan, tokens)
    mine = _items(current, terms.shortfalls, tokens)
    # the weak words come from all items whatever is asked, so that one kind's result does not depend on
    # which others are enabled
    weak = _weak_words(current, [*shortfalls, *plan, *mine])
    not_answers = (terms.shortfalls, terms.plan)
    out: list[FollowUp] = []
    if shortfalls and "unanswered_shortfall" in wanted:
        scope = _scope(current, terms.rectification, not_answers)
        for item in shortfalls:
            answered, best = _answered(item, scope, weak, terms)
            if not answered:
                out.append(_followup("unanswered_shortfall", previous, item, source, similarity=best))
    if shortfalls and "repeated_shortfall" in wanted:
        for here in mine:
            score, theirs = max(((_similarity(here, t, weak), t) for t in shortfalls),
                                key=lambda pair: (pair[0], -pair[1].n_start))
            if score >= terms.repeated:
                start, end = current.doc.text_span(here.n_start, here.n_end)
                out.append(_followup("repeated_shortfall", previous, theirs, source, similarity=score,
                                     here=(start, end, current.doc.line_of(start))))
    if plan and "unreported_plan" in wanted:
        scope = _scope(current, terms.measures, not_answers)
        for item in plan:
            answered, best = _answered(item, scope, weak, terms)
            if not answered:
                out.append(_followup("unreported_plan", previous, item, source, similarity=best))
    return tuple(sorted(out, key=lambda f: (KINDS.index(f.kind), f.source_start, f.start or 0)))


def _weak_words(current: Analysed, items: Iterable[_Item]) -> frozenset[str]:
    """The generic words, plus the body's own vocabulary: words standing in many of this report's sentences.

    A civil-affairs bureau writes 民政 and a city-management bureau 执法 in every other sentence; such a
    word tells nothing about which problem or plan a sentence is about.
    """
    sentences = [m.group(0) for m in SENTENCE.finditer(current.doc.norm) if m.group(0).strip()]
    words = {w for item in items for w in item.words}
    if len(sentences) < COMMON_MIN_SENTENCES:
        return WEAK_WORDS
    common = {w for w in words if sum(w in s for s in sentences) >= COMMON * len(sentences)}
    return WEAK_WORDS | common


def _similarity(a: _Item, b: _Item, weak: frozenset[str]) -> float:
    """0–1: how far two shortfalls are the same, compared on content words, whole and headline clause.

    Years and figures are gone from both (a shortfall repeated with "2023年…2宗" turned into "2024年…1宗"
    is the same shortfall), and so are the words that only grade the problem; weak words weigh little,
    so "行政执法规范化" and "行政复议规范化" stay apart.
    """
    wording = fuzz.ratio("".join(a.words), "".join(b.words)) / 100 if a.words and b.words else 0.0
    return round(max(wording, _dice(a.words, b.words, weak), _dice(a.head, b.head, weak)), 3)


def _dice(a: Iterable[str], b: Iterable[str], weak: frozenset[str]) -> float:
    """Dice coefficient of two word sets, each word weighted as in the answered test."""
    wa, wb = set(a), set(b)
    total = _total(wa, weak) + _total(wb, weak)
    return 2 * _total(wa & wb, weak) / total if total else 0.0


def _content_words(text: str, tokens: Tokens) -> tuple[str, ...]:
    """The words of ``text`` that say what the problem or plan is about, in order, each once.

    The user dictionary makes long compounds (行政执法, 法治宣传教育, 重大行政决策程序) one token; they are
    cut into two-character pieces so that "执法" in a rectification text finds "行政执法" in the item.
    """
    out: list[str] = []
    for a, b in tokens(text):
        word = text[a:b]
        if not _CJK_WORD.fullmatch(word) or word in STOP_WORDS:
            continue
        for piece in _pieces(word):
            if len(piece) >= 3 and piece[-1] in _STEM_SUFFIX:
                piece = piece[:-1]
            if len(piece) >= 2 and piece not in STOP_WORDS and piece not in out:
                out.append(piece)
    return tuple(out)


def _pieces(word: str) -> list[str]:
    if len(word) < 4:
        return [word]
    pieces = [word[i : i + 2] for i in range(0, len(word) - 1, 2)]
    if len(word) % 2:
        pieces[-1] += word[-1]
    return pieces


def _weight(word: str, weak: frozenset[str]) -> int:
    return 1 if word in weak else len(word)


def _total(words: Iterable[str], weak: frozenset[str]) -> int:
    return sum(_weight(w, weak) for w in words)


def _items(a: Analysed, item_id: str, tokens: Tokens) -> list[_Item]:
    """The parts of a located section: shallowest child headings or inline items, else its sentences."""
    sec = a.section(item_id)
    if sec is None or not sec.present or sec.n_start is None or sec.n_end is None:
        return []
    s, e = sec.n_start, sec.n_end
    # Another item located by its own heading inside this one (an umbrella part) is not ours.
    inner = [(o.n_start, o.n_end) for o in a.sections
             if o.present and o.found_by == "heading" and o.id != item_id and o.n_start is not None
             and o.n_end is not None and s <= o.n_start and o.n_end <= e and (o.n_start, o.n_end) != (s, e)]
    heads = [h for h in a.outline.headings
             if s <= h.n_start < e and not (h.n_start == s and h.marker_kind != "inline")
             and not any(i0 <= h.n_start < i1 for i0, i1 in inner)]
    norm = a.doc.norm
    spans: list[tuple[int, int, int, int]] = []  # item span, then the text its content words come from
    if heads:
        top = min(h.level for h in heads)
        for h in heads:
            if h.level == top:
                spans.append((h.n_start, h.n_end, h.n_start + len(h.marker), h.n_end))
                # A bare heading ("(一)执法方面。") says little: its first sentence says what is meant.
                if len(_content_words(norm[spans[-1][2] : h.n_end], tokens)) < 2:
                    follow = SENTENCE.search(norm, h.n_end, h.n_body_end)
                    if follow:
                        spans[-1] = (h.n_start, h.n_end, h.n_start + len(h.marker), follow.end())
    else:
        body = sec.n_body if sec.n_body is not None else s
        spans = [(m.start(), m.end(), m.start(), m.end()) for m in SENTENCE.finditer(norm, body, e)
                 if not _CAUSE.match(m.group(0).strip())]  # "主要原因是……" explains, it is no item
    items: list[_Item] = []
    for n_start, n_end, t_start, t_end in spans:
        while n_end > n_start and norm[n_end - 1] in _TRAILING:
            n_end -= 1
        while n_start < n_end and norm[n_start].isspace():
            n_start += 1
        stated = _problem(norm[t_start:t_end])
        words = _content_words(stated, tokens)
        # A sentence with no specific word ("我局取得一定成效,但仍存在一些不足") is not an item.
        if n_end > n_start and words and (heads or any(w not in WEAK_WORDS for w in words)):
            wording = _NOT_WORDING.sub("", _NUMBER.sub("", stated))
            items.append(_Item(n_start, n_end, wording, words, _content_words(stated.split(",")[0], tokens)))
    return items


def _problem(text: str) -> str:
    """The text without its cause clauses ("主要原因是……"): causes are not what was to be fixed."""
    clauses = _CLAUSE.findall(text)
    kept = [c for c in clauses if not _CAUSE.match(c.strip())]
    return ",".join(kept or clauses)


def _scope(a: Analysed, item_id: str, not_in: Iterable[str]) -> list[str]:
    """Windows (sentences and adjacent pairs) of a section, or of the whole report without ``not_in``.

    Without its own section the whole report counts, except the parts that cannot answer: this year's
    shortfalls (a problem listed again is not a problem fixed) and next year's plan (a promise is not a fix).
    """
    sec = a.section(item_id)
    if sec is not None and sec.present and sec.n_start is not None and sec.n_end is not None:
        ranges = [(sec.n_start, sec.n_end)]
    else:
        skip = set(not_in)
        cuts = sorted((o.n_start, o.n_end) for o in a.sections
                      if o.id in skip and o.present and o.n_start is not None and o.n_end is not None)
        ranges, pos = [], 0
        for c0, c1 in cuts:
            if c0 > pos:
                ranges.append((pos, c0))
            pos = max(pos, c1)
        ranges.append((pos, len(a.doc.norm)))
    windows: list[str] = []
    for r0, r1 in ranges:
        sentences = [m.group(0) for m in SENTENCE.finditer(a.doc.norm, r0, r1) if m.group(0).strip()]
        windows += sentences
        windows += [x + y for x, y in zip(sentences, sentences[1:], strict=False)]
    return windows


def _answered(item: _Item, windows: list[str], weak: frozenset[str], terms: Terms) -> tuple[bool, float]:
    """Whether some window answers the item, and the best content-word coverage found (0–1)."""
    need = min(2, sum(1 for w in item.words if w not in weak))
    total = _total(item.words, weak)
    best = 0.0
    for window in windows:
        present = [w for w in item.words if w in window]
        coverage = _total(present, weak) / total
        best = max(best, coverage)
        if coverage >= terms.answered and sum(1 for w in present if w not in weak) >= need:
            return True, round(coverage, 3)
        # The item restated with a word or two changed ("执法文本不够规范"); partial_ratio would also find
        # a short window inside a long item, which proves nothing, so the window must hold the item.
        plain = _NOT_WORDING.sub("", window)
        if (FUZZY_MIN_CHARS <= len(item.wording) <= len(plain)
                and fuzz.partial_ratio(item.wording, plain) >= terms.answered_fuzzy):
            return True, round(max(coverage, terms.answered), 3)
    return False, round(best, 3)


def _followup(kind: FollowUpKind, previous: Analysed, item: _Item, source: int, *, similarity: float,
              here: tuple[int, int, int] | None = None) -> FollowUp:
    start, end = previous.doc.text_span(item.n_start, item.n_end)
    at, to, line = here if here else (None, None, None)
    return FollowUp(kind=kind, item=previous.doc.text[start:end], source=source, source_start=start,
                    source_end=end, source_line=previous.doc.line_of(start), start=at, end=to, line=line,
                    similarity=similarity)
