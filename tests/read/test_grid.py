"""Ruled tables on scanned pages (pipeline.read.grid and the OCR path that uses it).

The pages are rendered from composed text (other provinces, other numbers, nothing from the
seed plans) by scripts/render_corpus.py, which draws pipe rows as ruled tables; the OCR tests
read them with real Tesseract.
"""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline.text.fold import fold
from pipeline.read import grid as G
from pipeline.read.ocr import ocr_file

TASK_TABLE = (
    "PHỤ LỤC\n"
    "PHÂN CÔNG NHIỆM VỤ NĂM 2027\n"
    "| STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian |\n"
    "|---|---|---|---|---|\n"
    "| 1 | Tuyên truyền tại các chợ biên giới | Công an tỉnh | Sở Tư pháp | Quý II/2027 |\n"
    "| 2 | Rà soát lao động đi làm việc ở nước ngoài | Sở Nội vụ | Công an tỉnh | Tháng 9/2027 |\n"
    "| 3 | Kiểm tra cơ sở lưu trú ven biển | Công an tỉnh | Sở Y tế | Năm 2027 |\n"
    "| 4 | Tập huấn cho cán bộ cấp xã | Sở Y tế | Tỉnh đoàn | Quý IV/2027 |\n"
    "Ủy ban nhân dân các xã, phường báo cáo kết quả trước ngày 15/12/2027.\n"
)

TARGET_TABLE = (
    "II. CHỈ TIÊU\n"
    "| TT | Chỉ tiêu | Đơn vị | Năm 2027 | Năm 2028 |\n"
    "|---|---|---|---|---|\n"
    "| 1 | Xã được tuyên truyền | % | 85 | 95 |\n"
    "| 2 | Lớp tập huấn | lớp | 6 | 8 |\n"
)


def _cells(text: str) -> list[list[str]]:
    """The pipe rows of a page text as lists of folded cells."""
    return [[fold(c.strip()) for c in ln.strip().strip("|").split("|")]
            for ln in text.splitlines() if ln.startswith("|")]


def _page(render, text: str, dpi: int = 300) -> Image.Image:
    [items] = render.layout(text)
    return render.render_page(items, dpi)


# ---- the grid, found on rendered page images (no OCR) ----

def test_runs_are_found_exactly_as_a_brute_force_scan_finds_them():
    rng = np.random.default_rng(7)
    a = rng.random((40, 200)) < 0.75
    for length in (2, 3, 6, 11):
        want = np.zeros_like(a)
        for y in range(a.shape[0]):
            x = 0
            while x < a.shape[1]:
                e = x
                while e < a.shape[1] and a[y, e]:
                    e += 1
                if e - x >= length:
                    want[y, x:e] = True
                x = max(e, x + 1)
        assert (G._runs(a, length) == want).all(), length


@pytest.mark.parametrize("tilt", [0.0, 0.7, -0.9])
def test_a_ruled_table_is_found_with_its_rows_and_columns_on_a_tilted_page(render, tilt):
    page = _page(render, TASK_TABLE).rotate(tilt, resample=Image.BICUBIC, fillcolor=255)
    grid = G.find_grid(*G.work_ink(page))
    assert grid is not None
    rows = sum(len(t.rows) for t in grid.tables)
    assert rows == 5  # the header and four rows
    assert {len(t.cols) - 1 for t in grid.tables} == {5}
    assert abs(grid.angle - tilt) <= 0.2


def test_a_page_with_an_underline_and_no_table_has_no_grid(render):
    text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Sở Y tế chủ trì tổ chức tuyên truyền tại các xã, phường trong năm 2027.\n")
    page = _page(render, text)
    d = ImageDraw.Draw(page)
    d.rectangle([900, 330, 1600, 334], fill=0)  # the line under the motto
    assert G.find_grid(*G.work_ink(page)) is None


