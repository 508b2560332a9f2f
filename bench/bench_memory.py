"""Peak memory of reading one file, as a multiple of the file's size (issue 12, row 8).

Why: a 30 MB text file once took 2.86 GB (95× its size). The bound asked for is peak ≤ 20× the
input plus a fixed floor. Each file is run through ``kehoach extract FILE --json`` in a fresh
process (the whole read → normalise → structure → extract path), and its peak resident size is
taken from the kernel (``os.wait4``). The floor is the peak on a 3 KB plan: the interpreter,
the libraries and the models, whatever the input. Printed per file: size, peak, peak ÷ size,
and the *marginal* ratio (peak − floor) ÷ size, which is what grows with the input; and
whether peak ≤ 20 × size + floor. Files past the text cap (``read.MAX_CHARS``) are refused
with one line, and their peak is what the refusal costs.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT / "corpus"
BOUND = 20


def peak_mb(path: Path) -> tuple[float, int, str]:
    """Peak RSS (MB) of ``kehoach extract path --json`` in a fresh process, its exit code and
    its last stderr line."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "extract", str(path), "--json"],
                                stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        last = (err.read().decode("utf-8", "replace").strip().splitlines() or [""])[-1]
    return usage.ru_maxrss / 1024, proc.returncode, last


def _inputs(tmp: Path) -> list[tuple[str, Path]]:
    plan = (CORPUS / "text" / "cantho-2024-126-kh-ubnd.txt").read_text(encoding="utf-8")
    out = [("corpus txt", CORPUS / "text" / "tuyenquang-2024-61-kh-ubnd.txt"),
           ("corpus docx", CORPUS / "docx" / "cantho-2024-126-kh-ubnd.docx"),
           ("corpus pdf (text layer)", CORPUS / "pdf" / "cantho-2024-126-kh-ubnd.pdf")]
    for mb in (0.25, 0.5, 1.0, 1.8):
        f = tmp / f"plan-{mb}MB.txt"
        f.write_text(plan * max(1, int(mb * 1024 * 1024 / len(plan.encode("utf-8")))), encoding="utf-8")
        out.append((f"text {mb} MB", f))
    big = tmp / "plan-30MB.txt"
    big.write_text(plan * (30 * 1024 * 1024 // len(plan.encode("utf-8"))), encoding="utf-8")
    out.append(("text 30 MB (over the cap)", big))
    deep = tmp / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 5000 + "<p>" + plan.replace("\n", "</p><p>") + "</p>"
                    + "</div>" * 5000 + "</body></html>", encoding="utf-8")
    out.append(("html nested 5000 deep", deep))
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        tiny = tmp / "tiny.txt"
        tiny.write_text((CORPUS / "text" / "cantho-2024-126-kh-ubnd.txt").read_text(encoding="utf-8")[:3000],
                        encoding="utf-8")
        floor, _, _ = peak_mb(tiny)
        print(f"   floor (a 3 KB plan): {floor:.0f} MB")
        print(f"   {'input':<28}{'size MB':>9}{'peak MB':>9}{'peak/size':>11}{'marginal':>10}  peak ≤ {BOUND}×size+floor")
        for name, f in _inputs(tmp):
            size = f.stat().st_size / (1024 * 1024)
            peak, code, last = peak_mb(f)
            ok = peak <= BOUND * size + floor
            note = "" if code == 0 else f"  (exit {code}: {last[-90:]})"
            print(f"   {name:<28}{size:>9.2f}{peak:>9.0f}{peak / size:>10.1f}×{(peak - floor) / size:>9.1f}×  "
                  f"{'yes' if ok else 'NO'}{note}", flush=True)


if __name__ == "__main__":
    main()
