"""Image reader: PNG and JPEG pages, multi-page TIFF, images without text."""
from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from conftest import OCR_TEXT
from pipeline.errors import InputError
from pipeline.read import read

SECOND_PAGE = (
    "II. TỔ CHỨC THỰC HIỆN\n"
    "Sở Lao động tỉnh Hậu Giang tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 10/12/2028.\n"
)


@pytest.mark.ocr
def test_png_page_is_ocrd_with_diacritics(tmp_path, render, measure_cer):
    [png] = render.write_pngs(OCR_TEXT, tmp_path / "page")
    r = read(png)
    assert r.format == "image" and [p.method for p in r.pages] == ["ocr"]
    assert "Bình Phước" in r.pages[0].text
    assert measure_cer(OCR_TEXT, r.pages[0].text) < 0.03


@pytest.mark.ocr
def test_multi_page_tiff_gives_one_page_per_frame_in_order(tmp_path, render, measure_cer):
    out = tmp_path / "scan.tif"
    assert render.write_tiff([OCR_TEXT, SECOND_PAGE], out) == 2
    r = read(out)
    assert len(r.pages) == 2 and all(p.method == "ocr" for p in r.pages)
    assert measure_cer(OCR_TEXT, r.pages[0].text) < 0.03
    assert measure_cer(SECOND_PAGE, r.pages[1].text) < 0.03


@pytest.mark.ocr
def test_image_without_text_is_refused(tmp_path):
    img = Image.new("L", (1200, 900), 250)
    d = ImageDraw.Draw(img)
    d.ellipse((300, 200, 900, 700), outline=30, width=12)  # a stamp-like circle, no letters
    out = tmp_path / "blank.png"
    img.save(out)
    with pytest.raises(InputError, match="no text found"):
        read(out)


def test_tiny_image_is_refused_without_ocr(tmp_path):
    out = tmp_path / "icon.png"
    Image.new("RGB", (16, 16), "white").save(out)
    with pytest.raises(InputError, match="no text found"):
        read(out)


def test_truncated_png_is_refused(tmp_path, render):
    img = tmp_path / "cut.png"
    Image.new("L", (800, 600), 255).save(img)
    img.write_bytes(img.read_bytes()[:60])
    with pytest.raises(InputError, match="not a readable image"):
        read(img)
