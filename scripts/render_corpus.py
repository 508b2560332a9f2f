"""Make the bundled corpus: the seed plans as text, digital PDF, scanned PDF, PNG, DOCX, TCVN3.

Usage:
    python scripts/render_corpus.py                 # copy seeds to corpus/text, render the bundled set
    python scripts/render_corpus.py --all OUT_DIR   # every rendering of every seed into OUT_DIR

Why renderings: real plans arrive as scans and PDFs far more often than as text, and the
readers (text layer, embedded JPEG, rasterised page, multi-page TIFF) must be tested on
files that look like them. Pages are laid out once, in points on A4 (``layout``), and the
same layout is drawn by Pillow (images, scans) and by fpdf2 (a PDF with a text layer), with
the DejaVu fonts (Debian fonts-dejavu-core). Scans get a small rotation, blur, noise and JPEG
compression from a random generator seeded by the file name, so renderings are reproducible.

Two scan profiles: "default" (300 dpi, tilt under 1 degree, light blur, JPEG q55: a good
office scanner) and "harsh" (150-200 dpi, tilt 1-3 degrees, strong blur, faint ink on grey
unevenly lit paper, speckles, a stamp on the last page, JPEG q30-50: the copy of a copy
that real plans often arrive as). OCR robustness is measured on the harsh one
(``scripts/score_scanned.py --profile harsh``).

The functions here are imported by tests/read, bench/ and scripts/score_scanned.py.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import re
import shutil
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"regular": "DejaVuSerif.ttf", "bold": "DejaVuSerif-Bold.ttf", "italic": "DejaVuSerif-Italic.ttf"}
A4 = (595.28, 841.89)  # points
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 85.0, 57.0, 57.0, 57.0
SIZE = 12.0  # points; plans use 13-14 pt Times, DejaVu Serif is wider
LEADING = 1.4
INDENT = 28.0

# Seed id → readable name of its copy in corpus/text (see corpus/MANIFEST.tsv).
SEED_NAMES = {
    "000_d752be529addabe1": "dongnai-2021-kh-pcmbn",
    "001_e3a1cb123723f6ba": "tuyenquang-2024-61-kh-ubnd",
    "002_661d76cd0fd3c543": "gialai-2025-836-kh-ubnd",
    "003_b86f15457b51ef65": "news-2021-ct-pcmbn",
    "004_a09bc18afcbd56b0": "cantho-2024-126-kh-ubnd",
}


@dataclass
class Item:
    """One laid-out line: left x and baseline y in points, text, style, size, table row cells."""

    x: float
    y: float
    text: str
    style: str = "regular"
    size: float = SIZE
    cells: list[tuple[float, float]] | None = None  # table row: (x0, x1) of each cell
    row_top: float = 0.0
    row_bottom: float = 0.0


@lru_cache(maxsize=None)
def font(style: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / FONTS[style]), px)


def text_width(text: str, style: str = "regular", size: float = SIZE) -> float:
    """Width in points of ``text`` set in ``style`` at ``size`` points."""
    return font(style, 100).getlength(text) * size / 100


def clean_markup(line: str) -> str:
    """The printed words of a seed line: markdown heading marks, bold marks, stray pipes out."""
    line = re.sub(r"^#+\s*", "", line)
    line = line.replace("**", "")
    if not line.lstrip().startswith("|"):
        line = re.sub(r"\s*\|\s*$", "", line)
    return line.rstrip()


def _is_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(line) <= 160


def _wrap(words: list[str], width: float, first_indent: float, style: str) -> list[tuple[float, str]]:
    lines: list[tuple[float, str]] = []
    cur: list[str] = []
    indent = first_indent
    for w in words:
        trial = " ".join(cur + [w])
        if cur and text_width(trial, style) > width - indent:
            lines.append((indent, " ".join(cur)))
            cur, indent = [w], 0.0
        else:
            cur.append(w)
    if cur:
        lines.append((indent, " ".join(cur)))
    return lines


def layout(text: str) -> list[list[Item]]:
    """Lay a plan's text out on A4 pages: headings bold and centred, paragraphs wrapped, pipe
    lines (``| a | b |``) as ruled table rows."""
    width = A4[0] - MARGIN_LEFT - MARGIN_RIGHT
    lh = SIZE * LEADING
    pages: list[list[Item]] = [[]]
    y = MARGIN_TOP + SIZE

    def need(h: float) -> None:
        nonlocal y
        if y + h > A4[1] - MARGIN_BOTTOM:
            pages.append([])
            y = MARGIN_TOP + SIZE

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = clean_markup(raw)
        if not line.strip() or re.fullmatch(r"\|?[\s|:-]*\|?", line.strip()):
            y += lh * 0.35
            continue
        if line.lstrip().startswith("|") and line.count("|") >= 3:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            n = len(cells)
            col_w = width / n
            wrapped = [_wrap(c.split(), col_w - 8, 0.0, "regular") or [(0.0, "")] for c in cells]
            rows = max(len(w) for w in wrapped)
            h = rows * lh + 6
            need(h)
            bounds = [(MARGIN_LEFT + i * col_w, MARGIN_LEFT + (i + 1) * col_w) for i in range(n)]
            top = y - SIZE - 2
            for k in range(rows):
                for i, w in enumerate(wrapped):
                    if k < len(w):
                        pages[-1].append(Item(bounds[i][0] + 4, y + k * lh + 2, w[k][1]))
            pages[-1].append(Item(0, 0, "", cells=bounds, row_top=top, row_bottom=top + h))
            y += h
            continue
        heading = _is_heading(line)
        style = "bold" if heading or re.match(r"^[IVX]+\.\s", line) else "regular"
        centred = heading and len(line) <= 90
        indent = 0.0 if heading or centred else INDENT
        for ind, part in _wrap(line.split(), width, indent, style):
            need(lh)
            if centred:
                x = MARGIN_LEFT + (width - text_width(part, style)) / 2
            else:
                x = MARGIN_LEFT + ind
            pages[-1].append(Item(x, y, part, style))
            y += lh
        y += lh * 0.25
    return [p for p in pages if p]


def render_page(items: list[Item], dpi: int = 300) -> Image.Image:
    """One laid-out page as a clean greyscale image at ``dpi``."""
    s = dpi / 72
    img = Image.new("L", (round(A4[0] * s), round(A4[1] * s)), 255)
    draw = ImageDraw.Draw(img)
    for it in items:
        if it.cells:
            w = max(1, round(s * 0.6))
            for x0, x1 in it.cells:
                draw.rectangle([x0 * s, it.row_top * s, x1 * s, it.row_bottom * s], outline=0, width=w)
            continue
        draw.text((it.x * s, it.y * s), it.text, font=font(it.style, round(it.size * s)), fill=0, anchor="ls")
    return img


def degrade(img: Image.Image, key: str, quality: int = 55) -> bytes:
    """A scanner's copy of a clean page as JPEG bytes: tilt, blur, grey paper, noise.

    ``key`` seeds the random generator, so a file renders the same every time.
    """
    import numpy as np

    rng = np.random.default_rng(int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big"))
    angle = float(rng.uniform(-0.8, 0.8))
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(radius=float(rng.uniform(0.5, 0.9))))
    a = np.asarray(img, dtype=np.float32)
    a = a * 0.92 + 12  # grey paper, ink not quite black
    a += rng.normal(0, 4, a.shape)
    specks = rng.random(a.shape) < 0.0004
    a[specks] = rng.uniform(0, 120, int(specks.sum()))
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=quality, dpi=(img.info.get("dpi", (300, 300))[0],) * 2)
    return buf.getvalue()


PROFILES = ("default", "harsh")


def _rng(key: str):
    import numpy as np

    return np.random.default_rng(int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big"))


def harsh_dpi(key: str) -> int:
    """The scanner resolution of a harsh rendering: one setting per document, 150-200 dpi."""
    return int(_rng(key + "/dpi").integers(150, 201))


def _stamp(size: tuple[int, int], rng, s: float) -> Image.Image:
    """A round office stamp (a ring, an inner ring, a star, letters round the edge) as an ink
    mask (255 = ink) of ``size``, placed where the signature sits at the bottom right."""
    mask = Image.new("L", size, 0)
    d = ImageDraw.Draw(mask)
    r = 60 * s  # 120 pt across
    cx = size[0] - (MARGIN_RIGHT + 110) * s + float(rng.uniform(-20, 20)) * s
    cy = size[1] * float(rng.uniform(0.25, 0.75))
    ink = int(rng.integers(150, 200))
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=ink, width=max(2, round(3 * s)))
    d.ellipse([cx - 0.72 * r, cy - 0.72 * r, cx + 0.72 * r, cy + 0.72 * r], outline=ink, width=max(1, round(1.5 * s)))
    f = font("bold", max(8, round(9 * s)))
    import math

    for k, ch in enumerate("ỦY BAN NHÂN DÂN TỈNH *"):
        a = math.pi * (0.9 + 1.2 * k / 21)
        d.text((cx + 0.86 * r * math.cos(a), cy + 0.86 * r * math.sin(a)), ch, font=f, fill=ink, anchor="mm")
    d.regular_polygon((cx, cy, 0.25 * r), 5, fill=ink)
    return mask


def degrade_harsh(img: Image.Image, key: str, dpi: int, stamp: bool = False) -> bytes:
    """A poor scanner's copy of a clean 300 dpi page as JPEG bytes at ``dpi``.

    Faint ink (black prints as dark grey), a tilt of 1-3 degrees either way, strong blur,
    grey paper lit unevenly (a gradient across the page and darker edges), noise and dark
    specks, an optional stamp over the signature, then down-sampling to the scanner's dpi
    and JPEG quality 30-50. Seeded by ``key``.
    """
    import numpy as np

    rng = _rng(key)
    s300 = 300 / 72
    if stamp:
        ink = _stamp(img.size, rng, s300)
        img = Image.fromarray(np.minimum(np.asarray(img), 255 - np.asarray(ink)).astype(np.uint8), "L")
    angle = float(rng.uniform(1.0, 3.0)) * (1 if rng.random() < 0.5 else -1)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(radius=float(rng.uniform(1.2, 1.8))))
    w, h = round(A4[0] * dpi / 72), round(A4[1] * dpi / 72)
    img = img.resize((w, h), Image.BILINEAR)
    a = np.asarray(img, dtype=np.float32) / 255.0
    paper = float(rng.uniform(205, 230))
    ink_level = float(rng.uniform(55, 95))  # faint toner
    a = ink_level + a * (paper - ink_level)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    gx, gy = float(rng.uniform(-1, 1)), float(rng.uniform(-1, 1))
    light = 1.0 + 0.12 * (gx * (xx / w - 0.5) + gy * (yy / h - 0.5))
    light -= 0.10 * (((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2) * 2)  # darker edges
    a = a * light
    a += rng.normal(0, float(rng.uniform(6, 10)), a.shape)
    specks = rng.random(a.shape) < 0.002
    a[specks] = rng.uniform(0, 110, int(specks.sum()))
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=int(rng.integers(30, 51)), dpi=(dpi, dpi))
    return buf.getvalue()


def _new_pdf():
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_creator("kehoach render_corpus")
    pdf.set_creation_date(__import__("datetime").datetime(2000, 1, 1, tzinfo=__import__("datetime").timezone.utc))
    return pdf


def write_digital_pdf(text: str, out: Path) -> int:
    """A PDF with a text layer (fonts embedded); returns the page count."""
    pdf = _new_pdf()
    pdf.add_font("DejaVuSerif", "", str(FONT_DIR / FONTS["regular"]))
    pdf.add_font("DejaVuSerif", "B", str(FONT_DIR / FONTS["bold"]))
    pdf.add_font("DejaVuSerif", "I", str(FONT_DIR / FONTS["italic"]))
    pages = layout(text)
    for items in pages:
        pdf.add_page()
        for it in items:
            if it.cells:
                pdf.set_line_width(0.6)
                for x0, x1 in it.cells:
                    pdf.rect(x0, it.row_top, x1 - x0, it.row_bottom - it.row_top)
                continue
            pdf.set_font("DejaVuSerif", {"regular": "", "bold": "B", "italic": "I"}[it.style], it.size)
            pdf.text(it.x, it.y, it.text)
    pdf.output(str(out))
    return len(pages)


def scanned_pages(text: str, key: str, dpi: int = 300, profile: str = "default") -> list[bytes]:
    """JPEG bytes of each page as a scanner would have made it (``profile``: see PROFILES)."""
    pages = layout(text)
    if profile == "harsh":
        sdpi = harsh_dpi(key)
        return [degrade_harsh(render_page(items, 300), f"{key}#harsh#{i}", sdpi, stamp=i == len(pages) - 1)
                for i, items in enumerate(pages)]
    if profile != "default":
        raise ValueError(profile)
    return [degrade(render_page(items, dpi), f"{key}#{i}") for i, items in enumerate(pages)]


def write_image_pdf(jpegs: list[bytes], out: Path) -> int:
    """An image-only PDF, one JPEG per A4 page, embedded as it is (DCTDecode)."""
    pdf = _new_pdf()
    for data in jpegs:
        pdf.add_page()
        pdf.image(io.BytesIO(data), x=0, y=0, w=A4[0], h=A4[1])
    pdf.output(str(out))
    return len(jpegs)


def write_mixed_pdf(parts: list[tuple[str, str]], out: Path, dpi: int = 300) -> list[str]:
    """A PDF whose pages are typed ("text") or scanned: "scan" embeds a degraded JPEG,
    "flate" a clean lossless image (which a reader must rasterise). Returns each page's kind."""
    pdf = _new_pdf()
    for style, fname in FONTS.items():
        pdf.add_font("DejaVuSerif", {"regular": "", "bold": "B", "italic": "I"}[style], str(FONT_DIR / fname))
    kinds = []
    for text, how in parts:
        for i, items in enumerate(layout(text)):
            pdf.add_page()
            kinds.append(how)
            if how == "text":
                for it in items:
                    if it.cells:
                        for x0, x1 in it.cells:
                            pdf.rect(x0, it.row_top, x1 - x0, it.row_bottom - it.row_top)
                        continue
                    pdf.set_font("DejaVuSerif", {"regular": "", "bold": "B", "italic": "I"}[it.style], it.size)
                    pdf.text(it.x, it.y, it.text)
            elif how == "scan":
                pdf.image(io.BytesIO(degrade(render_page(items, dpi), f"{out.name}#{len(kinds)}")), x=0, y=0, w=A4[0], h=A4[1])
            elif how == "flate":
                buf = io.BytesIO()
                render_page(items, dpi).save(buf, "PNG")
                pdf.image(buf, x=0, y=0, w=A4[0], h=A4[1])
            else:
                raise ValueError(how)
    pdf.output(str(out))
    return kinds


