"""Extract every composed probe plan of tests/probes and score it with ../shared/eval/score.py.

Usage: python scripts/score_probes.py [--probes DIR] [--out DIR] [-v] [--json] [--only NAME ...]

Why: the five sample plans are a development set; the extractors are judged on plans they
never saw (national plans, other topics, news items, 2026 plans after the reorganisation,
review plans with a report outline, appendix tables, OCR damage). The probes are such plans,
composed by hand with their expected answers in the gold format (NAME.txt + NAME.json), so
the same scorer reads them. Only the parts a probe's JSON names are scored: the t* probes
name only `tasks` (tasks, assignments and areas), the others the header, references, agencies,
targets and deadlines.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.api import extract  # noqa: E402

PROBES = ROOT / "tests" / "probes"
# ../shared from the main checkout or from a worktree under /work/wt
SCORER = next((b / "shared" / "eval" / "score.py" for b in (ROOT.parent, ROOT.parent.parent)
               if (b / "shared" / "eval" / "score.py").is_file()), ROOT.parent / "shared" / "eval" / "score.py")


def predict(probes: Path, out: Path, gold: Path, only: list[str] | None = None) -> list[str]:
    """Write OUT/NAME.json (the extraction) and GOLD/NAME.json (the expected answer) for each probe."""
    names = []
    for txt in sorted(probes.glob("*.txt")):
        if only and txt.stem not in only:
            continue
        expected = txt.with_suffix(".json")
        if not expected.exists():
            continue
        shutil.copy(expected, gold / expected.name)
        (out / expected.name).write_text(json.dumps(extract(txt), ensure_ascii=False, indent=1), encoding="utf-8")
        names.append(txt.stem)
    return names


def score(probes: Path = PROBES, out: Path | None = None, only: list[str] | None = None) -> dict:
    """Extract and score the probes; the scorer's JSON summary."""
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold"
        gold.mkdir()
        pred = out or Path(tmp) / "pred"
        pred.mkdir(parents=True, exist_ok=True)
        predict(probes, pred, gold, only)
        res = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred), "--json",
                              "--min-items", "1"], capture_output=True, text=True, check=True)
        return json.loads(res.stdout)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--probes", type=Path, default=PROBES)
    ap.add_argument("--out", type=Path, default=None, help="keep the predictions here")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.json:
        print(json.dumps(score(args.probes, args.out, args.only), ensure_ascii=False, indent=2))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold"
        gold.mkdir()
        pred = args.out or Path(tmp) / "pred"
        pred.mkdir(parents=True, exist_ok=True)
        predict(args.probes, pred, gold, args.only)
        cmd = [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred), "--min-items", "1"]
        return subprocess.call(cmd + (["-v"] if args.verbose else []))


if __name__ == "__main__":
    sys.exit(main())
