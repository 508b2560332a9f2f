"""PDF reader: text layers, ruled tables, scanned pages (embedded JPEG or rasterised), bad files."""
from __future__ import annotations


import pytest

from conftest import OCR_TEXT, PARAGRAPH
from pipeline.errors import InputError
from pipeline.read import read

TABLE_PLAN = (
    "KẾ HOẠCH\n"
    "Hỗ trợ nạn nhân bị mua bán tỉnh Kon Tum năm 2029\n"
    "Phân công thực hiện như sau:\n"
    "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n"
    "| 1 | Rà soát nạn nhân | Sở Y tế | Quý I |\n"
    "| 2 | Tập huấn cán bộ | Công an tỉnh | Tháng 6 |\n"
    "Các sở, ngành báo cáo kết quả trước ngày 30/11/2029.\n"
)


def test_digital_pdf_keeps_diacritics_and_line_breaks(tmp_path, render):
    out = tmp_path / "plan.pdf"
    render.write_digital_pdf(PARAGRAPH, out)
    r = read(out)
    assert r.format == "pdf" and [p.method for p in r.pages] == ["text"]
    text = r.pages[0].text
    assert text.startswith("KẾ HOẠCH\nPhòng, chống lao động trẻ em")
    assert "Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì" in text
    assert "ằ ẳ ẵ ắ ặ; ầ ẩ ẫ ấ ậ" in text


def test_ruled_table_becomes_pipe_rows_in_place(tmp_path, render):
    out = tmp_path / "table.pdf"
    render.write_digital_pdf(TABLE_PLAN, out)
    lines = read(out).pages[0].text.splitlines()
    rows = [ln for ln in lines if ln.startswith("|")]
    assert rows == [
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |",
        "| 1 | Rà soát nạn nhân | Sở Y tế | Quý I |",
        "| 2 | Tập huấn cán bộ | Công an tỉnh | Tháng 6 |",
    ]
    # the table sits between the paragraph before it and the one after it
    assert lines.index(rows[0]) == lines.index("Phân công thực hiện như sau:") + 1
    assert lines[-1].startswith("Các sở, ngành báo cáo")


@pytest.mark.ocr
def test_scanned_pdf_is_ocrd_from_its_jpeg_with_low_error(tmp_path, render, measure_cer):
    out = tmp_path / "scan.pdf"
    render.write_scanned_pdf(OCR_TEXT, out)
    r = read(out)
    assert [p.method for p in r.pages] == ["ocr"]
    assert r.pages[0].confidence is not None and r.pages[0].confidence > 80
    # measured 0.0-0.5 % on this page; the bound leaves room for Tesseract versions
    assert measure_cer(OCR_TEXT, r.pages[0].text) < 0.03


@pytest.mark.ocr
def test_mixed_pdf_records_text_and_ocr_pages(tmp_path, render, measure_cer):
    out = tmp_path / "mixed.pdf"
    kinds = render.write_mixed_pdf([(PARAGRAPH, "text"), (OCR_TEXT, "flate")], out)
    assert kinds == ["text", "flate"]
    r = read(out)
    assert [p.method for p in r.pages] == ["text", "ocr"]
    assert r.pages[0].confidence is None
    assert "Sở Nội vụ" in r.pages[0].text
    assert measure_cer(OCR_TEXT, r.pages[1].text) < 0.03  # the lossless image is rasterised


def test_encrypted_pdf_is_refused_with_reason(tmp_path, render):
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    render.write_digital_pdf(OCR_TEXT, plain)
    w = PdfWriter()
    for page in PdfReader(plain).pages:
        w.add_page(page)
    w.encrypt(user_password="mat-khau", owner_password="chu-so-huu")
    out = tmp_path / "locked.pdf"
    with open(out, "wb") as f:
        w.write(f)
    with pytest.raises(InputError, match="encrypted"):
        read(out)


def test_zero_page_pdf_is_refused(tmp_path):
    from pypdf import PdfWriter

    out = tmp_path / "empty.pdf"
    with open(out, "wb") as f:
        PdfWriter().write(f)
    with pytest.raises(InputError, match="no pages"):
        read(out)


def test_junk_named_pdf_is_refused(tmp_path):
    out = tmp_path / "junk.pdf"
    out.write_bytes(b"\x00\x01 this is not a pdf " * 50)
    with pytest.raises(InputError, match="not a valid PDF"):
        read(out)


def test_truncated_pdf_is_refused_as_damaged(tmp_path):
    out = tmp_path / "cut.pdf"
    out.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R")
    with pytest.raises(InputError, match="damaged|no pages"):
        read(out)


def test_blank_page_pdf_has_no_text(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(595, 842)
    out = tmp_path / "blank.pdf"
    with open(out, "wb") as f:
        w.write(f)
    with pytest.raises(InputError, match="no text"):
        read(out)


def test_pdf_locked_only_against_editing_is_read(tmp_path, render):
    """Offices often protect PDFs with an owner password only; anyone may open and read them."""
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    render.write_digital_pdf(OCR_TEXT, plain)
    w = PdfWriter()
    for page in PdfReader(plain).pages:
        w.add_page(page)
    w.encrypt(user_password="", owner_password="chu-so-huu")
    out = tmp_path / "protected.pdf"
    with open(out, "wb") as f:
        w.write(f)
    assert "Sở Y tế chủ trì" in read(out).pages[0].text


def test_a_page_too_large_to_render_is_refused_before_it_is_rendered(tmp_path):
    """Issue 12, row 7: a 1 KB PDF with one 14400×14400 pt scanned page (60000×60000 pixels
    at 300 dpi) is refused in a moment with the page and its size, not rendered to gigabytes."""
    import resource
    import time

    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF(unit="pt", format=(14400, 14400))
    pdf.add_page()
    pdf.image(Image.new("L", (64, 64), 255), x=0, y=0, w=14400, h=14400)  # a Flate image: rendered for OCR
    out = tmp_path / "huge.pdf"
    pdf.output(str(out))
    assert out.stat().st_size < 4096
    t0 = time.perf_counter()
    with pytest.raises(InputError) as e:
        read(out)
    assert time.perf_counter() - t0 < 10
    assert str(e.value).startswith("page 1 is 14400×14400 pt, too large to render")
    assert "\n" not in str(e.value)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1_500_000  # KB: nothing near 3.6 GB


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_scanned_page_whose_jpeg_claims_too_many_pixels_is_refused(tmp_path):
    """The same bound for a page given to Tesseract as its embedded JPEG: a JPEG whose header
    claims 13000×13000 pixels is refused by its size, not decoded."""
    import io
    import struct

    from fpdf import FPDF
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (64, 64), 255).save(buf, "JPEG")
    data = bytearray(buf.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", 13000, 13000)  # height, width
    jpeg = tmp_path / "big.jpg"
    jpeg.write_bytes(bytes(data))
    pdf = FPDF(unit="pt", format=(595, 842))
    pdf.add_page()
    pdf.image(str(jpeg), x=0, y=0, w=595, h=842)
    out = tmp_path / "bigjpeg.pdf"
    pdf.output(str(out))
    with pytest.raises(InputError, match=r"page 1 holds a 13000×13000 pixel image, too large to OCR"):
        read(out)