def write_scanned_pdf(text: str, out: Path, key: str | None = None, dpi: int = 300, profile: str = "default") -> int:
    return write_image_pdf(scanned_pages(text, key or out.name, dpi, profile), out)


def write_pngs(text: str, out_stem: Path, dpi: int = 300, pages: int | None = None) -> list[Path]:
    """Clean PNG pages ``STEM-p1.png``... (all pages, or the first ``pages``)."""
    paths = []
    for i, items in enumerate(layout(text)[:pages]):
        p = out_stem.with_name(f"{out_stem.name}-p{i + 1}.png")
        render_page(items, dpi).save(p, dpi=(dpi, dpi), optimize=True)
        paths.append(p)
    return paths


def write_tiff(text: str | list[str], out: Path, dpi: int = 300, pages: int | None = None) -> int:
    """A multi-page TIFF (Group 4 fax compression, as office scanners write); a list of
    texts starts each text on a new page."""
    texts = [text] if isinstance(text, str) else text
    laid = [items for t in texts for items in layout(t)][:pages]
    imgs = [render_page(items, dpi).point(lambda v: 255 if v > 128 else 0).convert("1") for items in laid]
    imgs[0].save(out, save_all=True, append_images=imgs[1:], compression="group4", dpi=(dpi, dpi))
    return len(imgs)


