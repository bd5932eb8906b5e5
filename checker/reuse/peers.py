"""What the archive tells the rules about other bodies' reports (the rules' ``ArchiveView``).

Rule kinds never touch the database: the pipeline wraps the archive in ``ArchivePeers`` for one check,
which knows this report's body (to leave its own reports out) and keeps what it loads for that check.
"""

from __future__ import annotations

import numpy as np

from checker.model import Document, Extracted
from checker.reuse.align import K, align, gram_hashes
from checker.reuse.archive import Archive
from checker.reuse.canon import Canonical, canonical
from checker.text.figures import per_thousand
from checker.text.normalize import normalise


class ArchivePeers:
    """The archive as one check sees it: every report but this one, bodies other than this one's."""

    def __init__(self, archive: Archive, doc: Document, org: str | None):
        self.archive = archive
        self.org = org
        self.own = archive.contains(doc.text)
        # archived report id → its canonical text and gram hashes, loaded once per check
        self._loaded: dict[int, tuple[Canonical, np.ndarray]] = {}

    def part_densities(self, item: str, min_chars: int) -> list[float]:
        return [per_thousand(f, c) for f, c in self.archive.part_figures(item, min_chars, exclude=self.own)]

    def bodies_using(self, sentence: str, cover: float) -> int:
        """Bodies (not this report's) with a report covering ``cover`` of the sentence's canonical
        characters with one matching run. The sentence's grams find the reports that share any of them
        in the archive's index (a run of 13 characters always leaves one there); only those are read."""
        canon = canonical(sentence)
        if len(canon) < K:
            return 0
        hashes = gram_hashes(canon.text)
        need = max(1, int(cover * len(canon)))
        bodies: dict[str, bool] = {}
        for report, body, _shared in self.archive.reports_sharing(hashes):
            if report == self.own or (self.org and body == self.org) or bodies.get(body):
                continue
            there, there_hashes = self._report(report)
            matches = align(canon.text, there.text, hashes, there_hashes, min_chars=need)
            # near-verbatim: one run covers the share asked, and reads alike on both sides
            bodies[body] = any(m.q_end - m.q_start >= need and m.similarity >= cover for m in matches)
        return sum(bodies.values())

    def _report(self, report: int) -> tuple[Canonical, np.ndarray]:
        if report not in self._loaded:
            stored = self.archive.fetch(report)
            canon = canonical(normalise(Extracted(stored.path, "txt", stored.text or "")).norm)
            self._loaded[report] = canon, gram_hashes(canon.text)
        return self._loaded[report]
