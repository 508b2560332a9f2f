"""Deadlines of a plan — dates and periods that bind someone (see ../shared/CONTRACT.md).

A date in a plan is a deadline only when words make it one: "trước ngày", "chậm nhất",
"hoàn thành trong tháng 6/2024" (``due``), "từ ngày ... đến (hết) ngày ..." (``period``),
or a reporting cycle "định kỳ hằng quý (trước ngày ...)" (``recurring``). A bare date is
not: it dates the plan, a cited document ("Kế hoạch số 19/KH-BCĐ ngày 15/01/2024"), a past
event ("Ngày 05/5/2021, UBND tỉnh đã ban hành...") or a commemorative day ("30/7").
A cycle without dates counts only for a reporting duty; reviews and meetings named with a
cycle ("sơ kết 06 tháng", "giao ban định kỳ") are not deadlines.

Cue words are data (models/deadline_patterns.tsv) matched on folded text, so OCR text
without tone marks reads the same. Dates are found by ``pipeline.text.dates``; a missing year
comes from the document's own date, or the plan's year when the header has no date.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from pipeline.extract.clauses import Boundaries, squash, strip_span
from pipeline.extract.cycles import relative_days
from pipeline.extract.wordlists import (
    alternation,
    alternation_parts,
    folded,
    load_patterns,
    lowered,
    words_regex,
)
from pipeline.lexicon.agency_mentions import find_agencies
from pipeline.model import Document, Fact, NormText
from pipeline.structure.outline import heading_chain
from pipeline.text.dates import (
    DateMention,
    document_year,
    expand_lists,
    find_dates,
    share_years,
)
from pipeline.text.fold import fold

PATTERNS = "deadline_patterns.tsv"
MAX_WHAT = 300
PREFIX = 48  # how far before a date its cue may start
PAST_WINDOW = 160  # how far before a date a past-tense word ("đã") still governs it
PAST_AFTER = 60  # how far after a date a past-tense word still tells a done deed
MAX_SENTENCE = 2000  # longer "sentences" are run-on noise: read only their start


@dataclass
class _Rules:
    due: re.Pattern[str]
    due_coarse: re.Pattern[str]
    due_year: re.Pattern[str]
    period_open: re.Pattern[str]
    period_join: re.Pattern[str]
    trigger: re.Pattern[str]
    after_periodic: re.Pattern[str]
    report: re.Pattern[str]
    review_next: re.Pattern[str]
    past: re.Pattern[str]
    ongoing: re.Pattern[str]
    cited: re.Pattern[str]
    stats: re.Pattern[str]
    before_word: re.Pattern[str]
    due_head: re.Pattern[str]
    from_signing: re.Pattern[str]
    bracket_day: re.Pattern[str]
    cycle_before: re.Pattern[str]
    open_after: re.Pattern[str]
    time_label: re.Pattern[str]
    join_after: re.Pattern[str]


# a cited document's symbol or number right before its date: "số 19/KH-BCĐ ngày", "793/QĐ-TTg (ngày"
_SYMBOL_BEFORE = re.compile(r"(?:\d{1,6}(?:-[a-z]{1,10})?/[a-z0-9./\-]*[a-z][a-z0-9./\- ]{0,20}|(?<![a-z])so \d{1,6})[ ,]*\(? *$")
# "hoàn thành việc rà soát trong năm 2026": finishing within a year, with words between
_WITHIN = re.compile(r"(?<![a-z])trong\s*$")
# "2. Lộ trình - Đến năm 2030, ...", "Phấn đấu đến hết năm 2027, ...": a clause opening with its
# horizon year binds what follows it ("tầm nhìn đến năm 2045" inside a title does not open a clause);
# "Từ nay đến hết (cuối) năm 2026, ..." is the same horizon counted from the plan's day
_HORIZON = re.compile(r"(?:^|[.;:]|[-–+•]|\(?\d{1,2}[.)]|(?<![a-z])[a-zđ]\))\s*(?:phan dau\s+)?(?:tu nay\s+)?(?:den|toi)\s+(?:het\s+|cuoi\s+)?(?:nam\s*)?$")
# "Đến năm 2025, ít nhất 70% cán bộ ...": a horizon that dates a target figure, not a duty
_HORIZON_TARGET = re.compile(r"\d\s?%|phan tram")
_FINISH = re.compile(r"(?<![a-z])(?:hoan thanh|xong)(?![a-z])")
# "(Công an tỉnh chủ trì, phối hợp với ... thực hiện)" / "(Công an tỉnh, Viện kiểm sát ...
# theo chức năng, nhiệm vụ ... thực hiện)" on its own line after a run of items
_ASSIGNMENT_LINE = re.compile(r"(?m)^[ *_]*\([^()\n]{0,300}?(?:chu tri|thuc hien)")
ASSIGNMENT_REACH = 4000
_MARKER = re.compile(r"^(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\)|[IVX]{1,4}\.)\s*")  # "(2) ", "a) ", "2.1. "
_LIST_JOIN = re.compile(r"^[\s,;]*(?:va|hoac|,)?[\s,]*(?:ngay)?\s*$")
_CELL_BEFORE = re.compile(r"\|\s*$")
_CELL_AFTER = re.compile(r"[ \t]*(?:\||$)", re.M)  # used with .match(text, pos)
# words after which the agencies named receive a report rather than act
# ("báo cáo ... về UBND tỉnh (qua Công an tỉnh)", "gửi Sở Tư pháp")
# "trước 17 giờ ngày 20/11", "chậm nhất 16h30 ngày ...": an hour between the cue and the date
# (``(?<![\d/])(?:luc\s{1,3})?\d{1,2}...`` with the look-behind after the first character, so
# it is read only where "luc" or a digit opens: the search tries every place of the text)
_HOUR_BEFORE = re.compile(
    r"(?:l(?<![\d/].)uc\s{1,3}\d|\d(?<![\d/].))\d?\s{0,2}(?:gio|h)(?:\s{0,2}\d{1,2}(?:\s{0,2}phut)?)?[\s,]{0,3}$")
# "từ ngày 01/01/2024 (ngày Luật được thông qua) đến ngày ...": a parenthesis after a period's first end
_PAREN_AFTER = re.compile(r"^\s{0,2}\([^()\n]{1,100}\)")
# "cuối tháng 6/2026", "cuối năm 2026" (the date's words start at "tháng"/"năm"): its end
_END_OF = re.compile(r"(?<![a-z])cuoi\s{1,3}$")
_RECEIVER = re.compile(r"(?<![a-z])(?:gui|ve|qua|bao cao|trinh|len)(?![a-z])")


def _trigger(periodic: list[str], strong: list[str], report: list[str], cadence: list[str]) -> re.Pattern[str]:
    """What opens a recurring deadline: "định kỳ" (periodic), "hằng tháng" (strong) or "báo
    cáo năm" (weak), not inside a word. The same alternatives as
    ``(?<![a-z0-9])(?:(?P<periodic>..)|(?P<strong>..)|(?P<weak>(?:report) (?:cadence)..))(?![a-z0-9])``,
    grouped by first letter with the look-behind after the letters that open each alternative,
    so the regex engine skips to those letters instead of trying every position of the
    document (it scanned 15 KB for two hits);
    at each letter the alternatives are tried in the same order, so the same one matches.
    The kind is the name of the group that matched (``trigger_kind``)."""
    weak_tail = rf" (?:{alternation(cadence)})(?!\s?\d)(?!\s?(?:dau|cuoi)(?![a-z]))"
    branches: list[tuple[str, str, str]] = []  # (first letter, rest as regex, kind), in priority order
    for kind, parts, tail in (("periodic", alternation_parts(periodic), ""), ("strong", alternation_parts(strong), ""),
                              ("weak", alternation_parts(report), weak_tail)):
        for part in parts:
            if not (part[:1].isascii() and part[:1].isalpha()):  # an unusual word: keep the plain form
                return re.compile(
                    rf"(?<![a-z0-9])(?:(?P<periodic>{alternation(periodic)})|(?P<strong>{alternation(strong)})"
                    rf"|(?P<weak>(?:{alternation(report)}){weak_tail}))(?![a-z0-9])")
            branches.append((part[0], part[1:] + tail, kind))
    letters: dict[str, list[tuple[str, str]]] = {}
    for c, rest, kind in branches:
        # the look-behind goes after the letters that open the rest: spanning them (no line
        # break among them) it says what it says at the start, and at a letter inside a word
        # the letters after it rarely go on as a trigger word, so it is seldom read at all
        run = _OPENING_LETTERS.match(rest).group()
        if rest[len(run) : len(run) + 1] in ("?", "*", "+", "{"):
            run = ""  # its last letter is repeated: not plain text
        letters.setdefault(c, []).append((kind, run + r"(?<![a-z0-9]" + "." * (1 + len(run)) + ")" + rest[len(run):]))
    alts = []
    for c, items in letters.items():
        groups: list[tuple[str, list[str]]] = []  # consecutive runs of one kind, in order
        for kind, rest in items:
            if groups and groups[-1][0] == kind:
                groups[-1][1].append(rest)
            else:
                groups.append((kind, [rest]))
        inner = "|".join(f"(?P<{kind}_{c}{n}>" + "|".join(rests) + ")" for n, (kind, rests) in enumerate(groups))
        alts.append(re.escape(c) + r"(?:" + inner + ")")
    return re.compile("(?:" + "|".join(alts) + r")(?![a-z0-9])")


_OPENING_LETTERS = re.compile(r"[a-z0-9]*")  # plain letters at the start of a regex: literal text


def trigger_kind(m: re.Match[str]) -> str:
    """periodic, strong or weak: which kind of recurring-deadline opener ``m`` is."""
    return (m.lastgroup or "").split("_")[0]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    p = load_patterns(PATTERNS)

    def words(kind: str) -> list[str]:
        return [w for w, _ in p.get(kind, [])]

    cadence = words("cadence")
    strong = [w for w in cadence if fold(w).split()[0] in ("hang", "moi")]
    review = alternation(words("review"))
    return _Rules(
        due=words_regex(words("due"), at_end=True),
        due_coarse=words_regex(words("due_coarse") + words("due"), at_end=True),
        due_year=words_regex(words("due_year") + ["truoc"], at_end=True),
        period_open=words_regex(words("period_open"), at_end=True),
        period_join=re.compile(rf"^[\s,(]*(?:{alternation(words('period_join'))})[\s:]*(?:ngay\s*)?$"),
        trigger=_trigger(words("periodic"), strong, words("report"), cadence),
        after_periodic=re.compile(rf"[\s(:,]*(?:(?:bao cao|hang|moi)\s*)?(?:{alternation(cadence)})(?![a-z0-9])"),
        report=words_regex(words("report")),
        review_next=re.compile(rf"[\s(),:]*(?:(?:{alternation(cadence)})[\s(),:]*(?:va|,)?\s*)*(?:to chuc\s*)?(?:{review})(?![a-z])"),
        past=words_regex(words("past")),
        ongoing=words_regex(words("ongoing"), at_start=True),
        cited=words_regex(words("cited"), at_end=True),
        stats=words_regex(words("stats")),
        before_word=re.compile(r"(?<![a-z])truoc\s*$"),
        due_head=re.compile(rf"(?<![a-z])(?:{alternation(words('due_head'))})(?![a-z])[^.;:\n]{{0,60}}?\sla\s{{1,3}}(?:ngay\s{{0,2}})?$"),
        from_signing=re.compile(
            rf"(?<![a-z])(?:{alternation(words('from_signing'))})(?:\s{{1,3}}(?:{alternation(words('own_document'))})(?:\s{{1,3}}nay)?)?"
            rf"[\s,]*(?:{alternation(words('period_join'))})[\s:]*(?:ngay\s*)?$"
        ),
        # "báo cáo kết quả 6 tháng (trước ngày 10/6/2026) và năm (trước ngày 10/12/2026)": a
        # cycle named with its report day in brackets is a reporting cycle, words between the
        # report and the cycle or not, year given or not
        # (found from the bracket, which the regex engine skips to, then the cycle before it)
        bracket_day=re.compile(rf"\(\s?(?:{alternation(words('due'))})?\s?(?:ngay\s?)?\d"),
        cycle_before=re.compile(rf"(?<![a-z0-9])(?:{alternation(cadence)})\s?$"),
        # "Quý IV năm 2024 và các năm tiếp theo", "từ tháng 11/2013 trở đi": no end
        open_after=re.compile(rf"[\s,]{{0,3}}(?:{alternation(words('open_after'))})(?![a-z])"),
        # "Thời gian thực hiện: Tháng 11, 12/2026": the label of a time spent, not a finish
        time_label=re.compile(rf"(?<![a-z])(?:{alternation(words('time_label'))})[\s:,]*(?:trong\s{{1,3}}|vao\s{{1,3}})?(?:cac\s{{1,3}})?$"),
        # "từ ngày X đến ...": an end follows, whether or not it reads as a date
        join_after=re.compile(rf"[\s,(]{{0,3}}(?:{alternation(words('period_join'))})(?![a-z])"),
    )


class _Context:
    """One document's text, folded text, sentences, year and issue date."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.f = folded(self.text)  # for literal patterns and dates
        self.g = lowered(self.text)  # for the word lists of models/deadline_patterns.tsv
        self.sentences = Boundaries(self.text)
        self.issued = _iso(doc.header.date)
        found = find_dates(self.text, self.f)
        self.year = document_year(doc.header.date, doc.header.title, self.text, found)
        self.dates = share_years(expand_lists(found, self.f), self.f)
        self._cache: dict[tuple[str, int, int], object] = {}

    def once(self, what: str, sentence: tuple[int, int], compute):
        """``compute()`` for one sentence, cached: a sentence may hold many dates."""
        k = (what, *sentence)
        if k not in self._cache:
            self._cache[k] = compute()
        return self._cache[k]

    def default_year(self, dm: DateMention) -> int | None:
        """The year for a date written without one: the plan's, or the next when the day
        falls well before the plan was issued (a December plan's "trước ngày 15/01")."""
        if self.year is None:
            return None
        if self.issued and dm.month and self.issued.year == self.year:
            try:
                d = date(self.year, dm.month, dm.day or 1)
            except ValueError:
                return self.year
            if d < self.issued - timedelta(days=45):
                return self.year + 1
        return self.year


