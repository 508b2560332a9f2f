"""The front matter of a document: symbol, type, issuer, province, date, title and opening.

Nghị định 30/2020/NĐ-CP fixes where each part stands: the issuer block top left (ỦY BAN NHÂN
DÂN / TỈNH X) beside the national motto, ``Số: 61/KH-UBND`` under the issuer, the place-date
line under the motto, then the type word (KẾ HOẠCH), the title and the opening paragraph
(Thực hiện ..., Căn cứ ...). Web copies and OCR put the two columns on one line, separate them
with table pipes, break ``Số:`` from its symbol or the date over two lines, and damage letters
(Đ/D, ế/é); so every match runs on ``normalize.fold`` text, whose offsets are those of the
original, and reads values back from the original. News items and header-less copies have
none of this: their headline is the title, and the sentence "Ngày 05/5/2021, UBND tỉnh ban
hành kế hoạch ..." gives date, issuer and type. A field that is not found stays ``None``.

All regexes are linear (no nested quantifiers over the same characters) and run over the
front of the document only, so arbitrary input costs little and cannot raise.
"""
from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from pipeline.lexicon import header_words as lex
from pipeline.lexicon.agency_mentions import find_agencies
from pipeline.lexicon.gazetteer import vocab_levels
from pipeline.lexicon.provinces import (
    Province,
    find_provinces,
    preceded_by_kind,
    provinces,
)
from pipeline.model import Header
from pipeline.text.fold import fold

# How far past the document start the front matter may reach (characters).
FRONT_LIMIT = 6000
TITLE_MAX_LINES = 5
TITLE_MAX_CHARS = 600


@dataclass
class Ln:
    """A line (or table cell) with its offsets in the text."""

    start: int
    end: int
    text: str
    fold: str


def _piece(text: str, folded: str, a: int, b: int) -> Ln:
    """The line ``text[a:b]`` (no line break inside) with spaces and table pipes trimmed."""
    line = text[a:b]
    kept = line.lstrip(" \t|")
    a += len(line) - len(kept)
    kept = kept.rstrip(" \t|")
    return Ln(a, a + len(kept), kept, folded[a : a + len(kept)])


@lru_cache(maxsize=4)
def _whole_lines(text: str, folded: str) -> tuple[tuple[Ln, ...], list[int]]:
    """Every line of ``text`` and where each raw line starts. Why: the layout pass, the header
    and the closing each ask for the lines of a stretch of the same text; the lines lying
    wholly inside a stretch are taken from here instead of being cut and trimmed again."""
    out: list[Ln] = []
    starts: list[int] = []
    pos = 0
    for line in text.split("\n"):  # C-level split and strips, not a loop per character
        starts.append(pos)
        kept = line.lstrip(" \t|")
        a = pos + len(line) - len(kept)
        kept = kept.rstrip(" \t|")
        out.append(Ln(a, a + len(kept), kept, folded[a : a + len(kept)]))
        pos += len(line) + 1
    return tuple(out), starts


def lines_of(text: str, folded: str, start: int, end: int) -> list[Ln]:
    """The lines of ``text[start:end]`` with offsets; trailing spaces and table pipes trimmed.

    The same as splitting ``text[start:end]`` at line breaks: a first or last line cut by the
    stretch is trimmed from its cut piece, the lines between are shared with ``_whole_lines``
    (callers never change an ``Ln``)."""
    end = min(end, len(text))
    pos = max(0, start)
    if pos > end:
        return []
    lines, starts = _whole_lines(text, folded)
    k0 = bisect_right(starts, pos) - 1  # the raw line holding the stretch's start
    k1 = bisect_right(starts, end) - 1  # ... and its end
    if k0 == k1:
        return [_piece(text, folded, pos, end)]
    out = [lines[k0] if pos == starts[k0] else _piece(text, folded, pos, starts[k0 + 1] - 1)]
    out.extend(lines[k0 + 1 : k1])
    last_end = starts[k1 + 1] - 1 if k1 + 1 < len(starts) else len(text)
    out.append(lines[k1] if end == last_end else _piece(text, folded, starts[k1], end))
    return out


def cells_of(ln: Ln) -> list[Ln]:
    """The table cells of a line split at ``|`` (a web copy's two-column header)."""
    if "|" not in ln.text:
        return [ln]
    out = []
    pos = 0
    for part in ln.text.split("|"):
        a = len(part) - len(part.lstrip())
        s = part.strip()
        if s:
            st = ln.start + pos + a
            out.append(Ln(st, st + len(s), s, ln.fold[pos + a : pos + a + len(s)]))
        pos += len(part) + 1
    return out


def is_upper(s: str) -> bool:
    """Mostly capital letters (an issuer block, a type word), tolerating an OCR slip or two."""
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper * 100 >= 85 * len(letters)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


# ---- symbol ------------------------------------------------------------------------------

_SYMBOL = re.compile(
    r"(?<![a-z0-9])s[o06][ \t]*[:;.]?[ \t]*\n?[ \t]*(?P<num>\d{1,6})"
    r"(?:[ \t]*-[ \t]*(?P<ptype>[a-z]{1,6}))?[ \t]*/[ \t]*"
    r"(?P<rest>[a-z0-9]{1,12}(?:[ \t]*[-/][ \t]*[a-z0-9]{1,14}){0,6})"
)
# a bare symbol on a header line whose "Số:" OCR lost: 61/KH-UBND
_BARE_SYMBOL = re.compile(
    r"^(?P<num>\d{1,6})[ \t]*/[ \t]*(?P<rest>[a-z]{1,6}(?:[ \t]*[-/][ \t]*[a-z0-9]{1,14}){1,6})$"
)
_TOKEN_SPLIT = re.compile(r"([ \t]*[-/][ \t]*)")


def _clean_symbol_tokens(raw: str) -> tuple[list[str], list[str]]:
    """Tokens and separators of the symbol's code part, cut where words of prose begin."""
    parts = _TOKEN_SPLIT.split(raw)
    tokens, seps = [parts[0].strip()], []
    for i in range(1, len(parts) - 1, 2):
        tok = parts[i + 1].strip()
        if sum(1 for c in tok if c.islower()) > 1 or not tok:
            break  # "Tuyên" after "KH-UBND -": prose, not a code
        seps.append(parts[i].strip())
        tokens.append(tok)
    if sum(1 for c in tokens[0] if c.islower()) > 1:
        return [], []
    tokens = [lex.code_spelling(t) if not t.isdigit() else t for t in tokens]
    return tokens, seps


