"""Vietnamese date expressions: find them in text and turn them into calendar dates.

Plans write dates many ways — ``ngày 15/4/2021``, ``15-4-2021``, ``ngày 09 tháng 02 năm
2021``, ``tháng 6/2024``, ``quý III/2024``, ``6 tháng đầu năm``, ``ngày 10/6`` (no year) —
and OCR drops tone marks (``ngay 15/4/2021``, ``thang 6``) or splits figures (``2 /3``).
Matching runs on ``fold(text)`` (same length, no diacritics), so every offset found is an
offset in the original text.

A mention keeps what the text said (day, month, quarter, half-year, year — any may be
missing) and its *grain*; turning it into a calendar day is a separate step because the
missing year comes from the document (its issue date or the year of the plan), and a month
or quarter means its first day when it opens a period and its last day when it is a due date.

Every pattern is bounded (``\\d{1,2}``, ``\\d{4}``, single optional spaces), so scanning a
megabyte of digits and slashes stays linear.
"""
from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from pipeline.text.fold import fold

Grain = str  # "day" | "month" | "quarter" | "half" | "year"

_ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# Separators inside a numeric date: "/", "-", "." with at most one space around (OCR "2 /3").
_SEP = r" ?[/.\-] ?"
_YEAR_TAIL = r"(?:\s?(?:/|-|,)?\s?(?:nam[,.]?\s?)?(?P<{name}>\d{{4}}))"  # "năm, 2025": an OCR speck

_DATE_RE = re.compile(
    "|".join(
        [
            # ngày 09 tháng 02 năm 2021 / ngày 9 tháng 2 / ngay 9 thang 2 nam 2021 (a crawled page may
            # break the line anywhere: "ngày 15⏎tháng 5")
            r"(?P<dw>(?<![a-z])ngay\s?(?P<dw_d>\d{1,2})\s?thang\s?(?P<dw_m>\d{1,2})(?!\d)"
            + _YEAR_TAIL.format(name="dw_y") + "?)",
            # (ngày) 15/4/2021, 15-4-2021, 15.4.21
            r"(?P<df>(?:(?<![a-z])ngay\s?)?(?<![\d/.,])(?P<df_d>\d{1,2})" + _SEP + r"(?P<df_m>\d{1,2})"
            + _SEP + r"(?P<df_y>\d{4}|\d{2})(?![\d/]))",
            # 6 tháng đầu năm (2024) / 6 tháng cuối năm
            r"(?P<hf>(?<![\d])(?:0?6|sau) ?thang\s?(?P<hf_w>dau|cuoi)\s?nam(?: ?(?P<hf_y>\d{4}))?)",
            # quý III/2024, quý 3 năm 2024, quý IV
            r"(?P<q>(?<![a-z])quy\s?(?P<q_n>iv|i{1,3}|[1-4])(?![a-z0-9])" + _YEAR_TAIL.format(name="q_y") + "?)",
            # tháng 6/2024, tháng 6 năm 2024, tháng 06-2024, tháng 6
            r"(?P<mo>(?<![a-z])thang\s?(?P<mo_m>\d{1,2})(?![\d])" + r"(?:\s?(?:/|-|nam)\s?(?P<mo_y>\d{4})(?!\d))?)",
            # (ngày) 10/6 — day and month without a year
            r"(?P<dm>(?:(?<![a-z])ngay\s?)?(?<![\d/.,])(?P<dm_d>\d{1,2}) ?/ ?(?P<dm_m>\d{1,2})(?![\d])(?![/.\-]\d)(?! ?/ ?\d))",
            # năm 2024
            r"(?P<yr>(?<![a-z])nam\s?(?P<yr_y>(?:19|20)\d{2})(?!\d))",
        ]
    )
)


