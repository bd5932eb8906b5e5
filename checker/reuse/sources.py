"""Which earlier reports a report is compared with, and what goes into the archive.

The files the user names are taken as given; the archive offers its best candidates by shared
fingerprints. Whose report a source is comes from the bodies detected in both texts: a ``--history`` or
``diff`` file another body wrote is a peer's, whatever the option is called. Where a body is not
detected on either side, a given file is taken at the user's word (their own), an archived one is not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from checker.model import Analysed, Extracted, Result, ReuseKind, ReuseSource, printable_name
from checker.reuse.analyse import SourceReport
from checker.reuse.archive import Archive, NewReport
from checker.reuse.fingerprints import fingerprints
from checker.reuse.prepared import Prepared
from checker.text.figures import part_counts


def gather(
    current: Analysed,
    history: Sequence[Extracted | Prepared],
    archive: Archive | None,
    prepare: Callable[[Extracted], Analysed],
    *,
    candidates: int = 20,
    archived: Callable[[str, Callable[[], Analysed], str], Prepared] | None = None,
) -> tuple[list[SourceReport], np.ndarray | None]:
    """The sources to compare ``current`` with (``prepare`` analyses an earlier text), and the gram
    hashes many different bodies' archived reports share (None without an archive). A ``history``
    entry already prepared (from the cache, see ``reuse.prepared``) is taken as it is; ``archived(text,
    make, path)``, when given, prepares an archived report's text once (``make`` is how)."""
    meta = current.outline.meta
    sources = []
    for h in history:
        ready = h if isinstance(h, Prepared) else None
        earlier = ready.analysed if ready else prepare(h)  # type: ignore[arg-type]
        there = earlier.outline.meta
        kind: ReuseKind = "peer" if same_body(meta.org, there.org) is False else "self"
        sources.append(SourceReport(earlier, earlier.doc.source.display_path, there.org, there.year, kind,
                                    ready.text if ready else None))
    if archive is None:
        return sources, None
    own = archive.contains(current.doc.text)
    prints = fingerprints(current.doc.norm)
    found, common = archive.candidates(prints.all_hashes, lookup=prints.hashes, positions=prints.positions,
                                       limit=candidates)
    for report_id, _shared in found:
        if report_id == own:
            continue
        stored = archive.fetch(report_id)
        ours = bool(same_body(meta.org, stored.org))
        if ours and meta.year and stored.year and stored.year >= meta.year:
            continue  # a later or same-year version of this report is no earlier source
        text = stored.text or ""

        def make(path: str | None = stored.path, text: str = text) -> Analysed:
            return prepare(Extracted(path, "txt", text))

        ready = archived(text, make, stored.path or "") if archived else Prepared.of(make())
        sources.append(SourceReport(ready.analysed, stored.path, stored.org, stored.year, "self" if ours else "peer",
                                    ready.text))
    return sources, common


def same_body(here: str | None, there: str | None) -> bool | None:
    """Whether two detected bodies are one; None when either is unknown. Detection already drops the
    province and city before a district (meta.py), so the names compare as they are."""
    if not here or not there:
        return None
    return here == there


def not_earlier(result: Result, given: int) -> list[ReuseSource]:
    """The first ``given`` sources (the files the user named) whose year is not before the report's:
    a later version of one's own report is no source of recycling, and for another body's report the
    comparison cannot say who copied whom."""
    year = result.meta.year
    if result.reuse is None or year is None:
        return []
    return [s for s in result.reuse.sources[:given] if s.year is not None and s.year >= year]


def to_store(analysed: Analysed, path: str, *, org: str | None = None, year: int | None = None) -> NewReport:
    """What the archive keeps of a report (org and year default to what the checker detects)."""
    meta = analysed.outline.meta
    prints = fingerprints(analysed.doc.norm)
    return NewReport(analysed.doc.text, org or meta.org, year or meta.year, printable_name(path), meta.title,
                     prints.counted, prints.hashes, prints.positions,
                     part_counts(analysed.doc.norm, analysed.sections))


def store(
    archive: Archive, analysed: Analysed, path: str, *, org: str | None = None, year: int | None = None
) -> tuple[int, bool, str | None, int | None]:
    """Store a report in the archive (org and year default to what the checker detects).

    Returns the archive id, whether it was added (False: the same text was there already), org, year.
    """
    new = to_store(analysed, path, org=org, year=year)
    report_id, added = archive.add_many([new])[0]
    return report_id, added, new.org, new.year
