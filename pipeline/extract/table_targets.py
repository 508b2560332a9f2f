"""Targets laid out as a table: one row per measure, one column per year or kind of figure.

Plans and their appendices (Phụ lục) often give targets as ``| Chỉ tiêu | Năm 2025 | Năm
2026 |`` or ``| Nội dung | ĐVT | Chỉ tiêu (%) |`` rows. Read as prose, such a row is one
clause whose first figure gets the measure and the others none; a bare cell "70" under a
"Chỉ tiêu (%)" header is not even a figure. Here the header tells which column names the
measure, which hold figures, where the unit is and which columns report results already
reached ("Kết quả năm 2024", "Ước thực hiện"), and every figure cell becomes one target
whose metric is its row's measure, in the table's own words.

Readers give tables as pipe rows (DOCX, HTML, PDF) or tab-separated rows, the shapes the
assignment tables of ``tables`` read too; an assignment table (with a "chủ trì" column) is
never a table of targets. The header words are data (models/target_patterns.tsv, kinds
``table_*``), matched on folded text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from pipeline.extract.clauses import squash
from pipeline.extract.tables import _header as assignment_header
from pipeline.extract.tables import _is_separator, _split_row, may_hold_rows
from pipeline.extract.wordlists import load_patterns, lowered
from pipeline.model import Document
from pipeline.text.fold import fold

PATTERNS = "target_patterns.tsv"
MAX_HEADER_CELL = 60
MAX_UNIT = 20
KINDS = ("metric", "value", "unit", "past", "other")


@dataclass
class TableTarget:
    value: float
    unit: str
    comparator: str
    metric: str
    start: int  # span: the row's measure cell to its figure cell
    end: int


@lru_cache(maxsize=1)
def _header_words() -> list[tuple[str, str]]:
    """(folded words, kind) of every header word, longest first."""
    p = load_patterns(PATTERNS)
    out = [(" ".join(fold(w).split()), kind) for kind in KINDS for w, _ in p.get("table_" + kind, [])]
    return sorted(out, key=lambda wk: -len(wk[0]))


def _cell_kinds(cell: str) -> set[str]:
    """The kinds a header cell may be: those of the longest header word it starts with."""
    f = " ".join(re.sub(r"[^\w%()]+", " ", fold(cell)).split())
    if not f or len(f) > MAX_HEADER_CELL:
        return set()
    best = -1
    kinds: set[str] = set()
    for words, kind in _header_words():
        if len(words) < best:
            break
        if f == words or f.startswith(words + " ") or f.startswith(words + "("):
            best = len(words)
            kinds.add(kind)
    return kinds


@dataclass
class _Columns:
    metric: int
    values: list[int]
    unit: int | None


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_PAREN_UNIT = re.compile(r"\(\s*([^()\d]{1,%d}?)\s*\)\s*$" % MAX_UNIT)


def _columns(cells: list[str], year: int | None) -> _Columns | None:
    """Which columns hold the measure, the figures and the unit; None for any other table.
    A figure column whose latest year is before the plan's reports the past."""
    if assignment_header(cells):
        return None
    kinds = [_cell_kinds(c) for c in cells]
    metric_cols = [i for i, k in enumerate(kinds) if "metric" in k]
    if not metric_cols:
        return None
    only = [i for i in metric_cols if "value" not in kinds[i]]
    metric = only[0] if only else metric_cols[0]
    values = []
    for i, k in enumerate(kinds):
        if i == metric or "value" not in k:
            continue
        years = [int(y) for y in _YEAR.findall(cells[i])]
        if year and years and max(years) < year:
            continue
        values.append(i)
    if not values:
        return None
    unit = next((i for i, k in enumerate(kinds) if k == {"unit"}), None)
    return _Columns(metric, values, unit)


_NUM = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d{1,6}(?:,\d{1,2})?|\d{1,3}\.\d{1,2})(?![\d/])")


def _unit_of(s: str) -> str | None:
    m = _PAREN_UNIT.search(s)
    return squash(m.group(1)) if m else None


