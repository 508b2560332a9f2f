"""Assignment tables: rows STT | nội dung nhiệm vụ | cơ quan chủ trì | cơ quan phối hợp | thời gian.

Plans often put the assignments in a table, usually an appendix (PHỤ LỤC ... PHÂN CÔNG
NHIỆM VỤ). Readers hand a table over in one of three shapes, all read here:

* pipe rows ``| 1 | Tuyên truyền ... | Công an tỉnh | Sở Tư pháp | Quý II |`` (DOCX, HTML and
  PDF readers render tables that way);
* tab-separated rows (text copies);
* one cell per line (OCR of a scanned table): the header's cells on consecutive lines, then
  each row as an STT line followed by its cells.

A table counts only when its header names a task column and a "chủ trì" column (the words are
in models/assignment_patterns.tsv, ``col_*``), so a table of statistics is never read as tasks.
Each row is a task; its path is the appendix label ("Phụ lục", "Phụ lục II") and the row's STT,
with the group row's label between them when the numbering restarts per group.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.extract import assignments as A
from pipeline.extract import units
from pipeline.extract.deadlines import deadline_of_cell
from pipeline.model import Document, Fact
from pipeline.normalize.table_rows import numbered_by_contents
from pipeline.text.fold import fold, fold_slice

MAX_CELL = 2000


@dataclass
class Row:
    stt: str
    cells: dict[str, str]  # column kind -> text
    start: int
    end: int
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    group: str | None = None


@lru_cache(maxsize=4096)
def _col_kind(cell: str) -> str | None:
    """The column a header cell names (cached: every row of a table asks about its cells)."""
    return _col_kind_folded(fold(cell))


_WS = re.compile(r"\s+")


def _col_kind_folded(folded: str) -> str | None:
    """``_col_kind`` of a cell given folded. A cell names a column in at most 60 characters;
    most lines a table search reads are far longer, and a printable one whose characters
    other than " .:*" already number more (the only ones the clean-up below drops) is
    answered without the clean-up (white space other than " " is never printable)."""
    if len(folded) > 60 and folded.isprintable() and len(folded) - sum(map(folded.count, " .:*")) > 60:
        return None
    # white space squashed to one space; a printable cell with no double space has nothing to squash
    f = (folded if "  " not in folded and folded.isprintable() else _WS.sub(" ", folded)).strip(" .:*")
    if not f or len(f) > 60:
        return None
    for kind, whole_or_first, inside in _column_words():
        if whole_or_first.match(f) or (inside is not None and inside.search(f)):
            return kind[4:]
    return None


_COLUMNS = ("col_stt", "col_lead", "col_support", "col_time", "col_product", "col_note", "col_task")


@lru_cache(maxsize=1)
def _column_words() -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
    """Per column kind, in the order tried: a regex for "the cell is one of its words, or
    starts with one and a space", and one for "a word of more than 6 characters is inside
    it" (not for the STT column). One match per kind instead of a loop over its words."""
    out = []
    for kind in _COLUMNS:
        words = A.patterns().get(kind, [])
        if not words:
            continue
        first = re.compile("(?:" + "|".join(map(re.escape, words)) + r")(?:\Z| )")
        long = [w for w in words if len(w) > 6] if kind != "col_stt" else []
        out.append((kind, first, re.compile("|".join(map(re.escape, long))) if long else None))
    return out


def _header(cells: list[str]) -> list[str | None] | None:
    kinds = [_col_kind(c) for c in cells]
    if "lead" in kinds and "task" in kinds:
        return kinds
    return None


def _split_row(line: str) -> list[str] | None:
    s = line.strip()
    if s.count("|") >= 2:
        parts = s.strip("|").split("|")
        return [p.strip() for p in parts]
    if s.count("\t") >= 2:
        return [p.strip() for p in s.split("\t")]
    return None


def may_hold_rows(text: str) -> bool:
    """False when no line of ``text`` can split into cells (``_split_row``): a row needs two
    "|" or two tabs on its line, and a text holding fewer has no such line. Why: most plans
    are prose, and both table readers would otherwise try every line."""
    return text.count("|") >= 2 or text.count("\t") >= 2


def _is_separator(cells: list[str]) -> bool:
    return all(re.fullmatch(r"\s*:?-{2,}:?\s*", c) or not c.strip() for c in cells)


_STT = re.compile(r"^\s*(?:\d{1,3}|[IVXLC]{1,6}|[a-zđ])\s*[.)]?\s*$")


def _appendix_labels(doc: Document) -> list[tuple[int, str]]:
    """(offset, label) of every "PHỤ LỤC [số]" heading, in order."""
    out = []
    for ln in doc.lines:
        s = ln.text.strip(" *_#|")
        m = re.match(r"^(?:PHỤ LỤC|Phụ lục|PHU LUC|Phu luc)\b\s*(?:số\s*)?(?P<num>[IVXLC]+|\d+)?\b", s[:40])
        if m:
            out.append((ln.start, "Phụ lục" + (f" {m.group('num')}" if m.group("num") else "")))
    return out


