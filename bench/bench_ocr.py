"""OCR speed: our OCR step against plain Tesseract, parallel against sequential, and --psm.

Prints figures, never asserts. On ~4 scanned pages rendered from the bundled corpus text:
1. seconds/page of ``pipeline.read.ocr.ocr_file`` (one run: txt + tsv, from the JPEG file)
   against ``tesseract IMG stdout -l vie`` on the same JPEGs, both single-threaded and one
   page at a time; the ratio is the overhead of our step (goal: within 5 %);
2. pages/minute reading a 4-page scanned PDF with the pages OCR'd in parallel (one
   Tesseract per core) against one at a time;
3. character error rate and seconds/page for --psm 4 and 6 on the same pages (3 is ours);
4. on the same pages rendered with the harsh scan profile (150-200 dpi, faint, grey, tilted,
   specks): CER and seconds/page of plain Tesseract against our step (which cleans the page
   first, ``pipeline.read.prep``), and of our step without the cleaning (KEHOACH_OCR_PREP=0);
5. on pages holding a ruled table (a composed probe with appendix tables, tests/probes):
   seconds/page of our step with the tables read cell by cell (``pipeline.read.grid``, one
   more Tesseract run on a strip of short cells) against without (KEHOACH_OCR_TABLES=0).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))  # render_corpus

PAGES = int(os.environ.get("BENCH_OCR_PAGES", "4"))
SOURCE = ROOT / "corpus" / "text" / "dongnai-2021-kh-pcmbn.txt"


def _renderer():
    """scripts/render_corpus.py, imported once (scripts/ is on the path)."""
    import render_corpus

    return render_corpus


def _cer(ref: str, hyp: str) -> float:
    import difflib

    a, b = " ".join(ref.split()), " ".join(hyp.split())
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # edit distance from the opcodes: each non-equal block costs its longer side
    cost = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal")
    return cost / max(1, len(a))


def main() -> None:
    from pipeline.read import ocr
    from pipeline.read.pdf import read_pdf

    render = _renderer()
    text = SOURCE.read_text(encoding="utf-8")
    pages = render.layout(text)[:PAGES]
    refs = ["\n".join(it.text for it in items if not it.cells) for items in pages]
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
        tmp = Path(tmp)
        jpgs = []
        for i, items in enumerate(pages):
            p = tmp / f"page{i}.jpg"
            p.write_bytes(render.degrade(render.render_page(items, 300), f"bench#{i}"))
            jpgs.append(p)
        print(f"   {len(jpgs)} scanned pages at 300 dpi (JPEG), {os.cpu_count()} cores")

        # Interleaved, best of two per page: other work on the machine hits both sides alike.
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        plain_t, ours_t, ours_pages = [], [], []
        for p in jpgs:
            best_plain = best_ours = float("inf")
            for _ in range(2):
                t = time.perf_counter()
                subprocess.run(["tesseract", str(p), "stdout", "-l", "vie"], env=env, capture_output=True, check=True)
                best_plain = min(best_plain, time.perf_counter() - t)
                t = time.perf_counter()
                page = ocr.ocr_file(p, 300)
                best_ours = min(best_ours, time.perf_counter() - t)
            plain_t.append(best_plain)
            ours_t.append(best_ours)
            ours_pages.append(page)
        plain, ours = sum(plain_t) / len(jpgs), sum(ours_t) / len(jpgs)
        print(f"   plain tesseract CLI (1 thread): {plain:.2f} s/page")
        print(f"   our OCR step (txt+tsv, 1 run):  {ours:.2f} s/page  ratio {ours / plain:.3f}")
        print(f"   mean CER of our step: {sum(map(_cer, refs, (p.text for p in ours_pages))) / len(refs):.4f}"
              f"  mean confidence {sum(p.confidence or 0 for p in ours_pages) / len(ours_pages):.1f}")

        pdf = tmp / "scan.pdf"
        render.write_image_pdf([p.read_bytes() for p in jpgs], pdf)
        rates = {}
        for workers in (1, 2):
            os.environ["KEHOACH_OCR_WORKERS"] = str(workers)
            t = time.perf_counter()
            r = read_pdf(pdf)
            secs = time.perf_counter() - t
            rates[workers] = len(r.pages) / secs * 60
            print(f"   scanned PDF, {workers} OCR worker(s): {rates[workers]:.1f} pages/min")
        os.environ.pop("KEHOACH_OCR_WORKERS", None)
        print(f"   parallel speed-up: {rates[2] / rates[1]:.2f}x")

        for psm in (4, 6):  # 3 is the default, measured above
            t = time.perf_counter()
            got = [ocr.ocr_file(p, 300, psm=psm) for p in jpgs]
            secs = (time.perf_counter() - t) / len(jpgs)
            cer = sum(map(_cer, refs, (g.text for g in got))) / len(refs)
            print(f"   --psm {psm}: CER {cer:.4f}, {secs:.2f} s/page")

        t = time.perf_counter()
        got = [ocr.ocr_file(p, 300, prep=False) for p in jpgs]
        secs = (time.perf_counter() - t) / len(jpgs)
        print(f"   our step without page cleaning: CER {sum(map(_cer, refs, (g.text for g in got))) / len(refs):.4f}, "
              f"{secs:.2f} s/page")

        dpi = render.harsh_dpi("bench")
        harsh = []
        for i, items in enumerate(pages):
            p = tmp / f"harsh{i}.jpg"
            p.write_bytes(render.degrade_harsh(render.render_page(items, 300), f"bench#harsh#{i}", dpi))
            harsh.append(p)
        print(f"   harsh profile ({dpi} dpi):")
        t = time.perf_counter()
        plain_txt = [subprocess.run(["tesseract", str(p), "stdout", "-l", "vie", "--dpi", str(dpi)], env=env,
                                    capture_output=True, check=True).stdout.decode("utf-8", "replace") for p in harsh]
        secs = (time.perf_counter() - t) / len(harsh)
        print(f"   plain tesseract CLI: CER {sum(map(_cer, refs, plain_txt)) / len(refs):.4f}, {secs:.2f} s/page")
        for prep in (False, True):
            t = time.perf_counter()
            got = [ocr.ocr_file(p, dpi, prep=prep) for p in harsh]
            secs = (time.perf_counter() - t) / len(harsh)
            print(f"   our step {'with' if prep else 'without'} page cleaning: "
                  f"CER {sum(map(_cer, refs, (g.text for g in got))) / len(refs):.4f}, {secs:.2f} s/page")

        table_src = ROOT / "tests" / "probes" / "t05_hungyen_2026_phu_luc_bang.txt"
        tpages = [items for items in render.layout(table_src.read_text(encoding="utf-8")) if any(it.cells for it in items)]
        tjpgs = []
        for i, items in enumerate(tpages):
            p = tmp / f"table{i}.jpg"
            p.write_bytes(render.degrade(render.render_page(items, 300), f"bench#table#{i}"))
            tjpgs.append(p)
        with_t = without_t = 0.0
        for p in tjpgs:  # interleaved, best of two
            best_with = best_without = float("inf")
            for _ in range(2):
                t = time.perf_counter()
                ocr.ocr_file(p, 300, tables=True)
                best_with = min(best_with, time.perf_counter() - t)
                t = time.perf_counter()
                ocr.ocr_file(p, 300, tables=False)
                best_without = min(best_without, time.perf_counter() - t)
            with_t += best_with / len(tjpgs)
            without_t += best_without / len(tjpgs)
        print(f"   {len(tjpgs)} pages with ruled tables: tables read {with_t:.2f} s/page, "
              f"not read {without_t:.2f} s/page, ratio {with_t / max(1e-9, without_t):.3f}")


if __name__ == "__main__":
    main()