def _symbol_from(text: str, m: re.Match[str]) -> tuple[str, str | None, tuple[int, int]] | None:
    num = m.group("num")
    tokens, seps = _clean_symbol_tokens(text[m.start("rest") : m.end("rest")])
    if not tokens:
        return None
    ptype = m.group("ptype") if "ptype" in m.groupdict() else None
    head = num
    type_abbrs = lex.type_abbrs()
    stype = None
    if ptype:
        ptxt = text[m.start("ptype") : m.end("ptype")]
        head = f"{num}-{lex.code_spelling(ptxt)}"
        stype = type_abbrs.get(fold(lex.code_spelling(ptxt)))
    body = tokens[0] + "".join(s + t for s, t in zip(seps, tokens[1:]))
    if not ptype:
        first = tokens[1] if tokens[0].isdigit() and len(tokens) > 1 else tokens[0]
        stype = type_abbrs.get(fold(first))
    end = m.start("rest") + _raw_len(text[m.start("rest") : m.end("rest")], len(tokens))
    return f"{head}/{body}", stype, (m.start("num"), end)


def _raw_len(raw: str, ntokens: int) -> int:
    """Length of the first ``ntokens`` tokens of ``raw`` with their separators."""
    parts = _TOKEN_SPLIT.split(raw)
    return len("".join(parts[: 2 * ntokens - 1]).rstrip())


def find_symbol(text: str, folded: str, start: int, end: int) -> tuple[str, str | None, tuple[int, int], int] | None:
    """The document's own ``Số: 61/KH-UBND`` in ``[start, end)``: symbol, its type part, span of
    the symbol, and where the ``Số:`` before it starts."""
    for m in _SYMBOL.finditer(folded, start, end):
        if text[m.start()] != "S":
            continue  # "Kế hoạch số 19/KH-..." in running text is a citation
        got = _symbol_from(text, m)
        if got:
            return got[0], got[1], got[2], m.start()
    for ln in lines_of(text, folded, start, end):
        for c in cells_of(ln):
            m = _BARE_SYMBOL.match(c.fold)
            if m and lex.type_abbrs().get(fold(c.text[m.start("rest") : m.end("rest")].split("-")[0].strip())):
                shifted = _BARE_SYMBOL.match(folded, c.start, c.end)
                if shifted:
                    got = _symbol_from(text, shifted)
                    if got:
                        return got[0], got[1], got[2], c.start
    return None


# ---- dates -------------------------------------------------------------------------------

_DATE_WORDS = r"ngay[ \t]*\n?[ \t]*(?P<d>\d{1,2})[ \t]*\n?[ \t]*(?:thang|[/.-])[ \t]*\n?[ \t]*(?P<m>\d{1,2})[ \t]*\n?[ \t]*(?:nam[,.]?|[/.-])[ \t]*\n?[ \t]*(?P<y>\d{4}|(?:19|20) \d{2})(?!\d)"  # "năm 20 23": a web copy's split year
_PLACE_DATE = re.compile(r"[,.]?[ \t]*" + _DATE_WORDS)
_LEAD_DATE = re.compile(_DATE_WORDS + r"[ \t]*,")


_BEFORE_PLACE = re.compile(r"(?:hanh phuc|\d{1,5}\s*/\s*[\w\-./]{1,30}|[-_=–—*|.]{1,}|)[\s\-_–—|]*$")


def _place_starts_line(folded: str, ls: int, at: int) -> bool:
    """A place-date line starts its line or cell, or follows the motto or the symbol of a
    flattened header; "... báo cáo trước ngày 30/9/2026" in a sentence is a deadline, not it."""
    return bool(_BEFORE_PLACE.fullmatch(folded, ls, at))


def _place_before(text: str, folded: str, at: int) -> tuple[str, int, Province | None] | None:
    """The place name just before ``at`` on its line: the province if it is one, else its words."""
    ls = max(text.rfind("\n", 0, at), text.rfind("|", 0, at)) + 1
    if not text[ls:at].strip() and ls > 0 and text[ls - 1] == "\n":
        # a web copy broke the line between the place and "ngày": "Vĩnh Phúc,\n  ngày 09 ..."
        at = ls - 1
        ls = max(text.rfind("\n", 0, at), text.rfind("|", 0, at)) + 1
    ls = max(ls, at - 60)
    window = text[ls:at].rstrip(" \t,.")
    if not window:
        return None
    wend = ls + len(window)
    for pm in reversed(find_provinces(text, folded, ls, wend)):
        if pm.end == wend:
            return pm.province.name, pm.start, pm.province
    m = re.search(r"((?:[^\W\d_]+[ \t]+){0,4}[^\W\d_]+)$", window)
    if m:  # the trailing run of capitalised words ("Thành phố Hồ Chí Minh"), first letters checked as Unicode
        words = m.group(1).split()
        while words and not words[0][:1].isupper():
            words.pop(0)
        if not words or not words[-1][:1].isupper():
            m = None
    if not m or text[ls + m.start() : wend].isupper() and len(window) > 40:
        return None
    name = " ".join(words)
    at_name = wend - len(m.group(1)) + m.group(1).find(words[0])
    if not _place_starts_line(folded, ls, at_name):
        return None
    return name, at_name, None


def find_place_date(text: str, folded: str, start: int, end: int):
    """The place-date line (``Tuyên Quang, ngày 27 tháng 3 năm 2024``): (iso, span, place, province)."""
    for m in _PLACE_DATE.finditer(folded, start, end):
        ng = m.start("d") - 1
        while ng > m.start() and folded[ng] != "n":
            ng -= 1
        place = _place_before(text, folded, m.start())
        if place is None:
            continue
        iso = _iso(int(m.group("y").replace(" ", "")), int(m.group("m")), int(m.group("d")))
        if iso is None:
            continue
        return iso, (place[1], m.end()), place[0], place[2]
    return None


# ---- type word and title -----------------------------------------------------------------

_MARKER_LINE = re.compile(r"^(?:[IVX]{1,4}[.\-:]|\d{1,2}[.)]|\(\d{1,2}\)|[a-zđ]\)|[-–•+*]\s|(?:phan|phần)\s+[ivx\d])", re.I)


