"""PDF files: the text layer where there is one, OCR where a page is a scan.

Why page by page: provincial plans are often mixed — the plan typed and exported, its
signed first page or its appendix scanned — so each page is judged on its own:
- a page with characters is read from its text layer (pdfplumber); ruled tables on it are
  written as ``| a | b |`` rows in their place so line-based rules see one row per line;
- a page with no characters (or a few, like a stamped page number) over a big image is a
  scan. When the page is one embedded JPEG, that JPEG is given to Tesseract as it is
  (measured: CER 0.80 % and no extra cost, against 1.26 % after re-rendering at 300 dpi);
  any other scan is rasterised with pypdfium2 at 300 dpi and written once as PNM.
- a text layer that is mostly ``(cid:NN)`` (fonts without a Unicode map) is useless, so
  that page is OCR'd too; one typed in a legacy font (``KÕ ho¹ch``) is converted.
OCR of the scanned pages runs in parallel (``ocr.ocr_many``).
"""
from __future__ import annotations

import io
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from PIL import Image

from pipeline.errors import InputError
from pipeline.model import RawPage, ReadResult
from pipeline.read import legacy
from pipeline.read.image import MAX_PIXELS
from pipeline.read.ocr import LineBox, ocr_many, reflow

RENDER_DPI = 300
MIN_TEXT_CHARS = 20  # fewer visible characters than this over a big image: a scan with a stamp
SCAN_COVERAGE = 0.5  # an image covering this share of the page makes it a scan
_CID = re.compile(r"\(cid:\d+\)")


@dataclass
class _Plan:
    """What to do with one page: its text, or how to get an image of it for OCR."""

    text: str | None = None
    jpeg: bytes | None = None
    dpi: int | None = None


def _cell(value: str | None) -> str:
    return " ".join((value or "").split())


def _line_box(line: dict) -> LineBox:
    """A pdfplumber text line as a LineBox, with its first word's measured width."""
    chars = [c for c in line.get("chars") or [] if not c["text"].isspace()]
    words = line["text"].split()
    first_w = None
    if chars and words:  # pdfplumber's chars hold no spaces when the PDF draws none
        end = min(len(words[0]), len(chars))
        first_w = float(chars[end - 1]["x1"]) - float(chars[0]["x0"])
    return LineBox(line["text"], float(line["x0"]), float(line["x1"]), float(line["top"]), float(line["bottom"]), first_w)


