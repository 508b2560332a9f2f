"""CSV cells a spreadsheet would run as formulas are kept as text (issue 12, row 12)."""
from __future__ import annotations

from pipeline.text.spreadsheet import safe_cell, safe_row


def test_cells_starting_like_a_formula_get_an_apostrophe():
    for v in ('=HYPERLINK("http://x","a")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert safe_cell(v) == "'" + v


def test_plain_text_numbers_and_empty_cells_are_left_alone():
    for v in ("Kế hoạch 61/KH-UBND", "", None, -5, 3.5, True, "a=b", " =1"):
        assert safe_cell(v) == v


def test_a_row_is_made_safe_cell_by_cell():
    assert safe_row({"plan": "=1+1", "value": -1, "unit": "%"}) == {"plan": "'=1+1", "value": -1, "unit": "%"}


def test_signed_numbers_stay_numbers_and_a_whole_csv_is_made_safe():
    from pipeline.text.spreadsheet import safe_csv

    for v in ("-5", "+2.5", "-0.75", "-1e3"):
        assert safe_cell(v) == v
    text = 'plan,value\r\n"=1+1, x",-5\r\n@x,"a\nb"\r\n'
    assert safe_csv(text) == 'plan,value\r\n"\'=1+1, x",-5\r\n\'@x,"a\nb"\r\n'