def _iso(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s) if s else None
    except ValueError:
        return None


def _is_cited(c: _Context, r: _Rules, dm: DateMention, lo: int) -> bool:
    lo = max(lo, dm.start - 60)
    sym = _SYMBOL_BEFORE.search(c.f[lo : dm.start])
    # "báo cáo Ban Chỉ đạo 138/CP trước ngày 05/12": a due word between the symbol-shaped
    # name and the date makes the date a deadline, not the date of a cited document
    if sym and r.due.search(c.g[lo + sym.start() : dm.start]):
        sym = None
    return bool(sym or r.cited.search(c.g[lo : dm.start]))


def _is_past(c: _Context, r: _Rules, lo: int, pos: int, after: tuple[int, int] | None = None) -> bool:
    """Whether a past-tense word governs the date at ``pos``: before it in its sentence, or
    shortly after it ("trước ngày 05/02, các huyện đã hoàn thành")."""
    if _past_word(c, r, max(lo, pos - PAST_WINDOW), pos):
        return True
    return bool(after and _past_word(c, r, after[0], min(after[1], after[0] + PAST_AFTER)))


def _past_word(c: _Context, r: _Rules, lo: int, hi: int) -> bool:
    """Whether a past-tense word in ``[lo, hi)`` tells a done deed: "đã và đang thực hiện",
    "đã, đang" name what still goes on, and a duty dated after them still binds."""
    for m in r.past.finditer(c.g, lo, hi):
        if not r.ongoing.match(c.g, m.end()):
            return True
    return False


