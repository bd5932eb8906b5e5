"""Zip packages (.docx, .ofd): every member inflated once within a byte budget before a library reads them.

A zip's declared sizes are the attacker's to write, so what counts is what inflating yields. Each member
is read in 1 MB chunks and thrown away; the library that parses the package later inflates the same
members, which is then bounded too. A member that inflates past its declared size fails zipfile's CRC
check and is reported as corrupt.
"""

from __future__ import annotations

import zipfile
import zlib

from checker.errors import InputError

MAX_RATIO = 100  # most an XML part may inflate against the whole file
# What the parts may inflate to, counted while they are actually inflated: the XML a library parses, and
# everything it loads (images are blobs kept in memory).
MAX_XML_INFLATED = 64 * 1024 * 1024
MAX_INFLATED = 200 * 1024 * 1024
_CHUNK = 1024 * 1024


def inflate_within_budget(package: zipfile.ZipFile, path: str | None, size: int, max_ratio: int, kind: str) -> None:
    """Stop at the first byte over budget; ``kind`` (".docx", ".ofd") names the format in messages."""
    total = xml_total = 0
    for info in package.infolist():
        if info.is_dir():
            continue
        is_xml = info.filename.lower().endswith((".xml", ".rels"))
        member = 0
        try:
            with package.open(info) as handle:
                while chunk := handle.read(_CHUNK):
                    member += len(chunk)
                    total += len(chunk)
                    xml_total += len(chunk) if is_xml else 0
                    if total > MAX_INFLATED or (is_xml and (xml_total > MAX_XML_INFLATED or member > max_ratio * size)):
                        raise _bomb(path, kind, info.filename, member, size)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]
            raise InputError(
                path, zh=f"不是有效的 {kind} 文件：压缩包中的 {info.filename} 已损坏（{reason}）",
                en=f"not a valid {kind} file: {info.filename} in the archive is corrupt ({reason})",
            ) from None


def _bomb(path: str | None, kind: str, member: str, inflated: int, size: int) -> InputError:
    return InputError(
        path,
        zh=f"拒绝读取：{kind} 解压后过大（{member} 已解压 {inflated:,} 字节，文件仅 {size:,} 字节），可能是压缩炸弹",
        en=f"refused: the {kind} inflates too far ({member} reached {inflated:,} bytes from a {size:,}-byte file; "
        "possible zip bomb)",
    )
