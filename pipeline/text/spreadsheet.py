"""Cells written for spreadsheets: text a spreadsheet would run as a formula is kept as text.

Why: a plan's title, a metric or an agency name is text taken from documents anyone can write;
in a CSV opened in Excel or LibreOffice a cell starting with ``=``, ``+``, ``-`` or ``@`` (or a
tab or carriage return before one) is evaluated — ``=HYPERLINK(...)`` becomes a live link,
``=cmd|...`` worse. Such cells get a leading apostrophe (OWASP's advice), which spreadsheets
show as nothing and read as "this is text". Numbers stay numbers: only strings are touched.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")  # "-5", "+2.5": a number, run as one


def safe_cell(value: Any) -> Any:
    """``value`` as a CSV cell a spreadsheet shows and never runs (a signed number is left as
    it is: the spreadsheet reads it as the number it is)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_csv(text: str) -> str:
    """A whole CSV text with every cell through ``safe_cell`` (rows kept, quoting as needed)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        w.writerow([safe_cell(c) for c in row])
    return out.getvalue()


def safe_row(row: dict[str, Any]) -> dict[str, Any]:
    """Every cell of ``row`` through ``safe_cell``."""
    return {k: safe_cell(v) for k, v in row.items()}
