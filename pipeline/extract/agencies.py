"""Agencies mentioned in a plan (see ../shared/CONTRACT.md, "agencies").

``find_agencies`` is the one matcher every extractor uses (tasks, deadlines, references'
issuers), so it is built for many short calls: the gazetteer is compiled once
(``pipeline.gazetteer``), matching runs on ``normalize.fold`` of the text (offsets stay
valid in the original) word by word through a trie, and the longest alias wins.

Guards against ordinary words, all driven by flags in models/agency_aliases.tsv:
abbreviations (``CP``, ``TU``, ``BCA``) must keep their letter case and stand alone;
proper names that are also common phrases (``Chính phủ``, ``Sở Y tế``) must be
capitalised; blocker rows (``chính phủ điện tử``) swallow phrases that merely contain an
alias; and a match lying wholly inside a document symbol (``193/QĐ-TTg``) is not a mention.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import BLOCK, TERMINAL, Alias, case_pattern, compact_key, gazetteer
from ..model import Document, Fact
from ..normalize import fold
from .symbols import find_symbols


@dataclass
class Mention:
    """One agency mention: its vocabulary id, the words as written, and the span."""

    id: str
    name: str
    start: int
    end: int


_TOKEN = re.compile(r"[^\W_]+")
# What may stand between two words of one name: spaces, one line break, - , / & and the
# dot of an abbreviation ("TT. HĐND"). Anything else (;:() or a sentence end) ends a name.
_GAP_CHARS = frozenset(" \n-,/&.")
_MAX_GAP = 4
_SPACE = re.compile(r"\s+")


def _gap_ok(folded: str, prev_end: int, next_start: int, prev_len: int) -> bool:
    gap = folded[prev_end:next_start]
    if len(gap) > _MAX_GAP or not _GAP_CHARS.issuperset(gap) or gap.count("\n") > 1:
        return False
    if "." in gap and prev_len > 3:  # only an abbreviation's dot, not a sentence end
        return False
    return True


def _accept(alias: Alias, text: str, start: int, end: int) -> bool:
    """Whether the flags of ``alias`` allow the match text[start:end]."""
    if alias.capitalised and not text[start].isupper():
        return False
    if alias.case_sensitive:
        if case_pattern(text[start:end]) != alias.case_pattern:
            return False
        before = text[start - 1] if start > 0 else " "
        after = text[end : end + 2]
        if before in "/-" or (after[:1] in ("/", "-") and after[1:2].isalnum()):
            return False
    return True


def _province_tail(tokens: list[re.Match[str]], j: int, folded: str, provinces: frozenset[str]) -> int:
    """Index of the last token of a province name right after token ``j`` (or ``j``)."""
    key = ""
    best = j
    for k in range(j + 1, min(j + 5, len(tokens))):
        if folded[tokens[k - 1].end() : tokens[k].start()] not in (" ", " - ", "-"):
            break
        key += tokens[k].group()
        if key in provinces:
            best = k
    return best


_PROVINCE_KEYS: frozenset[str] | None = None


def _province_keys() -> frozenset[str]:
    global _PROVINCE_KEYS
    if _PROVINCE_KEYS is None:
        _PROVINCE_KEYS = frozenset(compact_key(p) for p in gazetteer().provinces)
    return _PROVINCE_KEYS


def find_agencies(text: str, offset: int = 0) -> list[Mention]:
    """Agency mentions in ``text`` (spans shifted by ``offset``), left to right, longest first."""
    if not text:
        return []
    g = gazetteer()
    root = g.trie
    folded = fold(text)
    tokens = list(_TOKEN.finditer(folded))
    provinces = _province_keys()
    symbols = [(s.start, s.end) for s in find_symbols(text)]
    out: list[Mention] = []
    n = len(tokens)
    i = 0
    while i < n:
        node = root.get(tokens[i].group()[0])
        if node is None:
            i += 1
            continue
        cands: list[tuple[int, list[Alias]]] = []
        j = i
        node = root
        while j < n:
            for c in tokens[j].group():
                node = node.get(c)
                if node is None:
                    break
            if node is None:
                break
            if TERMINAL in node:
                cands.append((j, node[TERMINAL]))
            if j + 1 >= n or not _gap_ok(folded, tokens[j].end(), tokens[j + 1].start(), len(tokens[j].group())):
                break
            j += 1
        chosen: tuple[int, Alias] | None = None
        for jj, aliases in reversed(cands):
            start, end = tokens[i].start(), tokens[jj].end()
            for a in aliases:
                if a.id == BLOCK or _accept(a, text, start, end):
                    chosen = (jj, a)
                    break
            if chosen:
                break
        if chosen is None:
            i += 1
            continue
        jj, alias = chosen
        start, end = tokens[i].start(), tokens[jj].end()
        if alias.id != BLOCK and not any(s <= start and end <= e for s, e in symbols):
            last = _province_tail(tokens, jj, folded, provinces)
            end = tokens[last].end()
            out.append(Mention(alias.id, _SPACE.sub(" ", text[start:end]), start + offset, end + offset))
        i = jj + 1
    return out


def extract_agencies(doc: Document) -> list[Fact]:
    """One entry per distinct agency id over the whole text (Nơi nhận and stamps included)."""
    try:
        mentions = find_agencies(doc.text)
    except Exception:  # an extractor must never take the pipeline down on odd text
        return []
    by_id: dict[str, Fact] = {}
    for m in mentions:
        fact = by_id.get(m.id)
        if fact is None:
            fact = by_id[m.id] = {"id": m.id, "name": m.name, "spans": []}
        fact["spans"].append(doc.span(m.start, m.end))
    return list(by_id.values())