def _opening_at(ln: Ln) -> bool:
    """Whether a line opens with an opening verb (Thực hiện, Căn cứ, ...) in sentence case."""
    if not ln.text or not ln.text[0].isupper() or is_upper(ln.text[:20]) and len(ln.text) > 25:
        return False
    return bool(lex.line_start_regex("opening").match(ln.fold))


def find_type_line(lines: list[Ln]) -> tuple[int, str, int] | None:
    """(line index, type abbreviation, offset where the title may start on that line)."""
    pat, _ = lex.type_word_regex()
    seen = 0
    for i, ln in enumerate(lines):
        if not ln.text:
            continue
        seen += 1
        if seen > 60:
            break
        k0 = 0  # OCR reads a rule or a seal edge before the word as "-", "_", "."
        while k0 < min(3, len(ln.text)) and ln.text[k0] in "-–—_=~*.,'\"`|:":
            k0 += 1
        m = pat.match(ln.fold, k0)
        while m and not is_upper(ln.text[k0 : m.end()]) and " " in ln.fold[k0 : m.end()].strip():
            # "KẾ HOẠCH Phối hợp ...": the longer type name runs into a sentence-case title
            m = pat.match(ln.fold, k0, ln.fold.rindex(" ", k0, m.end()))
        if m and is_upper(ln.text[k0 : m.end()]):
            rest = ln.fold[m.end() :]
            if re.match(r"[ \t]*(?:so|s6)(?![a-z])", rest) or re.match(r"[ \t]*\d", rest):
                continue
            abbr = lex.type_abbr_of_name(m.group(0))
            if abbr:
                k = m.end()
                # "KẾ HOẠCH LIÊN TỊCH" alone on its line: the qualifier is part of the type word
                q = lex.line_start_regex("type_qualifier").match(ln.fold, k + 1)
                if q and ln.fold[k : k + 1] == " " and not ln.fold[q.end() :].strip() and is_upper(ln.text[k : q.end()]):
                    k = q.end()
                while k < len(ln.text) and ln.text[k] in " \t:.-–":
                    k += 1
                return i, abbr, ln.start + k
        if _MARKER_LINE.match(ln.text) and re.match(r"^[IVX]{1,4}\.", ln.text):
            break
    return None


def _case_style(s: str) -> bool:
    return is_upper(s)


def read_title(text: str, lines: list[Ln], i: int, first_at: int) -> tuple[str, tuple[int, int], int] | None:
    """Title lines from line ``i`` (starting at ``first_at``): joined text, span, last line index."""
    parts: list[tuple[int, int]] = []
    ln = lines[i]
    if first_at < ln.end:
        parts.append((first_at, ln.end))
    j = i + 1
    if not parts:
        while j < len(lines) and not lines[j].text:
            j += 1
        if j >= len(lines):
            return None
        first = lines[j]
        if _MARKER_LINE.match(first.text) or first.text.startswith("("):
            return None
        parts.append((first.start, first.end))
        j += 1
    style = _case_style(text[parts[0][0] : parts[0][1]])
    last = j - 1
    while j < len(lines) and len(parts) < TITLE_MAX_LINES:
        ln = lines[j]
        if not ln.text:
            # a blank line ends the title, unless OCR split a wrapped title: the next line
            # goes on in lower case, or an upper-case title goes on in upper case
            k = j + 1
            while k < len(lines) and k - j < 2 and not lines[k].text:
                k += 1
            nxt = lines[k] if k < len(lines) and k - j < 2 else None
            if nxt is None or not nxt.text or _opening_at(nxt) or _MARKER_LINE.match(nxt.text):
                break
            if not (nxt.text[:1].islower() or style and is_upper(nxt.text) and len(nxt.text) < 200):
                break
            if lex.type_word_regex()[0].match(nxt.fold) or lex.line_start_regex("motto").match(nxt.fold):
                break
            j = k
            continue
        wrapped_year = bool(re.match(r"^[-–]\s*\d{4}\b", ln.text))  # "giai đoạn 2021" / "- 2025 ..."
        if not wrapped_year and (_opening_at(ln) or _MARKER_LINE.match(ln.text) or ln.text.startswith("(")):
            break
        if not any(c.isalpha() for c in ln.text):
            if not re.fullmatch(r"[\d\s,.\-–/]{1,12}", ln.text):
                break
        elif _case_style(ln.text) != style:
            break
        if lex.line_start_regex("motto").match(ln.fold) or _SYMBOL.match(ln.fold):
            break
        if _authority_line(ln, text[parts[-1][0] : parts[-1][1]]):
            break
        parts.append((ln.start, ln.end))
        last = j
        j += 1
    title = " ".join(text[a:b].strip() for a, b in parts)
    title = re.sub(r"\s+", " ", title).strip(" |-–:")
    if not title or len(title) > TITLE_MAX_CHARS:
        return None
    return title, (parts[0][0], parts[-1][1]), last


# ---- a flattened header: type word and title inline -----------------------------------------
# A web copy (a legal-database page) keeps the page's line breaks, not the document's: "...
# Số: 14/KH-X Hà Nội, ngày 15 tháng 01 năm 2015 KẾ HOẠCH TRIỂN KHAI ... NĂM 2015 Năm 2015, với
# đà ...". The type word follows the place-date line (or the symbol) on the same line, and the
# title runs on until the body starts: where an upper-case title meets the first word in small
# letters, where a title in sentence case meets the opening verb (Căn cứ, Thực hiện ...), or at a
# full stop; a decision's title stops before its authority line (CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X).

_GAP = re.compile(r"[\s|\-–—_=*.,]*")
_TOKEN = re.compile(r"\S+")
_MARKER_TOKEN = re.compile(r"^(?:[IVXLC]{1,5}|\d{1,2}|[a-zđ])[.)]$")
_SYMBOLISH = re.compile(r"\d.*[/-]|[/-].*\d")  # "31/CT-TTg" inside an upper-case title
INLINE_TITLE_TOKENS = 90


def find_inline_type(text: str, folded: str, after: int, limit: int) -> tuple[str, int, int] | None:
    """The upper-case type word right after ``after`` (the end of the place-date line or the
    symbol), across spaces, pipes and rules: (abbreviation, start, end) or None."""
    pos = _GAP.match(folded, after, limit).end()
    pat, _ = lex.type_word_regex()
    m = pat.match(folded, pos, limit)
    while m and not is_upper(text[pos : m.end()]) and " " in folded[pos : m.end()].strip():
        m = pat.match(folded, pos, folded.rindex(" ", pos, m.end()))
    if not m or not is_upper(text[pos : m.end()]):
        return None
    rest = folded[m.end() : m.end() + 8]
    if re.match(r"[ \t\n]*(?:so|s6)(?![a-z])", rest) or re.match(r"[ \t\n]*\d", rest):
        return None  # "KẾ HOẠCH SỐ 12 ...": a citation, not a type word
    abbr = lex.type_abbr_of_name(m.group(0))
    return (abbr, pos, m.end()) if abbr else None


