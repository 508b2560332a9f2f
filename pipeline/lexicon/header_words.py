"""The word lists that the header, signature and structure readers match, loaded from models/.

Why separate: the lists change with the world (a new position title, a site's comment box)
while the readers do not, so they live in TSV files; this module loads them once and turns
each into a regex over ``normalize.fold`` text (accent- and case-free, so OCR's ``KÉ HOẠCH``
and a web copy's ``Ke hoach`` match like ``KẾ HOẠCH``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.resources import tsv_lines
from pipeline.text.fold import fold


def _tsv(name: str) -> list[list[str]]:
    """Rows of a models/ TSV without comments and without its column-name row."""
    return tsv_lines(name)[1:]


def phrase_regex(phrases: list[str] | tuple[str, ...]) -> str:
    """An alternation over folded phrases, longest first; any run of spaces or dashes between words."""
    alts = []
    for p in sorted({fold(p) for p in phrases if p}, key=len, reverse=True):
        words = re.split(r"[\s\-–—]+", p.strip())
        alts.append(r"[\s\-–—_.]*".join(re.escape(w) for w in words if w))
    return "(?:" + "|".join(alts) + ")" if alts else "(?!x)x"


@lru_cache(maxsize=1)
def header_words() -> dict[str, tuple[str, ...]]:
    """kind → phrases, from models/header_words.tsv."""
    out: dict[str, list[str]] = {}
    for row in _tsv("header_words.tsv"):
        if len(row) >= 2:
            out.setdefault(row[0], []).append(row[1])
    return {k: tuple(v) for k, v in out.items()}


def words_of(kind: str) -> tuple[str, ...]:
    return header_words().get(kind, ())


@lru_cache(maxsize=None)
def line_start_regex(kind: str) -> re.Pattern[str]:
    """Folded phrases of ``kind`` at the start of a (folded) line, as whole words."""
    return re.compile(r"(?:" + phrase_regex(words_of(kind)) + r")(?![a-z0-9])")


@lru_cache(maxsize=1)
def doc_types() -> tuple[tuple[str, str], ...]:
    """(abbreviation, type name) from models/doc_types.tsv, names usable as type words."""
    out = []
    for row in _tsv("doc_types.tsv"):
        if len(row) >= 2 and "/" not in row[1] and row[0] != "CV":
            out.append((row[0], row[1]))
    return tuple(out)


@lru_cache(maxsize=1)
def type_word_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    """Folded type names (``ke hoach``) as whole words, and folded name → abbreviation."""
    by_name = {}
    for abbr, name in doc_types():
        by_name.setdefault(re.sub(r"\s+", " ", fold(name)), abbr)
    pat = re.compile(r"(?<![a-z0-9])" + phrase_regex(list(by_name)) + r"(?![a-z0-9])")
    return pat, by_name


def type_abbr_of_name(folded_name: str) -> str | None:
    """``ke hoach`` → ``KH`` (folded, any spacing)."""
    _, by_name = type_word_regex()
    return by_name.get(re.sub(r"[\s\-–—_.]+", " ", folded_name.strip()))


@lru_cache(maxsize=1)
def symbol_codes() -> dict[str, str]:
    """Folded code → spelling, for the parts of a symbol (``ubnd`` → ``UBND``, ``qd`` → ``QĐ``)."""
    out: dict[str, str] = {}
    for abbr, _ in doc_types():
        out.setdefault(fold(abbr), abbr)
    out.setdefault("cv", "CV")
    for row in _tsv("symbol_codes.tsv"):
        if row and row[0]:
            out.setdefault(fold(row[0]), row[0])
    return out


def code_spelling(token: str) -> str:
    """The known spelling of a symbol's code part (``UBNĐ`` → ``UBND``), also when OCR
    doubled one of its letters (``UBNDD``, ``KHH``), else ``token`` as it is. The code as
    written is tried first, so a code with a real double letter (``TTg``) is kept."""
    codes = symbol_codes()
    f = fold(token)
    if f in codes:
        return codes[f]
    single = re.sub(r"([a-z])\1+", r"\1", f)
    return codes.get(single, token) if single != f else token


@lru_cache(maxsize=1)
def type_abbrs() -> dict[str, str]:
    """Folded abbreviation → abbreviation, for the type part of a symbol."""
    return {fold(a): a for a, _ in doc_types()}


@lru_cache(maxsize=1)
def issuers() -> tuple[tuple[str, str], ...]:
    """(phrase, running-text casing) of words that open an issuing body's name."""
    return tuple((r[0], r[1] if len(r) > 1 and r[1] else r[0]) for r in _tsv("issuers.tsv"))


@lru_cache(maxsize=1)
def motto_regex() -> re.Pattern[str]:
    """The national motto's phrases (folded), compiled once: every header is cut by them."""
    return re.compile(phrase_regex(words_of("motto")))


@lru_cache(maxsize=1)
def issuer_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    """Folded issuer heads as whole words, and folded head → running-text casing."""
    canon = {re.sub(r"\s+", " ", fold(p)): c for p, c in issuers()}
    return re.compile(r"(?<![a-z0-9])" + phrase_regex(list(canon)) + r"(?![a-z0-9])"), canon


@lru_cache(maxsize=1)
def title_case_heads() -> frozenset[str]:
    """Folded issuer heads whose following words are a capitalised proper name (Sở Tư pháp)."""
    return frozenset(re.sub(r"\s+", " ", fold(r[0])) for r in _tsv("issuers.tsv") if len(r) > 2 and r[2] == "title")


@lru_cache(maxsize=1)
def positions() -> tuple[tuple[str, str, str], ...]:
    """(kind, phrase, canonical) rows of models/positions.tsv."""
    return tuple((r[0], r[1], r[2] if len(r) > 2 else r[1]) for r in _tsv("positions.tsv") if len(r) >= 2)


@lru_cache(maxsize=1)
def position_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    """Folded position titles at a line start, and folded title → canonical casing."""
    canon = {re.sub(r"\s+", " ", fold(p)): c for k, p, c in positions() if k == "title"}
    return re.compile(phrase_regex(list(canon)) + r"(?![a-z0-9])"), canon


@lru_cache(maxsize=1)
def prefix_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    """Authority marks (TM., KT., TL., TUQ., Q.) at a line start, folded, dot optional."""
    canon = {fold(p).rstrip("."): c for k, p, c in positions() if k == "prefix"}
    alts = "|".join(sorted(map(re.escape, canon), key=len, reverse=True))
    return re.compile(r"(?:" + alts + r")\s*[.,]\s*"), canon


@lru_cache(maxsize=1)
def name_prefix_regex() -> re.Pattern[str]:
    """Ranks and titles before a signer's name (models/name_prefixes.tsv), folded, at the start."""
    phrases = [fold(r[1]).rstrip(".") for r in _tsv("name_prefixes.tsv") if len(r) >= 2]
    alts = "|".join(r"[\s.]*".join(map(re.escape, re.split(r"[\s.]+", p))) for p in sorted(set(phrases), key=len, reverse=True))
    return re.compile(r"(?:(?:" + alts + r")(?:\s*\.\s*|\s+))+")


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset(fold(r[0]) for r in _tsv("surnames.tsv") if r and r[0])


@lru_cache(maxsize=1)
def acronyms() -> frozenset[str]:
    return frozenset(fold(a) for a in words_of("acronym"))
