"""Page cleaning before OCR (pipeline.read.prep): composed pages, real Pillow images.

The end-to-end test renders a composed plan (another province, other numbers) with the harsh
scan profile of scripts/render_corpus.py and reads it with real Tesseract: the key facts must
survive a 150-200 dpi, tilted, speckled, grey, faint scan.
"""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline.read import prep
from pipeline.read.ocr import ocr_file


def _lined_page(width: int = 1200, height: int = 1600, paper: int = 250, ink: int = 20) -> Image.Image:
    """A page of dark bars where text lines would be (no font needed), spaced as 12 pt lines
    are at 300 dpi (70 pixels apart)."""
    img = Image.new("L", (width, height), paper)
    d = ImageDraw.Draw(img)
    for y in range(150, height - 150, 70):
        d.rectangle([120, y, width - 120, y + 14], fill=ink)
    return img


@pytest.mark.parametrize("tilt", [-2.6, -1.2, 0.0, 1.5, 3.0])
def test_the_tilt_of_a_page_of_lines_is_found_to_a_fifth_of_a_degree(tilt):
    page = _lined_page().rotate(tilt, resample=Image.BICUBIC, fillcolor=250)
    ink = np.asarray(page) < 128
    assert abs(prep.skew_angle(ink) - tilt) <= 0.2


def test_isolated_specks_are_removed_and_strokes_kept():
    ink = np.zeros((60, 60), dtype=bool)
    ink[10, 10] = ink[40, 50] = True  # specks
    ink[30:33, 5:55] = True  # a stroke three pixels thick
    kept = prep.despeckle(ink)
    assert not kept[10, 10] and not kept[40, 50]
    assert kept[30:33, 5:55].all()


def test_grey_unevenly_lit_paper_is_flattened_to_white():
    a = np.linspace(170, 235, 800, dtype=np.float32)[None, :].repeat(600, axis=0)  # a lighting gradient
    a[300:310, 100:700] = 60  # a line of faint ink
    flat = prep.flatten(Image.fromarray(a.astype(np.uint8), "L"))
    assert flat[100, 20] > 240 and flat[100, 780] > 240  # paper at both ends of the gradient
    assert flat[305, 400] < 100


def test_a_clean_level_page_is_left_as_it_is():
    assert prep.prepare(_lined_page()) is None


def test_a_tilted_grey_speckled_page_is_cleaned_and_levelled():
    rng = np.random.default_rng(7)
    page = np.asarray(_lined_page(paper=205, ink=80).rotate(2.0, resample=Image.BICUBIC, fillcolor=205), dtype=np.float32)
    page[rng.random(page.shape) < 0.003] = 40
    out = prep.prepare(Image.fromarray(page.astype(np.uint8), "L"))
    assert out is not None and abs(out.angle - 2.0) <= 0.2
    a = np.asarray(out.image)
    assert set(np.unique(a)) <= {0, 255}
    assert (a[:100] == 255).mean() > 0.999  # the specks above the first line are gone


# Composed for this test: a province, numbers and people that no sample plan has.
HARSH_PLAN = (
    "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\n"
    "Số: 418/KH-UBND\n"
    "Lâm Đồng, ngày 14 tháng 8 năm 2026\n"
    "KẾ HOẠCH\n"
    "Phòng, chống lao động trẻ em giai đoạn 2026 - 2030\n"
    "Căn cứ Quyết định số 782/QĐ-TTg ngày 27/5/2021 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh "
    "ban hành kế hoạch như sau:\n"
    "I. MỤC TIÊU\n"
    "Phấn đấu 85% trẻ em có nguy cơ được tư vấn, hỗ trợ kịp thời.\n"
    "II. NHIỆM VỤ\n"
    "1. Sở Y tế chủ trì, phối hợp với Công an tỉnh kiểm tra các cơ sở sản xuất.\n"
)


@pytest.mark.ocr
@pytest.mark.slow
def test_key_facts_survive_a_harsh_scan(tmp_path, render):
    from pipeline.text.fold import fold

    key = "lamdong-418.scan.pdf"
    page = render.scanned_pages(HARSH_PLAN, key, profile="harsh")[0]
    jpg = tmp_path / "page.jpg"
    jpg.write_bytes(page)
    text = fold(ocr_file(jpg, render.harsh_dpi(key)).text)
    flat = " ".join(text.split())
    assert "418/kh-ubnd" in flat
    assert "ngay 14 thang 8 nam 2026" in flat
    assert "782/qd-ttg" in flat
    assert "85%" in flat
    assert "so y te chu tri" in flat
