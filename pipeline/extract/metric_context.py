"""Where a target's metric comes from when its own sentence only says *when*.

Plans list figures under a heading or a lead-in line that names the measure and leave it out
of the item: "1. Tỷ lệ nạn nhân được hỗ trợ hòa nhập cộng đồng" then "- Phấn đấu đến năm
2026: đạt 100%". Read alone, the item's words before the figure are a time phrase, and a
metric of "2026" tells a reader nothing. This module tells such time-only words apart
(``trim_time``, ``is_bare``) and finds the measure the figure stands under
(``context_metric``): the lead-in line ending in ":" right above the run of items, else the
innermost heading that names more than "Mục tiêu"/"Chỉ tiêu".

The time words are data (models/target_patterns.tsv, kinds ``time`` and ``time_word``),
matched on folded text so OCR text without tone marks reads the same.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.clauses import squash
from pipeline.extract.wordlists import alternation, load_patterns
from pipeline.model import Document
from pipeline.structure.outline import heading_chain
from pipeline.text.fold import fold

PATTERNS = "target_patterns.tsv"
MAX_LEAD_IN = 160  # a lead-in line longer than this is a sentence of its own, not a label
MAX_HEADING = 120
LOOK_BACK = 8  # item lines to climb over to the lead-in


@dataclass(frozen=True)
class _TimeRules:
    tail: re.Pattern[str]  # one time phrase at the end of a folded string
    head: re.Pattern[str]  # one time phrase at its start
    only_section: re.Pattern[str]  # a heading that names no measure ("Mục tiêu cụ thể")


@lru_cache(maxsize=1)
def _rules() -> _TimeRules:
    p = load_patterns(PATTERNS)
    time = alternation([w for w, _ in p.get("time", [])])
    word = alternation([w for w, _ in p.get("time_word", [])])
    unit = rf"(?:(?:{time})\s{{0,2}}(?:19|20)\d\d(?:\s{{0,2}}[-–]\s{{0,2}}(?:19|20)\d\d)?|(?:{word}))"
    gap = r"[\s,:;.\-–()]*"
    section = alternation([w for w, _ in p.get("section", [])])
    return _TimeRules(
        tail=re.compile(rf"(?<![a-z0-9]){unit}{gap}$"),
        head=re.compile(rf"^{gap}{unit}(?![a-z0-9]){gap}"),
        only_section=re.compile(
            rf"^[\s\divxlc.)(\-–]*(?:{section})(?:\s{{1,3}}(?:cu the|chung|chu yeu|tong quat|can dat))?[\s:.]*$"
        ),
    )


def trim_time(text: str, s: int, e: int) -> tuple[int, int]:
    """``[s, e)`` of ``text`` without the time phrases at its ends ("Tỷ lệ X: phấn đấu đến
    năm 2027" → "Tỷ lệ X"); empty (``s == e``) when nothing else is left."""
    r = _rules()
    for _ in range(6):  # a few phrases at most ("phấn đấu đến năm 2026, hằng năm")
        f = fold(text[s:e])
        m = r.tail.search(f)
        if not m:
            break
        e = s + m.start()
    for _ in range(6):
        f = fold(text[s:e])
        m = r.head.match(f)
        if not m or m.end() == 0:
            break
        s = s + m.end()
    while e > s and not text[e - 1].isalnum():
        e -= 1
    return (s, e) if re.search(r"[^\W\d_]{2}", text[s:e]) else (s, s)


def is_bare(metric: str) -> bool:
    """Whether ``metric`` says only when (or nothing): no measured words."""
    s, e = trim_time(metric, 0, len(metric))
    return s == e


_ITEM = re.compile(r"\s*(?:[-–+•*]|\(?[a-zđ]\)|\(?\d{1,2}(?:\.\d{1,2})*[.)])\s")
_LABEL = re.compile(r"^\s*(?:[IVXLC]{1,5}\.|\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(?[a-zđ]\))\s*")


def _lead_in(text: str, pos: int) -> str | None:
    """The line ending in ":" right above the run of item lines that holds ``pos``."""
    line_start = text.rfind("\n", 0, pos) + 1
    if not _ITEM.match(text, line_start):
        return None
    end = line_start - 1
    for _ in range(LOOK_BACK):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line and not _ITEM.match(line + " "):
            if line.endswith(":") and len(line) <= MAX_LEAD_IN:
                return _LABEL.sub("", line).rstrip(" :")
            return None
        end = start - 1
    return None


def context_metric(doc: Document, pos: int) -> str | None:
    """The measure a figure at ``pos`` stands under: its lead-in line, else the innermost
    short heading that names more than a section word; None when neither does."""
    r = _rules()
    lead = _lead_in(doc.text, pos)
    if lead and not is_bare(lead):
        return squash(lead)
    for sec in reversed(heading_chain(doc.sections, pos)):
        if sec.body_start > pos or sec.start == pos:
            continue
        title = squash(sec.title)
        if not title or len(title) > MAX_HEADING or r.only_section.match(fold(title)):
            continue
        if sec.start <= pos < sec.body_start + len(sec.title) + 1:
            continue  # the figure is in this node's own line: its title is the sentence itself
        if not is_bare(title):
            return title.rstrip(" :.")
    return None
