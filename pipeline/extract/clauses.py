"""Sentence and clause boundaries in plan text, as offsets.

Targets and deadlines read the words around a figure or a date; what counts as "around"
is the sentence (up to ``.``, ``;`` or a line end) — a bullet of a plan is one or a few
such sentences. A full stop inside a figure (``99.5``) or an abbreviation followed by a
lower-case word does not end a sentence.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from pipeline.text.spaces import one_space

# "." / "!" / "?" followed by space or end; ";" and line ends always.
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[;\n]")
_CLAUSE_END = re.compile(r"[.!?](?=\s|$)|[;:\n]")
_FULL_STOP = re.compile(r"[.!?](?=\s|$)|\n")


# what opens an item of a plan's outline: "-", "+", "(1)", "1.", "1.2.", "a)", "II."
_ITEM_START = re.compile(r"[ \t]*(?:[-+•*–]|\(?\d{1,2}(?:\.\d{1,2})*[.)](?!\d)|\(?[a-zđ]\)|[IVXL]{1,5}\.)")


def wrapped(text: str, i: int) -> bool:
    """Whether the newline at ``i`` only wraps a line (OCR and PDF text keep the printed
    line breaks): the line does not end a sentence, and the next one goes on with it
    rather than opening a new item or paragraph."""
    if i == 0 or i + 1 >= len(text) or text[i + 1] == "\n" or text[i - 1] == "\n":
        return False
    if text[i - 1] in ".;:!?|" or text[i + 1] == "|":
        return False
    return not _ITEM_START.match(text, i + 1)


# A line break that is not ``wrapped``, as a regex: at the start of the text or after a blank
# line or sentence mark, before a blank line, a "|" or the end, or before an item marker. With
# it each kind of boundary is one scan, no Python call per line.
# Every alternative opens with its literal mark (look-behinds after it), so the regex engine
# skips straight to the marks instead of trying each position.
_KEPT_BREAK = rf"\n(?:(?<![^\n.;:!?|]\n)|(?![^\n|])|(?={_ITEM_START.pattern}))"
_STOPS = r"\.(?=\s|$)|!(?=\s|$)|\?(?=\s|$)"
_ENDS = {
    (False, False): re.compile(rf"{_STOPS}|;|{_KEPT_BREAK}"),
    (True, False): re.compile(rf"{_STOPS}|;|:|{_KEPT_BREAK}"),
    (False, True): re.compile(rf"{_STOPS}|{_KEPT_BREAK}"),
}


@lru_cache(maxsize=8)
def _ends(text: str, clause: bool, full: bool) -> tuple[int, ...]:
    """Boundary offsets of ``text`` (cached: targets and deadlines read the same document)."""
    return tuple(map(_START, _ENDS[(clause, full and not clause)].finditer(text)))


_START = re.Match.start  # called by map: no Python frame per boundary


class Boundaries:
    """Sorted boundary offsets of a text, to look up the sentence holding any offset.

    A line break ends a sentence unless it only wraps a line (see ``wrapped``), so a
    sentence that OCR spread over several lines is read whole.
    """

    def __init__(self, text: str, clause: bool = False, full: bool = False):
        """``clause``: ":" ends a part too; ``full``: only full stops do (";" does not)."""
        self.ends = _ends(text, clause, full)
        self.length = len(text)

    def around(self, pos: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence holding ``pos``; end excludes the boundary mark."""
        i = bisect.bisect_left(self.ends, pos)
        start = self.ends[i - 1] + 1 if i > 0 else 0
        end = self.ends[i] if i < len(self.ends) else self.length
        return start, end


def strip_span(text: str, start: int, end: int, chars: str = " \t\n,;:.-–—+*•()") -> tuple[int, int]:
    """Shrink ``[start, end)`` past leading and trailing punctuation and spaces."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def squash(s: str) -> str:
    """One line, single spaces: how a clause is shown in a fact's ``what``/``metric``."""
    return one_space(s).strip()
