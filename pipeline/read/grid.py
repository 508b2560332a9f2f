"""Ruled tables on a scanned page: the cell grid found in the image, Tesseract's words put
into its cells, each table row given as a pipe row ``| c1 | c2 | ... |``.

Why: plans carry their assignments and targets in ruled tables (Phụ lục: STT | Nội dung |
Cơ quan chủ trì | Cơ quan phối hợp | Thời gian). Text-layer PDFs and DOCX hand such a table
over as pipe rows, which the extractors read (extract/tables.py, table_targets.py). Tesseract
reads a ruled table as loose lines: a cell wrapped over three lines becomes three lines, the
cells of one row are interleaved with the next, and the rules themselves come out as "|" or
"—" glyphs or make whole cells unreadable. So the rules are found here, on the binarised page,
with numpy projections only (no OpenCV, no scipy):

1. pixels of long horizontal runs of ink (longer than any stroke of a letter) are the
   horizontal rules, of long vertical runs the vertical rules;
2. the page's tilt is measured on the horizontal-rule pixels alone (``prep.skew_angle``), and
   every coordinate is levelled by it, so that a rule of a page scanned a little askew is one
   peak of the row (or column) histogram;
3. two horizontal rules joined by at least two vertical rules that span the gap between them
   bound a table row; the vertical rules inside it are the row's cell boundaries; rows that
   share a rule make one table, whose columns are the boundaries of all its rows;
4. Tesseract's word boxes (TSV) are put into cells by their centres, and each cell's words
   are read line by line (top to bottom, left to right).

The rules stay on the page Tesseract reads (erased, they let its line finder run one line
across a row's cells and its word spacing went wrong); a rule read as a glyph ("|", "]") is
dropped, a number alone in a cell that Tesseract passed over is read again (``blank_cells``).
Underlines (the one under the motto) have no vertical rules and are never a table; a page
without tables is read as before.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from pipeline.read.prep import despeckle, otsu_threshold, to_grey

WORK_WIDTH = 1240  # pixels; pages are searched at about 150 dpi (a 300 dpi page halved)
H_RUN = 1 / 25  # a horizontal rule pixel lies in a run of ink this share of the page width
V_RUN = 1 / 45  # a vertical rule pixel: a run this share of the width (a letter is shorter)
MIN_H_RULE = 0.12  # a horizontal rule is at least this share of the page width long
MIN_ROW = 1 / 60  # share of the width (10 pt on A4): a band thinner than this holds no line of text (a double rule, a gap)
TOL = 1 / 100  # share of the width: how far a vertical rule may stop short of a horizontal one
MAX_CELLS = 600  # more cells on one page than a plan's table has is a ruled form: no table
# a blank cell or one read as a number is read again alone when its ink is at most this many
# times wider than high ("4", "12", "100", "IV", "%")
SHORT_CELL = 2.5


@dataclass
class HRule:
    y: float  # levelled
    x0: float
    x1: float


@dataclass
class VSeg:
    x: float  # levelled
    y0: float
    y1: float


@dataclass
class Table:
    """One ruled table, in levelled work coordinates."""

    rows: list[tuple[float, float]]  # (top, bottom) of each row band
    row_bounds: list[list[float]]  # the x of each row's vertical rules, left to right
    cols: list[float]  # the table's column boundaries (all rows' rules, clustered)

    @property
    def top(self) -> float:
        return self.rows[0][0]

    @property
    def bottom(self) -> float:
        return self.rows[-1][1]

    @property
    def left(self) -> float:
        return self.cols[0]

    @property
    def right(self) -> float:
        return self.cols[-1]


@dataclass
class Grid:
    """The tables of a page and how to map page pixels into their coordinates."""

    scale: float  # work pixels per page pixel
    angle: float  # degrees, as prep.skew_angle
    cx: float
    cy: float
    tables: list[Table] = field(default_factory=list)
    rule_width: float = 1.0  # work pixels: how thick the horizontal rules are printed

    def level(self, x: float, y: float) -> tuple[float, float]:
        """A page pixel (x, y) in levelled work coordinates."""
        x, y = x * self.scale - self.cx, y * self.scale - self.cy
        t = math.tan(math.radians(self.angle))
        return self.cx + x - y * t, self.cy + y + x * t

    def locate(self, x: float, y: float) -> tuple[int, int, int] | None:
        """(table, row, column) of the page pixel (x, y), None when it is in no table."""
        lx, ly = self.level(x, y)
        for ti, t in enumerate(self.tables):
            if not (t.top <= ly <= t.bottom and t.left <= lx <= t.right):
                continue
            for ri, (top, bottom) in enumerate(t.rows):
                if top <= ly <= bottom:
                    bounds = t.row_bounds[ri]
                    for k in range(len(bounds) - 1):
                        if bounds[k] <= lx <= bounds[k + 1]:
                            return ti, ri, _col_index(t.cols, bounds[k])
                    return None
        return None


def _col_index(cols: list[float], x: float) -> int:
    """The column whose left boundary is nearest ``x``."""
    return min(range(len(cols) - 1), key=lambda i: abs(cols[i] - x))


def work_ink(img: Image.Image) -> tuple[np.ndarray, float]:
    """The page shrunk to about WORK_WIDTH pixels wide and binarised: (ink, scale)."""
    grey = to_grey(img)
    f = max(1, round(grey.width / WORK_WIDTH))
    if f > 1:
        grey = grey.reduce(f)  # box averages, ten times faster than resize(BOX)
    a = np.asarray(grey)
    return a <= otsu_threshold(a[::2, ::2]), 1.0 / f  # every 4th pixel sets the threshold as well


def _window(a: np.ndarray, length: int, op) -> np.ndarray:
    """``op`` (np.logical_and / np.logical_or) over every window of ``length`` pixels along
    axis 1: out[:, x] = op(a[:, x], ..., a[:, x + length - 1]), width ``w - length + 1``.

    By doubling (windows of 1, 2, 4, ... then two overlapping ones): about log2(length)
    byte-array operations, where a running sum needs int32 arrays over the page."""
    k, cur = 1, a
    while 2 * k <= length:
        cur = op(cur[:, :-k], cur[:, k:])
        k *= 2
    if k < length:
        cur = op(cur[:, :cur.shape[1] - (length - k)], cur[:, length - k:])
    return cur


def _runs(ink: np.ndarray, length: int) -> np.ndarray:
    """Pixels of ``ink`` (bool, 2-D) that lie in a horizontal run of at least ``length``."""
    h, w = ink.shape
    if length < 2 or w < length:
        return np.zeros_like(ink)
    starts = _window(ink, length, np.logical_and)  # a run of ``length`` starts at x
    pad = np.zeros((h, w + length - 1), dtype=bool)
    pad[:, length - 1:length - 1 + starts.shape[1]] = starts
    return _window(pad, length, np.logical_or)  # x is covered by a run starting in [x-length+1, x]


def _bands(hist: np.ndarray, min_count: float, gap: int) -> list[tuple[int, int]]:
    """Runs of indices where ``hist`` reaches ``min_count``, runs closer than ``gap`` merged."""
    idx = np.nonzero(hist >= min_count)[0]
    out: list[tuple[int, int]] = []
    for i in idx.tolist():
        if out and i - out[-1][1] <= gap:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def _peaks(pos: np.ndarray, other: np.ndarray, size: int, min_count: float) -> list[tuple[float, np.ndarray]]:
    """Rules among rule pixels at levelled positions ``pos`` (across the rule) and ``other``
    (along it): each band of the histogram of ``pos`` that reaches ``min_count``, as (its
    weighted position, the sorted ``other`` of its pixels)."""
    off = int(math.ceil(max(0.0, -float(pos.min(initial=0.0))))) + 2
    rp = np.round(pos).astype(np.int64) + off
    hist = np.bincount(rp, minlength=size + 2 * off)
    order = np.argsort(rp, kind="stable")
    rp_sorted, other_sorted = rp[order], other[order]
    out = []
    for a, b in _bands(hist, min_count, 2):
        i0, i1 = np.searchsorted(rp_sorted, a), np.searchsorted(rp_sorted, b, side="right")
        y = float(np.average(np.arange(a, b + 1), weights=hist[a:b + 1])) - off
        out.append((y, np.sort(other_sorted[i0:i1])))
    return out


def _rule_angle(ys: np.ndarray, xs: np.ndarray, cx: float, limit: float = 1.5) -> float:
    """The tilt of the horizontal rules (degrees, as ``prep.skew_angle``) from their pixels:
    the shear that makes their row histogram spikiest, searched coarse then fine. The rule
    pixels are few (thousands), so this costs far less than measuring the whole page's tilt;
    a page tilted more than ``limit`` has been levelled by ``prep`` already."""
    if len(ys) < 50:
        return 0.0
    xc = xs.astype(np.float64) - cx
    base = ys.astype(np.float64)

    def spikiness(angle: float) -> float:
        rows = np.round(base + xc * math.tan(math.radians(angle))).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.sum(counts.astype(np.float64) ** 2))

    coarse = np.arange(-limit, limit + 1e-9, 0.25)
    best = float(max(coarse, key=spikiness))
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    return round(float(max(fine, key=spikiness)), 2)


def find_grid(ink: np.ndarray, scale: float) -> Grid | None:
    """The ruled tables of a binarised work-size page, None when it has none."""
    h, w = ink.shape
    vmask_t = _runs(np.ascontiguousarray(ink.T), max(4, int(w * V_RUN)))
    if np.count_nonzero(vmask_t) < 4 * w * V_RUN:  # not two vertical rules' worth: no table
        return None
    hmask = _runs(ink, max(8, int(w * H_RUN)))
    if np.count_nonzero(hmask) < 2 * w * MIN_H_RULE:
        return None
    ys, xs = np.nonzero(hmask)
    angle = _rule_angle(ys, xs, w / 2)
    grid = Grid(scale, angle, w / 2, h / 2)
    t = math.tan(math.radians(angle))
    tol = max(2.0, w * TOL)

    ly = ys + (xs - grid.cx) * t
    lx = xs - (ys - grid.cy) * t
    hrules: list[HRule] = []
    widths: list[float] = []
    for y, xsel in _peaks(ly, lx, h, w * MIN_H_RULE / 4):
        if len(xsel) < w * MIN_H_RULE:
            continue
        # the rule's extent: its pixels' x range, trimmed of a few outliers (text on the line)
        k = len(xsel) // 200
        x0, x1 = float(xsel[k]), float(xsel[-1 - k])
        if x1 - x0 >= w * MIN_H_RULE:
            hrules.append(HRule(y, x0, x1))
            widths.append(len(xsel) / (x1 - x0))
    if len(hrules) < 2:
        return None
    grid.rule_width = float(np.median(widths))

    xs, ys = np.nonzero(vmask_t)
    ly = ys + (xs - grid.cx) * t
    lx = xs - (ys - grid.cy) * t
    vsegs: list[VSeg] = []
    for x, yy in _peaks(lx, ly, w, w * V_RUN / 2):
        # split the column of rule pixels where it breaks for longer than a tolerance
        breaks = np.nonzero(np.diff(yy) > tol)[0]
        starts = np.concatenate(([0], breaks + 1))
        ends = np.concatenate((breaks, [len(yy) - 1]))
        for s, e in zip(starts.tolist(), ends.tolist()):
            if yy[e] - yy[s] >= w * V_RUN:
                vsegs.append(VSeg(x, float(yy[s]), float(yy[e])))
    grid.tables = _tables(sorted(hrules, key=lambda r: r.y), vsegs, w, tol)
    if not grid.tables or sum(len(b) - 1 for t in grid.tables for b in t.row_bounds) > MAX_CELLS:
        return None  # no table, or a ruled form / graph paper: read as loose lines as before
    return grid


@dataclass
class Word:
    """One word of Tesseract's TSV: its box in page pixels and its text."""

    left: int
    top: int
    width: int
    height: int
    text: str
    line: tuple[int, ...] = ()  # Tesseract's (block, paragraph, line) of the word
    conf: float = -1.0  # Tesseract's confidence in the word, 0-100 (-1: none given)


