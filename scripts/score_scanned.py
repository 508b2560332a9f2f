"""Score the extractors on scanned renderings of the seed plans.

Usage: python scripts/score_scanned.py [--profile default|harsh] [--seeds DIR] [--gold DIR] [--out DIR] [-v] [--json]

Each seed text is rendered as an image-only PDF (300 dpi page images, tilted, blurred,
noised, JPEG; the noise is seeded by the seed's name, so the rendering is reproducible;
``--profile harsh``: 150-200 dpi, faint ink on unevenly lit grey paper, stronger tilt and
blur, speckles, a stamp, JPEG q30-50 — see scripts/render_corpus.py),
read through the real PDF reader (OCR), extracted with the same stages as
``pipeline.api.extract``, written to OUT/NAME.json and scored with ../shared/eval/score.py.

Why a cache: rendering and OCR cost a few seconds a page while extraction costs
milliseconds, and this script is re-run after every extractor change. Renderings are kept
in data/cache/scanned/ under a hash of the text and the renderer's source; OCR results in
data/cache/ocr/ under the PDF's sha256 and the reader's source. A change to either
invalidates its entries by itself.

Also printed per document: the character error rate of the OCR text against the printed
words of the rendering (``cer``) and the same with diacritics folded away (``cer_folded``:
the part of the error that is not a lost or wrong tone mark).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))  # render_corpus

from pipeline.model import RawPage, ReadResult  # noqa: E402

CACHE = ROOT / "data" / "cache"


def _renderer():
    """scripts/render_corpus.py, imported once (scripts/ is on the path)."""
    import render_corpus

    return render_corpus


def _source_hash(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def scanned_pdf(text: str, name: str, profile: str = "default") -> Path:
    """The cached scanned rendering of ``text`` in ``profile`` (made on first use)."""
    render = _renderer()
    parts = (text, name, _source_hash(ROOT / "scripts" / "render_corpus.py"))
    key = render.content_key(*parts) if profile == "default" else render.content_key(*parts, profile)
    out = CACHE / "scanned" / f"{name}.{key}.pdf"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(".tmp")
        render.write_scanned_pdf(text, tmp, key=f"{name}.scan.pdf", profile=profile)
        tmp.replace(out)
    return out


def cer(ref: str, hyp: str) -> float:
    """Character error rate of ``hyp`` against ``ref``, whitespace runs taken as one space.

    The edit cost is read off difflib's opcodes (each differing block costs its longer side):
    an upper bound of the Levenshtein distance that is close to it for OCR-like errors.
    """
    import difflib

    a, b = " ".join(ref.split()), " ".join(hyp.split())
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    cost = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal")
    return cost / max(1, len(a))


def page_refs(text: str) -> list[str]:
    """The printed words of each rendered page (what a perfect OCR would read)."""
    return ["\n".join(it.text for it in items if not it.cells) for items in _renderer().layout(text)]


def read_cached(pdf: Path) -> tuple[ReadResult, str, bool]:
    """(ReadResult, sha256 of the PDF, whether it came from the cache)."""
    from pipeline.api import sha256_file
    from pipeline.read import read

    sha = sha256_file(pdf)
    reader_src = ROOT / "pipeline" / "read"
    key = _source_hash(*(reader_src / m for m in ("pdf.py", "ocr.py", "prep.py", "grid.py", "__init__.py")))
    from pipeline.read.ocr import tables_enabled

    if not tables_enabled():  # KEHOACH_OCR_TABLES=0: tables read as loose lines, cached apart
        key += "-notables"
    cached = CACHE / "ocr" / f"{sha[:24]}.{key}.json"
    if cached.exists():
        d = json.loads(cached.read_text(encoding="utf-8"))
        pages = [RawPage(**p) for p in d.pop("pages")]
        return ReadResult(pages=pages, **d), sha, True
    result = read(pdf)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(asdict(result), ensure_ascii=False), encoding="utf-8")
    return result, sha, False


def extract_result(result: ReadResult, sha: str) -> dict:
    """The contract JSON from an already-read file (the stages of ``pipeline.api.load``)."""
    from pipeline.api import to_contract
    from pipeline.normalize import normalize
    from pipeline.structure import structure

    doc = structure(sha, result.path, result.format, normalize(result), result.encoding)
    return to_contract(doc)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    ap.add_argument("--out", type=Path, default=Path("/tmp/pred_scanned"))
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the scorer's JSON summary")
    ap.add_argument("--profile", default="default", choices=("default", "harsh"), help="scan profile of the renderings")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from pipeline.text.fold import fold

    errs: list[tuple[float, float, int]] = []
    for seed in sorted(args.seeds.glob("*.txt")):
        t = time.perf_counter()
        text = seed.read_text(encoding="utf-8")
        pdf = scanned_pdf(text, seed.stem, args.profile)
        result, sha, hit = read_cached(pdf)
        refs = page_refs(text)
        n = sum(len(r) for r in refs)
        e = sum(cer(r, p.text) * len(r) for r, p in zip(refs, result.pages)) / max(1, n)
        ef = sum(cer(fold(r), fold(p.text)) * len(r) for r, p in zip(refs, result.pages)) / max(1, n)
        errs.append((e, ef, n))
        contract = extract_result(result, sha)
        (args.out / f"{seed.stem}.json").write_text(json.dumps(contract, ensure_ascii=False, indent=1), encoding="utf-8")
        confs = [p.confidence for p in result.pages if p.confidence is not None]
        print(f"{seed.stem}: {len(result.pages)} pages, OCR {'cached' if hit else 'run'}, "
              f"mean confidence {sum(confs) / max(1, len(confs)):.1f}, cer {e:.4f}, cer_folded {ef:.4f}, "
              f"{time.perf_counter() - t:.1f} s", file=sys.stderr)
    total = sum(n for _, _, n in errs) or 1
    print(f"profile {args.profile}: cer {sum(e * n for e, _, n in errs) / total:.4f}, "
          f"cer_folded {sum(f * n for _, f, n in errs) / total:.4f}", file=sys.stderr)
    cmd = [sys.executable, str(ROOT.parent / "shared" / "eval" / "score.py"), "--gold", str(args.gold), "--pred", str(args.out)]
    return subprocess.call(cmd + (["-v"] if args.verbose else []) + (["--json"] if args.json else []))


if __name__ == "__main__":
    sys.exit(main())
