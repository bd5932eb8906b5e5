"""How the checker walks a Word document's XML, shared by the reader (readers/docx.py) and the commented-draft
writer (render/word_anchor.py): the writer must find the text at the very place the reader took it from.

Blocks may sit inside content controls (``w:sdt``), which are looked through; a table cell that continues a
vertical merge has no text of its own and is left out. Pure functions over lxml elements; nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def children(parent: Any, *tags: str) -> Iterator[Any]:
    """Children with one of ``tags`` (local names: "p", "tbl", "tr", "tc"), looking inside content controls."""
    wanted = {W + tag for tag in tags}
    for child in parent.iterchildren():
        if child.tag in wanted:
            yield child
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from children(content, *tags)


def continues_merge(cell: Any) -> bool:
    """A ``w:tc`` that continues a vertical merge (``w:vMerge`` without ``restart``)."""
    properties = cell.find(W + "tcPr")
    merge = properties.find(W + "vMerge") if properties is not None else None
    return merge is not None and merge.get(W + "val", "continue") != "restart"
