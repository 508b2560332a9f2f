"""Ingest and extraction speed on the text corpus. Prints figures, never asserts.

1. ingest of N variants of each bundled seed text (each with a small change, so every file
   hashes differently) into a fresh SQLite file, in documents/second, with 1 and 2 workers;
2. a no-op re-ingest of the same files (nothing changed) in seconds, and as a share of the
   first ingest's time;
3. extraction alone (``pipeline.api.extract``, repeated) in documents/second per core (CPU
   time of this process) on the seed texts as they are and on ~20 KB plans composed at bench
   time from them — the goal is >= 50 documents/s per core on a 20 KB plan;
4. extraction's share of the time of ingesting a scanned plan: the bundled image-only PDF is
   ingested (OCR and all) into a fresh store, then the extraction stages alone (normalise,
   structure, extract) are timed on its already-OCR'd text.
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COPIES = int(os.environ.get("BENCH_INGEST_COPIES", "8"))
REPEAT = int(os.environ.get("BENCH_EXTRACT_REPEAT", "4"))
TEXTS = sorted((ROOT / "corpus" / "text").glob("*.txt"))
SCANNED = sorted((ROOT / "corpus" / "scanned").glob("*.pdf"))
PLAN_BYTES = int(os.environ.get("BENCH_PLAN_KB", "20")) * 1024


def _variants(out: Path) -> list[Path]:
    """COPIES variants of each text: a numbered note line appended, so each hashes apart."""
    files = []
    for src in TEXTS:
        text = src.read_text(encoding="utf-8")
        for i in range(COPIES):
            p = out / f"{src.stem}-{i:03d}.txt"
            p.write_text(text + f"\n(Bản sao số {i + 1} để đo tốc độ.)\n", encoding="utf-8")
            files.append(p)
    return files


def _body(text: str) -> list[str]:
    """The lines of a plan from its first roman-numeral heading on (its header left out)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(r"\s*I\s*[.\-–]\s", line):
            return lines[i:]
    return lines


def _plans_of_size(out: Path, size: int) -> list[Path]:
    """One plan per corpus text, ~``size`` UTF-8 bytes: the text, then the bodies of the next
    texts in turn, cut at a line end. Why composed here: the goal is stated for a 20 KB plan and
    the bundled texts range from 5 to 21 KB; building them at bench time keeps seed sentences
    out of the repository's data."""
    texts = [f.read_text(encoding="utf-8") for f in TEXTS]
    files = []
    for k, (src, text) in enumerate(zip(TEXTS, texts)):
        lines = text.splitlines()
        nbytes = sum(len(l.encode("utf-8")) + 1 for l in lines)
        j = k
        while nbytes < size:
            j += 1
            for line in _body(texts[j % len(texts)]):
                b = len(line.encode("utf-8")) + 1
                if nbytes + b > size:
                    break
                lines.append(line)
                nbytes += b
            else:
                continue
            break
        if nbytes > size:  # the text alone is longer: cut it at a line end
            while lines and nbytes > size:
                nbytes -= len(lines.pop().encode("utf-8")) + 1
        p = out / f"{src.stem}-{size // 1024}kb.txt"
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(p)
    return files


def _forget_texts() -> None:
    """Empty the pipeline's memo caches of text results (``lru_cache`` with a bounded size;
    the loaders of vocabularies and compiled patterns, sized 1 or unbounded, are kept).
    Why: the same few files are extracted again and again here, and a later round must not
    find its headings, lines or whole text already read — a real corpus repeats far less.
    The caches are listed once per set of loaded modules (``_text_caches``): walking every
    module's names before each document cost more than some extraction stages, and
    bench/instr.py counts this call inside each document's instructions."""
    for clear in _text_caches(len(sys.modules)):
        clear()


_CACHES: dict[int, list] = {}


