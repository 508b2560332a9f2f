"""OCR driver: one Tesseract run gives text and confidence; parallel runs keep page order."""
from __future__ import annotations

import pytest

from conftest import OCR_TEXT
from pipeline.read.ocr import mean_confidence, ocr_file, ocr_many

TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90.5\tKế\n"
    "5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t70.5\thoạch\n"
    "5\t1\t1\t1\t1\t3\t0\t0\t10\t10\t95\t \n"
)


def test_mean_confidence_counts_only_words():
    assert mean_confidence(TSV) == 80.5


def test_mean_confidence_of_no_words_is_none():
    assert mean_confidence(TSV.splitlines()[0] + "\n") is None


@pytest.mark.ocr
def test_parallel_ocr_returns_pages_in_job_order(tmp_path, render):
    texts = ["Trang thứ nhất: Sở Tư pháp tỉnh Điện Biên.", "Trang thứ hai: Công an tỉnh Lai Châu."] * 2
    jobs = []
    for i, t in enumerate(texts):
        [png] = render.write_pngs(t, tmp_path / f"p{i}")
        jobs.append((png, 300))
    pages = ocr_many(jobs, workers=2)
    assert ["Điện Biên" in p.text for p in pages] == [True, False, True, False]
    assert ["Lai Châu" in p.text for p in pages] == [False, True, False, True]


@pytest.mark.ocr
def test_one_run_gives_text_and_confidence(tmp_path, render):
    [png] = render.write_pngs(OCR_TEXT, tmp_path / "p")
    page = ocr_file(png, 300)
    assert "mại dâm" in page.text
    assert 80 < page.confidence <= 100


# ---- reflow of printed lines into paragraphs (composed line boxes, units of a 10 pt line) ----

def _box(text: str, row: int, indent: bool = False, full: bool = True):
    from pipeline.read.ocr import LineBox

    x0 = 30.0 if indent else 0.0
    return LineBox(text, x0, 500.0 if full else 300.0, row * 14.0, row * 14.0 + 10.0, 20.0)


def test_a_dash_the_wrap_put_at_the_margin_continues_the_line_above():
    from pipeline.read.ocr import reflow

    lines = [
        _box("- Tuyên truyền hưởng ứng Ngày pháp luật tại các khu công nghiệp", 0, indent=True),
        _box("- 9/11 và các trường học trên địa bàn tỉnh;", 1, full=False),
        _box("- Sở Lao động - Thương binh và Xã hội, Sở Tư pháp, Sở Văn hóa, Sở Y tế, Sở Nội vụ", 2, indent=True),
        _box("- Thương binh và Xã hội phối hợp thực hiện.", 3, full=False),
        _box("- Rà soát người lao động đi làm việc ở nước ngoài tại các xã vùng cao;", 4, indent=True),
        _box("- Kiểm tra cơ sở lưu trú.", 5, indent=True, full=False),
    ]
    assert reflow(lines).split("\n") == [
        "- Tuyên truyền hưởng ứng Ngày pháp luật tại các khu công nghiệp - 9/11 và các trường học trên địa bàn tỉnh;",
        "- Sở Lao động - Thương binh và Xã hội, Sở Tư pháp, Sở Văn hóa, Sở Y tế, Sở Nội vụ - Thương binh và Xã hội phối hợp thực hiện.",
        "- Rà soát người lao động đi làm việc ở nước ngoài tại các xã vùng cao;",
        "- Kiểm tra cơ sở lưu trú.",
    ]


def test_a_marker_at_the_margin_opens_an_item_where_the_page_does_not_indent_items():
    from pipeline.read.ocr import reflow

    lines = [
        _box("- Tuyên truyền hưởng ứng Ngày pháp luật tại các khu công nghiệp", 0),
        _box("- Kiểm tra cơ sở lưu trú ven biển trên địa bàn tỉnh", 1),
        _box("(2} Lập danh sách cơ sở kinh doanh có điều kiện trên địa bàn", 2),
    ]
    assert len(reflow(lines).split("\n")) == 3


def test_a_part_heading_at_the_margin_is_never_joined_to_the_line_above():
    from pipeline.read.ocr import reflow

    lines = [
        _box("- Tuyên truyền hưởng ứng Ngày pháp luật tại các khu công nghiệp.", 0, indent=True),
        _box("4. Quản lý nhà nước về an ninh, trật tự tại các khu công nghiệp", 1, indent=True),
        _box("III. KIỂM TRA, XỬ LÝ VI PHẠM PHÁP LUẬT VỀ LAO ĐỘNG", 2, full=False),
        _box("- Rà soát người lao động đi làm việc ở nước ngoài tại các xã vùng cao", 3, indent=True),
        _box("- KCN PHÚ BÀI", 4, full=False),
    ]
    assert len(reflow(lines).split("\n")) == 5