@dataclass(frozen=True)
class DateMention:
    """A date expression as written: what it says, where, and how fine it is.

    ``grain`` is ``day``, ``month``, ``quarter``, ``half`` or ``year``; ``half`` is 1 for the
    first six months of a year, 2 for the last six.
    """

    start: int
    end: int
    grain: Grain
    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None

    def with_year(self, year: int | None) -> "DateMention":
        """The same mention with the year filled in where the text left it out."""
        if self.year is not None or year is None:
            return self
        return replace(self, year=year)

    def first_day(self, default_year: int | None = None) -> date | None:
        """The first calendar day the mention covers (a period opening)."""
        y = self.year if self.year is not None else default_year
        if y is None:
            return None
        try:
            if self.grain == "day":
                return date(y, self.month, self.day)  # type: ignore[arg-type]
            if self.grain == "month":
                return date(y, self.month, 1)  # type: ignore[arg-type]
            if self.grain == "quarter":
                return date(y, 3 * (self.quarter or 1) - 2, 1)
            if self.grain == "half":
                return date(y, 1 if self.half == 1 else 7, 1)
            return date(y, 1, 1)
        except (TypeError, ValueError):
            return None

    def last_day(self, default_year: int | None = None) -> date | None:
        """The last calendar day the mention covers (a due date given as a month or quarter)."""
        y = self.year if self.year is not None else default_year
        if y is None:
            return None
        try:
            if self.grain == "day":
                return date(y, self.month, self.day)  # type: ignore[arg-type]
            if self.grain == "month":
                return date(y, self.month, month_length(y, self.month))  # type: ignore[arg-type]
            if self.grain == "quarter":
                m = 3 * (self.quarter or 4)
                return date(y, m, month_length(y, m))
            if self.grain == "half":
                return date(y, 6, 30) if self.half == 1 else date(y, 12, 31)
            return date(y, 12, 31)
        except (TypeError, ValueError):
            return None

    def month_day(self) -> str | None:
        """``MM-DD`` for a day-grain mention (the form of a recurring deadline's ``when``)."""
        if self.grain != "day" or self.month is None or self.day is None:
            return None
        return f"{self.month:02d}-{self.day:02d}"


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_length(year: int, month: int) -> int:
    if month == 2 and calendar.isleap(year):
        return 29
    return _MONTH_DAYS[month - 1]