def _text_caches(n_modules: int) -> list:
    """The ``cache_clear`` of every bounded ``lru_cache`` of the loaded pipeline modules, found
    again whenever a module was imported since (``n_modules`` is ``len(sys.modules)``)."""
    found = _CACHES.get(n_modules)
    if found is None:
        found = []
        for name, mod in list(sys.modules.items()):
            if not name.startswith("pipeline"):
                continue
            for obj in vars(mod).values():
                info = getattr(obj, "cache_info", None)
                if info is not None and getattr(obj, "__module__", None) == name and info().maxsize not in (1, None):
                    found.append(obj.cache_clear)
        _CACHES.clear()
        _CACHES[n_modules] = found
    return found


def _extraction_rate(files: list[Path]) -> tuple[float, float, float]:
    """(documents/s per core in CPU time, documents/s wall, mean KB) of ``extract`` on ``files``,
    each document read with the text caches emptied (see ``_forget_texts``)."""
    from pipeline.api import extract

    for f in files:  # warm-up: imports, vocabularies, compiled patterns
        extract(f)
    cpu = wall = 0.0
    n = 0
    for _ in range(REPEAT):
        for f in files:
            _forget_texts()
            t0, w0 = time.process_time(), time.perf_counter()
            extract(f)
            cpu += time.process_time() - t0
            wall += time.perf_counter() - w0
            n += 1
    kb = sum(f.stat().st_size for f in files) / len(files) / 1024
    return n / cpu, n / wall, kb


def _scanned_share(tmp: Path) -> None:
    """Extraction's share of ingesting a scanned plan: whole ingest (OCR included) against the
    extraction stages on the OCR'd text, both in wall time (OCR runs in Tesseract processes)."""
    from pipeline.ingest import ingest
    from pipeline.normalize import normalize
    from pipeline.read import read
    from pipeline.structure import structure
    from pipeline.api import to_contract

    for pdf in SCANNED:
        folder = tmp / f"scan-{pdf.stem}"
        folder.mkdir()
        (folder / pdf.name).write_bytes(pdf.read_bytes())
        t = time.perf_counter()
        stats = ingest([folder], tmp / f"{pdf.stem}.db", workers=1)
        whole = time.perf_counter() - t
        result = read(folder / pdf.name)
        runs, t = 10, time.perf_counter()
        for _ in range(runs):
            to_contract(structure("0" * 64, result.path, result.format, normalize(result), result.encoding))
        ext = (time.perf_counter() - t) / runs
        print(f"   scanned plan {pdf.name}: {stats.pages} pages ({stats.ocr_pages} OCR), ingest {whole:.1f} s, "
              f"extraction stages {ext * 1000:.0f} ms = {ext / whole:.2%} of the ingest")


def main() -> None:
    from pipeline.ingest import ingest

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        corpus.mkdir()
        files = _variants(corpus)
        kb = sum(f.stat().st_size for f in files) / len(files) / 1024
        print(f"   {len(files)} text files, {kb:.1f} KB each on average")
        for workers in (1, 2):
            db = tmp / f"k{workers}.db"
            t = time.perf_counter()
            stats = ingest([corpus], db, workers=workers)
            first = time.perf_counter() - t
            print(f"   ingest, {workers} worker(s): {stats.read / first:.1f} documents/s "
                  f"({stats.read} read, {stats.failed} failed, {first:.2f} s)")
            t = time.perf_counter()
            again = ingest([corpus], db, workers=workers)
            noop = time.perf_counter() - t
            print(f"   no-op re-ingest: {noop:.3f} s ({again.unchanged} unchanged), "
                  f"{noop / first:.1%} of the first ingest")

        cpu, wall, kb = _extraction_rate(TEXTS)
        print(f"   extraction alone, seed texts: {cpu:.1f} documents/s per core (CPU time; {wall:.1f}/s wall), "
              f"{kb:.1f} KB per plan on average")
        plans = tmp / "plans"
        plans.mkdir()
        cpu, wall, kb = _extraction_rate(_plans_of_size(plans, PLAN_BYTES))
        print(f"   extraction alone, composed plans: {cpu:.1f} documents/s per core (CPU time; {wall:.1f}/s wall), "
              f"{kb:.1f} KB per plan (goal: >= 50 per core at 20 KB)")
        if os.environ.get("BENCH_SKIP_SCANNED") != "1":
            _scanned_share(tmp)


if __name__ == "__main__":
    main()
