"""Extract the held-out plans of tests/holdout and score them with ../shared/eval/score.py.

Usage: python scripts/score_holdout.py [--only NAME ...] [--out DIR] [-v]

Why: the five sample plans are a development set and the probes were fixed against; the
held-out plans (composed by an engineer who did not read the extractors, answers written
from the contract alone) estimate how the extractors do on plans they were not tuned on.
Keep them that way: a fix made by reading a held-out miss turns that plan into a dev plan
(say so in tests/holdout/README.md).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import score_probes  # noqa: E402

if __name__ == "__main__":
    sys.argv[1:1] = ["--probes", str(ROOT / "tests" / "holdout")]
    sys.exit(score_probes.main())