def _appendix_label(labels: list[tuple[int, str]], pos: int) -> str | None:
    """The nearest appendix heading before ``pos``."""
    found = None
    for off, lab in labels:
        if off > pos:
            break
        found = lab
    return found


def _rows_from_grid(doc: Document) -> list[tuple[list[str | None], list[Row]]]:
    """Tables given as pipe or tab rows."""
    out = []
    if not may_hold_rows(doc.text):
        return out
    lines = doc.lines
    i = 0
    while i < len(lines):
        cells = _split_row(lines[i].text)
        kinds = _header(cells) if cells else None
        if not kinds:
            i += 1
            continue
        if "stt" not in kinds and kinds[0] is None:
            # a scan garbled the header's "STT" but not the numbers under it
            below = [_split_row(ln.text) for ln in lines[i + 1 : i + 13]]
            if numbered_by_contents([c[0] for c in below if c and len(c) == len(kinds)]):
                kinds = ["stt"] + kinds[1:]
        rows: list[Row] = []
        i += 1
        group = None
        while i < len(lines):
            ln = lines[i]
            if not ln.text.strip():
                # a blank line inside a table is common in copies; stop at two
                if i + 1 < len(lines) and _split_row(lines[i + 1].text):
                    i += 1
                    continue
                break
            cells = _split_row(ln.text)
            if cells is None:
                break
            if _is_separator(cells):
                i += 1
                continue
            if _header(cells):  # a repeated header (next page)
                i += 1
                continue
            row = _row_from_cells(cells, kinds, ln.start, ln.text)
            if row is None:
                i += 1
                continue
            if row.stt and re.fullmatch(r"[IVXLC]+", row.stt) and not row.cells.get("lead"):
                group = row.stt  # a group row: "I | Công tác truyền thông | | |"
            elif not row.stt and rows and (row.cells.get("task") or row.cells.get("lead")):
                _merge(rows[-1], row)  # a cell that wraps onto the next row
            elif row.cells.get("task"):
                row.group = group
                rows.append(row)
            i += 1
        out.append((kinds, rows))
    return out


def _row_from_cells(cells: list[str], kinds: list[str | None], start: int, text: str) -> Row | None:
    vals: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    for k, c in zip(kinds, cells):
        idx = text.find(c, pos) if c else -1
        if idx >= 0:
            pos = idx + len(c)
        if k and c:
            vals[k] = (vals.get(k, "") + " " + c).strip() if k in vals else c
            if idx >= 0:
                spans.setdefault(k, (start + idx, start + idx + len(c)))
    stt = vals.pop("stt", "").strip(" .")
    if not vals:
        return None
    return Row(stt, vals, start, start + len(text), spans)


def _merge(row: Row, more: Row) -> None:
    for k, v in more.cells.items():
        row.cells[k] = (row.cells.get(k, "") + " " + v).strip()
        if k in more.spans:
            s = row.spans.get(k, more.spans[k])
            row.spans[k] = (s[0], more.spans[k][1])
    row.end = more.end


def _rows_from_cell_lines(doc: Document) -> list[tuple[list[str | None], list[Row]]]:
    """Tables OCR'd one cell per line: header cells on consecutive lines, rows led by an STT."""
    out = []
    lines = [ln for ln in doc.lines if ln.text.strip()]
    i = 0
    while i < len(lines):
        kinds: list[str | None] = []
        j = i
        while j < len(lines) and len(kinds) < 8:
            k = _col_kind_folded(fold_slice(doc.text, lines[j].start, lines[j].end))  # = _col_kind(lines[j].text)
            if k is None:
                break
            kinds.append(k)
            j += 1
        if "stt" in kinds[1:]:
            # the header row opens with its STT cell: lines before it are the table's caption
            # ("PHÂN CÔNG NHIỆM VỤ NĂM 2026" reads as a task column by its words)
            cut = kinds.index("stt")
            kinds, i = kinds[cut:], i + cut
        if not ("lead" in kinds and "task" in kinds and len(kinds) >= 3):
            i += 1
            continue
        rows: list[Row] = []
        cur: list = []
        stt_line = None
        group = None

        def flush():
            if stt_line is not None and cur:
                r = _row_from_lines(stt_line, cur, kinds)
                if r is not None:
                    r.group = group
                    rows.append(r)

        while j < len(lines):
            ln = lines[j]
            s = ln.text.strip()
            f = fold(s)
            if re.match(r"^(?:noi nhan|phu luc|tm\.|kt\.)", f) or _col_kind(s) == "stt":
                break
            if _STT.match(s):
                flush()
                stt_line, cur = ln, []
                if re.fullmatch(r"[IVXLC]+\.?", s):
                    group = s.strip(". ")
                    stt_line = None
            elif stt_line is not None:
                cur.append(ln)
            j += 1
        flush()
        out.append((kinds, rows))
        i = j
    return out


def _looks_time(s: str) -> bool:
    f = fold(s)
    return bool(re.search(r"(?<!\w)(?:nam|thang|quy|ngay|thuong xuyen|hang nam|hang quy|dinh ky|truoc|trong)(?!\w)|\d{1,2}/\d{4}|20\d\d", f)) and len(s) < 80


