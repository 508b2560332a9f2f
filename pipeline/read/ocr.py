"""Tesseract OCR, tuned for speed on a small machine.

Why it is done this way (each point was measured on rendered A4 plan pages, 2 cores):
- ``-l vie`` only: adding ``eng`` makes Tesseract prefer unaccented readings and strips
  diacritics that the extractors need.
- One Tesseract thread per process (``OMP_THREAD_LIMIT=1``): OpenMP's default threading
  took 10-12 s a page instead of about 2 s; pages of a document are OCR'd in parallel
  instead, one Tesseract process per core (threads suffice: Tesseract is a subprocess).
- Tesseract is given a file path, never an in-memory image: pytesseract's ``image_to_*``
  re-encode each image as PNG first (about 0.9 s a page of pure overhead). The caller passes
  the original file, a JPEG taken as it is out of a PDF, or a raster written once as
  uncompressed PNM.
- Text and word confidences come from ONE run (the ``txt`` and ``tsv`` configs together).
- A poor page is cleaned first (``prep.prepare``: background flattened, binarised, specks
  removed, deskewed) and given to Tesseract as a 1-bit PBM: on poor scans that took the
  character error rate from 21 % to 1.4 %. A good page goes as it is; ``KEHOACH_OCR_PREP=0``
  sends every page as it is.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from pipeline.errors import InputError
from pipeline.read.grid import (
    _JUNK,
    Grid,
    Word,
    _clean,
    assign,
    find_grid,
    short_cells,
    strip,
    table_rows,
    work_ink,
)
from pipeline.read.prep import prepare

LANG = "vie"
# Page segmentation: 3 (automatic layout analysis) reads plan pages (single column, centred
# header blocks side by side at the top) best; see bench/bench_ocr.py for the figures.
PSM = int(os.environ.get("KEHOACH_OCR_PSM", "3"))
TIMEOUT_S = 180  # one page; a pathological image must not hang an ingest
# What a short table cell read again may hold (numbers, Roman and letter list numbers,
# percent): without the limit the Vietnamese model reads a lone "5" as "B", "II" as "llÌ".
CELL_CHARS = "0123456789IVXLCabcdeđ.,)(%/-"


@dataclass
class LineBox:
    """One printed line and where it sits on the page (any unit, same for all lines)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    first_word_width: float | None = None  # measured, when the source gives word boxes


# A line opening with a list marker or a table row starts a new item, never continues one.
# OCR's misreadings of markers count too: "(l)", "(2]", "1}", "a}" (see models/marker_confusions.tsv).
_ITEM_START = re.compile(r"^(?:[-+•*–]\s|\d{1,3}(?:\.\d{1,3})*[.)}\]]\s|[a-zđ][.)}\]]\s|[IVXLC]{1,6}[.)]\s"
                         r"|\([0-9lI|]{1,3}[)}\]]\s|\|)")


_SENTENCE_END = (".", ";", ":", "!", "?", "…")


def _indents_items(lines: list[LineBox], left: float) -> bool:
    """Does the page open its list items with a first-line indent (most plans do)?

    Then a marker line at the margin is not an item but a wrapped line that happens to open
    with "-" or a number. Counted over the marker lines that surely open an item (first on
    the page, or after a finished sentence): two indented at least, and three in four.
    """
    items = [ln for i, ln in enumerate(lines)
             if _ITEM_START.match(ln.text.lstrip()) and not ln.text.lstrip().startswith("|")
             and (i == 0 or lines[i - 1].text.rstrip().endswith(_SENTENCE_END))]
    indented = [ln for ln in items if ln.x0 - left > 0.8 * max(1e-6, ln.bottom - ln.top)]
    return len(indented) >= 2 and len(indented) >= 0.75 * len(items)


def _may_be_wrapped(text: str) -> bool:
    """Could this marker line be the tail of a wrapped sentence? Not a table row, a part
    heading ("II. ...") or a line in capitals (a heading follows a line, it never continues one)."""
    s = text.lstrip()
    if s.startswith("|") or re.match(r"[IVXLC]{1,6}[.)]\s", s):
        return False
    letters = [c for c in s if c.isalpha()]
    return not (len(letters) >= 4 and not any(c.islower() for c in letters))