def _agency(c: _Context, lo: int, hi: int) -> str | None:
    """The body that must act in ``[lo, hi)``: its first agency that is not a receiver
    ("về UBND tỉnh (qua Công an tỉnh)"), else the agency heading the item stands under,
    else the presiding body of an assignment line that follows the run of items
    ("(Công an tỉnh chủ trì, phối hợp ... thực hiện)")."""
    ls = c.text.rfind("\n", 0, lo) + 1
    if c.text.startswith("|", ls):
        lo = ls  # a table row: its cells are one sentence, whatever ";" they hold (lead before support)
    rm = _RECEIVER.search(c.f, lo, hi)
    cut = rm.start() if rm else hi
    for m in find_agencies(c.text[lo:cut], lo):
        return m.id
    chain = heading_chain(c.doc.sections, lo)
    for s in reversed(chain):
        if s.start == lo or s.body_start >= lo:
            continue
        title = s.title[:200]
        for m in find_agencies(title, 0):
            return m.id
    # the assignment line after the items, within the heading that holds them
    parents = [s for s in chain if s.start < lo and s.children]
    end = min(parents[-1].end if parents else hi, hi + ASSIGNMENT_REACH)
    am = _ASSIGNMENT_LINE.search(c.f, hi, end)
    if am:
        for m in find_agencies(c.text[am.start() : am.end()], am.start()):
            return m.id
    return None


