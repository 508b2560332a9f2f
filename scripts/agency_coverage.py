"""Organisation-looking phrases the gazetteer leaves without an id, over ../shared/real.

Usage: python scripts/agency_coverage.py [DIR ...] [--top N] [--all]

Why: plans on any subject name bodies the anti-trafficking vocabulary never met (ministries,
national committees, boards, departments, press, public service units). A phrase that opens
with an organisation word (Sở, Ban, Bộ, Cục, Hội, Ủy ban, Trung tâm, Báo, Đài, Tổng cục, ...)
followed by a capitalised word looks like a body's name; when no gazetteer mention starts at
its first word, the gazetteer has no id for it. The script prints those phrases (first four
words, most frequent first) and their count; README.md records the count.

Files whose names appear in tests/real/heldout are skipped (the held-out estimate stays
untouched).
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.lexicon.agency_mentions import find_agencies  # noqa: E402

REAL = ROOT.parent.parent / "shared" / "real"
if not REAL.is_dir():
    REAL = Path("/work/shared/real")
HELDOUT = ROOT / "tests" / "real" / "heldout"

HEADS = ("Tổng cục", "Chi cục", "Cục", "Sở", "Ban", "Bộ", "Hội đồng", "Hội", "Ủy ban", "Uỷ ban", "Trung tâm",
         "Báo", "Đài", "Viện", "Tòa án", "Toà án", "Văn phòng", "Thanh tra", "Ngân hàng", "Kho bạc", "Bảo hiểm",
         "Liên đoàn", "Liên minh", "Đảng ủy", "Đảng uỷ", "Cảng vụ", "Tổng công ty", "Công ty", "Bệnh viện",
         "Học viện", "Đoàn", "Phòng", "Bộ Chỉ huy", "Bộ Tư lệnh")
# words that end a name: a body's name does not run on through them
STOP = frozenset("của về tại để và với trong theo cho các là đã được có chủ phối thực triển tổ ban hành năm số ngày".split())
_HEAD = re.compile(r"(?<![\w])(" + "|".join(sorted(map(re.escape, HEADS), key=len, reverse=True)) + r")\s+(?=[A-ZĐÀ-Ỹ])")
_WORD = re.compile(r"[^\W_][\w&\-]*")


def phrase_at(text: str, m: re.Match) -> tuple[str, int]:
    """The head and up to six following words of one name, stopped by punctuation or a STOP
    word, and where it ends."""
    words = [m.group(1)]
    pos = m.end()  # the head's trailing spaces are part of the match
    end = m.start() + len(m.group(1))
    for _ in range(6):
        w = _WORD.match(text, pos)
        if not w or w.group().lower() in STOP:
            break
        words.append(w.group())
        end = w.end()
        gap = re.match(r"[ \n]{1,2}", text[w.end():])
        if not gap:
            break
        pos = w.end() + gap.end()
    return " ".join(words), end


def uncovered(text: str) -> list[str]:
    """The organisation-looking phrases of ``text`` that no gazetteer mention touches (a sub-unit
    named with its parent, "Văn phòng Ban An toàn giao thông tỉnh", is covered by the parent)."""
    mentions = [(m.start, m.end) for m in find_agencies(text)]
    out = []
    for m in _HEAD.finditer(text):
        phrase, end = phrase_at(text, m)
        if any(a < end and m.start() < b for a, b in mentions):
            continue
        out.append(phrase)
    return out


def files(dirs: list[Path]) -> list[Path]:
    held = {p.stem for p in HELDOUT.iterdir()} if HELDOUT.is_dir() else set()
    out = []
    for d in dirs:
        out += [p for p in sorted(d.rglob("*.txt")) if p.stem not in held]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=[REAL / "plans", REAL / "decisions"])
    ap.add_argument("--top", type=int, default=60)
    args = ap.parse_args(argv)
    counts: Counter[str] = Counter()
    n = 0
    for p in files(args.dirs):
        n += 1
        text = unicodedata.normalize("NFC", p.read_text(encoding="utf-8", errors="replace"))
        for ph in uncovered(text):
            counts[" ".join(ph.split()[:4])] += 1
    for ph, c in counts.most_common(args.top):
        print(f"{c:5d}  {ph}")
    print(f"files {n}  organisation-looking phrases without an id: {sum(counts.values())} ({len(counts)} distinct)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
