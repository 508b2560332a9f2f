"""Normalise reader output into the one text every extractor sees.

Why here and not in each extractor: spans must point into a single text, and matching rules
are simpler when the text has one Unicode form (NFC), one tone-mark style (``hòa``/``ủy``,
not ``hoà``/``uỷ``), Latin letters only (web copies mix in Cyrillic/Greek look-alikes),
no markdown artefacts, no line-end hyphenation and no running page headers or page numbers.

Every change keeps a map back to the source page and position (``NormText.origin``).
The folded view used for tolerant matching lives in ``pipeline.text.fold``.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter
from functools import lru_cache
from typing import Iterable, Iterator

from pipeline.model import NormText, PageSpan, ReadResult
from pipeline.normalize.ocr_repairs import repair_figures, repair_ocr_page
from pipeline.normalize.runon import rebuild_lines, runs_on
from pipeline.normalize.table_rows import wrapped_rows
from pipeline.resources import MODELS

PAGE_SEP = "\n\n"


@lru_cache(maxsize=1)
def _confusables() -> dict[int, str]:
    """Look-alike letters (Cyrillic, Greek, fullwidth) → Latin, from models/confusables.tsv."""
    table: dict[int, str] = {}
    for line in (MODELS / "confusables.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        src, dst = line.split("\t")[:2]
        table[ord(src)] = dst
    return table


# Characters that are noise in any document: zero-width marks, soft hyphen, BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = {ord(c): " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"}

# Old-style tone placement (hoà, uỷ, thuý) → the style of Nghị định 30 (hòa, ủy, thúy): the
# mark moves from the second vowel of oa/oe/uy to the first when the syllable ends there.
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # grave, acute, hook, tilde, dot below


# "Not after q" (``quà`` is not old style) is a look-behind over the letter before the two
# matched ones, placed after them: a pattern that opens with a look-behind is tried at every
# position, one that opens with letters lets the regex engine skip to them.
_OLD_TONE = re.compile(
    r"("
    + "|".join(
        f"{f}[{''.join(unicodedata.normalize('NFC', s + t) for t in _TONES)}]"
        for a, b in (("o", "a"), ("o", "e"), ("u", "y"))
        for f in (a, a.upper())
        for s in (b, b.upper())
    )
    + r")(?<![qQ]..)(?![^\W\d_])"
)


def _move_tone(m: re.Match[str]) -> str:
    first, second = m.group(1)[0], m.group(1)[1]
    decomposed = unicodedata.normalize("NFD", second)
    base, mark = decomposed[0], decomposed[1:]
    return unicodedata.normalize("NFC", first + mark) + base


def offsets(values: Iterable[int] = ()) -> array:
    """An origin map: one machine integer a character (an ``array``, 4 bytes each: any offset
    in a page under ``read.MAX_CHARS``), not a list of int objects (36 bytes each)."""
    return array("i", values)


class _Mapped:
    """A string with, for each character, its offset in the page text it came from."""

    def __init__(self, text: str, origin: array):
        self.text = text
        self.origin = origin

    def sub(self, pattern: re.Pattern[str], repl) -> None:
        """``re.sub`` that keeps the origin map: replacement characters map to the match start."""
        first = pattern.search(self.text)
        if first is None:  # the usual case: nothing to rebuild
            return
        self.sub_matches(pattern.finditer(self.text, first.start()), repl)  # look-behinds still see the text before

    def sub_matches(self, matches: Iterable[re.Match[str]], repl) -> None:
        """``sub`` of the given matches of ``self.text`` (left to right, not overlapping)."""
        out: list[str] = []
        org = offsets()
        last = 0
        for m in matches:
            out.append(self.text[last : m.start()])
            org.extend(self.origin[last : m.start()])
            r = repl(m) if callable(repl) else m.expand(repl) if "\\" in repl else repl  # a plain string needs no template
            if len(r) == m.end() - m.start():
                org.extend(self.origin[m.start() : m.end()])
            else:
                anchor = self.origin[m.start()] if m.start() < len(self.origin) else (self.origin[-1] + 1 if self.origin else 0)
                org.extend(offsets((anchor,)) * len(r))
            out.append(r)
            last = m.end()
        if not out:  # no match: nothing to rebuild
            return
        out.append(self.text[last:])
        org.extend(self.origin[last:])
        self.text = "".join(out)
        self.origin = org


_MD_HEADING = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+")
_MD_EMPH = re.compile(r"(\*{1,3})(?=[^\s*])([^\n]*?[^\s*(])\1(?!\*)")
_MD_RULE = re.compile(r"(?m)^[ \t]*(?:\*{3,}|-{3,}|_{3,})[ \t]*$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-\n(?=[a-zà-ỹđ])")
_TAB_CELL = re.compile(r"(?<=\S)[ ]*\t[ \t]*(?=\S)")  # a tab between words separates table cells
_TAB = re.compile(r"\t")
# The space patterns open with literal spaces/newlines (look-behinds placed after them) so the
# regex engine can skip to candidates instead of trying every position.
_TRAIL_SPACE = re.compile(r" [ ]*(?=\n)| [ ]*\Z")
_MULTI_SPACE = re.compile(r"  (?<=\S  )[ ]*(?=\S)")
_LEAD_SPACE = re.compile(r"(?m)^[ ]+")
# specks OCR reads before a list marker or part heading ("__- Các sở", "~ (2) Tổ chức",
# ": - 100%", "__ II. NỘI DUNG"): the marker opens the line
_LEAD_SPECKS = re.compile(r"(?m)^[_~`'‘’.,:;¬ˆ]{1,4}[ ]?(?=(?:[-+•–]|\(\d{1,2}\)|[IVX]{1,4}\.)[ ]+\S)")
_SPECKS = frozenset("_~`'‘’.,:;¬ˆ")
_SPECK_LINE = re.compile(r"\n[_~`'‘’.,:;¬ˆ]")
_HASH_LINE = re.compile(r"\n[ \t]*#")  # a line opening with "#" after the first (see _MD_HEADING)
_MANY_BLANKS = re.compile(r"\n\n\n+")
_PAGE_NUMBER = re.compile(r"(?m)^[ \t]*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–—])?[ \t]*$")


def normalize_string(s: str) -> str:
    """Normalise a short string (a query, a gazetteer alias) the way document text is."""
    return _normalize_page(s, offsets(range(len(s)))).text.strip()


def _unemph(m: re.Match[str]) -> str:
    return m.group(2)


def _star_matches(text: str) -> Iterator[re.Match[str]]:
    """``_MD_EMPH.finditer(text)``, the pattern tried only at the asterisks. Why: it opens with
    a repeated group, so the regex engine cannot skip to its first character and tries every
    position of the text; every match opens with "*" and nothing in the pattern looks behind,
    so a ``match`` at each asterisk not inside the previous match finds the same matches."""
    pos = text.find("*")
    while pos >= 0:
        m = _MD_EMPH.match(text, pos)
        if m is not None:
            yield m
            pos = text.find("*", m.end())
        else:
            pos = text.find("*", pos + 1)


@lru_cache(maxsize=1)
def _char_map() -> dict[int, str]:
    """The one-to-one character maps: odd spaces and look-alike letters."""
    return {**_SPACES, **_confusables()}


@lru_cache(maxsize=1)
def _char_map_re() -> re.Pattern[str]:
    """Any character ``_char_map`` changes (a regex class scans far faster than a translate)."""
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted({**_SPACES, **_confusables()})) + "]")


def _normalize_page(text: str, origin: array) -> _Mapped:
    m = _Mapped(text, origin)
    if "\r" in m.text:
        m.sub(re.compile(r"\r\n?"), "\n")
    if any(chr(c) in m.text for c in _INVISIBLE):
        m.sub(re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]"), "")
    # one-to-one character maps (spaces, look-alikes), so the origin map stays valid; a regex
    # finds the few characters to change (most texts hold none) faster than a translate
    cmap = _char_map()
    m.text = _char_map_re().sub(lambda c: cmap[ord(c.group())], m.text)
    m.sub(_OLD_TONE, _move_tone)
    # Each pass below runs only when the text holds the characters its pattern needs (a
    # substring test is far cheaper than a regex scan that finds nothing, the usual case).
    if "\\" in m.text:
        m.sub(_MD_ESCAPE, r"\1")
    if "#" in m.text and (m.text.lstrip(" \t").startswith("#") or _HASH_LINE.search(m.text)):
        m.sub(_MD_HEADING, "")
    if "*" in m.text:
        m.sub_matches(_star_matches(m.text), _unemph)
    if any(r in m.text for r in ("***", "---", "___")):
        m.sub(_MD_RULE, "")
    if "-\n" in m.text:
        m.sub(_HYPHEN_BREAK, "")
    if "\t" in m.text:
        m.sub(_TAB_CELL, " | ")
        m.sub(_TAB, " ")
    if m.text.startswith(" ") or "\n " in m.text:
        m.sub(_LEAD_SPACE, "")
    if m.text[:1] in _SPECKS or _SPECK_LINE.search(m.text):  # a line opening with a speck
        m.sub(_LEAD_SPECKS, "")
    if "  " in m.text:
        m.sub(_MULTI_SPACE, " ")
    if " \n" in m.text or m.text.endswith(" "):
        m.sub(_TRAIL_SPACE, "")
    if "\n\n\n" in m.text:
        m.sub(_MANY_BLANKS, "\n\n")
    return m


def _running_lines(pages: list[str]) -> set[str]:
    """Lines that open or close most pages of a multi-page PDF: running headers and footers."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for p in pages:
        lines = [ln.strip() for ln in p.splitlines() if ln.strip()]
        edge = set(lines[:2] + lines[-2:])
        counts.update(re.sub(r"\d+", "#", ln) for ln in edge)
    return {ln for ln, n in counts.items() if n >= max(3, len(pages) // 2 + 1) and len(ln) < 120}


_SENTENCE_END = ".;:!?…"


def continues_sentence(before: str, after: str) -> bool:
    """Does ``after`` (a page) open in the middle of the last sentence of ``before``?

    Why: a printed paragraph runs on over the page break, and read page by page it became
    two paragraphs — the second half a task of its own, the item losing its end (and with
    it, often, who is to do it). The page is taken to continue when the last line before the
    break has small letters (not a heading or a capitals block) and no sentence-ending mark,
    and the new page's first word is in small letters: a new paragraph, heading or item
    would open with a capital, a number or a marker.
    """
    last = before.rstrip().rsplit("\n", 1)[-1].rstrip()
    first = after.lstrip()[:1]
    if not last or not first or last[-1] in _SENTENCE_END:
        return False
    return first.islower() and any(c.islower() for c in last)


def normalize(read: ReadResult) -> NormText:
    """Normalise all pages of a read file into one text with page spans and an origin map."""
    nfc_pages = [unicodedata.normalize("NFC", p.text) for p in read.pages]
    running = _running_lines(nfc_pages) if read.format == "pdf" else set()
    parts: list[str] = []
    origin = offsets()
    spans: list[PageSpan] = []
    pos = 0
    for number, (page, text) in enumerate(zip(read.pages, nfc_pages), start=1):
        m = _Mapped(text, offsets(range(len(text))))
        if read.format in ("pdf", "image"):
            if running:
                pat = re.compile(
                    r"(?m)^[ \t]*(?:" + "|".join(re.escape(r).replace("\\#", r"\d+").replace("#", r"\d+") for r in running) + r")[ \t]*\n?"
                )
                m.sub(pat, "")
            m.sub(_PAGE_NUMBER, "")
            if page.method == "ocr":
                repair_ocr_page(m)
        n = _normalize_page(m.text, m.origin)
        breaks = runs_on(n.text) if page.method != "ocr" else None
        if breaks:
            # a web page's or viewer's breaks, or headings run on inside paragraphs: lines
            # rebuilt where the document's begin (one space or newline for another, so the
            # origin map holds)
            n.text = rebuild_lines(n.text, join=breaks == "page")
        repair_figures(n)
        if "\n|" in n.text:
            n.sub_matches(wrapped_rows(n.text), lambda j: j.text)  # a row wrapped onto lines below, joined
        body = n.text.strip("\n")
        lead = len(n.text) - len(n.text.lstrip("\n"))
        body_origin = n.origin[lead : lead + len(body)]
        if parts:
            sep = " " if continues_sentence(parts[-1], body) else PAGE_SEP
            parts.append(sep)
            origin.extend(offsets((body_origin[0] if body_origin else 0,)) * len(sep))
            pos += len(sep)
        spans.append(PageSpan(number, pos, pos + len(body), page.method, page.confidence))
        parts.append(body)
        origin.extend(body_origin)
        pos += len(body)
    return NormText("".join(parts), spans, origin)