def _is_link(word_folded: str) -> bool:
    return word_folded.strip(",.;:()") in _link_words()


@lru_cache(maxsize=1)
def _link_words() -> frozenset[str]:
    return frozenset(fold(w) for w in lex.words_of("title_link"))


@lru_cache(maxsize=1)
def _authority_regex() -> re.Pattern[str]:
    titles = [p for kind, p, _ in lex.positions() if kind == "title"]
    return re.compile(r"(?:" + lex.phrase_regex(titles + list(lex.words_of("authority_head"))) + r")(?![a-z0-9])")


def _authority_line(ln: Ln, before: str) -> bool:
    """A line under a title that is a decision's authority line ("ỦY BAN NHÂN DÂN TỈNH",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X"), not the title going on: it opens with a body or a
    position, in capitals, after a title line that does not end in a linking word ("... CỦA")."""
    words = before.split()
    if not words or _is_link(fold(words[-1])) or not is_upper(ln.text):
        return False
    return bool(_authority_regex().match(ln.fold))


def _authority_cut(text: str, folded: str, toks: list[tuple[int, int]]) -> int | None:
    """Index of the token where a decision's authority line (CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X,
    ỦY BAN NHÂN DÂN TỈNH X) starts at the end of an upper-case title run, or None. A body or
    title after a linking word ("... CỦA THỦ TƯỚNG CHÍNH PHỦ") belongs to the title."""
    rx = _authority_regex()
    lo = max(2, len(toks) - 10)
    # tokens covered by a title or body phrase ("CHỦ TỊCH", "ỦY BAN NHÂN DÂN"): a run of them is
    # one phrase, judged by the word before its first token
    covered = [False] * len(toks)
    for m in rx.finditer(folded, toks[lo - 1][0], toks[-1][1]):
        if m.start() > 0 and folded[m.start() - 1].isalnum():
            continue
        for k in range(lo - 1, len(toks)):
            if m.start() <= toks[k][0] < m.end():
                covered[k] = True
    for k in range(lo, len(toks)):
        if not covered[k] or covered[k - 1] or not rx.match(folded, toks[k][0]):
            continue
        if _is_link(folded[toks[k - 1][0] : toks[k - 1][1]]):
            continue
        if any(_is_link(folded[x:y]) for x, y in toks[k:]):
            continue
        return k
    return None


def read_inline_title(text: str, folded: str, at: int, limit: int, abbr: str | None = None) -> tuple[str, tuple[int, int]] | None:
    """The title that starts at ``at`` (right after an inline type word) and runs on the same
    stretch as the body: (title, span) or None when its end cannot be told."""
    at = _GAP.match(folded, at, limit).end()
    toks = [(m.start(), m.end()) for m in _TOKEN.finditer(text, at, min(limit, at + 2000))][:INLINE_TITLE_TOKENS]
    if not toks:
        return None
    opening = lex.line_start_regex("opening")
    first = text[toks[0][0] : toks[0][1]]
    upper_mode = is_upper(first) or not any(c.isalpha() for c in first)
    kept: list[tuple[int, int]] = []
    quote = False
    stopped = False
    for k, (a, b) in enumerate(toks):
        tok = text[a:b]
        if quote:
            kept.append((a, b))
            quote = not any(q in tok for q in "”\"»")
            continue
        if tok[:1] in "“\"«" and not any(q in tok[1:] for q in "”\"»"):
            kept.append((a, b))
            quote = True
            continue
        if k and _MARKER_TOKEN.match(tok) and not kept[-1:] == []:
            stopped = True
            break  # "I." / "1." opening the body
        if k and re.match(r"phan$", folded[a:b]) and k + 1 < len(toks) and re.match(r"[ivx\d]{1,4}\b", folded[toks[k + 1][0] :]):
            stopped = True
            break  # "Phần I" opening the body
        letters = [c for c in tok if c.isalpha()]
        if upper_mode:
            if any(c.islower() for c in letters) and not _SYMBOLISH.search(tok):
                stopped = True
                break
        elif k and tok[:1].isupper() and (opening.match(folded, a) or text[kept[-1][1] - 1] == "."):
            stopped = True
            break
        elif k and is_upper(tok) and len(letters) >= 2 and _authority_regex().match(folded, a) and not _is_link(folded[kept[-1][0] : kept[-1][1]]):
            stopped = True
            break
        kept.append((a, b))
        if tok.endswith(".") and not re.search(r"\d\.$|^[A-ZĐ]{1,3}\.$", tok) and k + 1 < len(toks):
            stopped = True  # a full stop ends the title ("... TRÊN ĐỊA BÀN TỈNH. Phần I ...")
            break
    if not kept or not stopped and len(toks) == INLINE_TITLE_TOKENS:
        return None
    if upper_mode and abbr in _authority_types():
        k = _authority_cut(text, folded, kept)
        if k is not None:
            kept = kept[:k]
    if not kept:
        return None
    a, b = kept[0][0], kept[-1][1]
    title = re.sub(r"\s+", " ", text[a:b]).strip(" |-–:.;")
    if not title or len(title) > TITLE_MAX_CHARS:
        return None
    return title, (a, a + len(text[a:b].rstrip(" |-–:.;")))


@lru_cache(maxsize=1)
def _authority_types() -> frozenset[str]:
    out = set()
    for w in lex.words_of("authority_type"):
        abbr = lex.type_abbr_of_name(fold(w))
        if abbr:
            out.add(abbr)
    return frozenset(out)


_INLINE_OPENING_END = re.compile(
    r"(?::|\.)\s+(?=(?:[IVX]{1,4}\.|\d{1,2}\.|phần\s+[IVX\d]|PHẦN\s+[IVX\d]|[A-D]\.\s|QUYẾT ĐỊNH\s*:|Điều\s+1\b))"
    r"|\s(?=QUYẾT ĐỊNH\s*:)"
)


