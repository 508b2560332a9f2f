"""DOCX files: paragraphs and tables in document order, list numbers included.

Why walk the body XML instead of ``doc.paragraphs`` + ``doc.tables``: a plan's assignment
table sits between the paragraphs that introduce and follow it, and the downstream rules
need it there, row by row (``| a | b |``). Why render Word's automatic numbering: plans
typed in Word often number headings with a list style (``I.``, ``1.``, ``a)``), and those
markers are not in the paragraph text; without them the outline is lost.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from pipeline.errors import InputError
from pipeline.model import RawPage, ReadResult
from pipeline.read import legacy

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _letter(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[(n - 1) % 26] * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    return str(n)  # decimal and every format rendered as digits


class Numbering:
    """Word's list numbering: which marker each numbered paragraph shows."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> (start, fmt, text)
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
            for an in numbering.findall(f"{W}abstractNum"):
                lv: dict[int, tuple[int, str, str]] = {}
                for lvl in an.findall(f"{W}lvl"):
                    ilvl = int(lvl.get(f"{W}ilvl", "0"))
                    start = lvl.find(f"{W}start")
                    fmt = lvl.find(f"{W}numFmt")
                    text = lvl.find(f"{W}lvlText")
                    lv[ilvl] = (
                        int(start.get(f"{W}val", "1")) if start is not None else 1,
                        fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                        text.get(f"{W}val", "") if text is not None else "",
                    )
                abstract[an.get(f"{W}abstractNumId")] = lv
            for num in numbering.findall(f"{W}num"):
                ref = num.find(f"{W}abstractNumId")
                if ref is None:
                    continue
                lv = dict(abstract.get(ref.get(f"{W}val"), {}))
                for ov in num.findall(f"{W}lvlOverride"):
                    so = ov.find(f"{W}startOverride")
                    ilvl = int(ov.get(f"{W}ilvl", "0"))
                    if so is not None and ilvl in lv:
                        start, fmt, text = lv[ilvl]
                        lv[ilvl] = (int(so.get(f"{W}val", str(start))), fmt, text)
                self.levels[num.get(f"{W}numId")] = lv
        try:
            for style in document.styles.element.findall(f"{W}style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    found = self._num_pr(num_pr)
                    if found:
                        self.style_num[style.get(f"{W}styleId")] = found
        except (AttributeError, KeyError):
            pass

    @staticmethod
    def _num_pr(num_pr) -> tuple[str, int] | None:
        num_id = num_pr.find(f"{W}numId")
        ilvl = num_pr.find(f"{W}ilvl")
        if num_id is None:
            return None
        return num_id.get(f"{W}val"), int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0

    def marker(self, p) -> str:
        """The list marker paragraph ``p`` shows ('' when it is not numbered)."""
        ppr = p.find(f"{W}pPr")
        found = None
        if ppr is not None:
            num_pr = ppr.find(f"{W}numPr")
            if num_pr is not None:
                found = self._num_pr(num_pr)
            if found is None:
                style = ppr.find(f"{W}pStyle")
                if style is not None:
                    found = self.style_num.get(style.get(f"{W}val"))
        if not found or found[0] == "0" or found[0] not in self.levels:
            return ""
        num_id, ilvl = found
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 10)
        ilvl = min(ilvl, 9)
        start, fmt, text = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        if fmt == "bullet":
            return text if text in ("-", "+", "*", "–") else "-"
        if fmt == "none":
            return ""

        def level_value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            value = counters[k] or levels[k][0]
            return _format_number(value, levels[k][1])

        return re.sub(r"%([1-9])", level_value, text)


def _paragraph_text(p) -> str:
    """A paragraph's visible text: runs, tabs and line breaks (deleted revisions left out)."""
    parts: list[str] = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}delText", f"{W}noBreakHyphen"):
        tag = el.tag
        if tag == f"{W}t":
            parts.append(el.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _table_lines(tbl, numbering: Numbering) -> list[str]:
    """A table as ``| a | b |`` rows; merged cells once; nested tables flattened into their cell."""
    lines: list[str] = []
    for tr in tbl.findall(f"{W}tr"):
        cells: list[str] = []
        for tc in tr.findall(f"{W}tc"):
            texts = []
            for child in tc:
                if child.tag == f"{W}p":
                    marker = numbering.marker(child)
                    t = _paragraph_text(child)
                    texts.append(f"{marker} {t}".strip() if marker else t)
                elif child.tag == f"{W}tbl":
                    texts.extend(_table_lines(child, numbering))
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            if vmerge is not None and vmerge.get(f"{W}val") in (None, "continue"):
                cells.append("")  # continuation of a cell merged from the row above
                continue
            cells.append(" ".join(" ".join(texts).split()))
        if any(cells):
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def docx_text(document) -> str:
    """Body paragraphs and tables of a python-docx Document, in order."""
    numbering = Numbering(document)
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            marker = numbering.marker(child)
            text = _paragraph_text(child)
            lines.append(f"{marker} {text}" if marker and text.strip() else text)
        elif child.tag == f"{W}tbl":
            lines.extend(_table_lines(child, numbering))
        elif child.tag == f"{W}sdt":  # content controls wrap paragraphs (cover pages, forms)
            for p in child.iter(f"{W}p"):
                lines.append(_paragraph_text(p))
    return "\n".join(lines)


MAX_UNPACKED = 200 * 1024 * 1024  # a plan's XML is a few MB; a ZIP bomb unpacks to gigabytes


def _check_unpacked_size(path: Path) -> None:
    """InputError when the parts of the DOCX would unpack to more than ``MAX_UNPACKED``."""
    try:
        with zipfile.ZipFile(path) as z:
            total = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
        raise InputError(f"not a valid DOCX file ({type(e).__name__})") from e
    if total > MAX_UNPACKED:
        raise InputError(f"DOCX unpacks to {total // (1024 * 1024)} MB (more than {MAX_UNPACKED // (1024 * 1024)} MB)")


def read_docx(path: Path) -> ReadResult:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_unpacked_size(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as e:
        raise InputError(f"not a valid DOCX file ({type(e).__name__})") from e
    except ValueError as e:  # e.g. a .docm/.dotx content type
        raise InputError(f"not a DOCX document: {e}") from e
    except Exception as e:  # zip, zlib and XML errors of a damaged file, of many types
        raise InputError(f"damaged DOCX, cannot be parsed ({type(e).__name__})") from e
    text = docx_text(document)
    text, legacy_name = legacy.repair(text)
    return ReadResult(str(path), "docx", [RawPage(text)], encoding=legacy_name)
