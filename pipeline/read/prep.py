"""Page images cleaned up before OCR: poor scans made readable for Tesseract.

Why: on a poor scan — faint toner on grey, unevenly lit paper, photocopier specks, a tilt of
a degree or more — Tesseract's layout analysis takes text for pictures and reads nothing of
whole paragraphs. Measured on the harsh renderings (scripts/render_corpus.py, profile
"harsh", 150-200 dpi; ``scripts/score_scanned.py --profile harsh``), character error rate
of the OCR text:

    Tesseract on the JPEG as it is                         21.3 %
    background flattened, Otsu, specks removed, deskewed    3.2 %
    the same without deskew                               ~ 79 % on the worst pages (no gain)
    without flattening the background                       4.0 %
    flattened and deskewed, left grey (Tesseract binarises) 10.3 %
    scaled up to 300 dpi first                      worse (21 % -> 35 % on its own)
    Tesseract's Sauvola thresholding instead           13.7 %, and 60 % slower

On the clean 300 dpi renderings the same steps left the error rate where it was (0.12 % ->
0.10 %) but turned a few small marks ("(5)" read "(B)") and with them a task; so a page that
is already good — white, evenly lit paper, few specks, tilted less than a degree — goes to
Tesseract as it is, and only the analysis is paid for it (see bench/bench_ocr.py). The two
kinds of page are far apart (paper 247 against 200-222, unevenness 2 against 16-36, specks
3 against 20-32 per 10,000 pixels), so the limits below sit well inside the gap.

Only Pillow and numpy (no OpenCV, no scipy): both are already dependencies.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

SKEW_LIMIT = 5.0  # degrees; a scan tilted more than this is turned by a person, not here
DESKEW_FROM = 0.3  # degrees; a smaller tilt is left to Tesseract (it copes, and a turn costs)
# A page is good as it is when all of these hold:
GOOD_PAPER = 235  # the paper's median brightness is at least this (0-255)
GOOD_EVENNESS = 10  # its brightness varies by at most this much over the page (2nd-98th percentile)
GOOD_SPECKS = 8e-4  # isolated specks make at most this share of the pixels
GOOD_TILT = 1.0  # degrees; and the page is tilted by less than this


@dataclass
class Prepared:
    """A cleaned black-and-white page and what was done to it."""

    image: Image.Image
    angle: float  # the tilt that was undone, degrees (0.0 when the page was level enough)


def to_grey(img: Image.Image) -> Image.Image:
    """A greyscale copy (a scan of a printed plan carries no information in colour)."""
    if img.mode == "L":
        return img
    if img.mode in ("RGBA", "LA", "P", "PA"):
        rgba = img.convert("RGBA")
        bg = Image.new("RGB", rgba.size, "white")
        bg.paste(rgba, mask=rgba.getchannel("A"))
        img = bg
    return img.convert("L")


def background(img: Image.Image, cell: int = 24) -> Image.Image:
    """The paper's brightness, ink left out, one pixel per ``cell`` x ``cell`` of the page:
    the page shrunk by box averages (which also average noise away), the brightest of each
    5x5 of those kept (a letter is far smaller than that), smoothed."""
    small = img.resize((max(1, img.width // cell), max(1, img.height // cell)), Image.BOX)
    return small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(2))


def flatten(img: Image.Image, bg: Image.Image | None = None) -> np.ndarray:
    """Each pixel as a share of the paper's brightness there (uint8, paper = 255): grey,
    unevenly lit paper becomes evenly white, so that one threshold fits the whole page."""
    a = np.asarray(img, dtype=np.float32)
    full = np.asarray((bg or background(img)).resize(img.size, Image.BILINEAR), dtype=np.float32)
    return np.clip(a * (255.0 / np.maximum(full, 1.0)), 0, 255).astype(np.uint8)


def otsu_threshold(a: np.ndarray) -> int:
    """Otsu's threshold of a uint8 array: the grey level that best splits ink from paper."""
    hist = np.bincount(a.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    w0 = np.cumsum(hist)
    mu = np.cumsum(hist * np.arange(256))
    w1 = total - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mu[-1] * w0 - mu * total) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = 0
    return int(np.argmax(between))


