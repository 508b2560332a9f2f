"""Extract every seed plan of ../shared/seeds and score it with ../shared/eval/score.py.

Usage: python scripts/score_seeds.py [--seeds DIR] [--out DIR] [-v]
Predictions are written as OUT/NAME.json, named like the gold files.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.api import extract  # noqa: E402


# ../shared from the main checkout or from a worktree under /work/wt
SHARED = next((b / "shared" for b in (ROOT.parent, ROOT.parent.parent) if (b / "shared" / "eval" / "score.py").is_file()),
              ROOT.parent / "shared")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "pred")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for f in sorted(args.seeds.iterdir()):
        if f.is_file():
            (args.out / (f.stem + ".json")).write_text(json.dumps(extract(f), ensure_ascii=False, indent=1), encoding="utf-8")
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(args.gold), "--pred", str(args.out)]
    return subprocess.call(cmd + (["-v"] if args.verbose else []))


if __name__ == "__main__":
    sys.exit(main())