def _year(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    if len(s) == 2:
        y += 2000
    return y if 1900 <= y <= 2100 else -1


def _valid_day_month(day: int, month: int, year: int | None) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    return day <= month_length(year if year and year > 0 else 2024, month)


def _mention(m: re.Match[str]) -> DateMention | None:
    kind = m.lastgroup
    g = m.group
    s, e = m.start(), m.end()
    if kind in ("dw", "df", "dm"):
        d, mo = int(g(kind + "_d")), int(g(kind + "_m"))
        y = _year(g(kind + "_y")) if kind != "dm" else None
        if y == -1 or not _valid_day_month(d, mo, y):
            return None
        return DateMention(s, e, "day", y, mo, d)
    if kind == "mo":
        mo = int(g("mo_m"))
        y = _year(g("mo_y"))
        if y == -1 or not 1 <= mo <= 12:
            return None
        return DateMention(s, e, "month", y, mo)
    if kind == "q":
        y = _year(g("q_y"))
        if y == -1:
            return None
        return DateMention(s, e, "quarter", y, quarter=_ROMAN_QUARTER[g("q_n")])
    if kind == "hf":
        y = _year(g("hf_y"))
        if y == -1:
            return None
        return DateMention(s, e, "half", y, half=1 if g("hf_w") == "dau" else 2)
    if kind == "yr":
        return DateMention(s, e, "year", int(g("yr_y")))
    return None


def find_dates(text: str, folded: str | None = None) -> list[DateMention]:
    """Every date expression in ``text``, left to right, with offsets into ``text``.

    Pass ``folded`` (``fold(text)``) when the caller already has it.
    """
    f = folded if folded is not None else fold(text)
    out: list[DateMention] = []
    done = 0  # end of the last mention: anchors inside it are already read
    for a_start, a_end, num in _anchors(f):
        if a_start < done:
            continue
        m = None
        if num:  # the digits alternative
            k = _KEYWORD_BEFORE.search(f, max(done, a_start - 7), a_start)
            if k:
                m = _DATE_RE.match(f, k.start())
        if m is None and (not num or a_end - a_start <= 2):
            # (a date opening with digits opens with one or two: "15/4", "06 tháng"; a longer
            # run — a year, a symbol's number — starts one only after a keyword, read above)
            m = _DATE_RE.match(f, a_start)
        if m is None:
            continue
        dm = _mention(m)
        if dm is not None:
            out.append(dm)
            done = m.end()
    return out


MAX_LIST = 11  # items of one list of dates, at most

# what may stand between the items of a list of dates: "quý II và quý III/2025", "tháng 6, tháng 12"
_LIST_GAP = re.compile(r"[\s,;]{0,3}(?:(?:va|hoac)(?![a-z])[\s,]{0,3})?")


def share_years(dates: list[DateMention], folded: str) -> list[DateMention]:
    """``dates`` with the year of a list's last item given to the items before it that omit
    it: "quý II và quý III/2025", "tháng 6 và tháng 12/2025", "quý I, quý III năm 2026".

    Why: a list prints the year once, on its last item; read alone, the first item would
    take the plan's year, which is wrong whenever the list is about another year. Only items
    joined by a comma, "và" or "hoặc" share it, and a whole year never lends or borrows.
    """
    out = list(dates)
    chain = 0  # items that took the year so far: a list has a dozen at most
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.year is not None or b.year is None or b.year < 0 or "year" in (a.grain, b.grain):
            chain = 0
            continue
        gap = _LIST_GAP.match(folded, a.end, b.start)
        if gap is not None and gap.end() == b.start and b.start > a.end and chain < MAX_LIST:
            out[i] = a.with_year(b.year)
            chain += 1
        else:
            chain = 0
    return out


# a further item of a list of quarters or months written without its keyword:
# "quý II, III/2025", "quý II và III năm 2025", "tháng 6 và 12/2025", "các tháng 5, 8, 11 năm 2025"
_MORE_QUARTER = re.compile(
    r"[ \t]{0,2}(?:,|;|[-–—]|(?:,[ \t]{0,2})?(?:va|hoac))[ \t]{0,2}(?P<n>iv|i{1,3}|[1-4])(?![a-z0-9])"
    + _YEAR_TAIL.format(name="y") + "?"
)
_MORE_MONTH = re.compile(
    r"[ \t]{0,2}(?:,|;|[-–—]|(?:,[ \t]{0,2})?(?:va|hoac))[ \t]{0,2}(?P<n>\d{1,2})(?!\d|[.,]\d)"
    r"(?:[ \t]?(?:/|-|nam)[ \t]?(?P<y>\d{4})(?!\d))?(?![ \t]?/[ \t]?\d)"
)


def expand_lists(dates: list[DateMention], folded: str) -> list[DateMention]:
    """``dates`` with the bare items that continue a list of quarters or months added as
    mentions of their own: "quý II, III/2025" is two quarters, "tháng 6 và 12/2025" two months,
    "tháng 4 - 6/2026" two months (the ends of a span: the deadline reader makes it one period).

    Why: a list names its keyword once; the items after it are bare numerals the date finder
    cannot read alone, and each is a due date of its own. A month list counts only when it
    ends with a year ("tháng 6, 2 lớp" is no list of months); the year is left for
    ``share_years`` to give to the items before it.
    """
    out: list[DateMention] = []
    starts = {dm.start for dm in dates}
    absorbed = -1  # end of a list's closing year ("... và III năm 2025"), read with the list
    for k, dm in enumerate(dates):
        if dm.start < absorbed:
            continue
        out.append(dm)
        if dm.year is not None or dm.grain not in ("quarter", "month"):
            continue
        rx = _MORE_QUARTER if dm.grain == "quarter" else _MORE_MONTH
        nxt = len(folded)
        j = k + 1
        while j < len(dates) and dates[j].grain == "year":  # a "năm 2025" may close the list
            j += 1
        if j < len(dates):
            nxt = dates[j].start
        items: list[DateMention] = []
        pos = dm.end
        while len(items) < MAX_LIST:
            m = rx.match(folded, pos)
            if m is None or m.end() > nxt or m.start("n") in starts:
                break
            y = _year(m.group("y"))
            if y == -1:
                break
            n = m.group("n")
            if dm.grain == "quarter":
                items.append(DateMention(m.start("n"), m.end(), "quarter", y, quarter=_ROMAN_QUARTER[n]))
            else:
                if not 1 <= int(n) <= 12:
                    break
                items.append(DateMention(m.start("n"), m.end(), "month", y, int(n)))
            pos = m.end()
            if y is not None:
                break
        if items and (dm.grain == "quarter" or items[-1].year is not None):
            out.extend(items)
            absorbed = items[-1].end
    return out


# Every date expression holds a digit or names a quarter / half-year in words, and starts
# at that anchor or at the keyword right before it ("ngày", "tháng", "năm", "quý"). Trying
# the alternation only there (``match``, not a scan) keeps it off the plain prose: a
# leading look-behind would otherwise make the regex engine try every position.
# (the "num" group is empty and closes the digits: every alternative then opens with a
# character, so the regex engine skips to digits, "q" and "s" instead of trying each position)
_ANCHOR = re.compile(r"\d+(?P<num>)|q(?=uy)|s(?=au ?thang)")
_KEYWORD_BEFORE = re.compile(r"(?:ngay|thang|nam|quy)\s?$")
# ``\d+`` written so that it opens with a character class: the engine then skips to digits
_DIGITS = re.compile(r"\d\d*")


def _anchors(f: str) -> list[tuple[int, int, bool]]:
    """(start, end, digits?) of each match of ``_ANCHOR.finditer(f)``, in order.

    Why not that scan: its first alternative opens with a repeat, so the engine tries all three
    alternatives at every position of the text. The same matches come from one skipping scan
    for digit runs and substring searches for "quy" and "sau thang"/"sauthang": the three kinds
    cannot overlap (q and s are no digits, the word matches are one letter long) and a digit
    run is read whole either way."""
    out = [(m.start(), m.end(), True) for m in _DIGITS.finditer(f)]
    n = len(out)
    i = f.find("quy")
    while i >= 0:
        out.append((i, i + 1, False))
        i = f.find("quy", i + 1)
    i = f.find("sau")
    while i >= 0:
        if f.startswith("thang", i + 3) or f.startswith(" thang", i + 3):
            out.append((i, i + 1, False))
        i = f.find("sau", i + 1)
    if len(out) > n:
        out.sort()
    return out


def parse_date(text: str, default_year: int | None = None) -> str | None:
    """The ISO day of the first date expression in ``text`` (last day for a month/quarter)."""
    for dm in find_dates(text):
        d = dm.last_day(default_year)
        if d is not None:
            return d.isoformat()
    return None


_TITLE_YEAR = re.compile(r"(?<![a-z])nam ?((?:19|20)\d{2})(?!\d)")


def document_year(
    issue_date: str | None, title: str | None = None, text: str | None = None,
    dates: list[DateMention] | None = None,
) -> int | None:
    """The year a plan is about: its issue date's, else the year in its title ("năm 2024"),
    else the latest year among the full dates it writes (cited documents are older than the
    plan, so the latest one is the closest guess). ``dates``: the mentions of ``text`` when
    the caller has them already."""
    if issue_date and re.match(r"\d{4}", issue_date):
        return int(issue_date[:4])
    if title:
        years = [int(y) for y in _TITLE_YEAR.findall(fold(title))]
        if years:
            return max(years)
    if dates is None and text:
        dates = find_dates(text)
    if dates:
        years = Counter(dm.year for dm in dates if dm.grain == "day" and dm.year and dm.year > 0)
        if years:
            return max(years)
    return None
