"""Numeric targets (chỉ tiêu) of a plan — see ../shared/CONTRACT.md.

A target is a figure the plan commits to: a percentage ("100% tin báo ... được tiếp nhận",
"tỷ lệ giải quyết đạt trên 90%") anywhere outside a report of past results, or a count
("ít nhất 02 lần/năm", "01 hội nghị") when the plan says it is a target — under a
"chỉ tiêu"/"mục tiêu" heading, in a sentence with "phấn đấu", with a comparator, or with a
per-period unit. Dates, document numbers and article numbers never carry a unit, so they
are never read as figures.

The metric is what the figure measures, in the text's own words. Plans put it on either
side: after the figure ("95% số vụ án ... được giải quyết") or before it, when the figure
is the predicate ("Tỷ lệ điều tra ... đạt trên 90% tổng số án khởi tố" — the subject plus
the base after the figure). Comparator, cue and unit words are data in
models/target_patterns.tsv and are matched on folded text, so OCR text without tone marks
("tren 85%") reads the same.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.extract.clauses import Boundaries, squash, strip_span
from pipeline.extract.metric_context import context_metric, is_bare, trim_time
from pipeline.extract.table_targets import table_targets
from pipeline.extract.wordlists import (
    alternation,
    folded,
    load_patterns,
    lowered,
    words_regex,
)
from pipeline.model import Document, Fact
from pipeline.structure.outline import heading_chain
from pipeline.text import starts as scan
from pipeline.text.dates import document_year
from pipeline.text.fold import fold

PATTERNS = "target_patterns.tsv"
MAX_METRIC_WORDS = 30
MAX_BASE_WORDS = 12


@dataclass
class _Rules:
    figure: re.Pattern[str]
    comparator_before: re.Pattern[str]
    comparator_sign: re.Pattern[str]
    comparator_values: dict[str, str]
    comparator_after: re.Pattern[str]
    comparator_after_values: dict[str, str]
    cue: re.Pattern[str]
    section: re.Pattern[str]
    verb_link: re.Pattern[str]
    lead: re.Pattern[str]
    head: re.Pattern[str]
    past: re.Pattern[str]
    past_any: re.Pattern[str]
    same_period: re.Pattern[str]
    past_section: re.Pattern[str]
    cut: re.Pattern[str]
    report_outline: re.Pattern[str]
    obligation: re.Pattern[str]
    negation: re.Pattern[str]
    list_intro: re.Pattern[str]
    minimum: re.Pattern[str]
    not_unit: re.Pattern[str]


# a digit that no digit, "." , "," or "/" precedes: the only places a figure can start
_FIGURE_START = re.compile(r"\d(?<![\d.,/]\d)")


def _figures(figure: re.Pattern[str], f: str):
    """``figure.finditer(f)``, trying the pattern only where a figure can start. Why: the
    figure pattern opens with a look-ahead, so a scan tries it at every position of the
    document; a pattern opening with a digit skips to the few digit runs."""
    yield from scan.matches_at(figure, f, [d.start() for d in _FIGURE_START.finditer(f)])


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    p = load_patterns(PATTERNS)

    def words(kind: str) -> list[str]:
        return [w for w, _ in p.get(kind, [])]

    units = alternation(words("unit"))
    # "(?=\d)" first: both forms start with a digit, and testing for one at each position is
    # cheaper than the look-behinds (the regex scans the whole folded text)
    figure = re.compile(
        r"(?=\d)(?:(?<![\d.,/])(?P<pv>\d{1,3}(?:[.,]\d{1,2})?) ?(?:%|phan tram(?![a-z]))"
        rf"|(?<![\d.,/])(?P<cv>\d{{1,3}}(?:\.\d{{3}})+|\d{{1,4}}) ?(?P<unit>{units})(?![a-z0-9]))"
    )
    # comparators written as signs ("≥ 95%", "≥95%"): no word boundary to ask for
    signs = [w for w in words("comparator_before") if not re.search(r"\w", w)]
    # "tối thiểu 30 m²", "ít nhất 03 mẫu": a floor binds whatever it counts, so after a
    # minimum word any word is the unit (not a word of the sentence's grammar or a date's)
    floors = [w for w, v in p.get("comparator_before", []) if v == ">=" and re.search(r"\w", w) and w not in words("not_floor")]
    minimum = re.compile(
        rf"(?<![a-z])(?:{alternation(floors)})\s{{1,3}}(?P<mv>\d{{1,3}}(?:\.\d{{3}})+|\d{{1,4}})(?![\d.,/%])\s?"
        rf"(?P<munit>[^\W\d_]+(?:[²³]|/[^\W\d_]+)?)"
    )
    return _Rules(
        minimum=minimum,
        not_unit=words_regex(words("not_unit"), at_start=True),
        figure=figure,
        comparator_before=words_regex([w for w in words("comparator_before") if w not in signs], at_end=True),
        comparator_sign=re.compile(r"(?:" + alternation(signs) + r")\s{0,2}$"),
        comparator_values={" ".join(fold(w).split()): v for w, v in p.get("comparator_before", [])},
        comparator_after=words_regex(words("comparator_after"), at_start=True),
        comparator_after_values={" ".join(fold(w).split()): v for w, v in p.get("comparator_after", [])},
        cue=words_regex(words("cue")),
        section=words_regex(words("section")),
        verb_link=words_regex(words("verb_link"), at_end=True),
        lead=words_regex(words("lead"), at_start=True),
        head=words_regex(words("head")),
        past=words_regex(words("past")),
        past_any=words_regex(words("past_any")),
        same_period=words_regex(words("same_period")),
        past_section=words_regex(words("past_section")),
        cut=words_regex(words("cut")),
        report_outline=words_regex(words("report_outline")),
        obligation=words_regex(words("obligation")),
        negation=words_regex(words("negation")),
        list_intro=re.compile(
            rf"(?:(?!(?<![a-z])(?:{alternation(words('list_other'))})(?![a-z]))[^.;:%\d]){{0,80}}?"
            rf"(?<![a-z])(?:{alternation(words('list_intro'))})\s{{0,2}}:"),
    )


@dataclass
class _Figure:
    start: int  # where the figure's words begin (the comparator, if any)
    num_start: int
    end: int  # after the unit (and a trailing comparator such as "trở lên")
    value: float
    unit: str
    comparator: str
    percent: bool
    predicate: bool = False  # the figure completes "X đạt ..." — its subject stands before it
    verb: str = ""
    upper: float | None = None  # a range's upper bound ("từ 5% đến 10%", "5-10%"): ``value`` is its lower


_NEGATED = {">": "<=", ">=": "<", "<": ">=", "<=": ">"}
# "5-10%", "từ 5 - 10%": the lower bound of a range written before the figure that carries the unit
_RANGE_LOW = re.compile(r"(?<![\d.,/])(\d{1,3}(?:[.,]\d{1,2})?)\s?[-–]\s?$")
# "từ 5% đến 10%": what joins a range's two figures
_RANGE_JOIN = re.compile(r"\s{0,2}(?:den|toi|[-–])\s{0,2}")


def _number(s: str) -> float:
    return float(s.replace(",", "."))


def _section_says(doc: Document, pos: int, pat: re.Pattern[str]) -> bool:
    """Whether a heading above ``pos`` (a short title, not an item's sentence) matches ``pat``."""
    for s in heading_chain(doc.sections, pos):
        if s.children and len(s.title) <= 80 and pat.search(lowered(s.title)):
            return True
    return False


def _find_figures(text: str, f: str, g: str, r: _Rules, clause: tuple[int, int]) -> list[_Figure]:
    """The figures of one clause; ``f`` is the folded view, ``g`` the lower-cased one."""
    cs, ce = clause
    out: list[_Figure] = []
    found = list(r.figure.finditer(f, cs, ce))
    taken = {m.start() for m in found}
    found += [m for m in r.minimum.finditer(f, cs, ce)
              if m.start("mv") not in taken and not r.not_unit.match(g, m.start("munit"))]
    found.sort(key=lambda m: m.start("mv") if m.re is r.minimum else m.start())
    for m in found:
        if m.re is r.minimum:
            percent, value = False, float(m.group("mv").replace(".", ""))
            unit = squash(text[m.start("munit") : m.end("munit")])
            start, end = m.start("mv"), m.end()
        else:
            percent = m.group("pv") is not None
            value = _number(m.group("pv")) if percent else float(m.group("cv").replace(".", ""))  # 2.000 tờ rơi
            unit = "%" if percent else squash(text[m.start("unit") : m.end("unit")])
            start, end = m.start(), m.end()
        comparator = "="
        window_start = max(cs, out[-1].end if out else cs, start - 40)
        prev = out[-1] if out else None
        if (prev is not None and prev.upper is None and prev.unit == unit and prev.comparator in ("=", ">=")
                and _RANGE_JOIN.fullmatch(f, prev.end, start) and value > prev.value):
            # "giảm từ 5% đến 10%": one range, a floor and a ceiling of the same measure
            prev.comparator, prev.upper, prev.end = ">=", value, end
            continue
        low = _RANGE_LOW.search(f, window_start, start)
        if low and _number(low.group(1)) < value:
            fig = _Figure(low.start(), low.start(), end, _number(low.group(1)), unit, ">=", percent, upper=value)
            tail = g[max(cs, low.start() - 30) : low.start()]
            fm = r.comparator_before.search(tail)
            head = low.start() - (len(tail) - fm.start()) if fm else low.start()
            vm = r.verb_link.search(g[max(cs, head - 30) : head])
            if vm:
                fig.predicate = True
                fig.verb = f[max(cs, head - 30) + vm.start() : max(cs, head - 30) + vm.end()].strip(" ,:")
                fig.start = max(cs, head - 30) + vm.start()
            else:
                fig.start = head
            out.append(fig)
            continue
        before = g[window_start:start]
        cm = r.comparator_before.search(before) or r.comparator_sign.search(before)
        if cm:
            word = " ".join(f[window_start + cm.start() : window_start + cm.end()].split()).strip(" ,:")
            comparator = r.comparator_values.get(word, "=")
            start = window_start + cm.start()
        am = r.comparator_after.match(g, end, min(ce, end + 20))
        if am:
            word = " ".join(f[am.start() : am.end()].split()).strip(" ,:")
            comparator = r.comparator_after_values.get(word, comparator)
            end = am.end()
        if comparator != "=" and r.negation.search(g, cs, start):
            # "không để ùn tắc kéo dài trên 30 phút": a bound the plan forbids crossing
            comparator = _NEGATED[comparator]
        fig = _Figure(start, m.start("mv") if m.re is r.minimum else m.start(), end, value, unit, comparator, percent)
        vm = r.verb_link.search(g[max(cs, start - 30) : start])
        if vm:
            fig.predicate = True
            fig.verb = f[max(cs, start - 30) + vm.start() : max(cs, start - 30) + vm.end()].strip(" ,:")
            fig.start = max(cs, start - 30) + vm.start()
        elif not percent or _head_just_before(g, r, max(window_start, start - 80), start):
            # a count measures the activity before it ("kiểm tra ít nhất 02 lần/năm"); a
            # figure right after "tỷ lệ ..." completes that subject ("tỷ lệ tái phạm dưới 1%")
            fig.predicate = True
        out.append(fig)
    return out


def _head_just_before(f: str, r: _Rules, lo: int, hi: int) -> bool:
    """Whether a head noun ("tỷ lệ") opens the words right before a figure, with no
    clause break between them."""
    heads = list(r.head.finditer(f, lo, hi))
    return bool(heads) and "," not in f[heads[-1].end() : hi]


_ITEM_MARKER = re.compile(r"\s*(?:\(?[a-zđ]\)|\(?\d{1,2}(?:\.\d{1,2})*[.)]|[-–•+*])\s+")


def _subject_before(text: str, f: str, r: _Rules, lo: int, hi: int) -> tuple[int, int] | None:
    """The measured subject that stands before a predicate figure, within ``[lo, hi)``."""
    heads = list(r.head.finditer(f, lo, hi))
    if heads:
        lo = heads[-1].start()
    else:
        comma = f.rfind(",", lo, hi)
        # a subject without a head noun runs from the clause start, unless a comma splits
        # off an earlier phrase that names something else
        if comma != -1 and len(f[comma:hi].split()) >= 3:
            lo = comma + 1
    mk = _ITEM_MARKER.match(f, lo, hi)
    if mk:
        lo = mk.end()  # "a) Tổ chức ...": the item's marker is not part of what it measures
    while True:
        lm = r.lead.match(f, lo, hi)
        if not lm or lm.end() == lo:
            break
        lo = lm.end()
    s, e = strip_span(text, lo, hi)
    if e - s < 3:
        return None
    words = text[s:e].split()
    if len(words) > MAX_METRIC_WORDS:
        s = e - len(" ".join(words[-MAX_METRIC_WORDS:]))
    return s, e


# the time a baseline names: "(cùng kỳ) năm 2014", "năm trước", "cùng kỳ"
_BASELINE_TIME = re.compile(r"^\s*(?:cung ky\s*)?(?:(?:nam|quy|thang)\s*[\divx/]+|nam truoc|cung ky)?")


def _words_after(text: str, f: str, r: _Rules, lo: int, hi: int, limit: int) -> tuple[int, int] | None:
    """The words after a figure up to ``hi``, a cut word, or ``limit`` words."""
    cm = r.cut.search(f, lo, hi)
    if cm and not f[lo : cm.start()].strip():
        # "giảm 5% so với năm 2014 về số vụ ...": a baseline right after the figure, with the
        # measure after it, is part of what it measures; a bare baseline is not
        nxt = r.cut.search(f, cm.end(), hi)
        rest = re.split(r"[.;:(]", _BASELINE_TIME.sub("", fold(f[cm.end() : nxt.start() if nxt else hi]), count=1))[0]
        if len(re.findall(r"\w+", rest)) >= 2:
            cm = nxt
    if cm:
        hi = cm.start()
    s, e = strip_span(text, lo, hi)
    if e - s < 2:
        return None
    words = text[s:e].split()
    if len(words) > limit:
        e = s + len(" ".join(words[:limit]))
    return s, e


def _split_between(f: str, r: _Rules, a: _Figure, b: _Figure) -> tuple[int, int]:
    """How two figures of one clause share the words between them: ``(end of the first's
    words, start of the second's)``.

    When the second figure is a predicate ("..., tỷ lệ giải quyết đạt trên 90%") its subject
    starts at the last head noun or the last comma between them. A count that follows a
    percentage with no such break ("100% cơ sở được kiểm tra ít nhất 01 lần/năm") measures
    the same words, so both figures read them. Otherwise the words belong to the first.
    """
    if not b.predicate:
        return b.start, b.start
    heads = list(r.head.finditer(f, a.end, b.start))
    if heads:
        return heads[-1].start(), heads[-1].start()
    comma = f.rfind(",", a.end, b.start)
    if comma != -1:
        return comma + 1, comma + 1
    return b.start, a.end


def _metric(text: str, f: str, r: _Rules, fig: _Figure, lo: int, hi: int) -> tuple[str, int, int]:
    """The metric words of ``fig`` whose own words lie in ``[lo, hi)``; with their span."""
    pieces: list[tuple[int, int]] = []
    after = _words_after(text, f, r, fig.end, hi, MAX_BASE_WORDS if fig.predicate else MAX_METRIC_WORDS)
    before = _subject_before(text, f, r, lo, fig.start) if fig.predicate or after is None else None
    if before:
        before = trim_time(text, *before)  # "Tỷ lệ X: phấn đấu đến năm 2027" measures X
        if before[0] == before[1]:
            before = None
    if before:
        pieces.append(before)
    if after and (fig.predicate or not before):
        pieces.append(after)
    if not pieces:
        return "", fig.start, fig.end
    words = " ".join(squash(text[s:e]) for s, e in pieces)
    if fig.verb.split()[-1:] in (["giam"], ["tang"]) and before is None:
        words = text[fig.start : fig.start + len(fig.verb)] + " " + words
    return words, min(fig.start, pieces[0][0]), max(fig.end, pieces[-1][1])


@dataclass
class _ClauseFacts:
    """What a whole clause says, looked up once however many figures it holds."""

    compares_results: bool
    has_cue: bool
    past_lead: bool  # a past-tense word before the clause's first figure ("đã phát hiện 15 vụ, tăng 3 vụ (25%)")
    sentence_start: int  # the full sentence's start (";" does not end it)


_YEAR_BEFORE = re.compile(r"(?<![a-z])(den |toi |vao )?nam ?((?:19|20)\d{2})(?!\d)")
# "giảm 5% so với (cuối) năm 2024": the year is the baseline of a target, not a report of the past
_BASELINE = re.compile(r"so\s{1,3}voi\s{1,3}(?:(?:cuoi|dau|cung ky)\s{1,3})?$")


def _names_a_past_year(f: str, lo: int, hi: int, year: int | None, obligation: re.Pattern[str] | None = None,
                       g: str | None = None) -> bool:
    """Whether the last year named before a figure in its sentence is before the plan's
    ("Năm 2024, ... giảm 12%; 96% trẻ em ..." in a 2025 plan reports results); a later
    "năm 2025, phấn đấu ..." sets the figures after it back in the plan's time, and
    "đến năm 2030" is a horizon, not the past."""
    if year is None:
        return False
    last = None
    for m in _YEAR_BEFORE.finditer(f, max(lo, hi - 400), hi):
        if not m.group(1) and _BASELINE.search(f, max(0, m.start() - 20), m.start()):
            continue
        last = m
    if last and obligation is not None and g is not None and obligation.search(g, last.end(), hi):
        # "địa phương có số người chết năm 2014 tăng phải giảm tối thiểu 10%": the past year
        # picks out who is bound; "phải" puts the figure in the plan's time
        return False
    return bool(last and not last.group(1) and int(last.group(2)) < year)


def _is_target(doc: Document, f: str, g: str, r: _Rules, fig: _Figure, cf: _ClauseFacts, lo: int, year: int | None) -> bool:
    if cf.compares_results or cf.past_lead or r.past.search(g, lo, fig.num_start):
        return False
    if not cf.has_cue and _names_a_past_year(f, cf.sentence_start, fig.num_start, year, r.obligation, g):
        return False
    if _section_says(doc, fig.num_start, r.past_section) or _in_report_outline(doc, fig.num_start, r):
        return False
    if fig.percent:
        return True
    if fig.comparator == "=" and r.list_intro.match(f, fig.end):
        return False  # "08 nhóm nhiệm vụ trọng tâm sau:": counts the items listed next
    if fig.comparator != "=" or "/" in fig.unit or cf.has_cue:
        return True
    return _section_says(doc, fig.num_start, r.section)


def _in_report_outline(doc: Document, pos: int, r: _Rules) -> bool:
    """Whether ``pos`` lies in an attachment that outlines a report (ĐỀ CƯƠNG BÁO CÁO, BIỂU MẪU)."""
    chain = heading_chain(doc.sections, pos)
    return bool(chain) and chain[0].kind == "appendix" and bool(r.report_outline.match(lowered(chain[0].title[:80]).strip()))


def _words(s: str) -> set[str]:
    return set(re.findall(r"\w+", fold(s)))


def _same_metric(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return wa == wb
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.6


def _clean_value(v: float) -> int | float:
    return int(v) if v == int(v) else v


def extract_targets(doc: Document) -> list[Fact]:
    """Every target figure of ``doc`` with its comparator and metric; repeats merged."""
    text = doc.text
    if not text:
        return []
    f = folded(text)
    g = lowered(text)
    r = _rules()
    clauses = Boundaries(text)
    sentences = Boundaries(text, full=True)
    year = document_year(doc.header.date, doc.header.title, text)
    facts: list[Fact] = []

    def no_target_here(at: int) -> bool:
        return _section_says(doc, at, r.past_section) or _in_report_outline(doc, at, r)

    tabled, rows_read = table_targets(doc, r, year, no_target_here)
    for t in tabled:
        _add(facts, doc, _clean_value(t.value), t.unit, t.comparator, t.metric, t.start, t.end)
    row_starts = [a for a, _ in rows_read]
    series: dict[tuple[int, str], str] = {}  # (sentence start, unit) -> the last measured metric
    pos = 0
    past_account = -1  # the sentence whose last clause counted past results
    starts = sorted([m.start() for m in _figures(r.figure, f)] + [m.start("mv") for m in r.minimum.finditer(f)])
    for at in starts:
        if at < pos:
            continue
        k = bisect.bisect_right(row_starts, at) - 1
        if k >= 0 and at < rows_read[k][1]:
            continue  # a row of a table of targets, read above column by column
        clause = clauses.around(at)
        pos = clause[1] + 1
        figs = _find_figures(text, f, g, r, clause)
        cf = _ClauseFacts(
            bool(r.past_any.search(g, *clause))
            or (bool(r.same_period.search(g, *clause)) and not r.cue.search(g, *clause)),
            bool(r.cue.search(g, *clause)),
            bool(figs) and bool(r.past.search(g, clause[0], figs[0].num_start)), sentences.around(at)[0]
        )
        if cf.past_lead:
            past_account = cf.sentence_start
        elif past_account == cf.sentence_start and not cf.has_cue:
            # "... đã phát hiện 04 vụ, 09 đối tượng; 82% số nạn nhân là phụ nữ": the clause
            # after a past count in one sentence goes on with the same account
            cf = replace(cf, past_lead=True)
        for i, fig in enumerate(figs):
            lo = clause[0] if i == 0 else _split_between(g, r, figs[i - 1], fig)[1]
            hi = clause[1] if i + 1 == len(figs) else _split_between(g, r, fig, figs[i + 1])[0]
            if not _is_target(doc, f, g, r, fig, cf, lo, year):
                continue
            metric, s, e = _metric(text, g, r, fig, lo, hi)
            if is_bare(metric):
                # "X: năm 2026 đạt 80%, năm 2027 đạt 90%": the series' measure, stated once;
                # "Phấn đấu đến năm 2026: đạt 100%" under a heading: the measure is above it
                prev = series.get((cf.sentence_start, fig.unit))
                metric = prev or context_metric(doc, fig.num_start) or metric
            else:
                series[(cf.sentence_start, fig.unit)] = metric
            _add(facts, doc, _clean_value(fig.value), fig.unit, fig.comparator, metric, s, e)
            if fig.upper is not None:
                _add(facts, doc, _clean_value(fig.upper), fig.unit, "<=", metric, s, e)
    return facts


def _add(facts: list[Fact], doc: Document, value, unit: str, comparator: str, metric: str, s: int, e: int) -> None:
    """Append a target, or add a span to the same target stated earlier in the document."""
    for t in facts:
        if t["value"] == value and t["unit"] == unit and t["comparator"] == comparator and _same_metric(t["metric"], metric):
            t["spans"].append(doc.span(s, e))
            return
    facts.append({"value": value, "unit": unit, "comparator": comparator, "metric": metric, "spans": [doc.span(s, e)]})