def _cell_text(words: "list[CellWord]") -> str:
    """The words of one cell (``CellWord``) read line by line: the words of one Tesseract line
    in the cell make a line, lines top to bottom, words in Tesseract's order (not by their
    boxes: the box of a short word can overlap the next one's, "Sở" over "Y" in "Sở Y tế")."""
    lines: dict[tuple, list] = {}
    for wd in words:
        lines.setdefault(wd[4], []).append(wd)
    ordered = sorted(lines.values(), key=lambda ws: sum(w[1] for w in ws) / len(ws))
    return " ".join(" ".join(w[3] for w in sorted(ws)) for ws in ordered)


# What Tesseract makes of a rule, a rule's blurred edge or a speck beside one: a "word" of
# these glyphs only, at most three of them, is no text ("-", "_", ". :", "'", "|").
_JUNK = re.compile(r"[|\[\]!—–_\-.,:;'\"‘’“”`~^*†‡ˆ]{1,3}")

Cell = tuple[int, int, int]  # (table, row, column)


# (place in Tesseract's reading order, levelled y of the centre, height, text, Tesseract's
# line, Tesseract's confidence)
CellWord = tuple[float, float, float, str, tuple, float]


def assign(grid: Grid, words: list[Word]) -> tuple[dict[Cell, list[CellWord]], set[int]]:
    """Tesseract's words put into the cells of the page's tables: for each cell its words
    (``CellWord``), and the indices of the words that went into a cell (the rest of the page
    reads as before).

    A word of one to three rule-like glyphs ("|", "_", "-", ". :") is a rule, or a speck by
    one, that Tesseract read as a glyph and is dropped (a dash opening a line of a cell goes
    with it: the extractors read no meaning into it)."""
    cells: dict[Cell, list[CellWord]] = {}
    used: set[int] = set()
    for i, wd in enumerate(words):
        cx, cy = wd.left + wd.width / 2, wd.top + wd.height / 2
        where = grid.locate(cx, cy)
        if where is None:
            continue
        used.add(i)
        _, ly = grid.level(cx, cy)
        if _JUNK.fullmatch(wd.text):
            continue
        text = _clean(wd.text)
        if text:
            cells.setdefault(where, []).append((i, ly, wd.height * grid.scale, text, wd.line, wd.conf))
    return cells, used


