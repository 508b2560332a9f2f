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
