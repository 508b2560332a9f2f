"""The registry of national documents (models/national_documents.tsv).

Why: plans cite the same national documents over and over, often without a date or issuer
(``Nghị quyết số 02/2019/NQ-HĐTP``) or with a mistyped date. The registry fills what is
missing and lets an auditor see a cited date that contradicts the public record.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.resources import MODELS
from pipeline.text.fold import fold

REGISTRY = MODELS / "national_documents.tsv"


@dataclass(frozen=True)
class Entry:
    """One registry row."""

    symbol: str
    type: str
    number: str
    date: str | None
    issuer: str | None
    title: str | None

    @property
    def year(self) -> int | None:
        if self.date:
            return int(self.date[:4])
        parts = self.symbol.split("/")
        if len(parts) > 2 and parts[1].isdigit() and len(parts[1]) == 4:
            return int(parts[1])
        return None


def type_key(t: str | None) -> str:
    """``QĐ``/``QD``/``qđ`` → ``qd``: types compared the way the scorer compares them."""
    return fold(t or "").replace(" ", "")


@lru_cache(maxsize=1)
def load(path: Path = REGISTRY) -> dict[tuple[str, str], list[Entry]]:
    """(type key, number) → entries (several years may share a type and number)."""
    table: dict[tuple[str, str], list[Entry]] = {}
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    for ln in lines[1:]:
        c = (ln.split("\t") + [""] * 6)[:6]
        e = Entry(c[0].strip(), c[1].strip(), c[2].strip().lstrip("0") or "0", c[3].strip() or None, c[4].strip() or None, c[5].strip() or None)
        table.setdefault((type_key(e.type), e.number), []).append(e)
    return table


def symbol_key(symbol: str) -> str:
    """Compact folded symbol without leading zeros: ``09/2013/NĐ-CP`` → ``92013ndcp``."""
    return "".join(c for c in fold(symbol) if c.isalnum()).lstrip("0")


def lookup(doc_type: str | None, number: str | None, year: int | None, symbol: str | None = None) -> Entry | None:
    """The registry entry for a cited document, or None when absent or ambiguous.

    Type and number alone do not identify a document (every province has a 193/QĐ-UBND),
    so the cited symbol must agree with the entry's (one may extend the other:
    ``9145/QĐ-BCĐ`` / ``9145/QĐ-BCĐ138/CP``); without a symbol the year must agree.
    """
    if not doc_type or not number:
        return None
    entries = load().get((type_key(doc_type), str(number).lstrip("0") or "0"), [])
    if year is not None:
        entries = [e for e in entries if e.year in (year, None)]
    if symbol:
        k = symbol_key(symbol)
        entries = [e for e in entries if k.startswith(symbol_key(e.symbol)) or symbol_key(e.symbol).startswith(k)]
    elif year is None:
        return None
    return entries[0] if len(entries) == 1 else None
