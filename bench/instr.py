"""Instructions per ~20 KB document of ``pipeline.api.extract``, counted by callgrind.

Usage: python bench/instr.py            # prints instructions/document (skips without valgrind)

Why instructions and not seconds: the machine this runs on is shared, and wall or CPU time
of a few milliseconds per document moves by a third with the load; an instruction count does
not. The goal (>= 50 documents/s per core at 20 KB) is kept with a margin at <= 80 M
instructions per document.

How: the same child script runs under ``valgrind --tool=callgrind`` twice, extracting the
bench's composed 20 KB plans (bench/bench_ingest.py) K=1 and K=3 times over, with the text
caches emptied before each document; the difference of the two totals over 2 x the number
of plans is the cost of one document, imports and vocabulary loading cancelled out.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
import bench_ingest as b
from pipeline.api import extract
files = sorted(Path({plans!r}).glob("*.txt"))
for _ in range({k}):
    for f in files:
        b._forget_texts()
        extract(f)
"""


def _instructions(plans: Path, k: int, tmp: Path) -> int:
    """Total instructions (callgrind ``summary``) of extracting every plan ``k`` times."""
    script = tmp / f"child{k}.py"
    script.write_text(CHILD.format(root=str(ROOT), bench=str(ROOT / "bench"), plans=str(plans), k=k))
    out = tmp / f"cg.{k}.out"
    env = dict(os.environ, PYTHONHASHSEED="0")
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, str(script)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    m = re.search(r"^summary:\s*(\d+)", out.read_text(errors="replace"), re.M)
    if not m:
        m = re.search(r"^totals:\s*(\d+)", out.read_text(errors="replace"), re.M)
    return int(m.group(1))


def main() -> int:
    if shutil.which("valgrind") is None:
        print("instr: valgrind not found, instruction count skipped (apt-get install valgrind)")
        return 0
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_ingest

    with tempfile.TemporaryDirectory(prefix="bench-instr-") as tmp:
        tmp = Path(tmp)
        plans = tmp / "plans"
        plans.mkdir()
        files = bench_ingest._plans_of_size(plans, 20 * 1024)
        one, three = _instructions(plans, 1, tmp), _instructions(plans, 3, tmp)
    per_doc = (three - one) / (2 * len(files))
    print(f"instr: {per_doc / 1e6:.1f} M instructions per ~20 KB document "
          f"(callgrind, {len(files)} plans, K=3 minus K=1; goal <= 80 M)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