def _what(c: _Context, lo: int, hi: int) -> str:
    s, e = strip_span(c.text, lo, hi, " \t\n,;:.-–—+*•")
    return _MARKER.sub("", squash(c.text[s:e]))[:MAX_WHAT]


def _fact(c: _Context, kind: str, span: tuple[int, int], sentence: tuple[int, int], **kw) -> Fact:
    fact: Fact = {"kind": kind, "date": None, "start": None, "end": None, "when": []}
    fact.update(kw)
    lo, hi = sentence[0], min(sentence[1], sentence[0] + MAX_SENTENCE)
    fact["what"] = c.once("what", sentence, lambda: _what(c, lo, hi))
    fact["agency"] = c.once("agency", sentence, lambda: _agency(c, lo, hi))
    fact["spans"] = [c.doc.span(*span)]
    return fact


def _periods(c: _Context, r: _Rules, dates: list[DateMention], used: set[int]) -> list[Fact]:
    out: list[Fact] = []
    for i in range(len(dates) - 1):
        a, b = dates[i], dates[i + 1]
        if i in used or b.grain == "year" or a.grain == "year":
            continue
        sentence = c.sentences.around(a.start)
        if b.start > sentence[1]:
            continue
        between = c.f[a.end : b.start]
        pm = _PAREN_AFTER.match(between)
        if pm:
            between = between[pm.end() :]
        if len(between) > 30 or not r.period_join.match(between):
            continue
        opened = r.period_open.search(c.g[max(sentence[0], a.start - 20) : a.start])
        dashed = re.match(r"^\s*[-–—]\s*$", between) and (
            a.grain == b.grain == "day"
            # "Tháng 4 - 6/2026", "Quý II - III/2026": a span of months or quarters
            or a.grain == b.grain in ("month", "quarter"))
        if not opened and not dashed:
            continue
        # "(từ 15/12/2024 đến 22/02/2025, lực lượng chức năng đã phát hiện ...)": a past count
        if _is_past(c, r, sentence[0], a.start, (b.end, sentence[1])) and not c.once(
                "stats", sentence, lambda: r.stats.search(c.g, *sentence)):
            continue
        if _is_cited(c, r, a, sentence[0]):
            continue
        end_year = b.year if b.year is not None else c.default_year(b)
        start_year = a.year
        if start_year is None and end_year is not None:
            start_year = end_year - 1 if (a.month or 1) > (b.month or 12) and a.grain in ("day", "month") else end_year
        first, last = a.first_day(start_year), b.last_day(end_year)
        if first is None or last is None or last < first:
            continue
        used.update((i, i + 1))
        out.append(_fact(c, "period", (a.start, b.end), sentence, start=first.isoformat(), end=last.isoformat()))
    return out