def write_docx(text: str, out: Path) -> int:
    """A DOCX: one paragraph per line, headings bold and centred, pipe lines as a table."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    d.core_properties.created = __import__("datetime").datetime(2000, 1, 1)
    table_rows: list[list[str]] = []

    def flush() -> None:
        if table_rows:
            n = max(len(r) for r in table_rows)
            t = d.add_table(rows=len(table_rows), cols=n)
            t.style = "Table Grid"
            for i, r in enumerate(table_rows):
                for j, c in enumerate(r):
                    t.cell(i, j).text = c
            table_rows.clear()

    count = 0
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = clean_markup(raw)
        if line.lstrip().startswith("|") and line.count("|") >= 3:
            if not re.fullmatch(r"\|?[\s|:-]*\|?", line.strip()):
                table_rows.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        flush()
        if not line.strip():
            continue
        p = d.add_paragraph()
        run = p.add_run(line)
        if _is_heading(line) or re.match(r"^[IVX]+\.\s", line):
            run.bold = True
            if _is_heading(line) and len(line) <= 90:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        count += 1
    flush()
    d.core_properties.modified = d.core_properties.created
    buf = io.BytesIO()
    d.save(buf)
    _fixed_zip(buf.getvalue(), out)
    return count


def _fixed_zip(data: bytes, out: Path) -> None:
    """Rewrite a ZIP with fixed timestamps so that a re-render is byte-identical."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))