def despeckle(ink: np.ndarray, window: int = 5, min_ink: int = 4) -> np.ndarray:
    """Ink (bool array) without isolated specks: an ink pixel is kept only when its
    ``window`` x ``window`` neighbourhood holds at least ``min_ink`` ink pixels.

    Why: scanner dust and photocopier specks by the thousand make Tesseract's layout
    analysis take the page for a picture. A letter's stroke always has ink around it; a
    speck of a pixel or two does not.
    """
    img = Image.fromarray(ink.astype(np.uint8) * 255, "L")
    density = np.asarray(img.filter(ImageFilter.BoxBlur(window // 2)), dtype=np.uint16)
    return ink & (density * (window * window) >= (min_ink * 255 - 127))


def skew_angle(ink: np.ndarray, limit: float = SKEW_LIMIT) -> float:
    """The page's tilt in degrees, counter-clockwise positive as in ``Image.rotate``: turning
    the page by minus this angle levels its text lines.

    Projection profile: lines of a level page make the count of ink pixels per row spiky.
    For each candidate angle the ink pixels of a page shrunk to about 600 pixels wide are
    sheared by that angle and counted per row; the angle whose counts vary most from row to
    row wins, searched coarse (0.5 degree) then fine (0.1). Shearing index arrays is a few
    milliseconds per angle, where rotating the image would be tens.
    """
    f = max(1, ink.shape[1] // 600)
    small = ink[: ink.shape[0] // f * f, : ink.shape[1] // f * f]
    small = small.reshape(small.shape[0] // f, f, small.shape[1] // f, f).any(axis=(1, 3))
    ys, xs = np.nonzero(small)
    if len(ys) < 200:
        return 0.0
    h = small.shape[0]
    xs_c = xs.astype(np.float64) - small.shape[1] / 2

    def spikiness(angle: float) -> float:
        # a line tilted counter-clockwise by ``angle`` runs along y = y0 - x*tan(angle)
        # (image y grows downwards); adding x*tan(angle) brings it level
        rows = np.round(ys + xs_c * np.tan(np.radians(angle))).astype(np.int64)
        ok = (rows >= 0) & (rows < h)
        counts = np.bincount(rows[ok], minlength=h).astype(np.float64)
        return float(np.sum(np.diff(counts) ** 2))

    coarse = np.arange(-limit, limit + 1e-9, 0.5)
    best = float(max(coarse, key=spikiness))
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.1)
    return round(float(max(fine, key=spikiness)), 2)


def _clean_and_level(grey: Image.Image) -> bool:
    """Few specks and little tilt, judged on the page at half size: the test every good page
    pays for, so it costs a quarter of the full-size pass (on the bundled and rendered pages
    the tilt comes out the same and the verdicts agree with the full-size ones)."""
    half = grey.resize((max(1, grey.width // 2), max(1, grey.height // 2)), Image.BOX)
    flat = flatten(half, background(half, cell=12))
    raw_ink = flat <= otsu_threshold(flat)
    ink = despeckle(raw_ink)
    specks = (int(raw_ink.sum()) - int(ink.sum())) / max(1, ink.size)
    return specks <= GOOD_SPECKS and abs(skew_angle(ink)) < GOOD_TILT


def prepare(img: Image.Image) -> Prepared | None:
    """A page image made ready for Tesseract: background flattened, binarised at Otsu's
    threshold, specks removed and, when tilted by ``DESKEW_FROM`` degrees or more, levelled;
    None when the page is good as it is (see the GOOD_ limits).

    The resolution is left as it is: scaling a 150-200 dpi page up to 300 dpi made
    Tesseract read it worse, not better (see the module docstring).
    """
    grey = to_grey(img)
    bg = background(grey)
    paper = np.asarray(bg, dtype=np.float32)
    if (float(np.median(paper)) >= GOOD_PAPER
            and float(np.percentile(paper, 98) - np.percentile(paper, 2)) <= GOOD_EVENNESS
            and _clean_and_level(grey)):
        return None
    flat = flatten(grey, bg)
    t = otsu_threshold(flat)
    ink = despeckle(flat <= t)
    angle = skew_angle(ink)
    if abs(angle) >= DESKEW_FROM:
        # turn the flattened grey page (a turned black-and-white page gets jagged edges)
        # and threshold it again
        turned = Image.fromarray(flat, "L").rotate(-angle, resample=Image.BILINEAR, fillcolor=255)
        ink = despeckle(np.asarray(turned) <= t)
    else:
        angle = 0.0
    return Prepared(Image.fromarray(np.where(ink, 0, 255).astype(np.uint8), "L"), angle)