def reflow(lines: list[LineBox], page_width: float | None = None) -> str:
    """Lines of a page → text with each paragraph on one line, as TXT and DOCX inputs have it.

    Why: a printed paragraph is wrapped to the page width, and the extractors read one line
    as one item (a task, a target); a task split over four lines became four partial tasks.
    A line continues the one above when the line above has lower-case letters (headings and
    header blocks stay as printed) and is full (the first word of this
    line would not have fitted after it), this line is not indented (a first-line indent
    opens a paragraph), does not open with a list marker or table pipe, and follows
    without a paragraph gap. A line ending in a hyphen is left to the normaliser.
    ``page_width`` keeps a page of short lines from counting its longest line as full: the
    text column is taken to end no earlier than the left margin mirrored on the right.
    """
    if not lines:
        return ""
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    if page_width:
        right = max(right, page_width - left)
    indents_items = _indents_items(lines, left)
    out: list[str] = [lines[0].text]
    for prev, cur in zip(lines, lines[1:]):
        height = max(1e-6, prev.bottom - prev.top)
        words = cur.text.split()
        char_w = (cur.x1 - cur.x0) / max(1, len(cur.text))
        first_w = cur.first_word_width if cur.first_word_width is not None else (len(words[0]) * char_w if words else 0.0)
        full = prev.x1 + char_w + first_w >= right - 0.01 * (right - left)
        item = bool(_ITEM_START.match(cur.text.lstrip()))
        if item and indents_items and _may_be_wrapped(cur.text):
            # "... chống mua bán người" / "- 30/7”, nhằm ...": on a page whose items open
            # indented, a marker at the margin after an unfinished full line is a word that
            # the wrap put first ("Lao động" / "- Thương binh và Xã hội")
            item = prev.text.rstrip().endswith(_SENTENCE_END)
        joins = (
            full
            and words
            and not prev.text.rstrip().endswith(("-", "|"))
            and not prev.text.lstrip().startswith("|")
            and any(c.islower() for c in prev.text)  # headings and header blocks stay as printed
            and not item
            and cur.x0 - left <= 0.8 * height
            and cur.top - prev.bottom < 0.9 * height
        )
        if joins:
            out[-1] = out[-1].rstrip() + " " + cur.text.strip()
        else:
            out.append(cur.text)
    return "\n".join(out)


def tsv_words(tsv: str) -> tuple[list[tuple[tuple[int, int, int], "Word"]], float | None]:
    """The words of Tesseract's TSV with their (block, paragraph, line) key, in reading
    order, and the page width (None when the TSV gives none)."""
    words: list[tuple[tuple[int, int, int], Word]] = []
    page_width: float | None = None
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 10 and cols[0] == "1" and cols[8].isdigit():
            page_width = float(cols[8])
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            key = int(cols[2]), int(cols[3]), int(cols[4])
            left, top, width, height = (int(c) for c in cols[6:10])
        except ValueError:
            continue
        try:
            conf = float(cols[10])
        except ValueError:
            conf = -1.0
        words.append((key, Word(left, top, width, height, cols[11].strip(), key, conf)))
    return words, page_width


def tsv_text(tsv: str, tables: "PageTables | None" = None) -> str:
    """Page text from Tesseract's TSV: words joined into lines, lines reflowed into paragraphs.

    With the page's ruled tables read (``tables``: ``read_tables``), the words inside a table
    are left to it and each table's pipe rows are put where it sits among the lines.
    """
    words, page_width = tsv_words(tsv)
    used = tables.used if tables else set()
    lines: dict[tuple[int, int, int], list] = {}
    for i, (key, w) in enumerate(words):
        if i not in used:
            lines.setdefault(key, []).append((w.left, w.top, w.width, w.height, w.text))
    boxes: list[LineBox] = []
    for line in lines.values():  # TSV rows come in reading order
        line.sort(key=lambda w: w[0])
        boxes.append(LineBox(
            " ".join(w[4] for w in line),
            min(w[0] for w in line), max(w[0] + w[2] for w in line),
            min(w[1] for w in line), max(w[1] + w[3] for w in line),
            float(line[0][2]),
        ))
    if not tables or not tables.rows:
        return reflow(boxes, page_width)
    # each table goes before the first line (in reading order) that starts below its top
    out: list[str] = []
    run: list[LineBox] = []
    pending = sorted(tables.rows, key=lambda t: t[0])
    for box in boxes:
        while pending and box.top > pending[0][0]:
            if run:
                out.append(reflow(run, page_width))
                run = []
            out.append("\n".join(pending.pop(0)[1]))
        run.append(box)
    if run:
        out.append(reflow(run, page_width))
    out.extend("\n".join(rows) for _, rows in pending)
    return "\n".join(out)


@dataclass
class PageTables:
    """The ruled tables of a page read: their pipe rows placed by their top (page pixels), and
    the indices of the TSV words read into them."""

    rows: list[tuple[float, list[str]]]
    used: set[int]


