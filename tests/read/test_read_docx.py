"""DOCX reader: paragraphs and tables in document order, Word list numbers rendered."""
from __future__ import annotations

import docx
import pytest

from pipeline.errors import InputError
from pipeline.read import read


def _plan_docx(path):
    d = docx.Document()
    d.add_paragraph("ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Mục tiêu năm 2026", style="List Number")
    d.add_paragraph("Nhiệm vụ cụ thể", style="List Number")
    d.add_paragraph("Phân công:")
    t = d.add_table(rows=3, cols=3)
    for i, row in enumerate([("TT", "Nhiệm vụ", "Chủ trì"), ("1", "Tuyên truyền ở vùng biên", "Bộ đội Biên phòng tỉnh"),
                             ("2", "Hỗ trợ nạn nhân", "Sở Y tế")]):
        for j, c in enumerate(row):
            t.cell(i, j).text = c
    d.add_paragraph("Tổ chức thực hiện", style="List Number")
    d.add_paragraph("tuyên truyền trên sóng phát thanh", style="List Bullet")
    d.save(path)


def test_table_rows_stay_in_place_as_pipe_rows(tmp_path):
    p = tmp_path / "plan.docx"
    _plan_docx(p)
    lines = read(p).pages[0].text.splitlines()
    i = lines.index("Phân công:")
    assert lines[i + 1:i + 4] == [
        "| TT | Nhiệm vụ | Chủ trì |",
        "| 1 | Tuyên truyền ở vùng biên | Bộ đội Biên phòng tỉnh |",
        "| 2 | Hỗ trợ nạn nhân | Sở Y tế |",
    ]


def test_word_list_numbers_and_bullets_are_written_out(tmp_path):
    p = tmp_path / "plan.docx"
    _plan_docx(p)
    lines = read(p).pages[0].text.splitlines()
    assert "1. Mục tiêu năm 2026" in lines
    assert "2. Nhiệm vụ cụ thể" in lines
    assert "3. Tổ chức thực hiện" in lines  # numbering continues after the table
    assert "- tuyên truyền trên sóng phát thanh" in lines


def test_merged_cells_are_written_once(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    a = t.cell(0, 0).merge(t.cell(0, 2))
    a.text = "Nhóm nhiệm vụ phòng ngừa"
    for j, c in enumerate(("1", "Tập huấn", "Công an tỉnh")):
        t.cell(1, j).text = c
    p = tmp_path / "merged.docx"
    d.save(p)
    lines = read(p).pages[0].text.splitlines()
    assert lines[0] == "| Nhóm nhiệm vụ phòng ngừa |"
    assert lines[1] == "| 1 | Tập huấn | Công an tỉnh |"


def test_zip_that_is_not_a_docx_is_refused(tmp_path):
    import zipfile

    p = tmp_path / "fake.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "xin chào")
    with pytest.raises(InputError, match="DOCX"):
        read(p)


def test_rendered_corpus_docx_reads_back_its_text(tmp_path, render):
    text = "KẾ HOẠCH\nTriển khai tháng hành động vì trẻ em tỉnh Yên Bái năm 2030\n| 1 | Sở Y tế | Quý II |\n"
    p = tmp_path / "r.docx"
    render.write_docx(text, p)
    assert read(p).pages[0].text.splitlines() == text.strip().splitlines()