def _cell_figure(cell: str, rules) -> tuple[float, str | None, str] | None:
    """(value, unit written in the cell or None, comparator) of a figure cell."""
    f = fold(cell)
    m = _NUM.search(f)
    if not m:
        return None
    raw = m.group(1)
    value = float(raw.replace(".", "")) if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw) else float(raw.replace(",", "."))
    comparator = "="
    before = lowered(cell)[: m.start()]
    cm = rules.comparator_before.search(before) or rules.comparator_sign.search(before)
    if cm:
        word = " ".join(f[cm.start() : cm.end()].split()).strip(" ,:")
        comparator = rules.comparator_values.get(word, "=")
    rest = f[m.end() :]
    unit = None
    pm = re.match(r"\s?(%|phan tram(?![a-z]))", rest)
    tail_start = m.end()
    if pm:
        unit = "%"
        tail_start += pm.end()
    am = rules.comparator_after.match(lowered(cell), tail_start)
    if am:
        word = " ".join(f[am.start() : am.end()].split()).strip(" ,:")
        comparator = rules.comparator_after_values.get(word, comparator)
        tail_start = am.end()
    tail = squash(cell[tail_start:]).strip(" .;,")
    if unit is None and tail and len(tail) <= MAX_UNIT and not any(c.isdigit() for c in tail):
        unit = tail
    return value, unit, comparator


def _cell_spans(line: str, start: int) -> list[tuple[int, int]]:
    """Offsets of the cells of a pipe or tab row, in the order ``_split_row`` gives them."""
    sep = "|" if line.strip().count("|") >= 2 else "\t"
    out = []
    pos = 0
    pieces = line.split(sep)
    if sep == "|":
        lead = line.strip()
        if lead.startswith("|"):
            pos = len(pieces[0]) + 1
            pieces = pieces[1:]
        if line.rstrip().endswith("|"):
            pieces = pieces[:-1]
    for p in pieces:
        s = pos + (len(p) - len(p.lstrip()))
        e = pos + len(p.rstrip())
        out.append((start + s, start + max(s, e)))
        pos += len(p) + 1
    return out


def table_targets(
    doc: Document, rules, year: int | None, skip: Callable[[int], bool]
) -> tuple[list[TableTarget], list[tuple[int, int]]]:
    """The targets of every table of targets in ``doc``, and the spans of the rows read
    (the prose reader leaves them alone). ``rules``: the target extractor's comparator
    rules; ``skip(pos)``: whether a row at ``pos`` stands where no target can (a report of
    results, a report outline)."""
    out: list[TableTarget] = []
    rows_read: list[tuple[int, int]] = []
    if not may_hold_rows(doc.text):
        return out, rows_read
    lines = doc.lines
    i = 0
    while i < len(lines):
        cells = _split_row(lines[i].text)
        cols = _columns(cells, year) if cells else None
        i += 1
        if cols is None:
            continue
        unit_header = {c: _unit_of(cells[c]) for c in cols.values if c < len(cells)}
        while i < len(lines):
            ln = lines[i]
            row = _split_row(ln.text)
            if row is None:
                if not ln.text.strip() and i + 1 < len(lines) and _split_row(lines[i + 1].text):
                    i += 1
                    continue
                break
            i += 1
            if _is_separator(row) or cols.metric >= len(row) or skip(ln.start):
                continue
            spans = _cell_spans(ln.text, ln.start)
            if len(spans) != len(row):
                continue
            metric = squash(row[cols.metric])
            if not re.search(r"[^\W\d_]{2}", metric):
                continue
            metric_unit = _unit_of(metric)
            if metric_unit:
                metric = _PAREN_UNIT.sub("", metric).rstrip(" ,:")
            row_unit = squash(row[cols.unit]) if cols.unit is not None and cols.unit < len(row) else ""
            got = False
            for c in cols.values:
                if c >= len(row):
                    continue
                fig = _cell_figure(row[c], rules)
                if fig is None:
                    continue
                value, unit, comparator = fig
                unit = unit or (row_unit if row_unit and len(row_unit) <= MAX_UNIT else None) or unit_header.get(c) or metric_unit
                if not unit:
                    continue  # a bare count with no unit anywhere: not readable as a target
                out.append(TableTarget(value, unit, comparator, metric, spans[cols.metric][0], spans[c][1]))
                got = True
            if got:
                rows_read.append((ln.start, ln.start + len(ln.text)))
    return out, rows_read
