"""Legal references of a plan (see ../shared/CONTRACT.md, "references").

A reference is found from its symbol (``pipeline.text.symbols``): the symbol gives the
type and number, the words after it give the date and the issuer, the words before it the
type word and whether the plan says it carries the document out. Later short mentions
("Quyết định 193", "Kế hoạch số 77") resolve to their antecedent; variants of one document
merge; the national-document registry fills a missing date/issuer and flags a cited date
that contradicts the record. All matching runs on ``normalize.fold`` of the text so OCR's
lost diacritics (``ngay``, ``QD``) read the same.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.lexicon import registry
from pipeline.lexicon.agency_mentions import find_agencies, iter_agencies
from pipeline.lexicon.gazetteer import fast_fold
from pipeline.model import Document, Fact
from pipeline.normalize import normalize_string
from pipeline.resources import MODELS, tsv_lines
from pipeline.text.fold import fold
from pipeline.text.spaces import one_space
from pipeline.text.symbols import Symbol, find_symbols

# ---- data from models/ -------------------------------------------------------------------


def _tsv(path: Path) -> list[list[str]]:
    return tsv_lines(path)[1:]


@lru_cache(maxsize=1)
def doc_types() -> tuple[dict[str, str], dict[str, str]]:
    """Type abbreviations (models/doc_types.tsv): exact form → abbr, folded form → abbr."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for row in _tsv(MODELS / "doc_types.tsv"):
        abbr = row[0].strip()
        exact[abbr] = abbr
        folded.setdefault(fold(abbr), abbr)
    return exact, folded


@lru_cache(maxsize=1)
def type_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """The type words (models/reference_type_words.tsv) as one regex over folded text."""
    table: dict[str, str] = {}
    for row in _tsv(MODELS / "reference_type_words.tsv"):
        table[fold(normalize_string(row[0]))] = row[1].strip()
    alts = sorted(table, key=len, reverse=True)
    # Longest first, grouped by first letter, the "not inside a word" look-behind placed after
    # the letters of the first word (``_not_inside_word``): the regex engine then skips to the
    # letters that can open a type word, tries only the words that start with it, in the order
    # of a flat alternation, and reads the look-behind only where a first word is spelt out.
    groups: dict[str, list[str]] = {}
    for w in alts:
        head = w[1:].split(" ")[0]
        groups.setdefault(w[0], []).append(re.escape(head) + _not_inside_word(1 + len(head))
                                           + "".join(r"\s+" + re.escape(x) for x in w.split()[1:]))
    body = "|".join(re.escape(c) + r"(?:" + "|".join(rests) + ")" for c, rests in groups.items())
    pat = re.compile(r"(" + body + r")(?:(?=so\s{0,2}\d)|(?![^\W_]))")  # OCR may glue "số": "Kế hoạchsố 77"
    return pat, table


def _not_inside_word(width: int) -> str:
    """A look-behind, read ``width`` letters into a word, that says the word does not start
    inside another: ``(?<![^\\W_])`` at its start, written to follow its letters (none of
    which is a line break, the one character ``.`` passes over)."""
    return r"(?<![^\W_]" + "." * width + ")"


def symbol_type(sym: Symbol) -> str | None:
    """The contract's ``type`` of a symbol: its type part, ``CV`` when it has none, None when
    the shape is not a document's (a party-form symbol must have a type part)."""
    exact, folded = doc_types()
    first = sym.parts[0] if sym.parts else ""
    cands = [first]
    if sym.year:  # 43/2019/QH14: the National Assembly's code carries its term
        cands.append(first.rstrip("0123456789"))
    for c in cands:
        if c in exact:
            return exact[c]
    for c in cands:
        f = fold(c)
        if f in folded and (len(sym.parts) > 1 or sym.year or sym.dash_first):
            return folded[f]
    if len(sym.parts) > 1 or sym.year or sym.dash_first:
        # OCR doubles a letter ("QĐĐ", "KHH"): a known type once the repeat is dropped
        f = re.sub(r"(.)\1+", r"\1", fold(first))
        if f != fold(first) and f in folded:
            return folded[f]
    if sym.dash_first or sym.year:
        return None
    return "CV"