def inline_opening(text: str, folded: str, at: int, limit: int) -> tuple[int, int] | None:
    """The opening paragraph right after an inline title (Căn cứ ...; Thực hiện ... như sau:),
    up to the first part heading, item or the decision's "QUYẾT ĐỊNH:"; None when the body does
    not open with an opening verb."""
    a = _GAP.match(folded, at, limit).end()
    opening = lex.line_start_regex("opening")
    if not opening.match(folded, a):
        # a decision's authority line stands between its title and its opening:
        # "... TRONG TÌNH HÌNH MỚI CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X Căn cứ ..."
        for k, m in enumerate(_TOKEN.finditer(text, a, min(limit, a + 200))):
            if k >= 12 or not is_upper(m.group(0)) and any(c.isalpha() for c in m.group(0)):
                if opening.match(folded, m.start()) and k and _authority_regex().match(folded, a):
                    a = m.start()
                break
    if a >= limit or not text[a : a + 1].isupper() or not opening.match(folded, a):
        return None
    m = _INLINE_OPENING_END.search(text, a, min(limit, a + 4000))
    if not m:
        return None
    b = m.start() + (1 if text[m.start()] in ":." else 0)
    return a, b


# ---- opening paragraph -------------------------------------------------------------------


def find_opening(lines: list[Ln], from_line: int, max_lines: int = 12) -> tuple[int, int, int] | None:
    """The opening paragraph after the title: (start, end, index of its last line)."""
    seen = 0
    for i in range(from_line, len(lines)):
        ln = lines[i]
        if not ln.text:
            continue
        seen += 1
        if seen > max_lines or _MARKER_LINE.match(ln.text) and not ln.text.startswith("-"):
            return None
        if _opening_at(ln):
            return _extend_opening(lines, i)
    return None


_NEWS_CARRIES_OUT = re.compile(r"(?<![a-z])(?:thuc hien|trien khai|can cu|cu the hoa)(?![a-z])")


def _news_opening(lines: list[Ln], at: int) -> tuple[int, int]:
    """A news item's opening: the paragraph that reports the issuing ("Ngày 12/01, UBND tỉnh
    ban hành Kế hoạch ...") and the paragraphs right after it that say what the plan carries
    out ("Kế hoạch nhằm triển khai thực hiện ..."), which is where a document's opening would."""
    i = next((k for k, ln in enumerate(lines) if ln.start <= at < ln.end + 1), None)
    if i is None:
        return at, at
    start, end = lines[i].start, lines[i].end
    for ln in lines[i + 1 : i + 4]:
        if not ln.text:
            continue
        if not _NEWS_CARRIES_OUT.search(ln.fold[:120]):
            break
        end = ln.end
    return start, end


def _extend_opening(lines: list[Ln], i: int) -> tuple[int, int, int]:
    """Grow the opening over wrapped lines and further Căn cứ ... paragraphs, up to the issuing sentence."""
    start, end, last = lines[i].start, lines[i].end, i
    j = i + 1
    blank = False
    while j < len(lines) and j - i < 40:
        ln = lines[j]
        if not ln.text:
            blank = True
            j += 1
            continue
        prev = lines[last].text.rstrip()
        if _MARKER_LINE.match(ln.text) or lex.type_word_regex()[0].match(ln.fold) and is_upper(ln.text[:8]):
            break
        cont = False
        if _opening_at(ln) and prev.endswith((";", ",", ":", ".")) and not prev.endswith(":"):
            cont = True  # Căn cứ ...; / Căn cứ ...; / Xét ...
        elif not blank and prev and (prev[-1] not in ".:;" or ln.text[:1].islower()):
            cont = True  # a wrapped line of the same paragraph (OCR, PDF)
        elif prev.endswith(";") and _issuing(ln):
            cont = True  # "Ủy ban nhân dân tỉnh ban hành Kế hoạch ... như sau:"
        if not cont:
            break
        end, last = ln.end, j
        blank = False
        j += 1
    return start, end, last


_ISSUE = None


def _issue_regex() -> re.Pattern[str]:
    global _ISSUE
    if _ISSUE is None:
        tw, _ = lex.type_word_regex()
        verbs = lex.phrase_regex(lex.words_of("issue_verb"))
        _ISSUE = re.compile(r"(?<![a-z])(?P<verb>" + verbs + r")[ \t]+(?P<tw>" + tw.pattern + r")")
    return _ISSUE


def _issuing(ln: Ln) -> bool:
    return bool(_issue_regex().search(ln.fold))


# ---- issuer ------------------------------------------------------------------------------

_KIND_WORDS = {"tinh": "tỉnh", "thanh pho": "thành phố", "huyen": "huyện", "quan": "quận", "thi xa": "thị xã",
               "xa": "xã", "phuong": "phường", "dac khu": "đặc khu", "tp": "thành phố"}


def case_issuer(s: str) -> str:
    """An upper-case header name in running-text casing: ``ỦY BAN NHÂN DÂN TỈNH LÀO CAI`` →
    ``Ủy ban nhân dân tỉnh Lào Cai`` (heads from models/issuers.tsv, provinces canonical,
    listed acronyms kept)."""
    s = re.sub(r"\s+", " ", s).strip(" |-–,.")
    if not s or not is_upper(s):
        return s
    f = fold(s)
    out: list[str] = []
    pos = 0
    pat, canon = lex.issuer_regex()
    provs = {(p.start, p.end): p.province.name for p in find_provinces(s, f)}
    while pos < len(s):
        if s[pos] == " ":
            out.append(" ")
            pos += 1
            continue
        prov = next(((a, b, n) for (a, b), n in provs.items() if a == pos), None)
        if prov:
            out.append(prov[2])
            pos = prov[1]
            continue
        m = pat.match(f, pos)
        if m and (pos == 0 or f[pos - 1] == " "):
            out.append(canon.get(re.sub(r"[\s\-–—_.]+", " ", m.group(0)), s[pos : m.end()]))
            pos = m.end()
            continue
        nxt = s.find(" ", pos)
        nxt = len(s) if nxt < 0 else nxt
        word = s[pos:nxt]
        fw = fold(word).strip(",.;:()")
        if fw in lex.acronyms() or any(c.isdigit() for c in word) or (len(fw) >= 2 and not re.search(r"[aeiouy]", fw)):
            out.append(word)
        else:
            out.append(word.lower())
        pos = nxt
    res = "".join(out)
    res = res[:1].upper() + res[1:]
    head = pat.match(f)
    if head and re.sub(r"[\s\-–—_.]+", " ", head.group(0)) in lex.title_case_heads():
        res = res[: head.end()] + _name_parts_capitalised(res[head.end() :])
    # "ủy ban nhân dân xã tân phú": the words after a level word are a place's proper name
    return _LOCAL_PLACE.sub(lambda m: m.group(1) + " ".join(w[:1].upper() + w[1:] for w in m.group(2).split(" ")), res)


