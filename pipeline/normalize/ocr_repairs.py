"""Repairs of an OCR'd page's text that only a scan needs, applied before normalisation.

Why apart from ``normalize``: a text layer, a DOCX or a TXT never has these faults, and the
rules are bolder than what normalisation may do to every text — each is applied to pages
read by Tesseract only (``RawPage.method == "ocr"``). Every repair goes through the caller's
offset-keeping substitution (``normalize._Mapped.sub``), so spans still point into the
text as read.

- a wrap that the page's reflow missed: a line opening in small letters continues the line
  above when that one ended no sentence; so does a line the wrap opened with a dash;
- a dash read as underscores ("__ Quá trình ...") in a run of dash items;
- (``repair_figures``, for every text) a document number or date with letters for digits
  ("2O5/QĐ-UBND", "l93/QĐ-TTg", "1O/02/2025"), by the digit confusions of
  models/marker_confusions.tsv.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Protocol

from pipeline.text.markers import marker_confusions


class Substituting(Protocol):
    """What the repairs need of the caller's text: the text, and a substitution that keeps
    its map to the original offsets."""

    text: str

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> None: ...


# A line that runs on into one the wrap opened with a dash: the line before is long, ends
# with no sentence mark (specks and a stray dash at its end aside) and the dash's text opens
# in small letters or with a figure ("... theo Chỉ thị số 04/CT-UBND" / "- ngày 12/3/2023
# của ..."). A list item never opens in small letters, and a figure item ("- 100% ...")
# follows a line that ended its sentence or a short heading.
_WRAPPED_DASH = re.compile(r"(?<=[^\n]{60})(?<![.;:!?…])(?<![.;:!?…][ _~`¬ˆ\-])\n(?=[-–][ _~]{0,2}(?P<first>[^\W_]))")


def _join_wrapped_dash(m: re.Match[str]) -> str:
    first = m.group("first")
    return " " if first.islower() or first.isdigit() else "\n"


# A line that opens in small letters (after a speck or two) continues the line above when
# that one ended no sentence: items, headings and header lines open with a capital, a figure
# or a marker, so the page's reflow missed a wrap (a tilted line, a speck at the margin).
_WRAPPED_LOWER = re.compile(r"(?<=[^\n.;:!?…|])\n(?:[.,:;_~'`¬ˆ][ ]?)?(?=(?P<first>[^\W\d_]))")
_LETTER_ITEM = re.compile(r"[a-zđ]\s?[.)\]}]\s")  # "a) ...", "đ. ...": an item, not a continuation


def _join_wrapped_lower(m: re.Match[str]) -> str:
    if not m.group("first").islower() or _LETTER_ITEM.match(m.string, m.end()):
        return m.group()
    return " "


# A dash read as underscores or a tilde in a run of dash items: the line before opens with a
# dash and this one, after the specks, with a capital.
_DASH_AS_SPECKS = re.compile(r"\n[_~]{1,2}[ ]?(?=(?P<first>[^\W\d_]))")


def _dash_for_specks(m: re.Match[str]) -> str:
    prev = m.string[m.string.rfind("\n", 0, m.start()) + 1 : m.start()]
    return "\n- " if m.group("first").isupper() and prev[:2] in ("- ", "– ") else m.group()


# a digit look-alike touching a digit: the cheap test before the full pattern (kept in step
# with models/marker_confusions.tsv by tests/normalize/test_normalize.py)
_LOOKALIKE_BY_DIGIT = re.compile(r"[lI|!Oo][0-9]|[0-9][lI|!Oo]")


@lru_cache(maxsize=1)
def _figures() -> tuple[re.Pattern[str], dict[str, str]]:
    """A run of digits and digit look-alikes standing alone before or after a slash (a
    document number, a date part), with at least one real digit; and the look-alike map."""
    digit = marker_confusions().get("digit", {})
    cls = "0-9" + "".join(re.escape(c) for c in digit)
    look = "".join(re.escape(c) for c in digit)
    # a look-alike and a real digit both in the run: a run of digits alone matches nothing, so
    # a clean text (every symbol and date) costs no rewrite
    run = rf"(?<![^\W\d_])(?=[{cls}]{{0,4}}[{look}])(?=[{cls}]{{0,4}}[0-9])[{cls}]{{1,5}}(?![^\W\d_])"
    return re.compile(rf"{run}(?=[ ]?/)|(?<=/){run}"), digit


def _fix_figure(m: re.Match[str]) -> str:
    s = m.group()
    _, digit = _figures()
    if not any(c.isdigit() for c in s) or s.isdigit():
        return s
    return "".join(digit.get(c, c) for c in s)


def repair_figures(m: Substituting) -> None:
    """Letters read for digits in a document number or date beside a slash ("2O5/QĐ-UBND",
    "0l/6/2023"), put right. Applied to every text, not only OCR'd pages: text copied out
    of an OCR'd file carries the same damage, and a clean text holds no run of digits mixed
    with these letters against a slash (a code such as "C06/" has its letter outside the run)."""
    if "/" in m.text and _LOOKALIKE_BY_DIGIT.search(m.text):  # a plain class scan: most texts stop here
        pat, _ = _figures()
        m.sub(pat, _fix_figure)


def repair_ocr_page(m: Substituting) -> None:
    """Apply the repairs above to one OCR'd page, in place."""
    if "\n-" in m.text or "\n–" in m.text:
        m.sub(_WRAPPED_DASH, _join_wrapped_dash)
    m.sub(_WRAPPED_LOWER, _join_wrapped_lower)
    if "\n_" in m.text or "\n~" in m.text:
        m.sub(_DASH_AS_SPECKS, _dash_for_specks)