def read_tables(tsv: str, grid: "Grid", page, dpi: int | None, tmp: Path) -> PageTables:
    """Tesseract's words of a page put into the cells of its tables (``grid``), and the cells
    holding a short mark of ink read again on their own (``grid.short_cells``): those read as
    nothing or as a short number ("4" under STT) with the characters limited to
    ``CELL_CHARS``; the cells opening a table ("STT" read "SIT") and a line of words read as
    nothing ("Sở Y tế") without the limit; each in one more run on a strip of their crops, so
    a page costs at most three runs, a page without a table one."""
    words, _ = tsv_words(tsv)
    cells, used = assign(grid, [w for _, w in words])
    heights = sorted(w.height for _, w in words)
    again = short_cells(grid, cells, page, heights[len(heights) // 2] if heights else float("inf"))
    for kinds, chars in ((("number",), CELL_CHARS), (("header", "words"), None)):
        todo = [(cell, box) for cell, box, k in again if k in kinds]
        kind = kinds[0]
        if todo:
            for cell, reread in _read_alone(grid, page, todo, dpi, tmp / kind, chars).items():
                # a number read alone replaces the page's reading, and so does a short word
                # ("TT" read "si" among the rules, with a confidence as high); a longer header
                # cell when Tesseract is surer of it alone (it read a clear "Cơ quan chủ trì"
                # worse among its rules on some pages, better on others)
                before = cells.get(cell, [])
                if (kind == "number" or _mean_conf(reread) >= _mean_conf(before)
                        or (len(before) == 1 and len(before[0][3]) <= 4)):
                    cells[cell] = reread
    return PageTables(table_rows(grid, cells), used)


def _mean_conf(words: list) -> float:
    """Mean Tesseract confidence of a cell's words (``grid.CellWord``); -1 for none."""
    return sum(w[5] for w in words) / len(words) if words else -1.0


def _read_alone(grid: "Grid", page, todo: list, dpi: int | None, base: Path, chars: str | None) -> dict:
    """The cells ``todo`` ((cell, ink box)) read in one Tesseract run (``--psm 6``: lines of a
    block) on a strip of their crops (``grid.strip``), characters limited to ``chars``: the
    words of each cell that read as anything (a cell read alone replaces what the page's run
    made of it)."""
    img, spans = strip(page, [box for _, box in todo])
    path = base.with_suffix(".pgm")
    img.save(path)
    args = [tesseract_cmd(), os.path.abspath(path), str(base.absolute()), "-l", LANG, "--psm", "6"]
    if chars:
        args += ["-c", f"tessedit_char_whitelist={chars}"]
    if dpi:
        args += ["--dpi", str(int(dpi))]
    try:
        proc = subprocess.run(args + ["tsv"], env=_env(), capture_output=True, timeout=TIMEOUT_S)
        out = base.with_suffix(".tsv")
        found = out.read_text(encoding="utf-8", errors="replace") if proc.returncode == 0 and out.exists() else ""
    except subprocess.TimeoutExpired:
        found = ""
    reread: dict = {}
    for _, w in tsv_words(found)[0]:
        cy = w.top + w.height / 2
        if _JUNK.fullmatch(w.text):
            continue
        text = _clean(w.text)
        for (cell, box), (left, top, bottom) in zip(todo, spans):
            if text and top - 2 <= cy <= bottom + 2:
                # back where the crop came from, in levelled work coordinates
                _, ly = grid.level(box[0] + w.left + w.width / 2 - left, box[1] + cy - top)
                reread.setdefault(cell, []).append((w.left, ly, w.height * grid.scale, text, ("strip",) + w.line, w.conf))
                break
    return reread


@dataclass
class OcrPage:
    text: str
    confidence: float | None  # mean word confidence 0-100; None when no word was found


def tesseract_cmd() -> str:
    """The tesseract executable; InputError when it is missing (a scanned file cannot be read)."""
    cmd = os.environ.get("TESSERACT_CMD") or shutil.which("tesseract")
    if not cmd:
        raise InputError("needs OCR but tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
    return cmd


def default_workers() -> int:
    """Parallel Tesseract processes: KEHOACH_OCR_WORKERS, else one per core."""
    env = os.environ.get("KEHOACH_OCR_WORKERS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def mean_confidence(tsv: str) -> float | None:
    """Mean confidence of the words (level 5 rows with text) of a Tesseract TSV."""
    total, n = 0.0, 0
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            conf = float(cols[10])
        except ValueError:
            continue
        if conf >= 0:
            total += conf
            n += 1
    return round(total / n, 2) if n else None


def prep_enabled() -> bool:
    """Clean pages before OCR unless KEHOACH_OCR_PREP=0 (for comparisons and odd scans)."""
    return os.environ.get("KEHOACH_OCR_PREP", "1") != "0"


def tables_enabled() -> bool:
    """Find ruled tables and read them cell by cell unless KEHOACH_OCR_TABLES=0."""
    return os.environ.get("KEHOACH_OCR_TABLES", "1") != "0"


def _prepared(image: str | Path, dpi: int | None, tmp: Path, prep: bool = True,
              tables: bool = True) -> tuple[Path, int | None, "tuple[Grid, object] | None"]:
    """The page made ready for Tesseract in ``tmp``, its resolution, and its ruled tables
    (``tables``: ``grid.find_grid``) with the image Tesseract reads, None when it has none.

    The page is cleaned (``prep``) into a 1-bit PBM when it is poor, else the file goes as it
    is. The rules are left on the page: erased, they let Tesseract's line finder run a line
    across the cells of a row, and its word spacing went wrong ("Kiểm traco sở"). A PBM holds
    no resolution, so one stored in the original file is passed on. The file itself and no
    grid when it cannot be opened here (Tesseract then reads it, or reports why not).
    """
    from PIL import Image

    found = None
    try:
        with Image.open(image) as img:
            img.load()
            if dpi is None:
                stored = img.info.get("dpi")
                if stored and isinstance(stored, tuple) and stored[0] and 70 <= float(stored[0]) <= 1200:
                    dpi = int(round(float(stored[0])))
            page = prepare(img) if prep else None
            if tables:
                seen = page.image if page is not None else img.copy()
                grid = find_grid(*work_ink(seen))
                found = (grid, seen) if grid is not None else None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return Path(image), dpi, None
    if page is None:  # good as it is: the file goes to Tesseract unchanged
        return Path(image), dpi, found
    out = tmp / "page.pbm"
    page.image.convert("1", dither=Image.Dither.NONE).save(out)
    return out, dpi, found


def ocr_file(image: str | Path, dpi: int | None = None, psm: int | None = None,
             prep: bool | None = None, tables: bool | None = None) -> OcrPage:
    """OCR one image file (PNG, JPEG, TIFF page, PNM) with a single Tesseract run, after
    cleaning it (``prep``; default: ``prep_enabled()``) and finding its ruled tables
    (``tables``; default: ``tables_enabled()``), which are read into pipe rows."""
    cmd = tesseract_cmd()
    prep = prep if prep is not None else prep_enabled()
    tables = tables if tables is not None else tables_enabled()
    found = None
    with tempfile.TemporaryDirectory(prefix="kh-ocr-") as tmp:
        base = Path(tmp) / "out"
        if prep or tables:
            image, dpi, found = _prepared(image, dpi, Path(tmp), prep, tables)
        # an absolute path: a file named like an option (``--version``) never reaches
        # Tesseract's command line as one
        args = [cmd, os.path.abspath(image), str(base.absolute()), "-l", LANG, "--psm", str(psm or PSM)]
        if dpi:
            args += ["--dpi", str(int(dpi))]
        args += ["txt", "tsv"]
        try:
            proc = subprocess.run(args, env=_env(), capture_output=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired as e:
            raise InputError(f"OCR took longer than {TIMEOUT_S} s on one page") from e
        txt, tsv = base.with_suffix(".txt"), base.with_suffix(".tsv")
        if proc.returncode != 0 or not txt.exists():
            err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = err[-1] if err else f"exit code {proc.returncode}"
            if "Failed loading language" in proc.stderr.decode("utf-8", "replace"):
                reason = "Tesseract has no Vietnamese model (apt-get install tesseract-ocr-vie)"
            raise InputError(f"OCR failed: {reason}")
        tsv_data = tsv.read_text(encoding="utf-8", errors="replace") if tsv.exists() else ""
        read = read_tables(tsv_data, found[0], found[1], dpi, Path(tmp)) if found and tsv_data else None
        text = tsv_text(tsv_data, read) if tsv_data else ""
        if not text.strip():  # no TSV words: take the plain text output as it is
            text = txt.read_text(encoding="utf-8", errors="replace").replace("\f", "")
        text = text.rstrip() + "\n"
        conf = mean_confidence(tsv_data) if tsv_data else None
    return OcrPage(text if text.strip() else "", conf)


def ocr_many(jobs: Iterable[tuple[str | Path, int | None]], workers: int | None = None) -> list[OcrPage]:
    """OCR (image, dpi) jobs in parallel, results in job order.

    ``jobs`` may be a generator that writes each image just before yielding it: the pool
    then OCRs page i while page i+1 is being rendered.
    """
    workers = workers or default_workers()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(ocr_file, image, dpi) for image, dpi in jobs]
        return [f.result() for f in futures]


def ocr_sequential(images: Sequence[tuple[str | Path, int | None]]) -> list[OcrPage]:
    """The same as ``ocr_many`` one page at a time (for the benchmark's comparison)."""
    return [ocr_file(image, dpi) for image, dpi in images]