def _from_signing(c: _Context, r: _Rules, dates: list[DateMention], used: set[int]) -> list[Fact]:
    """"từ ngày ký đến hết ngày 31/12/2026": a period from the plan's own issue date (none
    when the header gives no date: the start is then unknown)."""
    out: list[Fact] = []
    if c.issued is None:
        return out
    for i, b in enumerate(dates):
        if i in used:
            continue  # "đến hết năm 2026" ends it too
        sentence = c.sentences.around(b.start)
        m = r.from_signing.search(c.f, max(sentence[0], b.start - 80), b.start)
        if not m:
            continue
        last = b.last_day(b.year if b.year is not None else c.default_year(b))
        if last is None or last < c.issued:
            continue
        used.add(i)
        out.append(_fact(c, "period", (m.start(), b.end), sentence, start=c.issued.isoformat(), end=last.isoformat()))
    return out


def _recurring(c: _Context, r: _Rules, dates: list[DateMention], used: set[int]) -> list[Fact]:
    out: list[Fact] = []
    seen_sentences: set[int] = set()
    starts = [dm.start for dm in dates]
    openers = [(m, trigger_kind(m)) for m in r.trigger.finditer(c.f)]
    if "(" in c.f:
        for b in r.bracket_day.finditer(c.f):
            cycle = r.cycle_before.search(c.f, max(0, b.start() - 16), b.start())
            if cycle:
                openers.append((cycle, "dated"))
        openers.sort(key=lambda mk: mk[0].start())
    opening = c.doc.header.opening
    for m, kind in openers:
        if opening and opening[0] <= m.start() < opening[1]:
            # "Thực hiện Quyết định số 793/QĐ-TTg ... lấy ngày 30 tháng 7 hằng năm là Ngày ...":
            # the opening tells what the plan carries out; a cycle there is that document's
            continue
        sentence = c.sentences.around(m.start())
        if sentence[0] in seen_sentences:
            continue
        if kind == "dated" and not c.once("report", sentence, lambda: r.report.search(c.g, *sentence)):
            continue  # a cycle with a day but no report ("sơ kết 6 tháng (ngày 15/7)")
        if kind == "periodic" and not r.after_periodic.match(c.f, m.end(), min(sentence[1], m.end() + 40)):
            continue  # "định kỳ" with no cycle named ("định kỳ tổng hợp, báo cáo")
        first = bisect.bisect_left(starts, sentence[0])
        last = bisect.bisect_left(starts, sentence[1])
        idx = [
            i for i in range(first, last)
            if dates[i].grain == "day" and i not in used and not _is_cited(c, r, dates[i], sentence[0])
        ]
        # in the order the text gives them, as the contract's example lists them
        when = [dates[i].month_day() for i in idx]
        when += [md for *_, days in relative_days(c.f, *sentence, c.year) for md in days]
        when = [md for md in dict.fromkeys(when) if md]
        if not when and kind == "weak":
            continue  # "báo cáo năm" alone names a report, not a cycle with dates
        if not when:
            if not c.once("report", sentence, lambda: r.report.search(c.g, *sentence)):
                continue
            if r.review_next.match(c.f, m.end(), sentence[1]):
                continue
            if _is_past(c, r, sentence[0], m.start()):
                continue
        seen_sentences.add(sentence[0])
        used.update(idx)
        out.append(_fact(c, "recurring", (sentence[0], sentence[1]), sentence, when=when))
    out += _relative_only(c, r, seen_sentences)
    return out


