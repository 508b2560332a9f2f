"""Tesseract OCR, tuned for speed on a small machine.

Why it is done this way (each point was measured on rendered A4 plan pages, 2 cores):
- ``-l vie`` only: adding ``eng`` makes Tesseract prefer unaccented readings and strips
  diacritics that the extractors need.
- One Tesseract thread per process (``OMP_THREAD_LIMIT=1``): OpenMP's default threading
  took 10-12 s a page instead of about 2 s; pages of a document are OCR'd in parallel
  instead, one Tesseract process per core (threads suffice: Tesseract is a subprocess).
- Tesseract is given a file path, never an in-memory image: pytesseract's ``image_to_*``
  re-encode each image as PNG first (about 0.9 s a page of pure overhead). The caller passes
  the original file, a JPEG taken as it is out of a PDF, or a raster written once as
  uncompressed PNM.
- Text and word confidences come from ONE run (the ``txt`` and ``tsv`` configs together).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import InputError

LANG = "vie"
# Page segmentation: 3 (automatic layout analysis) reads plan pages (single column, centred
# header blocks side by side at the top) best; see bench/bench_ocr.py for the figures.
PSM = int(os.environ.get("KEHOACH_OCR_PSM", "3"))
TIMEOUT_S = 180  # one page; a pathological image must not hang an ingest


@dataclass
class OcrPage:
    text: str
    confidence: float | None  # mean word confidence 0-100; None when no word was found


def tesseract_cmd() -> str:
    """The tesseract executable; InputError when it is missing (a scanned file cannot be read)."""
    cmd = os.environ.get("TESSERACT_CMD") or shutil.which("tesseract")
    if not cmd:
        raise InputError("needs OCR but tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
    return cmd


def default_workers() -> int:
    """Parallel Tesseract processes: KEHOACH_OCR_WORKERS, else one per core."""
    env = os.environ.get("KEHOACH_OCR_WORKERS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def mean_confidence(tsv: str) -> float | None:
    """Mean confidence of the words (level 5 rows with text) of a Tesseract TSV."""
    total, n = 0.0, 0
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            conf = float(cols[10])
        except ValueError:
            continue
        if conf >= 0:
            total += conf
            n += 1
    return round(total / n, 2) if n else None


def ocr_file(image: str | Path, dpi: int | None = None, psm: int | None = None) -> OcrPage:
    """OCR one image file (PNG, JPEG, TIFF page, PNM) with a single Tesseract run."""
    cmd = tesseract_cmd()
    with tempfile.TemporaryDirectory(prefix="kh-ocr-") as tmp:
        base = Path(tmp) / "out"
        args = [cmd, str(image), str(base), "-l", LANG, "--psm", str(psm or PSM)]
        if dpi:
            args += ["--dpi", str(int(dpi))]
        args += ["txt", "tsv"]
        try:
            proc = subprocess.run(args, env=_env(), capture_output=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired as e:
            raise InputError(f"OCR took longer than {TIMEOUT_S} s on one page") from e
        txt, tsv = base.with_suffix(".txt"), base.with_suffix(".tsv")
        if proc.returncode != 0 or not txt.exists():
            err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = err[-1] if err else f"exit code {proc.returncode}"
            if "Failed loading language" in proc.stderr.decode("utf-8", "replace"):
                reason = "Tesseract has no Vietnamese model (apt-get install tesseract-ocr-vie)"
            raise InputError(f"OCR failed: {reason}")
        text = txt.read_text(encoding="utf-8", errors="replace").replace("\f", "").rstrip() + "\n"
        conf = mean_confidence(tsv.read_text(encoding="utf-8", errors="replace")) if tsv.exists() else None
    return OcrPage(text if text.strip() else "", conf)


def ocr_many(jobs: Iterable[tuple[str | Path, int | None]], workers: int | None = None) -> list[OcrPage]:
    """OCR (image, dpi) jobs in parallel, results in job order.

    ``jobs`` may be a generator that writes each image just before yielding it: the pool
    then OCRs page i while page i+1 is being rendered.
    """
    workers = workers or default_workers()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(ocr_file, image, dpi) for image, dpi in jobs]
        return [f.result() for f in futures]


def ocr_sequential(images: Sequence[tuple[str | Path, int | None]]) -> list[OcrPage]:
    """The same as ``ocr_many`` one page at a time (for the benchmark's comparison)."""
    return [ocr_file(image, dpi) for image, dpi in images]