_LOCAL_PLACE = re.compile(r"(?<!\w)((?:xã|phường|thị trấn|thị xã|huyện|quận|đặc khu|thành phố) )(?!hội(?!\w))([^\W\d_][^,;()]*)$")


def _name_parts_capitalised(s: str) -> str:
    """`` lao động - thương binh và xã hội tỉnh`` → `` Lao động - Thương binh và Xã hội tỉnh``:
    the first word of the name and of each part after ``,``, ``-`` or ``và``; a place kind
    (tỉnh, thành phố) ends the name."""
    words = s.split(" ")
    out, cap_next = [], True
    for k, w in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if w in ("tỉnh", "thành", "huyện", "phường", "thị", "quận") or w == "xã" and nxt != "hội":
            cap_next = False
            out.append(w)
            continue
        if w and cap_next and w[:1].islower():
            w = w[:1].upper() + w[1:]
            cap_next = False
        elif w:
            cap_next = False
        if w in ("-", "–", "và") or w.endswith(","):
            cap_next = True
        out.append(w)
    return " ".join(out)


def _issuer_block(text: str, folded: str, lines: list[Ln], stop_at: int, cut: list[tuple[int, int]]) -> tuple[str, tuple[int, int]] | None:
    """The top-left issuer block: upper-case lines before ``stop_at`` minus motto/symbol/date spans."""
    pat, _ = lex.issuer_regex()
    motto = lex.motto_regex()
    segs: list[tuple[int, int]] = []
    for ln in lines:
        if ln.start >= stop_at:
            break
        if not ln.text:
            continue
        for c in cells_of(ln):
            pieces = [(c.start, min(c.end, stop_at))]
            for mm in motto.finditer(folded, c.start, c.end):
                pieces = [q for a, b in pieces for q in ((a, min(b, mm.start())), (max(a, mm.end()), b)) if q[1] > q[0]]
            for ca, cb in cut:
                pieces = [q for a, b in pieces for q in ((a, min(b, ca)), (max(a, cb), b)) if q[1] > q[0]]
            for a, b in pieces:
                seg = text[a:b].strip(" \t|-–_")
                if len(seg) < 2 or not is_upper(seg) or not any(ch.isalpha() for ch in seg):
                    continue
                a2 = a + text[a:b].find(seg)
                segs.append((a2, a2 + len(seg)))
    if not segs:
        return None
    # the block opens with an issuer head; a second head on a later line is the issuing body
    # under its parent (UBND TỈNH X / BAN CHỈ ĐẠO 138): keep the last body and its place lines
    starts = [k for k, (a, b) in enumerate(segs) if pat.match(folded, a) and pat.match(folded, a).start() == a]
    if not starts:
        return None
    first = starts[-1]
    chosen = segs[first:]
    # stop at a line that is neither a place line nor a continuation (e.g. a received-stamp)
    keep = [chosen[0]]
    for a, b in chosen[1:]:
        if lex.line_start_regex("stamp").match(folded, a) and not lex.issuer_regex()[0].match(folded, a):
            break
        keep.append((a, b))
        if len(keep) >= 3:
            break
    name = case_issuer(" ".join(text[a:b] for a, b in keep))
    parent = None
    if first > starts[0]:
        parent = case_issuer(" ".join(text[a:b] for a, b in segs[starts[0] : first]))
    return name + (f"\x00{parent}" if parent else ""), (keep[0][0], keep[-1][1])


# a line break alone is no boundary: OCR and PDF text wrap sentences over lines
_SENT_BOUND = re.compile(r"(?:[.;:!?](?=\s)|\n[ \t]*\n|\n(?=[-–+•]))")


def issuing_sentence(text: str, folded: str, start: int, end: int):
    """The sentence that issues the document ("UBND tỉnh ban hành kế hoạch ..."):
    (issuer, issuer span, type abbreviation, type-word span, sentence start) or None."""
    rx = _issue_regex()
    pat, canon = lex.issuer_regex()
    for m in rx.finditer(folded, start, end):
        s0 = start
        for b in _SENT_BOUND.finditer(folded, max(start, m.start() - 600), m.start()):
            s0 = b.end()
        seg = folded[s0 : m.start()]
        # blank parentheticals so "(sau đây gọi tắt là Ban Chỉ đạo tỉnh)" is not the subject
        blanked = re.sub(r"\([^()]{0,200}\)", lambda x: " " * len(x.group(0)), seg)
        best = None
        for h in pat.finditer(blanked):
            before = blanked[: h.start()].rstrip()
            if not text[s0 + h.start()].isupper():
                continue
            if not before or before.endswith(",") or re.search(r"(?:^|\s)ngay[^,]{0,20},?$", before):
                best = h
        abbr = lex.type_abbr_of_name(m.group("tw"))
        if best is None:
            continue
        a = s0 + best.start()
        b = m.start("verb")
        raw = text[a:b]
        mask = blanked[best.start() :]
        words = "".join(ch if mk != " " or ch == " " else " " for ch, mk in zip(raw, mask))
        words = re.sub(r"\s+", " ", words).strip(" ,")
        words = re.sub(r"\s+(?:đã|vừa|chính thức|đã chính thức)$", "", words)
        if not words or len(words) > 200:
            continue
        return words, (a, a + len(raw.rstrip(" ,"))), abbr, (m.start("tw"), m.end("tw")), s0
    return None


def _complete_issuer(issuer: str, province: Province | None) -> str:
    """``Ủy ban nhân dân tỉnh`` + Lào Cai → ``Ủy ban nhân dân tỉnh Lào Cai``; an issuer that
    already names a place is left as it is."""
    if province is None:
        return issuer
    f = fold(issuer)
    if find_provinces(issuer, f):
        return issuer
    kind = province.kind
    if re.search(r"(?:^|\s)(?:tinh|thanh pho)$", f):
        return f"{issuer} {province.name}"
    if re.search(r"(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd)$", f):
        return f"{issuer} {kind} {province.name}"
    return issuer


# ---- province ----------------------------------------------------------------------------


