"""Vietnamese date expressions: what they say and which calendar days they cover.

Inputs are composed for the test, including OCR damage (no tone marks, split figures).
"""
from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.dates import document_year, find_dates, parse_date


def only(text: str):
    found = find_dates(text)
    assert len(found) == 1, [(text[d.start : d.end], d) for d in found]
    return found[0]


def test_numeric_day_with_slashes_dashes_and_two_digit_year():
    assert only("trước ngày 20/11/2025").last_day() == date(2025, 11, 20)
    assert only("hạn 07-3-2026").last_day() == date(2026, 3, 7)
    assert only("Ngày nhận: 02/9/26").last_day() == date(2026, 9, 2)


def test_day_in_words():
    d = only("chậm nhất ngày 05 tháng 12 năm 2026")
    assert (d.grain, d.last_day()) == ("day", date(2026, 12, 5))


def test_span_starts_at_the_word_ngay():
    text = "gửi trước ngày 20/11/2025 để tổng hợp"
    d = only(text)
    assert text[d.start : d.end] == "ngày 20/11/2025"


def test_ocr_damage_without_tone_marks_and_split_figures():
    assert only("truoc ngay 20/11/2025").last_day() == date(2025, 11, 20)
    d = only("trước ngày 5 /8")
    assert (d.day, d.month, d.year) == (5, 8, None)
    assert only("hoan thanh trong thang 10/2025").last_day() == date(2025, 10, 31)


def test_month_means_its_last_day_when_due_and_its_first_when_opening():
    d = only("trong tháng 2/2028")
    assert d.last_day() == date(2028, 2, 29)
    assert d.first_day() == date(2028, 2, 1)
    assert only("tháng 6 năm 2027").last_day() == date(2027, 6, 30)


def test_quarter_in_roman_or_arabic_figures():
    assert only("trong quý III/2026").last_day() == date(2026, 9, 30)
    assert only("quý 1 năm 2027").first_day() == date(2027, 1, 1)
    assert only("trong quý IV").last_day(2025) == date(2025, 12, 31)


def test_half_year():
    assert only("6 tháng đầu năm 2026").last_day() == date(2026, 6, 30)
    assert only("06 tháng cuối năm").last_day(2025) == date(2025, 12, 31)


def test_date_without_year_takes_the_given_year():
    d = only("trước ngày 15/10")
    assert d.last_day() is None
    assert d.last_day(2026) == date(2026, 10, 15)
    assert d.month_day() == "10-15"


def test_impossible_dates_and_non_dates_are_not_read():
    assert find_dates("ngày 31/4/2026") == []
    assert find_dates("ngày 29/2/2026") == []
    assert find_dates("giai đoạn 2026 - 2030, số 1.250.000 người") == []
    assert find_dates("Công văn số 2214/UBND-NC") == []
    assert find_dates("tháng 13, quý V") == []


def test_document_symbol_is_not_a_date_but_its_date_is():
    text = "Kế hoạch số 12/2026/KH-UBND ngày 03/02/2026"
    found = find_dates(text)
    assert [text[d.start : d.end] for d in found] == ["ngày 03/02/2026"]


def test_parse_date_gives_the_iso_day():
    assert parse_date("hạn chót ngày 9 tháng 1 năm 2027") == "2027-01-09"
    assert parse_date("không có ngày nào") is None


def test_document_year_prefers_issue_date_then_title_then_latest_full_date():
    assert document_year("2026-01-08", "năm 2025") == 2026
    assert document_year(None, "Phòng, chống mại dâm năm 2027") == 2027
    assert document_year(None, None, "theo Quyết định ngày 02/3/2019 và Kế hoạch ngày 11/4/2026") == 2026
    assert document_year(None, None, "không ngày tháng") is None


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=3000))
def test_never_raises_on_arbitrary_unicode(text):
    for d in find_dates(text):
        assert 0 <= d.start < d.end <= len(text)
        d.first_day(2025), d.last_day(2025), d.month_day()


@pytest.mark.slow
def test_linear_time_on_a_megabyte_of_digits_and_slashes():
    for blob in ("1/" * 500_000, "9" * 1_000_000, "12/3/" * 200_000, "ngày " * 200_000, "quý " * 250_000):
        t0 = time.perf_counter()
        find_dates(blob)
        assert time.perf_counter() - t0 < 10


def test_a_speck_between_the_year_word_and_the_year_is_read_through():
    [d] = find_dates("Lai Châu, ngày 12 tháng 9 năm, 2026")
    assert (d.year, d.month, d.day) == (2026, 9, 12)


def test_a_day_in_words_broken_across_lines_is_one_day():
    found = find_dates("trước ngày 15\ntháng 5 năm 2026 để tổng hợp")
    assert [(d.grain, d.year, d.month, d.day) for d in found] == [("day", 2026, 5, 15)]
