"""Read a plain-text report: detect its encoding (never from the locale), then drop site furniture."""

from __future__ import annotations

import codecs
import re

from checker.errors import InputError
from checker.model import Extracted
from checker.readers.furniture import strip_furniture
from checker.readers.signatures import looks_binary_text, utf16_without_bom

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# What a Chinese text decoded with the right codec is made of, besides ASCII: ideographs, CJK and
# full-width punctuation, general punctuation (“”—…), Latin-1 symbols (·×°) and Greek/Cyrillic/box
# drawing that GB2312 carries. Big5 or Shift-JIS bytes decoded as GB18030 land in the private use area
# or in rarely used symbols instead.
PLAUSIBLE = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2000-\u206f"
    r"\u00a0-\u00ff\u0391-\u03c9\u0401-\u0451\u2150-\u218f\u2460-\u24ff\u2500-\u257f\u25a0-\u25ff"
    r"\u2600-\u26ff\u3200-\u33ff\ufe30-\ufe4f]"
)


def read_txt(data: bytes, path: str | None) -> Extracted:
    """Decode ``data``, normalise line breaks to "\\n" and drop furniture lines (see furniture.py)."""
    if looks_binary_text(data):
        raise InputError(path, zh="这是二进制文件，不是报告文本", en="this is a binary file, not report text")
    text, encoding = decode_text(data, path)
    text = normalise_newlines(text)
    if not text.strip():
        raise InputError(path, zh="文件没有文字内容（只有空白字符）", en="the file has no text (only whitespace)")
    kept, published, dropped = strip_furniture(text, keep_lines=True)
    if not kept.strip():
        raise InputError(path, zh="文件没有报告正文（只有网页附属信息）", en="the file has no report text, only web page furniture")
    return Extracted(
        path=path, format="txt", text=kept, encoding=encoding, published=published, dropped_lines=dropped
    )


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes, path: str | None) -> tuple[str, str]:
    """The text of ``data`` and the name of its encoding.

    Strict UTF-8 first (a BOM is stripped and reported as "utf-8-sig"), then UTF-16/32 with a BOM, then
    UTF-16 without one (see ``utf16_without_bom``), then
    strict GB18030 if the result reads as Chinese, then charset-normalizer's best guess if that contains
    Chinese; otherwise InputError.
    """
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec  # the utf-16/utf-32 codecs consume the BOM
            except UnicodeDecodeError:
                raise undecodable(path, codec) from None
    wide = utf16_without_bom(data)
    if wide is not None:
        try:
            return data.decode(wide), wide
        except UnicodeDecodeError:
            raise undecodable(path, wide) from None
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if plausibly_chinese(text):
            return text, "gb18030"
    guess = best_guess(data)
    if guess is not None:
        return guess
    raise undecodable(path, None)


def plausibly_chinese(text: str) -> bool:
    """Whether a GB18030 decoding looks like real text: nearly every non-ASCII character an ideograph or
    common punctuation, and at least 40% of the ideographs in GB2312 (simplified text: ~100%,
    traditional: ~65%). Big5 or Shift-JIS bytes decoded as GB18030 give private-use characters, rare
    symbols and rare ideographs outside GB2312 instead."""
    non_ascii = [ch for ch in text if ord(ch) > 0x7F]
    ideographs = CJK.findall(text)
    if not ideographs:
        return False
    plausible = sum(1 for ch in non_ascii if PLAUSIBLE.match(ch))
    return plausible >= 0.98 * len(non_ascii) and sum(map(in_gb2312, ideographs)) >= 0.4 * len(ideographs)


def in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def best_guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best decoding, if it contains Chinese (a report in, say, cp1252 is not one)."""
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        return None
    text = str(match)
    if not CJK.search(text):
        return None
    return text, match.encoding


def undecodable(path: str | None, codec: str | None) -> InputError:
    tried = codec or "UTF-8、GB18030、UTF-16"
    return InputError(
        path,
        zh=f"无法识别文件的文字编码（已尝试 {tried}），请另存为 UTF-8 编码的 .txt 文件",
        en=f"cannot determine the file's text encoding (tried {codec or 'UTF-8, GB18030, UTF-16'}); "
        "save it as UTF-8 text",
    )
