"""How agency matching holds up under OCR damage, and what it wrongly matches in prose.

Usage: python scripts/measure_agencies.py [--seeds DIR] [--gold DIR] [--rate R] [--json]

The issue asks for a gazetteer "tolerant of OCR damage and missing diacritics, without
matching ordinary words: measure both". Tolerance and precision pull against each other:
once tone marks are gone, "số y tế" reads like "Sở Y tế" and "bộ tài liệu" like "Bộ ...".
So each seed plan is damaged in the ways Vietnamese OCR and web copies damage text, one
kind at a time, and run through the real pipeline (``pipeline.api.extract``):

- ``no_marks``: every diacritic dropped (đ→d) — a copy typed without a Vietnamese keyboard;
- ``d_for_dj``: Đ/đ read as D/d only;
- ``tone_swaps``: a share of toned vowels given a look-alike tone (ế/ể, ấ/ẩ, ọ/ỏ ...);
- ``lost_spaces``: a share of the spaces between words dropped;
- ``look_alikes``: a share of Latin letters replaced by their Cyrillic look-alikes.

Two figures per kind:
- against the gold: precision/recall/F1 of the document's set of agency ids (the scorer's
  measure), so a damaged copy can be read against the clean one;
- against the clean copy's own mentions: mention recall (the share of clean mentions whose
  id is still found as often) and "spurious" (mentions of ids the clean copy never names,
  per 10,000 characters) — the ordinary words that damage turned into agencies.

Damage is seeded, so the figures are reproducible.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.api import extract  # noqa: E402

# tone look-alikes Tesseract confuses: sắc↔hỏi, hỏi↔ngã, nặng↔none (the dot lost)
_TONE_SWAP = {"\u0301": "\u0309", "\u0309": "\u0301", "\u0303": "\u0309", "\u0323": ""}
_CYRILLIC = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х", "y": "у",
             "A": "А", "E": "Е", "O": "О", "C": "С", "P": "Р", "H": "Н", "T": "Т", "K": "К"}


def no_marks(text: str, rng: random.Random, rate: float) -> str:
    """Every diacritic dropped, đ read as d."""
    out = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in out if not unicodedata.combining(c)))


def d_for_dj(text: str, rng: random.Random, rate: float) -> str:
    """Đ/đ read as D/d, everything else intact."""
    return text.replace("Đ", "D").replace("đ", "d")


def tone_swaps(text: str, rng: random.Random, rate: float) -> str:
    """A share ``rate`` of toned vowels get a look-alike tone."""
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        tone = next((m for m in d[1:] if m in _TONE_SWAP), None)
        if tone and rng.random() < rate:
            d = d.replace(tone, _TONE_SWAP[tone])
            ch = unicodedata.normalize("NFC", d)
        out.append(ch)
    return "".join(out)


def lost_spaces(text: str, rng: random.Random, rate: float) -> str:
    """A share ``rate`` of the spaces between two letters dropped."""
    chars = list(text)
    for i in range(1, len(chars) - 1):
        if chars[i] == " " and chars[i - 1].isalpha() and chars[i + 1].isalpha() and rng.random() < rate:
            chars[i] = ""
    return "".join(chars)


def look_alikes(text: str, rng: random.Random, rate: float) -> str:
    """A share ``rate`` of Latin letters swapped for Cyrillic look-alikes (web copies)."""
    return "".join(_CYRILLIC[c] if c in _CYRILLIC and rng.random() < rate else c for c in text)


DAMAGE: dict[str, Callable[[str, random.Random, float], str]] = {
    "no_marks": no_marks, "d_for_dj": d_for_dj, "tone_swaps": tone_swaps,
    "lost_spaces": lost_spaces, "look_alikes": look_alikes,
}


def mentions(text: str, workdir: Path, name: str) -> tuple[set[str], Counter]:
    """The agency ids of ``text`` as extracted by the real pipeline: the set and a count of mentions."""
    p = workdir / f"{name}.txt"
    p.write_text(text, encoding="utf-8")
    agencies = extract(p)["agencies"]
    return {a["id"] for a in agencies}, Counter({a["id"]: max(1, len(a.get("spans") or [])) for a in agencies})


def measure(texts: dict[str, str], gold: dict[str, set[str]], rate: float = 0.15, seed: int = 7) -> dict[str, dict]:
    """Per damage kind: set P/R/F1 against ``gold``, mention recall and spurious mentions per 10k chars."""
    rows: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        clean = {n: mentions(t, work, n) for n, t in texts.items()}
        for kind in ["clean", *DAMAGE]:
            tp = fp = fn = kept = total = spurious = chars = 0
            for n, text in texts.items():
                rng = random.Random(f"{seed}:{kind}:{n}")
                damaged = text if kind == "clean" else DAMAGE[kind](text, rng, rate)
                ids, counts = clean[n] if kind == "clean" else mentions(damaged, work, n)
                if n in gold:
                    tp += len(ids & gold[n])
                    fp += len(ids - gold[n])
                    fn += len(gold[n] - ids)
                ref = clean[n][1]
                total += sum(ref.values())
                kept += sum(min(c, counts[i]) for i, c in ref.items())
                spurious += sum(c for i, c in counts.items() if i not in ref)
                chars += len(text)
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            rows[kind] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                          "mention_recall": kept / total if total else 1.0,
                          "spurious_per_10k": 10000 * spurious / chars if chars else 0.0}
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold")
    ap.add_argument("--rate", type=float, default=0.15, help="share of characters/spaces damaged by the partial kinds")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    texts = {f.stem: f.read_text(encoding="utf-8") for f in sorted(args.seeds.glob("*.txt"))}
    gold = {f.stem: {a["id"] for a in json.loads(f.read_text(encoding="utf-8")).get("agencies") or []}
            for f in sorted(args.gold.glob("*.json"))}
    rows = measure(texts, gold, args.rate)
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"agencies under damage ({len(texts)} plans, partial damage rate {args.rate:.0%})")
    print(f"{'damage':<12} {'P':>6} {'R':>6} {'F1':>6}   {'mention recall':>14} {'spurious/10k chars':>18}")
    for kind, r in rows.items():
        print(f"{kind:<12} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}   "
              f"{r['mention_recall']:14.3f} {r['spurious_per_10k']:18.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
