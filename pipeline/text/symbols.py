"""The grammar of a Vietnamese document symbol (số, ký hiệu) and where symbols lie in a text.

Kept apart from ``references`` because the agency matcher needs it too: the issuer code
inside a symbol (``193/QĐ-TTg``, ``113-NQ/TU``, ``19/KH-BCĐ138/CP``) is not an agency
mention, so ``find_agencies`` drops matches that lie wholly inside a symbol.

Forms (Nghị định 30/2020/NĐ-CP and party rules), all tolerant of spaces / line breaks
around ``/`` and ``-`` and of OCR's ``D`` for ``Đ``:

* ``193/QĐ-TTg``, ``11611/UBND-NC`` (official letter: no type part), ``1526/KN-UBTP14``
* legal-normative with the year inside: ``01/2014/TTLT-BCA-BQP``, ``162/2025/NĐ-CP``, ``43/2019/QH14``
* party documents with a hyphen: ``113-NQ/TU``, ``13-KL/TW``
* steering bodies: ``19/KH-BCĐ138/CP``, ``72/BCĐ 138/CP``, ``9145/QĐ-BCĐ138/CP``

The regex is linear: every repetition is bounded and the alternatives are disjoint, so a
megabyte of digits and slashes costs time proportional to its length.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.text import starts as scan

_UP = "A-ZĐÐ"  # OCR sometimes gives Ð (eth) for Đ
_AL = "A-Za-zĐđÐ"
# One code part: starts with a capital; letters/digits; "&" as in LĐ-TB&XH.
_PART = rf"[{_UP}][{_AL}0-9&]{{0,14}}"
# A code part OCR broke with one space: "Q Đ" / "K H" (single capitals only, kept tight).
_PART_SPLIT = rf"[{_UP}] [{_UP}](?![{_AL}])"
_SEP = r"[ \t]?(?:\n[ \t]?)?[-/][ \t]?(?:\n[ \t]?)?"
# "BCĐ 138/CP": a space before digits that are followed by a slash.
_BCD_GAP = r" (?=\d{2,3}[ \t]?/)"
# A document number stands alone: not glued to letters (C06, V01) nor continuing a date.
# (OCR may glue it to "số": "số01/CT-TTg".)
# The look-behinds sit after the number's first digit (each reaching one character further
# back), so the pattern opens with a digit and the regex engine skips straight to digits.
# A comma and space before it mark a list ("1, 2/3"), except right after "số" ("Chỉ thị số, 18-CT/TW").
_NUM = r"(\d(?:(?<=[Ss][ốoô]\d)|(?<![\w/.,-]\d))(?:(?<![\d/.,-] \d)|(?<=[Ss][ốoô], \d))\d{0,4})"

SYMBOL_RE = re.compile(
    _NUM
    + r"[ \t]?(?:\n[ \t]?)?([/-])[ \t]?(?:\n[ \t]?)?"
    + r"(?:((?:19|20)\d\d)[ \t]?/[ \t]?)?"
    + rf"((?:{_PART_SPLIT}|{_PART})(?:(?:{_SEP}|{_BCD_GAP})(?:{_PART}|\d{{2,3}}(?=[ \t]?/)|\d{{2,3}}(?![\d/]))){{0,8}})"
)


_DIGIT_RUN = re.compile(r"\d\d*")  # opens with a class: the engine skips to digits


@dataclass
class Symbol:
    """A symbol found in text: its parts and where it lies."""

    start: int
    end: int
    number: str  # as printed (leading zeros kept)
    year: int | None  # the year part of a legal-normative symbol
    parts: list[str]  # code parts in order (QĐ, TTg) without separators
    joiners: list[str]  # separators between parts ("-", "/", " ")
    dash_first: bool  # party form: number joined by "-" (113-NQ/TU)

    @property
    def text(self) -> str:
        """The symbol normalised like ``document.symbol``: no spaces around / and -."""
        head = self.number + ("-" if self.dash_first else "/")
        if self.year:
            head += f"{self.year}/"
        out = [self.parts[0]]
        for j, p in zip(self.joiners, self.parts[1:]):
            out.append(j + p)
        return head + "".join(out)


_SPLIT_PARTS = re.compile(r"\s*([-/])\s*|( )")


def parse_symbol(m: re.Match[str]) -> Symbol:
    """Turn a SYMBOL_RE match into a Symbol (code parts, year, joiners)."""
    tail = m.group(4)
    parts: list[str] = []
    joiners: list[str] = []
    pos = 0
    for sm in _SPLIT_PARTS.finditer(tail):
        chunk = tail[pos : sm.start()]
        if sm.group(2) and len(chunk) == 1 and chunk.isupper() and not parts:
            continue  # "Q Đ": one part broken by OCR, keep reading
        parts.append(chunk.replace(" ", ""))
        joiners.append(sm.group(1) or " ")
        pos = sm.end()
    parts.append(tail[pos:].replace(" ", ""))
    parts = [p for p in parts if p]
    joiners = joiners[: max(len(parts) - 1, 0)]
    year = int(m.group(3)) if m.group(3) else None
    return Symbol(m.start(1), m.end(4), m.group(1), year, parts, joiners, m.group(2) == "-")


def find_symbols(text: str) -> list[Symbol]:
    """Every symbol-shaped string in ``text``, left to right.

    Shape only: ``138/CP`` inside "Ban Chỉ đạo 138/CP" is returned too; callers decide
    from context whether a symbol names a document. Cached: the reference and agency passes
    both read the whole document's symbols (callers only read them).
    """
    return list(_symbols(text))


@lru_cache(maxsize=16)
def _symbols(text: str) -> tuple[Symbol, ...]:
    if "/" not in text and "-" not in text:
        return ()
    out = []
    # a symbol opens with its number's first digit, which no digit precedes (see _NUM): the
    # pattern is tried at the starts of digit runs alone
    found = scan.matches_at(SYMBOL_RE, text, [m.start() for m in _DIGIT_RUN.finditer(text)])
    for m in found:
        sym = parse_symbol(m)
        if sym.dash_first and "/" not in sym.joiners:
            continue  # party symbols always name their body after a slash (113-NQ/TU)
        out.append(sym)
    return tuple(out)
