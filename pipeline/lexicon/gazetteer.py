"""The agency gazetteer (models/agency_aliases.tsv) compiled into a character trie.

Why a trie over a compact key: plans write one body many ways — ``Sở Lao động - Thương binh
và Xã hội`` / ``Sở Lao động, Thương binh và Xã hội``, ``BCĐ 138/CP`` / ``BCĐ138/CP``, with
or without diacritics after OCR. The key of an alias is its folded form (``normalize.fold``:
lower case, no diacritics, đ→d) with every separator removed (``bcd138cp``), so all those
spellings reach the same trie node; the matcher walks the text's letters and digits and
only accepts matches that start and end on word boundaries. One compiled trie is cached
for the process, so a call on a short string costs a few dictionary look-ups per word.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.normalize import normalize_string
from pipeline.resources import MODELS
from pipeline.text.charmap import CharMap
from pipeline.text.fold import fold, fold_char

ALIASES = MODELS / "agency_aliases.tsv"
VOCAB = MODELS / "agencies.tsv"

BLOCK = "-"  # id of a blocker row: an ordinary phrase that must not yield an agency
PROVINCE = "_province"
TERMINAL = "\0"


@dataclass(frozen=True)
class Alias:
    """One alias row: the id it names, its written form and its matching flags."""

    id: str
    form: str
    case_sensitive: bool = False  # abbreviation: exact letter case, whole token
    capitalised: bool = False  # first letter must be upper case in the text
    case_pattern: str = ""  # for case-sensitive aliases: the upper/lower pattern of its letters


def _fold_latin(c: str) -> str:
    """``fold_char`` in the Latin and Vietnamese ranges; any other character as it is."""
    cp = ord(c)
    return fold_char(c) if cp < 0x250 or 0x1E00 <= cp < 0x1F00 else c


_FAST_FOLD = CharMap(_fold_latin)


@lru_cache(maxsize=64)
def fast_fold(s: str) -> str:
    """``normalize.fold`` for the hot path: same result on Latin/Vietnamese text, one
    table look-up per character (``pipeline.text.charmap``). Length-preserving, so offsets in the result are offsets in ``s``; other scripts are left as they are
    (nothing in the gazetteer can match them anyway). Cached: the references and agency
    passes both fold the whole document text."""
    return _FAST_FOLD.translate(s)


def compact_key(s: str) -> str:
    """The trie key of a string: folded, letters and digits only."""
    return "".join(c for c in fold(normalize_string(s)) if c.isalnum())


def case_pattern(s: str) -> str:
    """``TTg`` → ``UUl``: the case shape of the letters, ignoring diacritics and separators."""
    return "".join("U" if c.isupper() else "l" for c in s if c.isalpha())


@dataclass
class Gazetteer:
    """The compiled gazetteer: a trie of compact keys and the canonical names of ids."""

    trie: dict
    names: dict[str, str]
    provinces: list[str]
    patterns: list[tuple[str, str, re.Pattern[str]]]  # (id, literal prefix for a cheap pre-check, regex)


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def load_vocab_names(path: Path = VOCAB) -> dict[str, str]:
    """id → canonical name from the shared vocabulary (models/agencies.tsv)."""
    names: dict[str, str] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            names[row["id"]] = row["name"]
    return names


@lru_cache(maxsize=1)
def vocab_levels(path: Path = VOCAB) -> dict[str, str]:
    """id → level (central, province, district, commune, group, international) from the vocabulary."""
    with path.open(encoding="utf-8") as f:
        return {row["id"]: row["level"] for row in csv.DictReader(f, delimiter="\t")}


def load_aliases(path: Path = ALIASES) -> tuple[list[Alias], list[str]]:
    """Alias rows with ``{province}`` expanded, and the province names."""
    rows = _rows(path)
    provinces = [r[1].strip() for r in rows if r[0] == PROVINCE]
    out: list[Alias] = []
    for r in rows:
        if r[0] == PROVINCE or len(r) < 2 or "re" in (r[2] if len(r) > 2 else "").split(","):
            continue
        ident, form = r[0].strip(), normalize_string(r[1])
        flags = set((r[2] if len(r) > 2 else "").split(","))
        forms = [form.replace("{province}", p) for p in provinces] if "{province}" in form else [form]
        for f in forms:
            out.append(Alias(ident, f, "cs" in flags, "cap" in flags, case_pattern(f) if "cs" in flags else ""))
    return out, provinces


def _insert(trie: dict, key: str, alias: Alias) -> None:
    node = trie
    for c in key:
        node = node.setdefault(c, {})
    node.setdefault(TERMINAL, []).append(alias)


def load_patterns(path: Path = ALIASES) -> list[tuple[str, str, re.Pattern[str]]]:
    """Rows flagged ``re``: (id, literal prefix, compiled regex over folded text)."""
    out = []
    for r in _rows(path):
        if len(r) > 2 and "re" in r[2].split(","):
            prefix = re.match(r"[a-z0-9 ]*", r[1]).group().strip()
            out.append((r[0].strip(), prefix, re.compile(r[1])))
    return out


# An abbreviation this long or longer may be read with one letter doubled. Why a floor:
# OCR repeats a letter of a capitalised abbreviation ("UBNDD", "BCĐĐ 138", "LĐTBXHH") and the
# name is still unmistakable, but a doubled two-letter code ("CAA", "TPP") is as likely
# another word as the same body.
MIN_DOUBLED = 3
_ABBREVIATION = re.compile(r"(?<!\w)[A-ZĐ]{%d,}(?!\w)" % MIN_DOUBLED)


def doubled_forms(form: str) -> list[str]:
    """``form`` with one letter of one of its capitalised abbreviations written twice, each
    way: ``UBND tỉnh`` → ``UUBND tỉnh``, ``UBBND tỉnh``, ``UBNND tỉnh``, ``UBNDD tỉnh``.

    Why: an OCR misreading that the name matcher would otherwise miss (the reference reader
    already drops a doubled letter from a type code). Only all-capital tokens are varied, so
    ordinary words never gain forms; the variants keep the alias's id and flags."""
    out: list[str] = []
    for m in _ABBREVIATION.finditer(form):
        for k in range(m.start(), m.end()):
            out.append(form[: k + 1] + form[k] + form[k + 1 :])
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The compiled gazetteer (built once per process). Every alias is inserted first, then
    the OCR-doubled forms of their abbreviations (``doubled_forms``): a key that both an
    alias and another alias's variant reach gives the real alias first."""
    aliases, provinces = load_aliases()
    names = load_vocab_names()
    trie: dict = {}
    for a in aliases:
        key = compact_key(a.form)
        if key:
            _insert(trie, key, a)
    seen: set[tuple[str, str]] = set()
    for a in aliases:
        if a.id == BLOCK:
            continue
        for form in doubled_forms(a.form):
            key = compact_key(form)
            if not key or (a.id, key) in seen:
                continue
            seen.add((a.id, key))
            _insert(trie, key, Alias(a.id, form, a.case_sensitive, a.capitalised,
                                     case_pattern(form) if a.case_sensitive else ""))
    return Gazetteer(trie, names, provinces, load_patterns())