def _kind_named(text: str, folded: str, start: int, end: int):
    """Provinces named as such ("tỉnh X", "thành phố X", "TP. X") in ``[start, end)``."""
    return [pm for pm in find_provinces(text, folded, start, end) if preceded_by_kind(folded, pm.start)]


def _headline_province(text: str, folded: str, start: int, end: int):
    """The province a news headline opens with, before a colon ("Quảng Ngãi: Phát động
    ..."): the place line of a news item, which names its province without "tỉnh"."""
    for pm in find_provinces(text, folded, start, end):
        if folded[start:pm.start].strip(" *_#\t") == "" and folded[pm.end : pm.end + 2].lstrip(" ").startswith(":"):
            return pm
        break
    return None


# ---- the whole front ---------------------------------------------------------------------


def parse_header(text: str, folded: str | None = None, start: int = 0, end: int | None = None) -> Header:
    """Header fields of the document that starts at ``start``; never raises on odd text."""
    try:
        return _parse(text, fold(text) if folded is None else folded, start, len(text) if end is None else end)
    except (ValueError, IndexError, KeyError, RecursionError):  # defensive: a header is optional
        return Header()


def _parse(text: str, folded: str, start: int, end: int) -> Header:
    h = Header()
    front_end = min(end, start + FRONT_LIMIT)
    lines = lines_of(text, folded, start, front_end)
    tl = find_type_line(lines)
    title_line_at = lines[tl[0]].start if tl else None
    inline = _inline_front(text, folded, start, min(front_end, start + 1500 if tl is None else title_line_at + 1))
    if inline is not None and (tl is None or inline[1] < title_line_at):
        tl = None  # the type word runs on after the place-date line: a flattened header
        title_line_at = inline[1]

    # the header area: from the start to the type word (or a bounded stretch without one)
    area_end = title_line_at if title_line_at is not None else min(front_end, start + 1500)
    sym = find_symbol(text, folded, start, area_end)
    if sym:
        h.symbol, stype, h.spans["symbol"] = sym[0], sym[1], sym[2]
        if stype:
            h.type, h.spans["type"] = stype, sym[2]
    pd = find_place_date(text, folded, start, area_end)
    place_prov = None
    if pd:
        h.date, h.spans["date"], _place, place_prov = pd[0], pd[1], pd[2], pd[3]

    # type word and title
    last_front = -1
    if tl:
        i, abbr, at = tl
        if h.type is None:
            h.type, h.spans["type"] = abbr, (lines[i].start, at)
        t = read_title(text, lines, i, at)
        if t:
            h.title, h.spans["title"], last_front = t[0], t[1], t[2]
        else:
            last_front = i
    inline_op = None
    if inline is not None and tl is None:
        abbr, ta, tb, title = inline[0], inline[1], inline[2], inline[3]
        if h.type is None:
            h.type, h.spans["type"] = abbr, (ta, tb)
        if title:
            h.title, h.spans["title"] = title[0], title[1]
            last_front = next((k for k, ln in enumerate(lines) if ln.start <= title[1][1] <= ln.end), -1)
            inline_op = inline_opening(text, folded, title[1][1], front_end)
    if tl is None and inline is None and sym is not None:
        # an official letter (Công văn): no type word, its subject on a "V/v ..." line
        vv = _subject_line(text, folded, lines, area_end)
        if vv:
            h.title, h.spans["title"], last_front = vv
            if h.type is None:
                h.type, h.spans["type"] = "CV", sym[2]
    news = tl is None and sym is None and pd is None
    if news:
        t = _headline(text, lines)
        if t:
            h.title, h.spans["title"], last_front = t

    # opening paragraph
    op = find_opening(lines, last_front + 1 if last_front >= 0 else 0) if inline is None else None
    if inline_op:
        op = inline_op
    elif op is None and not tl and not news and inline is None:
        op = find_opening(lines, 0, max_lines=30)
    if op:
        h.opening = (op[0], op[1])

    # issuer: the header block, else the sentence that issues the document
    cut = [h.spans[k] for k in ("date",) if k in h.spans]
    if sym:
        cut.append((sym[3], sym[2][1]))
    stop = min([title_line_at if title_line_at is not None else area_end] + [a for a, _ in cut])
    block = _issuer_block(text, folded, lines, max(stop, start), cut) if (sym or pd or tl) else None
    parent = None
    if block:
        name, span = block
        if "\x00" in name:
            name, parent = name.split("\x00", 1)
        h.issuer, h.spans["issuer"] = name, span
    sent = None
    if h.opening:
        sent = issuing_sentence(text, folded, h.opening[0], h.opening[1])
    if sent is None and news:
        sent = issuing_sentence(text, folded, start, min(front_end, start + 4000))
    if sent and news:
        h.opening = _news_opening(lines, sent[1][0])
    if news:
        h.wrapper = "news"
    if sent:
        if h.issuer is None:
            h.issuer, h.spans["issuer"] = sent[0], sent[1]
        if h.type is None and sent[2]:
            # a news item keeps the reported plan's type (the seed and held-out gold do; the
            # contract's "Documents as published" says null), but not its symbol
            h.type, h.spans["type"] = sent[2], sent[3]
        if news and h.date is None:
            # "Ngày 05/5/2021, UBND tỉnh ban hành ...": the date right before the issuer
            m = None
            for md in _LEAD_DATE.finditer(folded, sent[4], sent[1][0]):
                if not folded[md.end() : sent[1][0]].strip():
                    m = md
            if m:
                iso = _iso(int(m.group("y").replace(" ", "")), int(m.group("m")), int(m.group("d")))
                if iso:
                    h.date, h.spans["date"] = iso, (m.start(), m.end())
        # a news item's symbol and type stay null: the plan it reports ("Kế hoạch số ...") is a reference

    if news and h.date is None:
        # no issuing sentence dates it: the page's publication date ("Thứ năm - 16/02/2023 09:12")
        pub = _publication_date(text, folded, lines, last_front)
        if pub:
            h.date, h.spans["date"] = pub

    # province: the issuer's, else the place-date line's, else the one the title/opening names
    prov = _province(text, folded, h, parent, place_prov, start, front_end)
    if prov:
        h.province, h.spans["province"] = prov[0].name, (prov[1], prov[2])
        if h.issuer:
            h.issuer = _complete_issuer(h.issuer, prov[0])
    if h.type is None and h.title:
        m = lex.type_word_regex()[0].search(fold(h.title))
        if m:
            h.type = lex.type_abbr_of_name(m.group(0))
    return h