def _looks_agency(s: str, start: int) -> bool:
    ms = A._mentions(s, start)
    return bool(ms) and ms[0].start - start <= 6


def _row_from_lines(stt_line, cells: list, kinds: list[str | None]) -> Row | None:
    """One OCR'd row: its cell lines assigned to columns by what they look like."""
    rest = [k for k in kinds if k not in ("stt",)]
    vals: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    in_order = len(cells) == len(rest) and all(
        _looks_agency(ln.text.strip(), ln.start) for k, ln in zip(rest, cells) if k in ("lead", "support"))
    if in_order:
        for k, ln in zip(rest, cells):
            if k:
                vals[k] = ln.text.strip()
                spans[k] = (ln.start, ln.end)
    else:
        agency_cols = [k for k in rest if k in ("lead", "support")]
        for ln in cells:
            s = ln.text.strip()
            if "task" not in vals or (not agency_cols[:1] or agency_cols[0] not in vals) and not _looks_agency(s, ln.start):
                if "task" in vals and _looks_time(s):
                    vals["time"] = s
                    spans["time"] = (ln.start, ln.end)
                    continue
                if "task" not in vals or not _looks_agency(s, ln.start):
                    vals["task"] = (vals.get("task", "") + " " + s).strip()
                    spans["task"] = (spans.get("task", (ln.start, ln.end))[0], ln.end)
                    continue
            if _looks_time(s) and not _looks_agency(s, ln.start):
                vals["time"] = s
                spans["time"] = (ln.start, ln.end)
            elif agency_cols and agency_cols[0] not in vals:
                vals[agency_cols[0]] = s
                spans[agency_cols[0]] = (ln.start, ln.end)
            elif len(agency_cols) > 1 and agency_cols[1] not in vals:
                vals[agency_cols[1]] = s
                spans[agency_cols[1]] = (ln.start, ln.end)
            else:
                vals["product"] = (vals.get("product", "") + " " + s).strip()
    if not vals.get("task"):
        return None
    end = cells[-1].end if cells else stt_line.end
    return Row(stt_line.text.strip().strip(".) "), vals, stt_line.start, end, spans)


def _cell_assigns(row: Row, kind: str, role: str, issuer: str | None = None) -> list[A.Assign]:
    """The bodies of one agency cell; ``issuer``'s own units ("Phòng Kế hoạch - Tài chính" in
    a Sở's plan) are the issuer (``pipeline.extract.units``)."""
    text = row.cells.get(kind) or ""
    if not text:
        return []
    start = row.spans.get(kind, (row.start, row.end))[0]
    out = []
    for m in units.with_units(A._mentions(text[:MAX_CELL], start), text[:MAX_CELL], issuer, start):
        out.append(A.Assign(m.id, role, start, start + len(text), m.name))
    return out


def table_tasks(doc: Document) -> list[Fact]:
    """Tasks from every assignment table of the document."""
    tables = _rows_from_grid(doc) + _rows_from_cell_lines(doc)
    facts: list[Fact] = []
    appendices = _appendix_labels(doc) if tables else []
    issuer = units.issuer_id(doc.header.issuer) if tables else None
    for kinds, rows in tables:
        if not rows:
            continue
        stts = [r.stt for r in rows]
        restart = len(set(stts)) < len(stts)
        for r in rows:
            label = _appendix_label(appendices, r.start) or "Phụ lục"
            path = [label] + ([r.group] if restart and r.group else []) + [r.stt or str(rows.index(r) + 1)]
            text = re.sub(r"\s+", " ", r.cells.get("task", "")).strip()[:MAX_CELL]
            lead_as = _cell_assigns(r, "lead", "lead", issuer)
            lead = list(dict.fromkeys(a.agency for a in lead_as))
            sup_as = [a for a in _cell_assigns(r, "support", "support", issuer) if a.agency not in lead]
            support = list(dict.fromkeys(a.agency for a in sup_as))
            flags = []
            if not lead:
                flags.append("no_lead")
            elif set(lead) <= A.catch_alls():
                flags.append("catch_all_only")
            fact: Fact = {
                "path": path,
                "text": text,
                "area": None,  # named after extraction (pipeline.areas.hybrid.assign_areas)
                "headings": [],
                "lead": lead,
                "support": support,
                "spans": [doc.span(r.start, r.end)],
                "assignments": [
                    {"agency": a.agency, "role": a.role,
                     "evidence": doc.text[a.start:a.end].strip()[:300], "span": doc.span(a.start, a.end)}
                    for a in lead_as + sup_as
                ],
                "flags": flags,
                "source": "table",
            }
            if r.cells.get("time"):
                # the contract's deadline shape where the cell states one, else its raw text
                raw = r.cells["time"].strip()
                lo, hi = r.spans.get("time", (r.start, r.end))
                at = doc.text.find(raw, lo, max(hi, lo + len(raw)))
                fact["deadline"] = deadline_of_cell(doc, raw, at if at >= 0 else lo) or raw
            if r.cells.get("product"):
                fact["product"] = r.cells["product"].strip()
            facts.append(fact)
    return facts
