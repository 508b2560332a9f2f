"""Score the extractors on scanned renderings of the composed probe plans (tests/probes).

Usage: python scripts/score_probe_scans.py [--profile default|harsh] [--probes DIR] [--out DIR]
                                          [--only NAME ...] [-v] [--json]

Why: ``score_probes.py`` reads the probes as text, ``score_scanned.py`` scans only the five
seed plans. The probes hold layouts the seeds lack — appendix tables of tasks and of
targets, commune plans, news items — and real plans of that kind arrive as scans, so each
probe is rendered as an image-only PDF (scripts/render_corpus.py: pipe rows drawn as ruled
tables), read through the real PDF reader (OCR), extracted and scored against its JSON with
../shared/eval/score.py. Renderings and OCR results are cached as in score_scanned.py (keyed
by the text, the renderer's and the reader's source), so a re-run after an extractor change
costs only the extraction.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from score_scanned import extract_result, read_cached, scanned_pdf  # noqa: E402

PROBES = ROOT / "tests" / "probes"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def predict(probes: Path, out: Path, gold: Path, profile: str, only: list[str] | None = None) -> list[str]:
    """Render, OCR (cached) and extract each probe: OUT/NAME.json, and GOLD/NAME.json copied."""
    names = []
    for txt in sorted(probes.glob("*.txt")):
        expected = txt.with_suffix(".json")
        if (only and txt.stem not in only) or not expected.exists():
            continue
        t = time.perf_counter()
        pdf = scanned_pdf(txt.read_text(encoding="utf-8"), txt.stem, profile)
        result, sha, hit = read_cached(pdf)
        shutil.copy(expected, gold / expected.name)
        contract = extract_result(result, sha)
        (out / expected.name).write_text(json.dumps(contract, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{txt.stem}: {len(result.pages)} pages, OCR {'cached' if hit else 'run'}, "
              f"{time.perf_counter() - t:.1f} s", file=sys.stderr)
        names.append(txt.stem)
    return names


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--probes", type=Path, default=PROBES)
    ap.add_argument("--out", type=Path, default=None, help="keep the predictions here")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--profile", default="default", choices=("default", "harsh"))
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    ap.add_argument("--json", action="store_true", help="print the scorer's JSON summary")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold"
        gold.mkdir()
        pred = args.out or Path(tmp) / "pred"
        pred.mkdir(parents=True, exist_ok=True)
        predict(args.probes, pred, gold, args.profile, args.only)
        cmd = [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred), "--min-items", "1"]
        return subprocess.call(cmd + (["-v"] if args.verbose else []) + (["--json"] if args.json else []))


if __name__ == "__main__":
    sys.exit(main())
