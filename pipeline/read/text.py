"""Plain-text files: UTF-8, UTF-16, Windows-1258 and legacy Vietnamese font encodings.

Why the order of tries: a BOM is proof; UTF-8 that decodes cleanly is almost never anything
else; UTF-16 without a BOM shows itself by NUL bytes in every other position; what is left
is 8-bit text, and there the encoding (Windows-1258, TCVN3, VNI) is chosen by which decoding
reads as the most Vietnamese (``legacy.best_decoding``).
"""
from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from pipeline.errors import InputError
from pipeline.model import RawPage, ReadResult
from pipeline.read import legacy
from pipeline.read.wrap import unwrap


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs fill the odd/even bytes of a sample, else None."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (NFC text, encoding name)."""
    if data.startswith(codecs.BOM_UTF8):
        text, enc = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise InputError(f"cannot decode UTF-16 text: {e.reason}") from e
    elif (utf16 := utf16_without_bom(data)) is not None:
        try:
            text, enc = data.decode(utf16), utf16
        except UnicodeDecodeError as e:
            raise InputError(f"cannot decode UTF-16 text: {e.reason}") from e
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            if b"\x00" in data:
                raise InputError("binary file, not text") from None
            text, enc = legacy.best_decoding(data)
            return text, enc
    if "\x00" in text:
        raise InputError("binary file, not text")
    fixed, legacy_name = legacy.repair(text)
    if legacy_name:
        return fixed, f"{enc}+{legacy_name}"
    return unicodedata.normalize("NFC", text), enc


def read_text(path: Path) -> ReadResult:
    """A text file as one page, or one page per form feed (text exported from a PDF)."""
    text, enc = decode(path.read_bytes())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = [RawPage(unwrap(t)) for t in text.split("\f")]
    return ReadResult(str(path), "txt", pages, encoding=enc)