def _relative_only(c: _Context, r: _Rules, seen_sentences: set[int]) -> list[Fact]:
    """Sentences whose report day is named relative to a cycle but which no cadence word
    opens ("Trước ngày 20 của tháng cuối quý, Công an xã gửi báo cáo ..."): the phrase
    itself states the cycle."""
    out: list[Fact] = []
    for start, end, _days in relative_days(c.f, 0, len(c.f), c.year):
        sentence = c.sentences.around(start)
        if sentence[0] in seen_sentences or _is_past(c, r, sentence[0], start, (end, sentence[1])):
            continue
        when = list(dict.fromkeys(md for *_, days in relative_days(c.f, *sentence, c.year) for md in days))
        if not when:
            continue
        seen_sentences.add(sentence[0])
        out.append(_fact(c, "recurring", sentence, sentence, when=when))
    return out


def _opened(r: _Rules, before: str) -> bool:
    """Whether "từ" opens the date right after ``before`` (not the "TU" of a symbol "KH/TU")."""
    m = r.period_open.search(before)
    return bool(m) and before[m.start() - 1 : m.start()] not in ("/", "-")


def _open_ended(c: _Context, r: _Rules, dates: list[DateMention], used: set[int]) -> list[Fact]:
    """Periods with a start and no end: "từ ngày 01/01/2025" with no end after it (a law
    taking effect included), "Quý IV năm 2024 và các năm tiếp theo", "từ tháng 11/2013 trở
    đi". The start is the first day the date covers; ``end`` is null."""
    out: list[Fact] = []
    opening = c.doc.header.opening
    for i, dm in enumerate(dates):
        if i in used or (opening and opening[0] <= dm.start < opening[1]):
            continue  # "Căn cứ Luật ... (có hiệu lực từ ngày 01/7/2025)": the cited law's date
        sentence = c.sentences.around(dm.start)
        nxt = c.f[dm.end : dm.end + 2]
        if nxt[:1] == "/" or nxt[:1].isdigit() or (nxt[:1] == "." and nxt[1:].isdigit()):
            continue  # a date read short ("tháng 1/11/2013", "1.11.2013"); a full stop ends a sentence
        first_i = i
        if r.open_after.match(c.f, dm.end, min(len(c.f), dm.end + 40)):
            span = (dm.start, r.open_after.match(c.f, dm.end).end())
            # "Quý IV năm 2024, năm 2025 và các năm tiếp theo": the list's first date opens it
            while first_i - 1 >= 0 and first_i - 1 not in used and _LIST_JOIN.match(
                    c.f[dates[first_i - 1].end : dates[first_i].start]) and dates[first_i - 1].start >= sentence[0]:
                first_i -= 1
            dm = dates[first_i]
            span = (dm.start, span[1])
        elif dm.grain in ("day", "month") and _opened(r, c.g[max(sentence[0], dm.start - 20) : dm.start]):
            if r.join_after.match(c.f, dm.end, min(len(c.f), dm.end + 20)):
                continue  # "từ ngày X đến nay": an end this reader cannot date
            span = (dm.start, dm.end)
        else:
            continue
        if _is_past(c, r, sentence[0], dm.start, (dm.end, sentence[1])) or _is_cited(c, r, dm, sentence[0]):
            continue
        first = dm.first_day(dm.year if dm.year is not None else c.default_year(dm))
        if first is None:
            continue
        used.update(range(first_i, i + 1))
        out.append(_fact(c, "period", span, sentence, start=first.isoformat(), end=None))
    return out


# "Tháng 11, 12/2026": one time; "trong tháng 5 và tháng 9" names two occasions
_COMMA_JOIN = re.compile(r"\s{0,2},\s{0,3}")