def _page_text(page) -> str:
    """Text of a page, paragraphs reflowed onto one line each (``ocr.reflow``), with ruled
    tables rendered as pipe rows at their vertical position."""
    try:
        tables = page.find_tables()
    except Exception:  # table finding is a bonus; a page it chokes on is still read
        tables = []
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    source = page.filter(outside) if tables else page
    lines = [_line_box(ln) for ln in source.extract_text_lines(return_chars=True)]
    items: list[tuple[float, str, object]] = [(ln.top, "line", ln) for ln in lines]
    for table in tables:
        rows = table.extract()
        text = "\n".join("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows if any(_cell(c) for c in row))
        if text:
            items.append((table.bbox[1], "table", text))
    items.sort(key=lambda it: it[0])
    out: list[str] = []
    run: list[LineBox] = []
    for _, kind, data in items:
        if kind == "line":
            run.append(data)  # type: ignore[arg-type]
            continue
        if run:
            out.append(reflow(run, float(page.width)))
            run = []
        out.append(data)  # type: ignore[arg-type]
    if run:
        out.append(reflow(run, float(page.width)))
    return "\n".join(out)


def _single_jpeg(page) -> tuple[bytes, int] | None:
    """The page's one embedded JPEG and its effective dpi, if the page is exactly that."""
    if len(page.images) != 1 or (page.rotation or 0) % 360:
        return None
    im = page.images[0]
    stream = im.get("stream")
    if stream is None:
        return None
    try:
        filters = [getattr(name, "name", str(name)) for name, _ in stream.get_filters()]
    except Exception:
        return None
    if filters != ["DCTDecode"]:
        return None
    width_pt = float(im["x1"]) - float(im["x0"])
    src_w = im.get("srcsize", (0, 0))[0]
    if width_pt <= 0 or not src_w:
        return None
    dpi = int(round(src_w / (width_pt / 72)))
    try:
        data = stream.get_rawdata()
    except Exception:
        return None
    if not data or not data.startswith(b"\xff\xd8"):
        return None
    return data, dpi


def _image_coverage(page) -> float:
    area = float(page.width) * float(page.height) or 1.0
    covered = 0.0
    for im in page.images:
        w = max(0.0, min(float(im["x1"]), float(page.width)) - max(float(im["x0"]), 0.0))
        h = max(0.0, min(float(im["bottom"]), float(page.height)) - max(float(im["top"]), 0.0))
        covered += w * h
    return covered / area


def _plan_page(page) -> _Plan:
    """Decide how to read one pdfplumber page."""
    visible = sum(1 for c in page.chars if not c.get("text", " ").isspace())
    if visible >= MIN_TEXT_CHARS or (visible and not page.images):
        text = _page_text(page)
        cid = len(_CID.findall(text))
        if cid == 0 or cid * 6 < len(text) / 2:  # a few unmapped glyphs are tolerated
            return _Plan(text=_CID.sub("", text))
        return _Plan()  # text layer unusable: OCR the page
    if not page.images or _image_coverage(page) < SCAN_COVERAGE:
        if visible:
            return _Plan(text=_page_text(page))
        return _Plan(text="")  # a blank page (or one with drawings only)
    jpeg = _single_jpeg(page)
    if jpeg is not None and not visible:
        return _Plan(jpeg=jpeg[0], dpi=jpeg[1])
    return _Plan()


def _open_error(e: BaseException) -> InputError:
    """The reason to give for a PDF that pdfplumber/pdfminer/pdfium cannot open.

    pdfplumber wraps pdfminer's errors (PdfminerException), so the causes and arguments
    are searched for the password error too."""
    seen: list[BaseException] = []
    todo: list[object] = [e]
    while todo:
        x = todo.pop()
        if isinstance(x, BaseException) and x not in seen:
            seen.append(x)
            todo += [x.__cause__, x.__context__, *x.args]
    names = " ".join(f"{type(x).__name__} {x}" for x in seen)
    if re.search(r"password|encrypt", names, re.I):
        return InputError("encrypted PDF (needs a password)")
    inner = seen[-1] if len(seen) > 1 else e
    return InputError(f"damaged PDF, cannot be parsed ({type(inner).__name__})")


def read_pdf(path: Path) -> ReadResult:
    import pdfplumber

    try:
        pdf = pdfplumber.open(str(path))
    except Exception as e:  # pdfminer raises many types for broken files
        raise _open_error(e) from e
    plans: list[_Plan] = []
    try:
        try:
            pages = pdf.pages
        except Exception as e:
            raise _open_error(e) from e
        if not pages:
            raise InputError("PDF has no pages")
        for page in pages:
            try:
                plans.append(_plan_page(page))
            except InputError:
                raise
            except Exception:  # a page pdfminer cannot parse is OCR'd from its rendering
                plans.append(_Plan())
            finally:
                page.close()
    finally:
        pdf.close()

    ocr_idx = [i for i, p in enumerate(plans) if p.text is None]
    ocr_results = []
    if ocr_idx:
        _check_sizes(path, plans, ocr_idx)  # before any page is rendered or OCR'd
        with tempfile.TemporaryDirectory(prefix="kh-pdf-") as tmp:
            ocr_results = ocr_many(_ocr_jobs(path, plans, ocr_idx, Path(tmp)))
    pages_out: list[RawPage] = []
    results = dict(zip(ocr_idx, ocr_results))
    for i, plan in enumerate(plans):
        if plan.text is not None:
            pages_out.append(RawPage(unicodedata.normalize("NFC", plan.text), "text"))
        else:
            r = results[i]
            pages_out.append(RawPage(r.text, "ocr", r.confidence))
    # A text layer typed in a legacy font (.VnTime, VNI-Times) is converted as a whole.
    text_pages = [p for p in pages_out if p.method == "text" and p.text.strip()]
    encoding = None
    if text_pages:
        _, encoding = legacy.repair("\n".join(p.text for p in text_pages))
        if encoding:
            for p in text_pages:
                p.text = legacy.decode_legacy(legacy._to_bytes(p.text) or b"", encoding) or p.text
    return ReadResult(str(path), "pdf", pages_out, encoding=encoding)


def render_pixels(width_pt: float, height_pt: float) -> tuple[int, int]:
    """The size in pixels of a page of ``width_pt`` × ``height_pt`` points rendered for OCR."""
    return int(round(width_pt * RENDER_DPI / 72)), int(round(height_pt * RENDER_DPI / 72))


def _check_sizes(path: Path, plans: list[_Plan], indices: list[int]) -> None:
    """InputError, before anything is rendered, when a page to OCR would make an image larger
    than an image file may be (``image.MAX_PIXELS``): a 1 KB PDF can declare a 200-inch page,
    which rendered at 300 dpi is gigabytes. An embedded JPEG given to Tesseract as it is, is
    held to the same bound by its own pixel size."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except Exception as e:
        raise _open_error(e) from e
    try:
        for i in indices:
            plan = plans[i]
            if plan.jpeg is not None:
                try:
                    w, h = Image.open(io.BytesIO(plan.jpeg)).size
                except Image.DecompressionBombError as e:
                    raise InputError(f"page {i + 1} holds an image too large to OCR "
                                     f"(more than {MAX_PIXELS // 1_000_000} million pixels)") from e
                except Exception:
                    continue  # Tesseract reports a JPEG it cannot read
                if w * h > MAX_PIXELS:
                    raise InputError(f"page {i + 1} holds a {w}×{h} pixel image, too large to OCR")
                continue
            w_pt, h_pt = doc[i].get_size()
            w, h = render_pixels(w_pt, h_pt)
            if w * h > MAX_PIXELS:
                raise InputError(f"page {i + 1} is {w_pt:.0f}×{h_pt:.0f} pt, too large to render "
                                 f"({w}×{h} pixels at {RENDER_DPI} dpi; at most {MAX_PIXELS // 1_000_000} million)")
    finally:
        doc.close()


def _ocr_jobs(path: Path, plans: list[_Plan], indices: list[int], tmp: Path) -> Iterator[tuple[Path, int | None]]:
    """Write each page to OCR as a file, just before it is needed."""
    pdfium_doc = None
    try:
        for i in indices:
            plan = plans[i]
            if plan.jpeg is not None:
                out = tmp / f"page{i:04d}.jpg"
                out.write_bytes(plan.jpeg)
                yield out, plan.dpi
                continue
            if pdfium_doc is None:
                import pypdfium2 as pdfium

                try:
                    pdfium_doc = pdfium.PdfDocument(str(path))
                except Exception as e:
                    raise _open_error(e) from e
            bitmap = pdfium_doc[i].render(scale=RENDER_DPI / 72, grayscale=True)
            out = tmp / f"page{i:04d}.pgm"
            bitmap.to_pil().save(out)
            yield out, RENDER_DPI
    finally:
        if pdfium_doc is not None:
            pdfium_doc.close()