def cell_box(grid: Grid, cell: Cell, margin: float = 3.0) -> tuple[int, int, int, int]:
    """The page-pixel box (left, top, right, bottom) inside a cell's rules, ``margin`` work
    pixels in from them (the upright box within the levelled cell)."""
    t = grid.tables[cell[0]]
    top, bottom = t.rows[cell[1]]
    bounds = t.row_bounds[cell[1]]
    k = next(i for i in range(len(bounds) - 1) if _col_index(t.cols, bounds[i]) == cell[2])
    x0, x1 = bounds[k] + margin, bounds[k + 1] - margin
    y0, y1 = top + margin, bottom - margin
    tn = math.tan(math.radians(grid.angle))
    corners = []
    for lx, ly in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
        # invert ``level`` (to first order in the small tilt)
        dx, dy = lx - grid.cx, ly - grid.cy
        corners.append(((grid.cx + dx + dy * tn) / grid.scale, (grid.cy + dy - dx * tn) / grid.scale))
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    # the inscribed box: the inner two of the four corners on each side
    return (round(sorted(xs)[1]), round(sorted(ys)[1]), round(sorted(xs)[2]), round(sorted(ys)[2]))


_EDGE = "|_'\"`‘’“”~^*†‡ˆ"


def _clean(word: str) -> str:
    """A word of a cell without the pipes (a pipe would split the pipe row) and the rule-edge
    glyphs stuck to its ends ("-'Cơ" is "Cơ" by a rule; "tỉnh," keeps its comma)."""
    word = word.replace("|", "")
    if any(c.isalnum() for c in word):
        word = word.strip(_EDGE)
        if word.startswith("-") and len(word) > 1 and word[1] in _EDGE + "-":
            word = word.lstrip("-" + _EDGE)
    return word


