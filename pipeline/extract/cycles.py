"""Days of a reporting cycle named relative to the cycle, not as calendar dates.

Plans often fix a report's day as "trước ngày 20 của tháng cuối quý", "trước ngày 15 tháng
cuối kỳ báo cáo" or "ngày 25 hằng tháng". No date expression is written, so the date finder
sees nothing, yet the duty is a recurring deadline whose ``when`` (``MM-DD`` list, see
../shared/CONTRACT.md) is fully determined: the day in each month the phrase names.

Why a module: the phrases and the months they stand for are data
(models/deadline_patterns.tsv, kinds ``relative`` and ``cycle_end``); turning them into
``MM-DD`` needs the cycles the sentence names ("định kỳ 6 tháng ... tháng cuối kỳ" means June
and December) and the plan's year (a 30th in February is its last day). The deadline
extractor only asks this module for the days of one sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.wordlists import alternation, load_patterns
from pipeline.text.dates import month_length
from pipeline.text.fold import fold

PATTERNS = "deadline_patterns.tsv"
ALL_MONTHS = tuple(range(1, 13))


@dataclass(frozen=True)
class _CycleRules:
    relative: re.Pattern[str]  # "ngay 20 (cua) thang cuoi quy", on folded text
    months: dict[str, str]  # folded phrase -> "3,6,9,12" | "end" | "next"
    cycle: re.Pattern[str]  # a cycle named in the sentence ("hang quy", "6 thang")
    cycle_months: dict[str, tuple[int, ...]]  # folded cycle words -> its last months


def _key(words: str) -> str:
    return " ".join(fold(words).split())


def _months(value: str) -> tuple[int, ...]:
    out = []
    for part in value.split(","):
        part = part.strip()
        if part.isdigit() and 1 <= int(part) <= 12:
            out.append(int(part))
    return tuple(out)


@lru_cache(maxsize=1)
def _rules() -> _CycleRules:
    p = load_patterns(PATTERNS)
    rel = p.get("relative", [])
    ends = p.get("cycle_end", [])
    # "ngay" first, its word boundary checked after it: a leading look-behind would make the
    # regex engine try every position of the document
    relative = re.compile(
        rf"ngay(?<![a-z]ngay)\s{{0,2}}(?P<day>\d{{1,2}})(?!\d)[\s,]{{0,3}}(?:cua\s{{1,3}})?"
        rf"(?P<rel>{alternation([w for w, _ in rel])})(?![a-z0-9])"
    )
    # a cycle word, not a quarter's or year's name ("quý II", "năm 2026")
    cycle = re.compile(rf"(?<![a-z0-9])(?:{alternation([w for w, _ in ends])})(?![a-z0-9])(?!\s?(?:\d|i|v)(?![a-z]))")
    return _CycleRules(
        relative=relative,
        months={_key(w): v for w, v in rel},
        cycle=cycle,
        cycle_months={_key(w): _months(v) for w, v in ends},
    )


def _cycle_ends(f: str, lo: int, hi: int, skip: list[tuple[int, int]]) -> set[int]:
    """The last months of the cycles named in ``f[lo:hi]``, outside the relative phrases
    ``skip`` (the "tháng" of "tháng cuối kỳ" names no cycle)."""
    r = _rules()
    out: set[int] = set()
    for m in r.cycle.finditer(f, lo, hi):
        if any(a <= m.start() < b for a, b in skip):
            continue
        out.update(r.cycle_months.get(_key(m.group(0)), ()))
    return out


def relative_days(f: str, lo: int, hi: int, year: int | None) -> list[tuple[int, int, list[str]]]:
    """Each relative day in the folded text ``f[lo:hi]`` (one sentence): ``(start, end,
    ["MM-DD", ...])``. A phrase tied to "the cycle" ("tháng cuối kỳ báo cáo") takes the months
    of the cycles the sentence names, and is dropped when it names none. ``year`` (the
    plan's) only clamps a day past a month's end; without it a common year is assumed."""
    r = _rules()
    out: list[tuple[int, int, list[str]]] = []
    found = list(r.relative.finditer(f, lo, hi))
    spans = [(m.start(), m.end()) for m in found]
    for m in found:
        day = int(m.group("day"))
        if not 1 <= day <= 31:
            continue
        value = r.months.get(_key(m.group("rel")), "")
        if value in ("end", "next"):
            ends = _cycle_ends(f, lo, hi, spans)
            months = tuple(sorted(ends if value == "end" else {mo % 12 + 1 for mo in ends}))
        else:
            months = _months(value)
        if not months:
            continue
        y = year if year else 2001
        when = [f"{mo:02d}-{min(day, month_length(y, mo)):02d}" for mo in months]
        out.append((m.start(), m.end(), when))
    return out
