"""Provinces and centrally-run cities: finding them in text, tolerant of OCR and spelling.

Why a module of its own: the header needs the province of the issuer, and the other
extractors (agencies of a province, the 2025 merger's lineage) need the same list. The list
is data (models/provinces.tsv: the 63 units before the 2025 reorganisation and the 34 after);
matching runs on ``normalize.fold`` so ``TUYỀN QUANG`` (OCR) and ``Đăk Lăk`` find their
canonical names, and requires capitalised words so ``hòa bình`` (peace) is not a province.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.resources import MODELS
from pipeline.text.fold import fold


@dataclass(frozen=True)
class Province:
    name: str  # canonical spelling, without "tỉnh"/"thành phố"
    kind: str  # "tỉnh" | "thành phố"
    before_2025: bool
    after_2025: bool
    merged_into: str


@dataclass(frozen=True)
class ProvinceMatch:
    province: Province
    start: int
    end: int


@lru_cache(maxsize=1)
def provinces() -> dict[str, Province]:
    """Canonical name → Province, from models/provinces.tsv."""
    out: dict[str, Province] = {}
    for p, _ in _rows():
        out[p.name] = p
    return out


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[Province, tuple[str, ...]], ...]:
    rows = []
    lines = (MODELS / "provinces.tsv").read_text(encoding="utf-8").splitlines()
    header_seen = False
    for line in lines:
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            continue
        cols += [""] * (7 - len(cols))
        name, _folded, kind, before, after, merged, aliases = cols[:7]
        p = Province(name, kind, before == "1", after == "1", merged or name)
        rows.append((p, tuple(a for a in aliases.split("|") if a)))
    return tuple(rows)


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, Province]]:
    """One alternation of every folded name and alias, longest first."""
    by_fold: dict[str, Province] = {}
    for p, aliases in _rows():
        for form in (p.name, *aliases):
            f = fold(form)
            # "Bà Rịa - Vũng Tàu": any dash and spacing between the parts
            by_fold.setdefault(re.sub(r"\s*[-–]\s*", "-", f), p)
    alts = sorted(by_fold, key=len, reverse=True)
    parts = []
    for a in alts:
        esc = re.escape(a).replace(r"\-", r"\s*[-–]\s*").replace(r"\ ", r"\s+").replace(" ", r"\s+")
        esc = esc.replace(r"\.", r"\.\s*")
        parts.append(esc)
    pat = re.compile(r"(?<![a-z0-9])(?:" + "|".join(parts) + r")(?![a-z0-9])")
    return pat, by_fold


def _key(folded: str) -> str:
    return re.sub(r"\s*[-–]\s*", "-", re.sub(r"\s+", " ", folded.replace(". ", ".")))


def _capitalised(s: str) -> bool:
    """Every syllable starts with a capital (or is an abbreviation like TP.HCM)."""
    words = re.findall(r"[^\W\d_]+", s)
    return bool(words) and all(w[0].isupper() for w in words)


def find_provinces(text: str, folded: str | None = None, start: int = 0, end: int | None = None) -> list[ProvinceMatch]:
    """Every capitalised province name in ``text[start:end]``, in order, with spans in ``text``."""
    folded = fold(text) if folded is None else folded
    end = len(text) if end is None else end
    pat, by_fold = _matcher()
    out: list[ProvinceMatch] = []
    for m in pat.finditer(folded, start, end):
        if not _capitalised(text[m.start() : m.end()]):
            continue
        p = by_fold.get(_key(m.group(0)))
        if p is None:
            p = _lookup_loose(m.group(0), by_fold)
        if p is not None:
            out.append(ProvinceMatch(p, m.start(), m.end()))
    return out


def _lookup_loose(matched: str, by_fold: dict[str, Province]) -> Province | None:
    squeezed = re.sub(r"[\s.\-–]+", "", matched)
    for k, p in by_fold.items():
        if re.sub(r"[\s.\-–]+", "", k) == squeezed:
            return p
    return None


def province_named(name: str) -> Province | None:
    """The Province a whole string names (``"TỈNH LÀO CAI"`` → no; ``"Lào Cai"`` → yes)."""
    s = name.strip()
    found = find_provinces(s)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(s):
        return found[0].province
    return None


# "tỉnh X", "thành phố X", "TP. X", "UBND TỈNH X": a province named as such
_KIND_BEFORE = re.compile(r"(?:(?<![a-z])tinh|thanh\s+pho|tp\s*\.?)\s*$")


def preceded_by_kind(folded: str, start: int) -> bool:
    """Whether the words just before ``start`` are "tỉnh" / "thành phố" / "TP." (folded text)."""
    return bool(_KIND_BEFORE.search(folded[max(0, start - 12) : start]))