@pytest.mark.parametrize("kind", ["black", "noise", "graph paper"])
def test_odd_pages_give_no_table_or_a_bounded_one_without_error(kind):
    if kind == "black":
        page = Image.new("L", (1240, 1754), 0)
    elif kind == "noise":
        page = Image.fromarray((np.random.default_rng(3).random((1754, 1240)) * 255).astype(np.uint8), "L")
    else:  # a ruled grid of 40 x 54 small squares: thousands of cells
        page = Image.new("L", (1240, 1754), 255)
        d = ImageDraw.Draw(page)
        for x in range(20, 1221, 30):
            d.line([x, 20, x, 1620], fill=0, width=2)
        for y in range(20, 1641, 30):
            d.line([20, y, 1200, y], fill=0, width=2)
    grid = G.find_grid(*G.work_ink(page))
    cells = 0 if grid is None else sum(len(b) - 1 for t in grid.tables for b in t.row_bounds)
    assert cells <= G.MAX_CELLS or grid is None
    if grid is not None:
        assert G.short_cells(grid, {}, page, 20.0) is not None


def test_the_words_of_a_cell_keep_tesseracts_order_within_a_line_and_lines_go_top_down():
    # (order, levelled y of the centre, height, text, Tesseract's line): "Sở" sits higher
    # than "Y" (its hook) and its box may overlap the next word's; the order decides
    words = [(12, 101.0, 9.0, "phố", (3, 1, 2)), (5, 88.0, 10.0, "Sở", (3, 1, 1)), (6, 90.0, 8.0, "Y", (3, 1, 1)),
             (7, 88.5, 10.0, "tế", (3, 1, 1)), (11, 101.0, 9.0, "thành", (3, 1, 2))]
    assert G._cell_text(words) == "Sở Y tế thành phố"


@pytest.mark.parametrize("word,junk", [("|", True), ("_", True), ("-:", True), (". :", False), ("'", True),
                                       ("%", False), ("2-", False), ("Sở", False), ("III", False)])
def test_rule_glyphs_are_dropped_from_cells_but_signs_and_numbers_are_not(word, junk):
    assert bool(G._JUNK.fullmatch(word)) is junk


@pytest.mark.parametrize("word,clean", [("-'Cơ", "Cơ"), ("_truyền", "truyền"), ("Sở|", "Sở"), ("tỉnh,", "tỉnh,"),
                                        ("-5", "-5"), ("2-", "2-")])
def test_rule_edges_stuck_to_a_word_are_cut_off_and_its_punctuation_kept(word, clean):
    assert G._clean(word) == clean


# ---- through real Tesseract ----

@pytest.mark.ocr
def test_a_scanned_task_table_reads_as_pipe_rows_with_the_right_cells(tmp_path, render):
    jpg = tmp_path / "table.jpg"
    jpg.write_bytes(render.degrade(_page(render, TASK_TABLE), "grid-test-tasks"))
    text = ocr_file(jpg, 300).text
    rows = _cells(text)
    assert len(rows) == 5
    assert all(len(r) == 5 for r in rows)
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4"]  # the STT digits, read again alone
    assert rows[2][2] == fold("Sở Nội vụ") and rows[2][3] == fold("Công an tỉnh")
    assert rows[3][1] == fold("Kiểm tra cơ sở lưu trú ven biển")
    assert rows[4][4] == fold("Quý IV/2027")
    # the lines around the table stay as they were, in their places
    lines = text.splitlines()
    assert fold(lines[0]).startswith("phu luc")
    assert "15/12/2027" in lines[-1] and not lines[-1].startswith("|")


@pytest.mark.ocr
def test_figures_of_a_harsh_scanned_target_table_are_kept_in_their_columns(tmp_path, render):
    key = "grid-test-targets#harsh"
    jpg = tmp_path / "targets.jpg"
    jpg.write_bytes(render.degrade_harsh(_page(render, TARGET_TABLE), key, 170))
    rows = _cells(ocr_file(jpg, 170).text)
    assert len(rows) == 3
    assert [r[3:] for r in rows[1:]] == [["85", "95"], ["6", "8"]]
    assert rows[1][2].startswith("%")


@pytest.mark.ocr
def test_a_page_without_tables_reads_the_same_with_table_finding_on_and_off(tmp_path, render):
    from conftest import OCR_TEXT

    jpg = tmp_path / "plain.jpg"
    jpg.write_bytes(render.degrade(_page(render, OCR_TEXT), "grid-test-plain"))
    assert ocr_file(jpg, 300, tables=True).text == ocr_file(jpg, 300, tables=False).text
