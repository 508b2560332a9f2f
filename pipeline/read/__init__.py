"""Readers: one module per format, each turning a file into ``ReadResult`` pages.

``read(path)`` picks the reader from the file's bytes first and its suffix second, so a
PDF named ``.txt`` or junk named ``.pdf`` is treated for what it is.
"""
from __future__ import annotations

import stat
from pathlib import Path
from typing import Callable

from pipeline.errors import InputError
from pipeline.model import ReadResult
from pipeline.read.docx import read_docx
from pipeline.read.html import read_html
from pipeline.read.image import read_image
from pipeline.read.pdf import read_pdf
from pipeline.read.text import read_text, utf16_without_bom

MAX_BYTES = 40 * 1024 * 1024  # a plan is at most a few MB; larger files are refused, not read
# a plan's text is tens of thousands of characters (a 300-page compilation about 600 000);
# more is refused with a reason rather than read at ~80 bytes of memory a character
MAX_CHARS = 1_500_000

SUFFIXES = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".pdf": "pdf",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
    ".bmp": "image", ".webp": "image", ".gif": "image", ".pnm": "image", ".ppm": "image",
    ".docx": "docx",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}

# Documents in formats no reader takes: named, so the error says what to do instead of
# "binary file"; in a folder they are still tried (a plan must not vanish unnoticed).
UNSUPPORTED_DOCUMENTS = {
    ".doc": "Word 97-2003", ".odt": "OpenDocument text", ".rtf": "RTF", ".wpd": "WordPerfect",
    ".xls": "Excel", ".xlsx": "Excel", ".ods": "OpenDocument spreadsheet",
    ".ppt": "PowerPoint", ".pptx": "PowerPoint", ".odp": "OpenDocument presentation",
    ".zip": "ZIP archive", ".rar": "RAR archive", ".7z": "7-Zip archive",
}


def sniff(path: Path, head: bytes) -> str | None:
    """The format a file really has, from its first bytes, or None if they do not tell."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF8")) or head[8:12] == b"WEBP":
        return "image"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if path.suffix.lower() == ".docx" else "zip"
    low = head[:512].lower()
    if b"<html" in low or b"<!doctype html" in low:
        return "html"
    return None


def detect_format(path: Path) -> str:
    """The reader to use for ``path``; raises InputError for what no reader takes."""
    with open(path, "rb") as f:
        head = f.read(1024)
    if not head:
        raise InputError("empty file")
    kind = UNSUPPORTED_DOCUMENTS.get(path.suffix.lower())
    if kind and sniff(path, head) in (None, "zip"):
        raise InputError(f"{kind} files are not read: save it as DOCX or PDF, or unpack it")
    by_suffix = SUFFIXES.get(path.suffix.lower())
    by_bytes = sniff(path, head)
    if by_bytes == "zip":
        raise InputError("a ZIP archive, not a DOCX")
    if by_suffix in ("pdf", "image", "docx") and by_bytes != by_suffix:
        raise InputError(f"not a valid {by_suffix.upper()} file (its bytes do not match its name)")
    fmt = by_bytes or by_suffix
    if fmt is None:
        if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and not utf16_without_bom(head):
            raise InputError("binary file of unknown format")
        fmt = "txt"
    return fmt


# one reader per format
READERS: dict[str, Callable[[Path], ReadResult]] = {
    "txt": read_text, "pdf": read_pdf, "image": read_image, "docx": read_docx, "html": read_html,
}


def not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file, or None when it is a regular file: missing, a
    folder, or a special file (a FIFO would block whoever opens it; a device never ends)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as e:
        return f"cannot open: {e.strerror or e}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
    return f"not a regular file ({kind}): not read"


def read(path: str | Path) -> ReadResult:
    """Read one file into pages of text, OCR'ing what has no text layer."""
    path = Path(path)
    why = not_a_file(path)
    if why:
        raise InputError(why)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"file too large ({size // (1024 * 1024)} MB > {MAX_BYTES // (1024 * 1024)} MB)")
    fmt = detect_format(path)
    reader = READERS.get(fmt)
    if reader is None:  # pragma: no cover - detect_format returns only the readers' formats
        raise InputError(f"unsupported format {fmt}")
    result = reader(path)
    chars = sum(len(p.text) for p in result.pages)
    if chars > MAX_CHARS:
        raise InputError(f"text too long ({chars:,} characters > {MAX_CHARS:,}): split the document")
    if not any(p.text.strip() for p in result.pages):
        raise InputError("no text found (blank pages or an image without text)")
    return result
