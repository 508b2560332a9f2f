"""Table rows whose cells wrap onto the lines below, joined back into one row per line.

Why: a plan's Phụ lục table copied out of a PDF or typed as text often keeps the printed
wrap — a row's cells run on over two to five lines whose first cell (STT) is empty:

    | 5 | Truy tố, xét xử kịp thời các vụ án | Viện Kiểm sát nhân | Công an tỉnh |
    |   | chứa mại dâm                        | dân tỉnh           |              |

Read line by line, no extractor sees "Viện Kiểm sát nhân dân tỉnh" or the period "Từ ngày
01/4 đến ngày 30/6" whole. Joining the row cell by cell gives every extractor (agencies,
deadlines, targets, the table reader) the cells as printed. Only tables whose header opens
with a numbering column (STT, TT) are joined: there an empty first cell can only continue
the row above; a group row ("| I | Công tác truyền thông | | |") has its numeral.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.text.fold import fold

_NUMBERING = frozenset({"stt", "tt", "so tt", "so thu tu", "thu tu"})


def _cells(line: str) -> list[str] | None:
    """The cells of a pipe row ("| a | b |"), or None for a line that is no row."""
    s = line.strip()
    if not (s.startswith("|") and s.endswith("|")) or s.count("|") < 3:
        return None
    return [c.strip() for c in s[1:-1].split("|")]


def _is_rule(cells: list[str]) -> bool:
    """The |---|---| line under a header."""
    return all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c)


def _numbering_header(cell: str) -> bool:
    """"STT", "TT", "Số TT" …: a header naming the rows' numbers."""
    return fold(cell).strip(" .") in _NUMBERING


_NUMBER_CELL = re.compile(r"[0-9]{1,3}[.)]?|[IVXLC]{1,5}[.)]?")


def numbered_by_contents(first_cells: list[str]) -> bool:
    """Whether a column holds the rows' numbers, judged by what is in it: most of its filled
    cells are "1", "2.", "IV". Why: a scan may garble the header ("STT" read as "S3 b k")
    while the numbers under it come out clean."""
    filled = [c.strip() for c in first_cells if c.strip()]
    return len(filled) >= 2 and sum(bool(_NUMBER_CELL.fullmatch(c)) for c in filled) >= 0.8 * len(filled)


@dataclass
class Join:
    """A row and its continuation lines (``start``..``end`` in the text), and the joined row."""

    first: int
    last: int
    text: str

    def start(self) -> int:
        return self.first

    def end(self) -> int:
        return self.last


def _first_cells_below(lines: list[str], i: int, width: int, rows: int = 12) -> list[str]:
    """The first cells of the next few rows of ``width`` cells after line ``i``."""
    out: list[str] = []
    for line in lines[i + 1 : i + 1 + rows * 2]:
        cells = _cells(line)
        if cells is None:
            if line.strip():
                break
            continue
        if len(cells) == width and not _is_rule(cells):
            out.append(cells[0])
        if len(out) >= rows:
            break
    return out


def wrapped_rows(text: str) -> list[Join]:
    """The rows of numbered tables in ``text`` that wrap onto continuation lines, each with
    its joined form (cells joined by a space, in column order); rows that do not wrap and
    every other line are left out."""
    out: list[Join] = []
    pos = 0
    numbered = False
    width = 0
    row: tuple[int, int, list[str]] | None = None  # (start, end, cells) of the row being read
    more = False

    def flush() -> None:
        if row is not None and more:
            out.append(Join(row[0], row[1], "| " + " | ".join(row[2]) + " |"))

    lines = text.split("\n")
    for i, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        cells = _cells(line)
        if cells is None:
            flush()
            numbered, row, more, width = False, None, False, 0
            continue
        if len(cells) != width:  # a header: a new table starts (judged once, not per row)
            flush()
            row, more = None, False
            numbered = _numbering_header(cells[0]) or numbered_by_contents(_first_cells_below(lines, i, len(cells)))
            width = len(cells)
            continue
        if not numbered:
            continue
        if _is_rule(cells):
            continue
        if cells[0] or row is None:
            flush()
            row, more = (start, end, cells), False
            continue
        # an empty first cell: the row above goes on
        row = (row[0], end, [(a + " " + b).strip() if b else a for a, b in zip(row[2], cells)])
        more = True
    flush()
    return out
