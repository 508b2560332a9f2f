"""Cells written for spreadsheets: text a spreadsheet would run as a formula is kept as text.

Why: a plan's title, a metric or an agency name is text taken from documents anyone can write;
in a CSV opened in Excel or LibreOffice a cell starting with ``=``, ``+``, ``-`` or ``@`` (or a
tab or carriage return before one) is evaluated — ``=HYPERLINK(...)`` becomes a live link,
``=cmd|...`` worse. Such cells get a leading apostrophe (OWASP's advice), which spreadsheets
show as nothing and read as "this is text". Numbers stay numbers: only strings are touched.
"""
from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a CSV cell a spreadsheet shows and never runs."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: dict[str, Any]) -> dict[str, Any]:
    """Every cell of ``row`` through ``safe_cell``."""
    return {k: safe_cell(v) for k, v in row.items()}