def _inline_front(text: str, folded: str, start: int, limit: int):
    """A flattened header's type word and title: (abbreviation, type start, type end, title or
    None) when the type word follows the place-date line or the symbol on the same stretch."""
    anchors = []
    pd = find_place_date(text, folded, start, limit)
    if pd:
        anchors.append(pd[1][1])
    sym = find_symbol(text, folded, start, limit)
    if sym:
        anchors.append(sym[2][1])
    for after in sorted(anchors, reverse=True):
        got = find_inline_type(text, folded, after, min(len(text), limit + 400))
        if got:
            abbr, ta, tb = got
            if ta == text.rfind("\n", 0, ta) + 1 and abbr:
                return None  # the type word opens its line: the printed layout, read line by line
            return abbr, ta, tb, read_inline_title(text, folded, tb, min(len(text), start + FRONT_LIMIT), abbr)
    return None


_PUB_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?!\d)")


def _publication_date(text: str, folded: str, lines: list[Ln], headline_last: int) -> tuple[str, tuple[int, int]] | None:
    """A news page's publication date: a short line near the headline that is mostly a date and
    a time ("Thứ năm - 16/02/2023 09:12", "Cập nhật: 15:20 - 28/07/2025 | Lượt xem: 312",
    "Submitted by X on Fri, 08/03/2024 - 10:15"), not a sentence."""
    lo = max(0, headline_last - 3)
    for ln in lines[lo : headline_last + 5]:
        if not ln.text or len(ln.text) > 90:
            continue
        m = _PUB_DATE.search(ln.text)
        if not m:
            continue
        rest = ln.text[: m.start()] + ln.text[m.end() :]
        if len(re.findall(r"[^\W\d_]+", rest)) > 7 or rest.rstrip().endswith("."):
            continue
        iso = _iso(int(m.group("y").replace(" ", "")), int(m.group("m")), int(m.group("d")))
        if iso:
            return iso, (ln.start + m.start(), ln.start + m.end())
    return None


_SUBJECT = re.compile(r"v\s?/\s?v[ \t:.]+")


def _subject_line(text: str, folded: str, lines: list[Ln], area_end: int) -> tuple[str, tuple[int, int], int] | None:
    """The subject of an official letter ("V/v triển khai các hoạt động ..."), run on over the
    lines below it that open in small letters: (subject, span, index of its last line)."""
    for i, ln in enumerate(lines):
        if ln.start >= area_end:
            break
        lead = len(ln.text) - len(ln.text.lstrip())
        m = _SUBJECT.match(folded, ln.start + lead, ln.end)
        if not m:
            continue
        a, b, last = m.end(), ln.end, i
        for j in range(i + 1, len(lines)):
            nxt = lines[j].text.strip()
            if not nxt or not nxt[0].islower():
                break
            b, last = lines[j].end, j
        subject = " ".join(text[a:b].split()).strip(" .;")
        if subject:
            return subject[0].upper() + subject[1:], (a, b), last
    return None


def _central_issuer(issuer: str) -> bool:
    """Whether the issuer block names only central bodies (a ministry, Ban Chỉ đạo 138/CP)."""
    levels = vocab_levels()
    ids = [m.id for m in find_agencies(issuer)]
    return bool(ids) and all(levels.get(i) == "central" for i in ids)


def _province(text: str, folded: str, h: Header, parent: str | None, place_prov: Province | None, start: int, front_end: int):
    cands = []
    if "issuer" in h.spans:
        a, b = h.spans["issuer"]
        found = find_provinces(text, folded, a, b)
        if found:
            return found[-1].province, found[-1].start, found[-1].end
        if _central_issuer(text[a:b]):
            return None  # a ministry or national steering body: "Hà Nội, ngày ..." is its seat, not its province
    if parent:
        for p in find_provinces(parent):
            return p.province, *h.spans.get("issuer", (start, start))
    if place_prov is not None:
        a, b = h.spans["date"]
        return place_prov, a, a + len(text[a:b].split(",")[0].rstrip())
    for key in ("title",):
        if key in h.spans:
            cands = _kind_named(text, folded, *h.spans[key])
            if cands:
                return cands[0].province, cands[0].start, cands[0].end
            lead = _headline_province(text, folded, *h.spans[key])
            if lead:
                return lead.province, lead.start, lead.end
    if h.opening:
        cands = _kind_named(text, folded, *h.opening)
        if cands:
            return cands[-1].province, cands[-1].start, cands[-1].end
    cands = _kind_named(text, folded, start, front_end)
    if cands:
        counts: dict[str, int] = {}
        for c in cands:
            counts[c.province.name] = counts.get(c.province.name, 0) + 1
        best = max(counts.values())
        for c in cands:
            if counts[c.province.name] == best:
                return c.province, c.start, c.end
    return None


def _headline(text: str, lines: list[Ln]) -> tuple[str, tuple[int, int], int] | None:
    """A news item's headline: its first line that reads as one (short, no final stop, no
    citation, not site chrome)."""
    web = lex.line_start_regex("web_line")
    for i, ln in enumerate(lines[:40]):
        t = ln.text.strip()
        if len(t) < 16 or web.match(ln.fold) or t.count("|") >= 2:
            continue
        if len(t) > 250 or t.endswith((".", ":", ";")) or re.search(r"\d+/[A-ZĐ]", t) or _MARKER_LINE.match(t):
            return None  # a paragraph or an outline item, not a headline
        end, last = ln.end, i
        for k in range(i + 1, min(i + 4, len(lines))):
            nxt = lines[k].text.strip()
            if not nxt or web.match(lines[k].fold) or len(nxt) > 200 or re.search(r"\d{1,2}/\d{1,2}/\d{4}", nxt):
                break
            if t.endswith((".", ":", ";", "!", "?")) or _opening_at(lines[k]) and not nxt[:1].islower():
                break
            if _MARKER_LINE.match(nxt) and not re.match(r"^[-–]\s*\d{4}\b", nxt):
                break
            end, last = lines[k].end, k
        return re.sub(r"\s+", " ", text[ln.start : end]).strip(), (ln.start, end), last
    return None


__all__ = ["parse_header", "lines_of", "cells_of", "is_upper", "Ln", "case_issuer", "find_symbol",
           "find_place_date", "issuing_sentence", "provinces"]