# ---- dates and issuers ---------------------------------------------------------------------

_DATE = r"ngay\s{0,3}(\d{1,2})\s{0,2}(?:[/.-]\s{0,2}(\d{1,2})\s{0,2}[/.-]\s{0,2}(\d{4})|,?\s{0,2}thang\s{0,3}(\d{1,2})\s{0,2},?\s{0,2}nam\s{0,3}(\d{4}))"
# right after a symbol, a bare "(09/02/2021)" is its date too
_DATE_AFTER = re.compile(
    r"[\s,(]{0,4}(?:(?:ban hanh|ky)\s{1,3})?(?:" + _DATE
    + r"|(\d{1,2})\s{0,2}/\s{0,2}(\d{1,2})\s{0,2}/\s{0,2}(\d{4}))"
)
_ISSUER_LEAD = re.compile(r"[\s),]{0,4}(cua|giua)\s{1,3}")
_CHAIN_GAP = re.compile(r"[\s,\-]{0,4}(?:va\s{1,3})?")
_CHAIN_GAP_LONGEST = 4 + 2 + 3  # the most characters _CHAIN_GAP can match (tests check it)
_TERM = re.compile(r"\s{0,2}\(?\s{0,2}khoa\s{1,3}[ivxlc\d]{1,6}\s{0,2}\)?")
_PAREN = re.compile(r"\s{0,2}\([^()\n]{1,80}\)")
# a body followed by one of these verbs is the subject of the sentence's main clause, not a co-issuer
_CLAUSE_VERB = re.compile(r"\s{1,3}(?:ban hanh|xay dung|trien khai|thuc hien|de ra|yeu cau|chi dao|giao|huong dan|to chuc)(?!\w)")
_ISSUER_STOP = re.compile(r"\s(?:ve|phe duyet|ban hanh|quy dinh|huong dan|tai|trong|nham|theo|thuc hien|trien khai)\s|[,;.()\n\u201c\u201d\"]")


def _iso(d: int, m: int, y: int) -> str | None:
    if 1 <= d <= 31 and 1 <= m <= 12 and 1900 <= y <= 2100:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def date_after(folded: str, pos: int) -> tuple[str | None, int]:
    """The issue date written right after ``pos`` (``ngày 09/02/2021``, ``(ngày 10/5/2016)``,
    ``ngày 05 tháng 6 năm 2024``) and where it ends; (None, pos) when there is none."""
    m = _DATE_AFTER.match(folded, pos, min(len(folded), pos + 60))
    if not m:
        return None, pos
    if m.group(6):
        d, mo, y = int(m.group(6)), m.group(7), m.group(8)
    else:
        d = int(m.group(1))
        mo, y = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
    iso = _iso(d, int(mo), int(y))
    end = m.end()
    if folded[end : end + 1] == ")":
        end += 1
    return iso, end if iso else pos


def issuer_after(text: str, folded: str, pos: int) -> str | None:
    """The issuer written as ``của X`` / ``giữa X, Y`` right after ``pos``, as written.

    The body is read with the agency gazetteer (a chain such as ``Bộ Công an - Bộ Quốc
    phòng - ...`` is one issuer); failing that, the words up to the subject matter (về ...).
    """
    m = _ISSUER_LEAD.match(folded, pos, min(len(folded), pos + 12))
    if not m:
        return None
    start = m.end()
    window_end = min(len(text), start + 300)
    # the chain of bodies at the window's start is all that is read: the window's later
    # mentions are never looked for (the matcher gives them in order, each final), and the
    # scan ends where no mention could still be read (``too_far``): the first must open within
    # two characters of the window, each next one where a chain gap after ``end`` may end
    end = None

    def too_far(at: int) -> bool:
        return at > (start + 2 if end is None else end + _CHAIN_GAP_LONGEST)

    mentions = iter_agencies(text[start:window_end], start, too_far)
    first = next(mentions, None)
    if first is not None and first.start - start <= 2:
        end = first.end
        for nxt in mentions:
            g = _CHAIN_GAP.fullmatch(folded, end, nxt.start)
            if not g:
                break
            if "," in folded[end : nxt.start] and _CLAUSE_VERB.match(folded, nxt.end):
                break  # "..., của Bộ Nội vụ, UBND tỉnh ban hành ...": the next body starts the main clause
            end = nxt.end
        for pat in (_PAREN, _TERM):
            pm = pat.match(folded, end, window_end)
            if pm and (pat is _TERM or find_agencies(text[end : pm.end()]) or "khoa" in folded[end : pm.end()]):
                end = pm.end()
    else:
        stop = _ISSUER_STOP.search(folded, start, min(len(folded), start + 80))
        end = stop.start() if stop else None
    if end is None or end <= start:
        return None
    name = one_space(text[start:end]).strip(" ,")
    return name or None


