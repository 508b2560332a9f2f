"""A pattern tried only where a match can start.

Why: a regex that opens with a look-ahead or look-behind makes the engine try every position
of a plan; where the places a match can start are found by a cheaper scan (a digit run, the
opening letters), the pattern is tried there alone. ``matches_at`` gives what
``pattern.finditer`` would, given those places.
"""
from __future__ import annotations

import re
from typing import Iterator


def matches_at(pattern: re.Pattern[str], s: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(s)`` when every match starts at one of ``positions`` (sorted) and
    none is empty: the pattern is tried there alone, a position inside the previous match
    skipped as the scan would."""
    end = 0
    for p in positions:
        if p < end:
            continue
        m = pattern.match(s, p)
        if m is not None:
            end = m.end()
            yield m
