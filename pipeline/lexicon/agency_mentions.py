"""Where a text names an agency: the one gazetteer matcher of the pipeline.

``find_agencies`` is the one matcher every stage uses (the header's issuer, tasks, deadlines, references' (tasks, deadlines, references'
issuers), so it is built for many short calls: the gazetteer is compiled once
(``pipeline.lexicon.gazetteer``), matching runs on ``normalize.fold`` of the text (offsets stay
valid in the original) word by word through a trie, and the longest alias wins.

Guards against ordinary words, all driven by flags in models/agency_aliases.tsv:
abbreviations (``CP``, ``TU``, ``BCA``) must keep their letter case and stand alone;
proper names that are also common phrases (``Chính phủ``, ``Sở Y tế``) must be
capitalised; blocker rows (``chính phủ điện tử``) swallow phrases that merely contain an
alias; and a match lying wholly inside a document symbol (``193/QĐ-TTg``) is not a mention.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import itemgetter
from typing import Callable, Iterable, Iterator, Sequence

from pipeline.lexicon.gazetteer import (
    BLOCK,
    TERMINAL,
    Alias,
    case_pattern,
    compact_key,
    fast_fold,
    gazetteer,
)
from pipeline.text.fold import fold
from pipeline.text.spaces import one_space
from pipeline.text.symbols import find_symbols


@dataclass(frozen=True)
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


def _gap_ok(gap: str, prev_len: int) -> bool:
    """Whether ``gap`` (folded text between two words) may lie inside one name."""
    if len(gap) > _MAX_GAP or not _GAP_CHARS.issuperset(gap) or gap.count("\n") > 1:
        return False
    if "." in gap and prev_len > 3:  # only an abbreviation's dot, not a sentence end
        return False
    return True


def _letters(s: str) -> str:
    return "".join(c for c in s if c.isalpha())


def _marks_agree(written: str, form: str) -> bool:
    """Whether an abbreviation as written carries the marks of its alias: the same letters,
    or none at all (a copy typed or read without diacritics).

    Why: a capitalised word folds to an abbreviation ("TỰ" in a title in capitals folds to
    ``TU``, the Tỉnh ủy's), but an abbreviation's letters are plain capitals (Đ aside), so a
    toned letter where the alias has a plain one is another word."""
    w, f = _letters(written), _letters(form)
    return w == f or w.isascii()


def _accept(alias: Alias, text: str, start: int, end: int) -> bool:
    """Whether the flags of ``alias`` allow the match text[start:end]."""
    if alias.capitalised and not text[start].isupper():
        return False
    if alias.case_sensitive:
        if case_pattern(text[start:end]) != alias.case_pattern:
            return False
        if not _marks_agree(text[start:end], alias.form):
            return False
        before = text[start - 1] if start > 0 else " "
        after = text[end : end + 2]
        if before in "/-" or (after[:1] in ("/", "-") and after[1:2].isalnum()):
            return False
    return True


# level words a body's name may end with, as written: "Hội Liên hiệp Phụ nữ xã", "Đoàn Thanh niên phường"
_LEVEL_WORDS = (("xã",), ("phường",), ("tỉnh",), ("huyện",), ("thị", "trấn"), ("thị", "xã"), ("đặc", "khu"), ("thành", "phố"))


# their first words folded: a word that folds to none of these cannot open one
_LEVEL_FIRST = frozenset(fold(w[0]) for w in _LEVEL_WORDS)


def _level_tail(text: str, toks: list[str], starts: list[int], ends: list[int], j: int) -> int:
    """Index of the last token of a level word right after token ``j`` (or ``j``).

    Matched with its diacritics so that "xã hội", "tình hình", "phương án" are not taken
    for "xã", "tỉnh", "phường"; an OCR copy without marks just keeps the shorter name.
    """
    if j + 1 >= len(toks) or toks[j + 1] not in _LEVEL_FIRST:
        return j  # the next word is no level word's first (most names): nothing to read
    for words in _LEVEL_WORDS:
        k = j + len(words)
        if k >= len(toks):
            continue
        if all(text[starts[j + 1 + n] : ends[j + 1 + n]].lower() == w and text[ends[j + n] : starts[j + 1 + n]] == " "
               for n, w in enumerate(words)):
            if words == ("xã",) and text[ends[k] : ends[k] + 4].lower() == " hội":
                return j
            return k
    return j


def _province_tail(toks: list[str], starts: list[int], ends: list[int], j: int, folded: str, provinces: frozenset[str],
                   prefixes: frozenset[str] | None = None) -> int:
    """Index of the last token of a province name right after token ``j`` (or ``j``).

    ``prefixes``: every start of a province key (``_province_prefixes``); the reading stops as
    soon as the words read are none, since no longer run of words can then be a province."""
    key = ""
    best = j
    for k in range(j + 1, min(j + 5, len(toks))):
        if folded[ends[k - 1] : starts[k]] not in (" ", " - ", "-"):
            break
        key += toks[k]
        if key in provinces:
            best = k
        if prefixes is not None and key not in prefixes:
            break
    return best


# (trie node id, word) → node reached: plans repeat their words, so most steps are one look-up.
_STEPS: dict[tuple[int, str], dict | None] = {}
_UNSEEN = object()


def _step(node: dict, word: str) -> dict | None:
    """The trie node reached from ``node`` by the letters of ``word`` (None: no alias goes on)."""
    key = (id(node), word)
    try:
        return _STEPS[key]
    except KeyError:
        pass
    nxt: dict | None = node
    for c in word:
        nxt = nxt.get(c)
        if nxt is None:
            break
    if len(_STEPS) > 200_000:
        _STEPS.clear()
    _STEPS[key] = nxt
    return nxt


class _FirstNodes(dict):
    """word → the trie node its letters reach from the root (None: no alias opens with it),
    filled on first sight: a plan's few hundred distinct words are looked up once per process
    instead of once per call (the reference pass calls the matcher on many short windows)."""

    def __init__(self, root: dict):
        super().__init__()
        self.root = root

    def __missing__(self, word: str) -> dict | None:
        node = _step(self.root, word) if word[0] in self.root else None
        if len(self) > 200_000:
            self.clear()
        self[word] = node
        return node


_FIRST: list[_FirstNodes] = []


def _first_nodes(root: dict) -> _FirstNodes:
    """The first-node memo of ``root`` (a new one if the gazetteer was rebuilt)."""
    if not _FIRST or _FIRST[0].root is not root:
        _FIRST[:] = [_FirstNodes(root)]
    return _FIRST[0]


_PROVINCE_KEYS: frozenset[str] | None = None


def _province_keys() -> frozenset[str]:
    global _PROVINCE_KEYS
    if _PROVINCE_KEYS is None:
        _PROVINCE_KEYS = frozenset(compact_key(p) for p in gazetteer().provinces)
    return _PROVINCE_KEYS


_PROVINCE_PREFIXES: frozenset[str] | None = None


def _province_prefixes() -> frozenset[str]:
    """Every start of every province key ("h", "ha", ..., "hanoi")."""
    global _PROVINCE_PREFIXES
    if _PROVINCE_PREFIXES is None:
        _PROVINCE_PREFIXES = frozenset(k[:n] for k in _province_keys() for n in range(1, len(k) + 1))
    return _PROVINCE_PREFIXES


def _pattern_matches(folded: str, patterns) -> dict[int, tuple[int, str]]:
    """Start → (end, id) of the regex-defined names (flag ``re`` in the gazetteer)."""
    out: dict[int, tuple[int, str]] = {}
    for ident, prefix, rx in patterns:
        if prefix and prefix not in folded:
            continue
        for m in rx.finditer(folded):
            if m.start() not in out or out[m.start()][0] < m.end():
                out[m.start()] = (m.end(), ident)
    return out


# "Giám đốc các sở: Giao thông vận tải, Tài chính, Xây dựng; ..." / "các Bộ: Công an, Tư pháp": one kind
# word, then the bodies of that kind by their remits alone. Each remit is a mention of its own body.
_KIND_LIST = re.compile(r"(?<![a-z])cac (so|bo)(?: nganh)? ?:? {0,2}\n? ?(?=[a-z])")
# a department named by its function (2025 plans, while the merged names were settling): "Cơ quan
# chuyên môn trực thuộc Ủy ban nhân dân tỉnh thực hiện công tác quản lý nhà nước về xây dựng, ..."
_BY_FUNCTION = re.compile(
    r"(?<![a-z])co\squan\schuyen\smon\s(?:truc\s)?thuoc\s(?:uy\sban\snhan\sdan|ubnd)\s(?:cap\s)?(?:tinh|thanh\spho)"
    r"[a-z ,\n]{0,60}?quan\sly\snha\snuoc\s(?:ve\s|trong\s|doi\svoi\s)?(?:linh\svuc\s|nganh\s)?")
_WORDS = re.compile(r"[^\W_]+")


def _remit_end(root: dict, kind: str, folded: str, pos: int) -> tuple[int, str] | None:
    """(end, id) of the longest body "<kind> <words from pos>" the gazetteer knows, flags aside.

    A comma may stand for the "và" of the name ("khoa học, công nghệ" for "Khoa học và Công
    nghệ"). None when the words after ``pos`` name no body of that kind."""
    node = _step(root, kind)
    best = None
    p = pos
    for _ in range(12):
        m = _WORDS.match(folded, p)
        if node is None or not m:
            break
        nxt = _step(node, m.group())
        if nxt is None and "," in folded[max(pos, p - 3):p]:
            via = _step(node, "va")
            nxt = _step(via, m.group()) if via is not None else None
        if nxt is None:
            break
        node = nxt
        if TERMINAL in node:
            ids = [a.id for a in node[TERMINAL] if a.id != BLOCK]
            if ids:
                best = (m.end(), ids[0])
        gap = re.match(r"[ ,\n]{1,3}", folded[m.end():])
        if not gap or gap.group().count(",") > 1:
            break
        p = m.end() + gap.end()
    return best


def _named_by_kind(text: str, folded: str, root: dict) -> dict[int, tuple[int, str]]:
    """Start → (end, id) of bodies named by their remit after a kind word: the items of a list
    "các sở: A, B và C" (each capitalised, as department names are) and a department named by
    its function ("Cơ quan chuyên môn ... quản lý nhà nước về xây dựng")."""
    out: dict[int, tuple[int, str]] = {}
    if "cac so" in folded or "cac bo" in folded:
        for m in _KIND_LIST.finditer(folded):
            kind, pos = m.group(1), m.end()
            while pos < len(folded) and text[pos].isupper():
                hit = _remit_end(root, kind, folded, pos)
                if hit is None:
                    break
                out[pos] = hit
                sep = re.match(r" ?, ?\n? ?(?:va ?\n? ?)?| ?\n? ?va ?\n? ?", folded[hit[0]:])
                if not sep or not sep.group():
                    break
                pos = hit[0] + sep.end()
    if "chuyen mon" in folded:
        for m in _BY_FUNCTION.finditer(folded):
            hit = _remit_end(root, "so", folded, m.end())
            if hit is not None:
                out[m.start()] = hit
    return out


def _longest_trie_end(root: dict, toks, starts, ends, folded: str, i: int) -> int:
    """End of the longest gazetteer key starting at token ``i`` (flags not checked), or -1."""
    node: dict | None = root
    best = -1
    j = i
    while j < len(toks):
        node = _step(node, toks[j])
        if node is None:
            break
        if TERMINAL in node:
            best = ends[j]
        if j + 1 >= len(toks) or not _gap_ok(folded[ends[j] : starts[j + 1]], len(toks[j])):
            break
        j += 1
    return best


def find_agencies(text: str, offset: int = 0) -> list[Mention]:
    """Agency mentions in ``text`` (spans shifted by ``offset``), left to right, longest first.

    The last few results are cached: the agency, task and deadline extractors all scan the
    same document text, and the gazetteer pass is the costliest step of extraction.
    """
    return list(_find_cached(text, offset))


@lru_cache(maxsize=16)
def _find_cached(text: str, offset: int) -> tuple[Mention, ...]:
    return tuple(_find(text, offset))


_WORD_SPLIT = re.compile(r"([^\W_]+)")


def _tokens(folded: str) -> tuple[list[str], Sequence[int], Sequence[int]]:
    """The words of ``folded`` (``_TOKEN``) with their starts and ends, from one ``re.split``
    and running sums of the piece lengths: no Python call per word."""
    parts = _WORD_SPLIT.split(folded)  # separator, word, separator, ..., word, separator
    # offsets as machine integers: a whole plan's are hundreds of thousands, and Python ints
    # were the largest part of an extraction's memory
    offs = array("l", accumulate(map(len, parts)))
    return parts[1::2], offs[0:-1:2], offs[1::2]


def _symbol_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the symbol-shaped strings of ``text`` (``find_symbols`` caches them)."""
    return [(s.start, s.end) for s in find_symbols(text)]


def _find(text: str, offset: int = 0) -> list[Mention]:
    return list(iter_agencies(text, offset))


def _live_openers(nodes: list, toks: list[str], n: int) -> list[int]:
    """The tokens a mention may start at: those stepping into the trie (trie nodes are never
    empty dicts) where an alias ends with the word or the next word steps on (or that step is
    not memoised yet). Why: four in five openers step nowhere with the next word, and the
    scan below would take them one by one only to find no candidate and move on by one token,
    which is what leaving them out does. The pairs are looked up by C-level maps."""
    op = list(compress(range(n), nodes))
    if len(op) < 2:
        return op
    tail = [op.pop()] if op[-1] == n - 1 else []  # the last token has no next word: kept
    if not op:
        return tail
    op_nodes = itemgetter(*op)(nodes) if len(op) > 1 else (nodes[op[0]],)
    nxt = itemgetter(*[i + 1 for i in op])(toks) if len(op) > 1 else (toks[op[0] + 1],)
    second = map(_STEPS.get, zip(map(id, op_nodes), nxt), repeat(_UNSEEN))
    live = [i for i, nd, s in zip(op, op_nodes, second) if s is not None or TERMINAL in nd]
    return live + tail


def iter_agencies(text: str, offset: int = 0, too_far: Callable[[int], bool] | None = None) -> Iterator[Mention]:
    """The mentions ``find_agencies`` gives, one at a time, uncached. Each is final when it
    is given (the scan only moves forward), so a caller that needs the first few (an issuer
    after "của") may stop there and skip the rest of its window.

    ``too_far(start)``: True once a mention starting at ``start`` (``offset`` added) or later
    is of no use to the caller; the scan then ends there. Why: a mention starts where the
    scan stands and the scan never moves back, so every mention not given would start at
    least that far; a caller reading a chain of bodies ("Bộ A - Bộ B") needs only the next
    few characters, not the rest of its window scanned for a mention it will drop."""
    if not text:
        return
    g = gazetteer()
    root = g.trie
    folded = fast_fold(text)
    toks, starts, ends = _tokens(folded)
    n = len(toks)
    provinces = _province_keys()
    prefixes = _province_prefixes()
    symbols: list[tuple[int, int]] | None = None
    long_names = _pattern_matches(folded, g.patterns)
    for st, hit in _named_by_kind(text, folded, root).items():
        if st not in long_names or long_names[st][0] < hit[0]:
            long_names[st] = hit
    i = 0
    # Only tokens that step into the trie (or open a pattern name) can start a mention: visit
    # those alone (a third of a plan's words) instead of every token.
    first = _first_nodes(root)  # word → node it reaches from the root (memo of the process)
    nodes = list(map(first.__getitem__, toks))  # each token's first node (None: opens no alias)
    openers: Iterable[int] = _live_openers(nodes, toks, n)
    if long_names:
        # the tokens where a pattern name starts (found by bisection: starts are sorted)
        at = (bisect_left(starts, st) for st in long_names)
        openers = sorted(set(openers) | {k for k in at if k < n and starts[k] in long_names})
    steps = _STEPS
    for i0 in openers:
        if i0 < i:
            continue
        i = i0
        if too_far is not None and too_far(starts[i] + offset):
            return
        if long_names:
            pm = long_names.get(starts[i])
            if pm is not None:
                # an open-ended name (steering committee): wins over the shorter gazetteer forms
                # inside it unless a gazetteer alias reaches at least as far
                pend, pid = pm
                k = i
                while k < n and ends[k] <= pend:
                    k += 1
                trie_end = _longest_trie_end(root, toks, starts, ends, folded, i)
                if trie_end < pend and k > i:
                    last = _province_tail(toks, starts, ends, k - 1, folded, provinces, prefixes)
                    pend = max(pend, ends[last])
                    if pid != BLOCK:  # a pattern blocker swallows its words, as a blocker row does
                        yield Mention(pid, one_space(text[starts[i] : pend]), starts[i] + offset, pend + offset)
                    i = last + 1
                    continue
        node = nodes[i]  # the first step, taken once per distinct word above
        if node is None:
            i += 1
            continue
        cands: list[tuple[int, list[Alias]]] = []
        j = i
        while True:
            if TERMINAL in node:
                cands.append((j, node[TERMINAL]))
            if len(node) == (TERMINAL in node) or j + 1 >= n:
                break
            gap = folded[ends[j] : starts[j + 1]]
            if gap != " " and not _gap_ok(gap, len(toks[j])):  # one space: the usual gap, always fine
                break
            j += 1
            word = toks[j]
            nxt = steps.get((id(node), word), _UNSEEN)  # _step's memo, read here without a call
            node = _step(node, word) if nxt is _UNSEEN else nxt
            if node is None:
                break
        if not cands:  # most openers: a word that begins some name, but not here
            i += 1
            continue
        chosen: tuple[int, Alias] | None = None
        for jj, aliases in reversed(cands):
            start, end = starts[i], ends[jj]
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
        start, end = starts[i], ends[jj]
        if alias.id != BLOCK:
            if symbols is None:
                symbols = _symbol_spans(text)
                sym_starts = [s for s, _ in symbols]
            # symbols do not overlap and come in order: only the last one opening at or before
            # the match can hold it
            si = bisect_right(sym_starts, start) - 1
            if si < 0 or end > symbols[si][1]:
                last = _province_tail(toks, starts, ends, _level_tail(text, toks, starts, ends, jj), folded, provinces, prefixes)
                end = ends[last]
                yield Mention(alias.id, one_space(text[start:end]), start + offset, end + offset)
        i = jj + 1
