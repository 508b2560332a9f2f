"""Peak memory of reading one file, as a multiple of the file's size (issue 12, row 8).

Why: a 30 MB text file once took 2.86 GB (95× its size). The bound asked for is peak ≤ 20× the
input plus a fixed floor. Each file is run through ``kehoach extract FILE --json`` in a fresh
process (the whole read → normalise → structure → extract path), and its peak resident size is
its own high-water mark (``VmHWM``). The floor is the peak on a 3 KB plan of the same format:
the interpreter, the libraries and the models, whatever the input. Printed per file: size, peak, peak ÷ size,
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


# The child reports its own high-water mark (VmHWM of /proc/self/status, which belongs to the
# process's own address space) at exit. Not ``wait4``'s ru_maxrss: Linux carries the parent's
# peak into a child's across fork and exec, so a bench process grown large would show in every
# child's figure.
_CHILD = r"""
import atexit, os, runpy, sys
def _hwm():
    with open("/proc/self/status") as f:
        kb = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    with open(os.environ["KEHOACH_HWM_OUT"], "w") as f:
        f.write(str(kb))
atexit.register(_hwm)
sys.argv = ["kehoach", "extract", sys.argv[1], "--json"]
runpy.run_module("pipeline.cli", run_name="__main__")
"""


def peak_mb(path: Path) -> tuple[float, int, str]:
    """Peak resident size (MB) of ``kehoach extract path --json`` in a fresh process, its exit
    code and its last stderr line."""
    with tempfile.TemporaryDirectory() as t:
        out = Path(t) / "hwm"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "KEHOACH_HWM_OUT": str(out)}
        r = subprocess.run([sys.executable, "-c", _CHILD, str(path)], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, env=env, cwd=ROOT)
        last = (r.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
        return int(out.read_text()) / 1024, r.returncode, last


def _tiny(tmp: Path, fmt: str, text: str) -> Path:
    """A ~3 KB plan in ``fmt``: the floor of that format's reader (its libraries loaded)."""
    f = tmp / f"tiny.{fmt}"
    if fmt == "txt":
        f.write_text(text, encoding="utf-8")
    elif fmt == "html":
        f.write_text("<html><head><meta charset='utf-8'></head><body>"
                     + "".join(f"<p>{ln}</p>" for ln in text.splitlines()) + "</body></html>", encoding="utf-8")
    elif fmt == "docx":
        import docx

        d = docx.Document()
        for ln in text.splitlines():
            d.add_paragraph(ln)
        d.save(str(f))
    else:
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_page()
        pdf.add_font("DejaVuSans", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        pdf.set_font("DejaVuSans", size=10)
        pdf.multi_cell(0, 5, text)
        pdf.output(str(f))
    return f


def _inputs(tmp: Path) -> list[tuple[str, str, Path]]:
    plan = (CORPUS / "text" / "cantho-2024-126-kh-ubnd.txt").read_text(encoding="utf-8")
    out = [("corpus txt", "txt", CORPUS / "text" / "tuyenquang-2024-61-kh-ubnd.txt"),
           ("corpus docx", "docx", CORPUS / "docx" / "cantho-2024-126-kh-ubnd.docx"),
           ("corpus pdf (text layer)", "pdf", CORPUS / "pdf" / "cantho-2024-126-kh-ubnd.pdf")]
    for mb in (0.25, 0.5, 1.0, 1.8):
        f = tmp / f"plan-{mb}MB.txt"
        f.write_text(plan * max(1, int(mb * 1024 * 1024 / len(plan.encode("utf-8")))), encoding="utf-8")
        out.append((f"text {mb} MB", "txt", f))
    big = tmp / "plan-30MB.txt"
    big.write_text(plan * (30 * 1024 * 1024 // len(plan.encode("utf-8"))), encoding="utf-8")
    out.append(("text 30 MB (over the cap)", "txt", big))
    deep = tmp / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 5000 + "<p>" + plan.replace("\n", "</p><p>") + "</p>"
                    + "</div>" * 5000 + "</body></html>", encoding="utf-8")
    out.append(("html nested 5000 deep", "html", deep))
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        text = (CORPUS / "text" / "cantho-2024-126-kh-ubnd.txt").read_text(encoding="utf-8")[:3000]
        floors = {fmt: peak_mb(_tiny(tmp, fmt, text))[0] for fmt in ("txt", "html", "docx", "pdf")}
        print("   floor (a 3 KB plan, by format): " + ", ".join(f"{k} {v:.0f} MB" for k, v in floors.items()))
        print(f"   {'input':<28}{'size MB':>9}{'peak MB':>9}{'peak/size':>11}{'marginal':>10}  peak ≤ {BOUND}×size+floor")
        for name, fmt, f in _inputs(tmp):
            size = f.stat().st_size / (1024 * 1024)
            floor = floors[fmt]
            peak, code, last = peak_mb(f)
            ok = peak <= BOUND * size + floor
            note = "" if code == 0 else f"  (exit {code}: {last[-90:]})"
            print(f"   {name:<28}{size:>9.2f}{peak:>9.0f}{peak / size:>10.1f}×{(peak - floor) / size:>9.1f}×  "
                  f"{'yes' if ok else 'NO'}{note}", flush=True)


if __name__ == "__main__":
    main()