# ---- the opening ("Thực hiện ..., Căn cứ ...") ---------------------------------------------

_OPENING_LEAD = re.compile(r"(?:thuc hien|can cu|trien khai|tiep tuc thuc hien|theo|de trien khai|nham trien khai)\b")
_HEADING = re.compile(r"(?:[ivxl]{1,5}|1)\s{0,2}[.)/]\s|(?:phan|chuong)\s+(?:[ivxl]{1,5}|1)\b")


def opening_ranges(doc: Document) -> list[tuple[int, int]]:
    """Where the plan says what it carries out: Header.opening, else the paragraphs before
    the first outline heading that start with Thực hiện / Căn cứ / Triển khai."""
    if doc.header.opening:
        return [tuple(doc.header.opening)]
    out: list[tuple[int, int]] = []
    for ln in doc.lines[:200]:
        f = fold(ln.text.strip())
        if _HEADING.match(f):
            break
        if _OPENING_LEAD.match(f):
            out.append((ln.start, ln.end))
    return out


# A type word preceded by these is a document the cited one is about, not one carried out.
_CITES_BEFORE = re.compile(r"(?:^|[^\w])(?:ve viec|ve|viec|theo|tai|kem theo|cua|quy dinh tai)\s{1,3}(?:(?:thuc hien|trien khai|ban hanh)\s{1,3})?$")
# "Chương trình ... ban hành kèm theo Quyết định số ...": the decision that issued what is carried out
_ISSUED_WITH = re.compile(r"ban\s{1,3}hanh\s{1,3}kem\s{1,3}theo\s{1,3}$")
# "(Kèm theo Kế hoạch số ...)": an annex naming the plan it belongs to, at a line's start.
_ANNEX = re.compile(r"(?:^|\n)[\s(\[]{0,3}kem\s{1,3}theo\s{1,3}$")


def _carried_out(folded: str, at: int) -> bool:
    """In the opening, is the document whose type word starts at ``at`` one the plan carries out?

    Not when the words before it make it the subject matter of another document ("về việc",
    "kèm theo Kế hoạch"); yes when it is the decision that issued the programme carried out
    ("Chương trình ... ban hành kèm theo Quyết định số ...").
    """
    before = max(0, at - 30)
    return bool(_ISSUED_WITH.search(folded, before, at)) or not _CITES_BEFORE.search(folded, before, at)


# ---- the reference table -------------------------------------------------------------------

@dataclass
class _Ref:
    type: str
    number: str
    symbol: str | None
    year_symbol: int | None
    date: str | None
    issuer: str | None
    relation: str
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        if self.date:
            return int(self.date[:4])
        return self.year_symbol

    def same(self, t: str, number: str, year: int | None, symbol: str | None = None) -> bool:
        if registry.type_key(t) != registry.type_key(self.type) or number != self.number:
            return False
        a, b = _issuer_code(symbol or ""), _issuer_code(self.symbol or "")
        if a and b and not (a.startswith(b) or b.startswith(a)):  # "BCĐ" and "BCĐ138/CP" are one body
            return False  # "36/KH-UBATGTQG" and "36/KH-UBND": two bodies' plans of one number
        return year is None or self.year is None or year == self.year


