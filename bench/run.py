"""Run every benchmark under bench/ (each ``bench_*.py`` exposing ``main()``) and print figures.

Benchmarks measure; they never assert. Each reports ratios against a baseline measured in the
same run (e.g. our OCR step against plain ``tesseract`` on the same pages), because absolute
seconds depend on the machine and on what else it is doing.
"""
from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem for p in HERE.glob("bench_*.py"))
    for name in names:
        path = HERE / f"{name if name.startswith('bench_') else 'bench_' + name}.py"
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        print(f"== {path.stem}", flush=True)
        t = time.perf_counter()
        mod.main()
        print(f"   ({time.perf_counter() - t:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
