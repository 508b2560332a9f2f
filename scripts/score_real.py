"""Extract the real-plan gold sets of tests/real and score them with ../shared/eval/score.py.

Usage: python scripts/score_real.py [dev|heldout] [--out DIR] [-v] [--only NAME ...]

Why: composed plans share our blind spots; these are real plan openings and decisions as a
legal-database crawl kept them (../shared/real), annotated from the contract before any rule
was changed for them (tests/real/ANNOTATION.md). ``dev`` may be read to fix rules; ``heldout``
is the estimate: never read to fix a rule.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import score_probes  # noqa: E402

if __name__ == "__main__":
    which = sys.argv.pop(1) if len(sys.argv) > 1 and sys.argv[1] in ("dev", "heldout") else "dev"
    sys.argv[1:1] = ["--probes", str(ROOT / "tests" / "real" / which)]
    sys.exit(score_probes.main())