def _follows(c: _Context, a: DateMention, b: DateMention) -> bool:
    """Whether ``b`` starts the day after ``a`` ends; a year left out is the next one's
    ("Tháng 11, 12/2026"), or the one before it when the order wraps ("Quý IV, Quý I/2027")."""
    b_year = b.year if b.year is not None else c.default_year(b)
    a_year = a.year
    if a_year is None and b_year is not None:
        a_year = b_year - 1 if (a.month or a.quarter or 0) > (b.month or b.quarter or 0) else b_year
    end, start = a.last_day(a_year), b.first_day(b_year)
    return bool(end and start and start == end + timedelta(days=1))


def _time_lists(c: _Context, r: _Rules, dates: list[DateMention], used: set[int]) -> list[Fact]:
    """Several months or quarters given as one time after a time label ("Thời gian thực hiện:
    Tháng 11, 12/2026", "Quý IV/2026, Quý I/2027"): one period from the first one's start to
    the last one's end. Only a comma list of times that follow one another is one time;
    "trong tháng 5 và tháng 9", "Quý II và Quý III" name separate occasions, a finish
    ("hoàn thành trong quý II, III/2027") is due in each, and days listed stay separate due dates."""
    out: list[Fact] = []
    coarse = ("month", "quarter", "half")
    i = 0
    while i < len(dates):
        dm = dates[i]
        if i in used or dm.grain not in coarse:
            i += 1
            continue
        sentence = c.sentences.around(dm.start)
        j = i
        while (j + 1 < len(dates) and j + 1 not in used and dates[j + 1].grain in coarse
               and dates[j + 1].start <= sentence[1] and _COMMA_JOIN.fullmatch(c.f, dates[j].end, dates[j + 1].start)
               and _follows(c, dates[j], dates[j + 1])):
            j += 1
        if j == i or not r.time_label.search(c.f[max(sentence[0], dm.start - PREFIX) : dm.start]):
            i = j + 1
            continue
        if r.before_word.search(c.f[max(sentence[0], dm.start - PREFIX) : dm.start]):
            i = j + 1
            continue  # "trước tháng 11, 12/2026": not a span of time
        last = dates[j]
        end_year = last.year if last.year is not None else c.default_year(last)
        first_day = dm.first_day(dm.year if dm.year is not None else end_year)
        last_day = last.last_day(end_year)
        if (first_day is None or last_day is None or last_day < first_day
                or _is_past(c, r, sentence[0], dm.start, (last.end, sentence[1])) or _is_cited(c, r, dm, sentence[0])):
            i = j + 1
            continue
        used.update(range(i, j + 1))
        out.append(_fact(c, "period", (dm.start, last.end), sentence, start=first_day.isoformat(), end=last_day.isoformat()))
        i = j + 1
    return out


def _due_date(c: _Context, dm: DateMention, before: bool) -> date | None:
    year = dm.year if dm.year is not None else c.default_year(dm)
    if before and dm.grain != "day":
        first = dm.first_day(year)
        return first - timedelta(days=1) if first else None
    return dm.last_day(year)


def _dues(c: _Context, r: _Rules, dates: list[DateMention], used: set[int]) -> list[Fact]:
    out: list[Fact] = []
    prev_due: DateMention | None = None
    for i, dm in enumerate(dates):
        if i in used:
            continue
        sentence = c.sentences.around(dm.start)
        lo = max(sentence[0], dm.start - PREFIX)
        prefix = c.f[lo : dm.start]
        words = c.g[lo : dm.start]
        hm = _HOUR_BEFORE.search(prefix)
        if hm:
            prefix, words = prefix[: hm.start()], words[: hm.start()]
        end_of = dm.grain in ("month", "quarter", "year") and _END_OF.search(prefix)
        if end_of:
            # "hoàn thành trước cuối tháng 6/2026", "vào cuối năm 2026": the cue stands before
            # "cuối", and the date is the last day of the month or year whatever the cue
            prefix, words = prefix[: end_of.start()], words[: end_of.start()]
        cue = r.due.search(words) if dm.grain == "day" else r.due_coarse.search(words)
        if not cue and dm.grain == "day":
            cue = r.due_head.search(c.f, max(sentence[0], dm.start - 2 * PREFIX), dm.start)
        if (dm.grain == "year" and _HORIZON.search(prefix) and (c.year is None or (dm.year or 0) >= c.year)
                and not _HORIZON_TARGET.search(c.f, dm.end, min(sentence[1], dm.end + 60))
                and "phan dau" not in prefix[-20:]):
            cue = cue or _HORIZON.search(prefix)  # "- Đến năm 2030, thúc đẩy ...": the plan's horizon
        elif dm.grain == "year" and not (
            r.due_year.search(words) or (_WITHIN.search(prefix) and _FINISH.search(prefix))
        ):
            cue = None  # "Thời gian: năm 2026" names the plan's year, not a due date
        listed = prev_due is not None and sentence[0] <= prev_due.end and _LIST_JOIN.match(c.f[prev_due.end : dm.start])
        cell = (
            _CELL_BEFORE.search(c.f[max(0, dm.start - 3) : dm.start])
            and _CELL_AFTER.match(c.f, dm.end, min(len(c.f), dm.end + 3))
            and dm.grain != "year"
        )
        if not (cue or listed or cell):
            prev_due = None
            continue
        if _is_past(c, r, sentence[0], dm.start, (dm.end, sentence[1])) or _is_cited(c, r, dm, sentence[0]):
            prev_due = None
            continue
        before = bool(r.before_word.search(prefix)) if cue and not end_of else False
        d = _due_date(c, dm, before)
        if d is None or (cell and not cue and c.issued == d):
            continue
        prev_due = dm
        used.add(i)
        out.append(_fact(c, "due", (dm.start, dm.end), sentence, date=d.isoformat()))
    return out