def _issuer_code(symbol: str) -> str:
    """The part of a symbol after its type ("UBND" in "36/KH-UBND"), folded, without spaces."""
    return re.sub(r"[^a-z0-9]", "", fold(symbol.split("-", 1)[1] if "-" in symbol.split("/", 1)[-1] else ""))


def _typed_part(sym: Symbol) -> bool:
    """Whether the symbol's first part is a document type of doc_types.tsv."""
    exact, folded = doc_types()
    first = sym.parts[0] if sym.parts else ""
    return first in exact or fold(first) in folded


def _number(s: str) -> str:
    return s.lstrip("0") or "0"


def _own_symbol(doc: Document, text: str) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(type key, number, span) of the document's own symbol: the header's, else ``Số: ...``."""
    span = doc.header.spans.get("symbol") if doc.header.spans else None
    if doc.header.symbol:
        m = re.match(r"\s*(\d+)\s*[/-]\s*(?:\d{4}\s*/\s*)?([^\s/-]+)", doc.header.symbol)
        if m:
            return registry.type_key(m.group(2)), _number(m.group(1)), span
    head = text[:2000]
    m = re.search(r"S[ốốo]\s{0,2}:?\s{0,3}(?=\d)", head)
    if m:
        syms = find_symbols(head[m.end() : m.end() + 60])
        if syms and syms[0].start == 0:
            s = syms[0]
            t = symbol_type(s)
            return registry.type_key(t), _number(s.number), (m.end(), m.end() + s.end)
    return None, None, span


# Between a type word and its number: "liên ngành", "số", ":" and spaces, nothing else.
_TYPE_TAIL = re.compile(r"(?:\s{1,3}(?:lien nganh|lien tich|phoi hop))?\s{0,3}(?:so\s{0,3})?:?\s{0,2}")
# A number right after these is part of a body's name (Ban Chỉ đạo 138/CP), not a symbol.
_BODY_NUMBER = re.compile(r"(?:ban chi dao|bcd|chuong trinh|to cong tac|doan)\s{0,3}$")


def _type_word_before(folded: str, pos: int) -> tuple[int, str | None]:
    """Start of the type word ending just before ``pos`` (``Quyết định số``), and its type."""
    pat, table = type_words()
    lo = max(0, pos - 70)
    window = folded[lo:pos]
    best = None
    for m in pat.finditer(window):
        tail = window[m.end() :]
        if _TYPE_TAIL.fullmatch(tail):
            best = m
    if best is None:
        m2 = re.search(r"(?:^|\W)(so)\s{0,3}:?\s{0,2}$", window)
        return (lo + m2.start(1), None) if m2 else (pos, None)
    key = one_space(best.group(1))
    return lo + best.start(), table.get(key)


def extract_references(doc: Document) -> tuple[list[Fact], list[Fact]]:
    """(numbered references, named references without a number)."""
    return _extract(doc), extract_named(doc)


def _in(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def _add(refs: list[_Ref], new: _Ref) -> _Ref:
    for r in refs:
        if r.same(new.type, new.number, new.year, new.symbol):
            r.spans.extend(new.spans)
            r.date = r.date or new.date
            r.issuer = r.issuer or new.issuer
            r.year_symbol = r.year_symbol or new.year_symbol
            if new.relation == "implements":
                r.relation = "implements"
            if not r.symbol:
                r.symbol = new.symbol
            return r
    refs.append(new)
    return new


def _extract(doc: Document) -> list[Fact]:
    text = doc.text
    folded = fast_fold(text)
    opening = opening_ranges(doc)
    news = doc.header.wrapper == "news"  # a news item reports a plan: it cites it, carries nothing out
    own_type, own_number, own_span = _own_symbol(doc, text)
    refs: list[_Ref] = []
    covered: list[tuple[int, int]] = []
    pending: list[tuple[_Ref, int]] = []  # refs without issuer, and where their words end
    for sym in find_symbols(text):
        t = symbol_type(sym)
        tw_start, tw_type = _type_word_before(folded, sym.start)
        if t is None:
            if tw_type is None:
                continue
            t = tw_type  # "Kết luận số 13-K1/IW": a code OCR damaged past reading, typed by its word
        has_context = tw_start < sym.start
        if t == "CV" and tw_type and tw_type != "CV" and not _typed_part(sym):
            t = tw_type  # "Tờ trình 4349/CAT-PV01": no type part, the word before names the kind
        if t == "CV" and (not has_context or _BODY_NUMBER.search(folded, max(0, sym.start - 20), sym.start)):
            continue  # "Ban Chỉ đạo 138/CP": a shape, not a cited letter
        number = _number(sym.number)
        if own_span and own_span[0] <= sym.start < own_span[1]:
            continue
        if own_type and registry.type_key(t) == own_type and number == own_number:
            continue
        if _ANNEX.search(folded, max(0, tw_start - 12), tw_start):
            continue
        date, after = date_after(folded, sym.end)
        issuer = issuer_after(text, folded, after)
        relation = "implements" if _in(sym.start, opening) and _carried_out(folded, tw_start) and not news else "cites"
        # "Công văn số A ngày ... và Công văn số B ngày ... của UBND tỉnh": one issuer for both
        for prev, prev_end in pending:
            if (issuer and prev.issuer is None and prev.type == t
                    and re.fullmatch(r"\s{0,2},?\s{0,2}va\s{1,3}", folded[prev_end:tw_start])):
                prev.issuer = issuer
        pending = [] if issuer else pending
        ref = _add(refs, _Ref(t, number, sym.text, sym.year, date, issuer, relation, [(tw_start, sym.end)]))
        if ref.issuer is None:
            pending.append((ref, after))
        covered.append((tw_start, sym.end))
    _short_mentions(doc, text, folded, refs, covered, opening, own_type, own_number)
    return [_fact(doc, r) for r in refs]


def _short_mentions(doc, text, folded, refs, covered, opening, own_type, own_number) -> None:
    """``Quyết định 193``, ``Kế hoạch số 77``: link to an antecedent, or, when a date follows,
    record a document cited without a symbol."""
    pat, table = type_words()
    num = re.compile(r"\s{1,3}(?:so\s{0,3}:?\s{0,2})?(\d{1,5})(?![\d/-]|\s{0,2}[/-]\s{0,2}[a-z\d]|[.,]\d)")
    for m in pat.finditer(folded):
        n = num.match(folded, m.end())
        if not n or any(a <= m.start() < b for a, b in covered):
            continue
        t = table.get(one_space(m.group(1)))
        number = _number(n.group(1))
        if _ANNEX.search(folded, max(0, m.start() - 12), m.start()):
            continue
        if own_type and t and registry.type_key(t) == own_type and number == own_number:
            continue
        same = [r for r in refs if r.number == number and t and registry.type_key(r.type) == registry.type_key(t)]
        if not same:
            same = [r for r in refs if r.number == number and r.symbol]
            same = same if len(same) == 1 else []
        if same:
            same[0].spans.append((m.start(), n.end()))
            continue
        date, after = date_after(folded, n.end())
        if not date or not t:
            continue
        issuer = issuer_after(text, folded, after)
        relation = "implements" if _in(m.start(), opening) and _carried_out(folded, m.start()) and doc.header.wrapper != "news" else "cites"
        _add(refs, _Ref(t, number, None, None, date, issuer, relation, [(m.start(), n.end())]))


def _fact(doc: Document, r: _Ref) -> Fact:
    out: dict[str, Any] = {
        "type": r.type, "number": r.number, "symbol": r.symbol, "year": None, "date": r.date,
        "issuer": r.issuer, "relation": r.relation,
    }
    entry = registry.lookup(r.type, r.number, r.year, r.symbol)
    if entry:
        if entry.date and r.date and entry.date != r.date:
            out["registry_date"] = entry.date
            out["date_conflict"] = True
        out["date"] = r.date or entry.date
        out["issuer"] = r.issuer or entry.issuer
        if entry.title:
            out["title"] = entry.title
    date = out["date"]
    out["year"] = int(date[:4]) if date else r.year_symbol
    out["spans"] = [doc.span(a, b) for a, b in sorted(set(r.spans))]
    return out


# ---- named references (laws, programmes, conventions without a number) ---------------------

_NAMED_WORDS = ("Luật", "Bộ luật", "Công ước", "Nghị định thư", "Pháp lệnh", "Hiệp định", "Tuyên bố", "Chiến lược",
                "Chương trình", "Đề án")
# "Not inside a word" is checked after the capital (a look-behind over it and the letter before):
# a regex that opens with capitals lets the engine skip to them instead of trying every position.
_NAMED_HEAD = re.compile(r"(" + "|".join(w[0] + r"(?<![^\W_].)" + w[1:] for w in _NAMED_WORDS) + r")\s+")
_NAMED_END = re.compile(
    r"[;.()|\n\u201c\u201d\"]|\s(?:của|đã|được|nhằm|trên địa bàn|tại|theo|để|với|cho|và các|và những|và văn bản)\s"
    r"|,\s(?!chống|định hướng|tầm nhìn)"
)
_AND = re.compile(r"\s(?:và|hoặc)\s+")
_NAMED_NEEDS = re.compile(r"phòng,? chống|mua bán người|giai đoạn|\d{4}|[A-Z]{2,}")


def extract_named(doc: Document) -> list[Fact]:
    """Laws, conventions and programmes named without a number, one entry per name.

    A law/convention name must start with a capital (``Luật Phòng, chống ...``); a
    programme/strategy/project must carry its subject or period so that "chương trình công
    tác" or "đề án" used as ordinary words are left out.
    """
    text = doc.text
    seen: dict[str, Fact] = {}
    for m in _NAMED_HEAD.finditer(text):
        head = m.group(1)
        rest_start = m.end()
        if rest_start >= len(text):
            continue
        if head in ("Chương trình", "Đề án", "Chiến lược", "Tuyên bố", "Hiệp định"):
            pass
        elif not (text[rest_start].isupper() or text[rest_start] in "TVH"):
            continue
        e = _NAMED_END.search(text, rest_start, min(len(text), rest_start + 160))
        end = e.start() if e else min(len(text), rest_start + 160)
        for j in _AND.finditer(text, rest_start, end):
            if text[j.end() : j.end() + 1].isupper():  # "Luật X và Kế hoạch số ...": a second document
                end = j.start()
                break
        name = one_space(text[m.start() : end]).strip(" ,-–")
        name = re.sub(r"\s+(?:và|hoặc)$", "", name)
        # a period closes the name: "... đến năm 2030 gắn với ..." ends at 2030
        name = re.sub(r"((?:19|20)\d\d)(?:\s+[a-zà-ỹđ][^\d]*)$", r"\1", name)
        if name[len(head) :].split()[:1] in (["được"], ["này"], ["đã"], ["của"], ["các"], ["trên"], ["về"]):
            continue
        if len(name.split()) < 3 or re.match(r".{0,20}\s(?:số|so)\s*\d", name):
            continue
        if head in ("Chương trình", "Đề án", "Chiến lược", "Tuyên bố", "Hiệp định") and not _NAMED_NEEDS.search(name[len(head) :]):
            continue
        if re.search(r"\d+\s*[/-]\s*[A-ZĐ]", text[rest_start : rest_start + 20]):
            continue
        key = fold(name)
        issuer = issuer_after(text, fast_fold(text), end) if e and text[e.start() : e.start() + 5] == " của " else None
        fact = seen.get(key)
        if fact is None:
            fact = seen[key] = {"name": name, "issuer": issuer, "spans": []}
        fact["issuer"] = fact["issuer"] or issuer
        fact["spans"].append(doc.span(m.start(), end))
    # "Chương trình X" and "Chương trình X giai đoạn ..." are one programme: keep the fuller name
    facts = sorted(seen.values(), key=lambda f: -len(f["name"]))
    kept: list[Fact] = []
    for f in facts:
        k = fold(f["name"]).replace(",", "")
        for big in kept:
            if fold(big["name"]).replace(",", "").startswith(k):
                big["spans"].extend(f["spans"])
                big["issuer"] = big["issuer"] or f["issuer"]
                break
        else:
            kept.append(f)
    return kept