def _number_read(read: str) -> bool:
    """Did Tesseract read the cell as a short number, maybe garbled ("8", "12", "Í8.", ".J1"),
    or as one or two stray characters ("T", "/?")?"""
    alnum = [c for c in read if c.isalnum()]
    return (any(c.isdigit() for c in alnum) and len(alnum) <= 3) or len(read) <= 2


def short_cells(grid: Grid, cells: dict[Cell, list[CellWord]], page: Image.Image,
                line_height: float) -> list[tuple[Cell, tuple[int, int, int, int], str]]:
    """The cells to read again on their own, with the box of their ink and their kind: those
    that hold a short mark of ink (one line, at most ``SHORT_CELL`` times wider than high:
    "4", "12", "IV", "100", "%") and that Tesseract read as nothing or as a short number
    (kind "number"), or as nothing although they hold a line of words (kind "words"), and
    the cells of the row opening a table (kind "header").

    Why: a number alone in a cell ("4" under STT) is a speck to Tesseract's layout analysis
    of the whole page and is dropped, or read in the context of the page's text ("3" read
    "8"); without it the row reads as the previous row's continuation and its task is lost,
    a figure of a target table is lost or wrong. A header cell misread ("STT" read "SIT",
    "chủ trì" read "chủ jtn", often by a rule's edge) loses its column, or the whole table. ``page`` is the image Tesseract read;
    ``line_height`` the height of its words (page pixels): a mark taller than a line and a
    half (a stamp over the cell) is no short cell and is left as read, one lower than 0.4 of
    a line is a speck."""
    grey = np.asarray(page if page.mode == "L" else page.convert("L"))
    min_ink = max(12, (grey.shape[1] / 300) ** 2)
    out = []
    for ti, t in enumerate(grid.tables):
        for ri in range(len(t.rows)):
            for k in range(len(t.row_bounds[ri]) - 1):
                cell = (ti, ri, _col_index(t.cols, t.row_bounds[ri][k]))
                read = " ".join(w[3] for w in cells.get(cell, []))
                if ri == 0 and _opens(grid, ti) and read and not any(c.isdigit() for c in read):
                    kind = "header"  # the row opening a table (not a split table resuming)
                elif not read or _number_read(read):
                    kind = "number"
                else:
                    continue
                # inside the rules by their thickness and two pixels more
                x0, y0, x1, y1 = cell_box(grid, cell, margin=grid.rule_width + 2.0)
                if x1 - x0 < 4 or y1 - y0 < 4:
                    continue
                # dust and JPEG specks left out (a lone dark pixel is no digit)
                ink = despeckle(grey[max(0, y0):y1, max(0, x0):x1] < 128)
                # a sliver of a rule along the edge of the crop (a row or column mostly ink)
                ink[ink.mean(axis=1) > 0.6, :] = False
                ink[:, ink.mean(axis=0) > 0.6] = False
                if np.count_nonzero(ink) < min_ink:
                    continue
                if kind == "header" and (" " in read or len(read) > 4):  # all its ink, however many lines
                    rows, cols = np.nonzero(ink.any(axis=1))[0], np.nonzero(ink.any(axis=0))[0]
                    r0, r1, c0, c1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
                elif kind == "header":  # one short word ("STT", "TT"): its mark, as a number's
                    r0, r1, c0, c1 = _mark(ink)
                else:
                    r0, r1, c0, c1 = _mark(ink)
                    if not 0.4 * line_height <= r1 - r0 <= 1.5 * line_height:
                        continue  # not a line's worth (a stamp, a speck): left as read
                    if c1 - c0 > SHORT_CELL * (r1 - r0):
                        if read:
                            continue  # words read as a number: left as read
                        kind = "words"  # a line of words Tesseract dropped ("Sở Y tế")
                # the mark's box and a little paper round it (cut tight, the faint edges of the
                # letters were lost and "STT" read "SIT"), within the cell
                m = max(2, (r1 - r0) // 6)
                box = (max(x0, x0 + c0 - m), max(y0, y0 + r0 - m), min(x1, x0 + c1 + m), min(y1, y0 + r1 + m))
                out.append((cell, box, kind))
    return out


def _runs_of(flags: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """[start, end) of the runs of True in ``flags``, runs apart by at most ``gap`` joined."""
    idx = np.nonzero(flags)[0]
    out: list[tuple[int, int]] = []
    for i in idx.tolist():
        if out and i - out[-1][1] <= gap:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _mark(ink: np.ndarray) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) of the main mark of a cell's ink: the band of rows with the
    most ink (a tone mark a few rows above its letter joined to it), then in that band the
    run of columns with the most ink (letters and words closer than the band is high joined).
    A speck, a stamp's edge or a rule's sliver elsewhere in the cell is left out of the box."""
    rows = ink.any(axis=1)
    height = max(1, int(rows.sum()))
    bands = _runs_of(rows, max(2, height // 8))
    r0, r1 = max(bands, key=lambda b: int(ink[b[0]:b[1]].sum()))
    band = ink[r0:r1]
    parts = _runs_of(band.any(axis=0), max(2, r1 - r0))
    c0, c1 = max(parts, key=lambda c: int(band[:, c[0]:c[1]].sum()))
    return r0, r1, c0, c1


def strip(page: Image.Image, boxes: list[tuple[int, int, int, int]]) -> tuple[Image.Image, list[tuple[int, int, int]]]:
    """The ink of ``boxes`` cut out of ``page``, stacked one under another on white a line's
    height apart and binarised, so that one Tesseract run (``--psm 6``) reads them all as
    lines; with the (left, top, bottom) of each in the strip."""
    hmax = max(b[3] - b[1] for b in boxes)
    pad = max(8, hmax)
    width = max(b[2] - b[0] for b in boxes) + 2 * pad
    height = sum(b[3] - b[1] for b in boxes) + pad * (len(boxes) + 1)
    out = Image.new("L", (width, height), 255)
    spans = []
    y = pad
    for b in boxes:
        out.paste(page.crop(b).convert("L"), (pad, y))
        spans.append((pad, y, y + b[3] - b[1]))
        y += b[3] - b[1] + pad
    # black on white: on the grey, blurred, noisy crop Tesseract read a clear "3" as "8"
    a = np.asarray(out)
    return Image.fromarray(np.where(a <= otsu_threshold(a), 0, 255).astype(np.uint8), "L"), spans


def _opens(grid: Grid, ti: int) -> bool:
    """Does table ``ti`` open with its own first row (not a table split by a band the rules
    do not join, resuming with the same columns)?"""
    return ti == 0 or len(grid.tables[ti - 1].cols) != len(grid.tables[ti].cols)


def table_rows(grid: Grid, cells: dict[Cell, list[CellWord]]) -> list[tuple[float, list[str]]]:
    """Each table as (its top in page pixels, its pipe rows ``| c1 | c2 | ... |``); a row
    whose cells are all empty is left out."""
    out: list[tuple[float, list[str]]] = []
    tn = math.tan(math.radians(grid.angle))
    for ti, t in enumerate(grid.tables):
        rows = []
        for ri in range(len(t.rows)):
            texts = [_cell_text(cells.get((ti, ri, ci), [])) for ci in range(len(t.cols) - 1)]
            if ri == 0 and _opens(grid, ti):
                # a header cell ends in no punctuation: "STT," "STT_." are a rule's edge read
                texts = [x.rstrip(",;:._-'") for x in texts]
            if any(texts):
                rows.append("| " + " | ".join(texts) + " |")
        if rows:
            # the table's top back in page pixels (at its left edge), for placing it in the text
            top = (grid.cy + (t.top - grid.cy) - (t.left - grid.cx) * tn) / grid.scale
            out.append((top, rows))
    return out


def _tables(hrules: list[HRule], vsegs: list[VSeg], w: int, tol: float) -> list[Table]:
    """Row bands between consecutive horizontal rules that vertical rules join, grouped."""
    tables: list[Table] = []
    cur: list[tuple[tuple[float, float], list[float]]] = []

    def close() -> None:
        if cur:
            xs = sorted(x for _, bounds in cur for x in bounds)
            cols: list[list[float]] = []
            for x in xs:
                if cols and x - cols[-1][-1] <= 2 * tol:
                    cols[-1].append(x)
                else:
                    cols.append([x])
            tables.append(Table([r for r, _ in cur], [b for _, b in cur], [sum(c) / len(c) for c in cols]))
            cur.clear()

    for upper, lower in zip(hrules, hrules[1:]):
        if lower.y - upper.y < w * MIN_ROW:
            continue  # a double rule
        x0, x1 = max(upper.x0, lower.x0), min(upper.x1, lower.x1)
        if x1 - x0 < w * MIN_H_RULE:
            close()
            continue
        # a tilted rule is found as runs of pixels; the run at each end may be too short to
        # count, so a rule can seem to stop short of its corners by up to a run's length; and
        # a faint rule breaks here and there: a vertical rule bounds the row when its pieces
        # cover most of the row's height
        reach_x = tol + w * H_RUN
        cover: dict[float, float] = {}
        for v in vsegs:
            if x0 - reach_x <= v.x <= x1 + reach_x:
                cover[v.x] = cover.get(v.x, 0.0) + max(0.0, min(v.y1, lower.y) - max(v.y0, upper.y))
        reach_y = tol + 0.5 * w * V_RUN
        bounds = sorted(x for x, c in cover.items() if c >= (lower.y - upper.y) - 2 * reach_y
                        and c >= 0.6 * (lower.y - upper.y))
        merged: list[float] = []
        for x in bounds:
            if merged and x - merged[-1] <= tol:
                continue
            merged.append(x)
        if len(merged) < 2 or merged[-1] - merged[0] < 0.5 * (x1 - x0):
            close()
            continue
        if cur and abs(cur[-1][0][1] - upper.y) > tol:
            close()
        cur.append(((upper.y, lower.y), merged))
    close()
    return tables