def write_legacy_txt(text: str, out: Path, encoding: str = "tcvn3") -> None:
    """The text as a .VnTime (TCVN3) or VNI-Times user would have saved it: 8-bit bytes."""
    from pipeline.read.legacy import encode_legacy

    out.write_bytes(encode_legacy("\n".join(clean_markup(l) for l in text.split("\n")), encoding).replace(b"\n", b"\r\n"))


def content_key(*parts: str | bytes) -> str:
    """A short hash naming a rendering by what it was made from (for caches)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()[:16]


# ---------------------------------------------------------------------------------------
# The bundled corpus

BUNDLE = [
    # (relative path, seed name, how)
    ("pdf/cantho-2024-126-kh-ubnd.pdf", "cantho-2024-126-kh-ubnd", "digital"),
    ("docx/cantho-2024-126-kh-ubnd.docx", "cantho-2024-126-kh-ubnd", "docx"),
    ("scanned/news-2021-ct-pcmbn.scan.pdf", "news-2021-ct-pcmbn", "scanned"),
    ("image/tuyenquang-2024-61-kh-ubnd-p1.png", "tuyenquang-2024-61-kh-ubnd", "png1"),
    ("legacy/gialai-2025-836-kh-ubnd.tcvn3.txt", "gialai-2025-836-kh-ubnd", "tcvn3"),
]
HOW = {
    "text": "copy of the seed text (UTF-8)",
    "digital": "fpdf2 PDF with text layer, DejaVu Serif 12pt on A4",
    "docx": "python-docx, one paragraph per line, headings bold",
    "scanned": "image-only PDF: 300 dpi page images tilted, blurred, noised, JPEG q55, one per page",
    "png1": "first page rendered clean at 300 dpi (PNG)",
    "png": "every page rendered clean at 300 dpi (PNG)",
    "tiff": "multi-page Group 4 TIFF at 300 dpi",
    "tcvn3": "8-bit TCVN3 (.VnTime) bytes, CRLF line ends",
    "vni": "8-bit VNI-Windows (VNI-Times) bytes, CRLF line ends",
}


def render(how: str, text: str, out: Path) -> list[Path]:
    """Make one rendering ``how`` of ``text`` at ``out``; returns the files written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if how == "digital":
        write_digital_pdf(text, out)
    elif how == "docx":
        write_docx(text, out)
    elif how == "scanned":
        write_scanned_pdf(text, out, key=out.name)
    elif how in ("png1", "png"):
        stem = out.with_name(re.sub(r"-p1\.png$|\.png$", "", out.name))
        return write_pngs(text, stem, pages=1 if how == "png1" else None)
    elif how == "tiff":
        write_tiff(text, out)
    elif how in ("tcvn3", "vni"):
        write_legacy_txt(text, out, how)
    elif how == "text":
        out.write_text(text, encoding="utf-8")
    else:
        raise ValueError(how)
    return [out]


