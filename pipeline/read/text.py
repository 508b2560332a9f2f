"""Plain-text files: UTF-8, UTF-16, Windows-1258 and legacy Vietnamese font encodings."""
from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputError
from ..model import RawPage, ReadResult


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding name). Tries BOMs, UTF-8, then Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError as e:
        raise InputError(f"cannot decode text: {e.reason}") from e


def read_text(path: Path) -> ReadResult:
    text, enc = decode(path.read_bytes())
    # form feeds separate pages in text exported from PDFs
    pages = [RawPage(t) for t in text.split("\f")] if "\f" in text else [RawPage(text)]
    return ReadResult(str(path), "txt", pages, encoding=enc)
