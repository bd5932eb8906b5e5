"""A byte budget for the streams pdfminer inflates while one PDF is read.

pdfminer decodes a stream with ``zlib.decompress(data)`` (and LZW with an unbounded decoder): a 1 MB
Flate stream that inflates to 1 GB is inflated whole, and kept. pdfminer has no setting for this, so
while our reader runs, the ``zlib`` and ``lzwdecode`` names inside ``pdfminer.pdftypes`` are replaced by
bounded stand-ins that count every byte they produce and raise :class:`InflationLimit` past the budget.
Everything else about decoding is pdfminer's own. The names are restored when the reading ends.
"""

from __future__ import annotations

import contextlib
import threading
import zlib
from collections.abc import Iterator

MAX_STREAM = 64 * 1024 * 1024  # one decoded stream (a page's text is a few hundred KB)
MAX_TOTAL = 192 * 1024 * 1024  # every stream of the document together

_lock = threading.Lock()  # the replaced names are module globals: one PDF at a time per process


class InflationLimit(Exception):
    """The PDF's streams inflate beyond the budget."""

    def __init__(self, produced: int) -> None:
        super().__init__(f"decoded streams exceed {produced:,} bytes")
        self.produced = produced


class _Budget:
    def __init__(self, total: int, per_stream: int) -> None:
        self.left = total
        self.per_stream = per_stream
        self.used = 0

    def take(self, n: int) -> None:
        self.used += n
        self.left -= n
        if self.left < 0:
            raise InflationLimit(self.used)


class _Decompressor:
    """``zlib.decompressobj()`` whose output counts against the budget (pdfminer uses it byte by byte
    for streams with a broken checksum)."""

    def __init__(self, budget: _Budget) -> None:
        self._inner = zlib.decompressobj()
        self._budget = budget
        self._produced = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = min(self._budget.per_stream - self._produced, self._budget.left) + 1
        out = self._inner.decompress(data, room if not max_length else min(room, max_length))
        self._produced += len(out)
        self._budget.take(len(out))
        if self._produced > self._budget.per_stream:  # room was one byte more than allowed: over
            raise InflationLimit(self._budget.used)
        return out

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]  # eof, unused_data, flush …
        return getattr(self._inner, name)


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside ``pdfminer.pdftypes``."""

    error = zlib.error

    def __init__(self, budget: _Budget) -> None:
        self._budget = budget

    def decompressobj(self, *args: object) -> _Decompressor:
        return _Decompressor(self._budget)

    def decompress(self, data: bytes) -> bytes:
        decompressor = _Decompressor(self._budget)
        out = decompressor.decompress(data)
        if not decompressor.eof:  # as zlib.decompress does: pdfminer then tries its lenient decoder
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out


def _bounded_lzw(budget: _Budget):  # type: ignore[no-untyped-def]
    from io import BytesIO

    from pdfminer.lzw import LZWDecoder

    def lzwdecode(data: bytes) -> bytes:
        parts, produced = [], 0
        for part in LZWDecoder(BytesIO(data)).run():
            produced += len(part)
            budget.take(len(part))
            if produced > budget.per_stream:
                raise InflationLimit(budget.used)
            parts.append(part)
        return b"".join(parts)

    return lzwdecode


@contextlib.contextmanager
def bounded_streams(total: int = MAX_TOTAL, per_stream: int = MAX_STREAM) -> Iterator[None]:
    """While the block runs, pdfminer inflates at most ``per_stream`` bytes per stream and ``total`` in all."""
    from pdfminer import pdftypes

    budget = _Budget(total, per_stream)
    with _lock:
        saved = pdftypes.zlib, pdftypes.lzwdecode
        pdftypes.zlib, pdftypes.lzwdecode = _BoundedZlib(budget), _bounded_lzw(budget)  # type: ignore[assignment]
        try:
            yield
        finally:
            pdftypes.zlib, pdftypes.lzwdecode = saved