def copy_seeds(seeds: Path, corpus: Path) -> dict[str, str]:
    """Seeds → corpus/text/NAME.txt; returns name → seed id."""
    (corpus / "text").mkdir(parents=True, exist_ok=True)
    ids = {}
    for seed_id, name in SEED_NAMES.items():
        src = seeds / f"{seed_id}.txt"
        if src.exists():
            shutil.copyfile(src, corpus / "text" / f"{name}.txt")
        ids[name] = seed_id
    return ids


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--all", type=Path, metavar="OUT_DIR", help="render every seed every way into OUT_DIR")
    args = ap.parse_args()
    corpus = args.corpus
    if args.seeds.is_dir():
        ids = copy_seeds(args.seeds, corpus)
    else:  # no shared/ beside the repo: render from the copies already bundled
        ids = {name: seed_id for seed_id, name in SEED_NAMES.items()}
    texts = {name: (corpus / "text" / f"{name}.txt").read_text(encoding="utf-8") for name in ids
             if (corpus / "text" / f"{name}.txt").exists()}
    rows = [("file", "seed", "how made")]
    rows += [(f"text/{name}.txt", ids[name], HOW["text"]) for name in sorted(texts)]
    if args.all:
        for name, text in sorted(texts.items()):
            for how, ext in (("digital", ".pdf"), ("docx", ".docx"), ("scanned", ".scan.pdf"), ("png", ".png"),
                             ("tiff", ".tif"), ("tcvn3", ".tcvn3.txt"), ("vni", ".vni.txt")):
                for p in render(how, text, args.all / f"{name}{ext}"):
                    print(p)
        return 0
    for rel, name, how in BUNDLE:
        if name not in texts:
            continue
        for p in render(how, texts[name], corpus / rel):
            rows.append((str(p.relative_to(corpus)), ids[name], HOW[how]))
            print(f"{p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}  {p.stat().st_size // 1024} KB")
    (corpus / "MANIFEST.tsv").write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
