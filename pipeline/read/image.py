"""Image files (PNG, JPEG, TIFF with any number of pages, BMP, GIF, WebP): OCR each frame.

A single-frame PNG/JPEG/TIFF goes to Tesseract as the file it is (no re-encoding); other
frames and formats are written once as uncompressed PNM, the cheapest thing for Tesseract
to load.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from pipeline.errors import InputError
from pipeline.model import RawPage, ReadResult
from pipeline.read.ocr import ocr_many

DIRECT = {"PNG", "JPEG", "TIFF"}  # formats Tesseract (leptonica) reads as they are
MAX_PIXELS = 12_000 * 12_000  # a decompression bomb is refused, not OCR'd


def _dpi(img: Image.Image) -> int | None:
    """The resolution stored in the file, when it is plausible (else Tesseract guesses)."""
    dpi = img.info.get("dpi")
    if dpi and isinstance(dpi, tuple) and dpi[0] and 70 <= float(dpi[0]) <= 1200:
        return int(round(float(dpi[0])))
    return None


def _frame_for_ocr(frame: Image.Image) -> Image.Image:
    """A frame in a mode PNM can hold: grey or RGB, transparency flattened on white."""
    if frame.mode in ("L", "RGB", "1"):
        return frame
    if frame.mode in ("RGBA", "LA", "P", "PA"):
        rgba = frame.convert("RGBA")
        bg = Image.new("RGB", rgba.size, "white")
        bg.paste(rgba, mask=rgba.getchannel("A"))
        return bg
    return frame.convert("RGB")


def read_image(path: Path) -> ReadResult:
    try:
        img = Image.open(path)
        img.load()
    except (UnidentifiedImageError, OSError, SyntaxError) as e:
        raise InputError(f"not a readable image ({type(e).__name__})") from e
    except Image.DecompressionBombError as e:
        raise InputError("image too large") from e
    if img.width * img.height > MAX_PIXELS:
        raise InputError(f"image too large ({img.width}x{img.height} pixels)")
    if img.width < 50 or img.height < 20:
        raise InputError("no text found (image too small)")
    n_frames = getattr(img, "n_frames", 1)
    with tempfile.TemporaryDirectory(prefix="kh-img-") as tmp:
        if n_frames == 1 and img.format in DIRECT:
            jobs = [(path, _dpi(img))]
        else:
            def frames():
                for i, frame in enumerate(ImageSequence.Iterator(img)):
                    dpi = _dpi(frame) or _dpi(img)
                    out = Path(tmp) / f"frame{i:04d}.pnm"
                    _frame_for_ocr(frame).save(out)
                    yield out, dpi
            jobs = frames()
        results = ocr_many(jobs)
    pages = [RawPage(r.text, "ocr", r.confidence) for r in results]
    if not any(p.text.strip() for p in pages):
        raise InputError("no text found in image")
    return ReadResult(str(path), "image", pages)