def _merge(facts: list[Fact]) -> list[Fact]:
    """One entry per date, period or cycle; the spans of every statement of it."""
    out: list[Fact] = []
    index: dict[tuple, Fact] = {}
    for f in facts:
        k = (f["kind"], f["date"], f["start"], f["end"], tuple(sorted(f["when"])))
        if k in index:
            kept = index[k]
            kept["spans"].extend(f["spans"])
            if kept["agency"] is None:
                kept["agency"] = f["agency"]
            continue
        index[k] = f
        out.append(f)
    return out


def extract_deadlines(doc: Document) -> list[Fact]:
    """Every due date, period and reporting cycle of ``doc``, each stated once with all its spans."""
    if not doc.text:
        return []
    c = _Context(doc)
    r = _rules()
    dates = c.dates
    used: set[int] = set()
    facts = _periods(c, r, dates, used)
    facts += _from_signing(c, r, dates, used)
    facts += _recurring(c, r, dates, used)
    facts += _open_ended(c, r, dates, used)
    facts += _time_lists(c, r, dates, used)
    facts += _dues(c, r, dates, used)
    facts.sort(key=lambda f: f["spans"][0]["start"])
    return _merge(facts)


def deadline_of_cell(doc: Document, cell: str, start: int) -> Fact | None:
    """The deadline a table's time cell states ("Quý III/2026", "Trước ngày 15/10/2026",
    "Từ tháng 3 đến tháng 9/2026"), in the contract's deadline shape, or None when the cell
    names no date, period or reporting cycle ("Thường xuyên", "Năm 2026").

    Why: a row of an assignment table is a task whose deadline is its time cell; read as raw
    text it cannot be compared or audited. The cell is read by the same rules as the plan's
    own text, as a cell of its own (so a bare "Tháng 7/2026" there is a due date), with the
    year of the plan for a date that omits it. ``start`` is the cell's offset in ``doc``: the
    spans point into the document. The raw cell is kept in ``text``.
    """
    cell = cell.strip()
    if not cell or len(cell) > MAX_WHAT:
        return None
    mini = Document(doc.id, doc.path, doc.format, NormText(f"| {cell} |", []), doc.header, [], [])
    facts = extract_deadlines(mini)
    if not facts:
        return _year_cell(doc, cell, start)
    fact = dict(facts[0])
    n = len(cell)
    fact["spans"] = [doc.span(start + min(n, max(0, sp["start"] - 2)), start + min(n, max(0, sp["end"] - 2)))
                     for sp in fact["spans"]]
    fact["text"] = cell
    return fact


# a time cell that is a year alone: "Năm 2027", "Trong năm 2027", "2027"
_YEAR_CELL = re.compile(r"\s*(?:trong\s{1,3})?(?:nam\s{0,2})?((?:19|20)\d{2})\s*[.]?\s*")


def _year_cell(doc: Document, cell: str, start: int) -> Fact | None:
    """A time cell naming only a year after the plan's own ("Năm 2027" in a 2026 plan): due on
    31 December of it, as the contract reads a due date given as a year. The plan's own year
    ("Năm 2026") names when the whole plan runs and binds no date."""
    m = _YEAR_CELL.fullmatch(fold(cell))
    if not m:
        return None
    own = document_year(doc.header.date, doc.header.title, None)
    y = int(m.group(1))
    if own is None or y <= own:
        return None
    return {"kind": "due", "date": f"{y}-12-31", "start": None, "end": None, "when": [], "what": cell,
            "agency": None, "spans": [doc.span(start, start + len(cell))], "text": cell}

