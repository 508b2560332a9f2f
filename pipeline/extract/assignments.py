"""Who is told to do what, read from one stretch of text (a line, a heading, an item).

Plans assign work in a handful of sentence shapes; this module reads them all with one
clause grammar so that an assignment line after the items, an italic trailing line, a
heading that names the actor and a sentence inside an item are parsed alike:

* a *subject group* — bodies at the start of a clause (after "Giao", "Đề nghị", or an
  opening adverbial such as "Căn cứ Kế hoạch này,"), chained by commas and "và" — presides,
  unless its verb is a bare "phối hợp thực hiện" / "tham gia" (then it supports);
* an *object group* — bodies right after "phối hợp với", "với sự tham gia của" — supports;
* bodies after "chỉ đạo", "hướng dẫn", "báo cáo", "gửi", "qua", "của" ... are addressed,
  not assigned, and are dropped;
* item numbers ("nội dung (1), (2)", "(1) đến (4)", "a, b mục 1", "các nội dung trên")
  say which items a line assigns.

The cue words live in models/assignment_patterns.tsv, matched on the folded text, so OCR
that loses tone marks ("Cong an tinh chu tri") reads the same. Agency names come from
``pipeline.extract.agencies.find_agencies`` (the single gazetteer).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.lexicon import agency_mentions as _agencies
from pipeline.resources import MODELS
from pipeline.text.fold import fold
from pipeline.text.markers import marker_confusions

MAX_LINE = 4000  # an assignment sentence is short; longer text is read only this far


@lru_cache(maxsize=1)
def patterns() -> dict[str, list[str]]:
    """Cue words by kind from models/assignment_patterns.tsv (folded, longest first)."""
    out: dict[str, list[str]] = {}
    for line in (MODELS / "assignment_patterns.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        kind, words = line.split("\t", 1)
        out.setdefault(kind.strip(), []).append(words.strip())
    for k in out:
        out[k].sort(key=len, reverse=True)
    return out


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


def _alt_by_letter(words: list[str]) -> str:
    """``(?<![\\w])(?:_alt(words))`` written so the regex engine can skip to the words: grouped
    by first letter (in their given order inside a group, so the same word wins) with the
    "not inside a word" look-behind after the letters of each word's first word, not before
    them (``(?<![\\w]...)`` spanning those letters, none a line break, says the same): at a
    letter inside a word, the letters after it rarely spell a cue word, and then the
    look-behind is never read."""
    groups: dict[str, list[str]] = {}
    for w in words:
        head = w[1:].split(" ")[0]
        tail = re.escape(w[1 + len(head):]).replace(r"\ ", r"\s+")
        groups.setdefault(w[0], []).append(re.escape(head) + r"(?<![\w]" + "." * (1 + len(head)) + ")" + tail)
    return "|".join(re.escape(c) + r"(?:" + "|".join(rests) + ")" for c, rests in groups.items())


def _by_letter(alts: list[tuple[str, str]]) -> str:
    """Regex alternatives given as (first character, regex of the rest), grouped by that
    character in their given order, each group with the "not inside a word" look-behind."""
    groups: dict[str, list[str]] = {}
    for c, rest in alts:
        groups.setdefault(c, []).append(rest)
    return "|".join(re.escape(c) + r"(?<![\w].)(?:" + "|".join(rests) + ")" for c, rests in groups.items())


@lru_cache(maxsize=None)
def cue(kind: str, anchor: str = "") -> re.Pattern[str]:
    """A regex for the cue words of ``kind``; ``anchor`` is '^' / '$' to pin it to an end."""
    words = patterns().get(kind, [])
    if not words:
        return re.compile(r"(?!x)x")
    body = rf"(?:{_alt_by_letter(words)})(?![\w])"
    if anchor == "^":
        return re.compile(r"^[\s,;:\-–(]*" + body)
    if anchor == "$":
        return re.compile(body + r"[\s,;:]*$")
    return re.compile(body)


def catch_alls() -> set[str]:
    return set(patterns().get("catch_all", []))


@dataclass
class Assign:
    """One body given one role, with the words that gave it."""

    agency: str
    role: str  # lead | support
    start: int  # span of the evidence (absolute offsets)
    end: int
    name: str = ""
    strong: bool = False  # given by "giao"/"đề nghị"/"chủ trì", not only by sentence position


@dataclass
class Refs:
    """The items an assignment clause points at."""

    labels: list[str] = field(default_factory=list)  # folded item labels ("1", "a", "2.1")
    section: str | None = None  # "mục 1" qualifier
    within: str | None = None  # "khoản 1" after "điểm a, b": the part the labels lie in
    all: bool = False  # "các nội dung trên"
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.labels or self.section or self.all)


@dataclass
class Clause:
    start: int
    end: int
    assigns: list[Assign]
    refs: Refs
    has_cue: bool


# -- item references ---------------------------------------------------------------

_LABEL = r"(?:\(\s*[0-9]{1,2}(?:\.[0-9]{1,2})*\s*\)|\(\s*[a-zđ]\s*\)|[0-9]{1,2}(?:\.[0-9]{1,2})*\)?|[a-zđ]\))"
_BARE_LETTER = r"[a-zđ]"
_SEP = r"(?:\s*(?:,|;|va|và|và|&)\s*|\s+)"


def _norm_label(s: str) -> str:
    return re.sub(r"[\s()]", "", fold(s)).rstrip(".")


@lru_cache(maxsize=1)
def _ref_re() -> re.Pattern[str]:
    words = patterns().get("ref", [])
    ref_words = _alt(words)
    rng = _alt(patterns().get("range", []))
    # a label, not the day of a date ("từ 01/3/2026")
    item = rf"(?:{_LABEL}(?![/\-]?\d)|{_BARE_LETTER}(?![\w]))"
    # "điểm a đến điểm d", "từ số 1 đến số 4": the word may come again before a later label
    again = rf"(?:(?:{ref_words}|so)\s+)?"
    lst = rf"{item}(?:\s*(?:,|va(?!\w)|{rng}|hoac)\s*{again}{item}){{0,40}}"
    tail = rf"(?:\s+(?:so|tu)(?!\w))*\s*(?P<list>{lst})"
    if not all(w[:1].isalpha() and w[:1].isascii() for w in words):
        return re.compile(rf"(?<!\w)(?:cac\s+)?(?:{ref_words}){tail}")
    # the same pattern opening with a letter ("các" first, then the words in their order), so
    # the engine skips to those letters instead of trying the look-behind at every position
    opening = _by_letter([("c", rf"ac\s+(?:{ref_words})")] + [(w[0], re.escape(w[1:]).replace(r"\ ", r"\s+")) for w in words])
    return re.compile(rf"(?:{opening}){tail}")


_PAREN_LIST = re.compile(r"\(\s*([0-9]{1,2})\s*\)(?:\s*(?:,|va(?!\w)|den|toi|-|–)\s*\(\s*[0-9]{1,2}\s*\))*")
_ITEM_TOKEN = re.compile(rf"{_LABEL}|(?<![\w]){_BARE_LETTER}(?![\w])|(?<!\w)(?:den|toi)(?!\w)|[-–]")


def _expand(tokens: list[str]) -> list[str]:
    """Labels with ranges expanded: ["1", "den", "4"] -> 1,2,3,4; letters likewise."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t in ("den", "toi", "-", "–") and out and i + 1 < len(tokens):
            a, b = out[-1], _norm_label(tokens[i + 1])
            if a.isdigit() and b.isdigit() and 0 < int(b) - int(a) <= 50:
                out.extend(str(n) for n in range(int(a) + 1, int(b) + 1))
                i += 2
                continue
            if len(a) == 1 and len(b) == 1 and a.isalpha() and b.isalpha() and 0 < ord(b) - ord(a) <= 20:
                out.extend(chr(c) for c in range(ord(a) + 1, ord(b) + 1))
                i += 2
                continue
            i += 1
            continue
        if t not in ("den", "toi", "-", "–"):
            lab = _norm_label(t)
            if lab and lab not in out:
                out.append(lab)
        i += 1
    return out


# the token after a list's last comma that OCR damaged past reading as a label: "(4), @G)"
_DAMAGED_TAIL = re.compile(r"\s*(?:,|va)\s*(?P<tok>[^\s,;.]{1,3})\)")


def _ocr_labels(labs: list[str], tail: str) -> list[str]:
    """A numbered list's labels with OCR damage put right from the list's own sequence.

    Why: on a scan "nội dung (1), (2), (3)" comes out "(l), (2), (3)" (a letter item l) or
    "(2), (3), (4), @G)" (the last number unreadable); the task then loses the body that
    the line assigns. Only a list of consecutive numbers is repaired: a letter that OCR
    makes of a digit (models/marker_confusions.tsv) is that digit where the sequence wants
    it, and an unreadable token closing the list is the next number.
    """
    digit = {fold(k): v for k, v in marker_confusions().get("digit", {}).items()}
    fixed = [digit.get(x, x) if len(x) == 1 and not x.isdigit() else x for x in labs]
    if not fixed or not all(x.isdigit() for x in fixed) or (fixed != labs and len(fixed) < 2):
        return labs
    nums = [int(x) for x in fixed]
    if any(b != a + 1 for a, b in zip(nums, nums[1:])):
        return labs
    m = _DAMAGED_TAIL.match(tail)
    if m and not re.fullmatch(r"\(?(?:[0-9]{1,2}|[a-zđ])", m.group("tok")):
        fixed.append(str(nums[-1] + 1))
    return fixed


@lru_cache(maxsize=1)
def _section_re() -> re.Pattern[str]:
    """"mục 2" / "phần II": the section an assignment line qualifies (compiled once)."""
    sec_words = _alt_by_letter(patterns().get("section", []))
    return re.compile(rf"(?:{sec_words})\s+(?P<lab>[0-9]{{1,2}}(?:\.[0-9]{{1,2}})*|[ivx]{{1,5}})(?![\w])")


@lru_cache(maxsize=None)
def needles(kind: str) -> tuple[str, ...]:
    """Strings one of which any match of the cue words of ``kind`` contains: the longest
    syllable of each word. Why: a clause rarely holds any of them, and testing a few
    substrings is far cheaper than a regex scan that must try every position."""
    return tuple(sorted({max(w.split(), key=len) for w in patterns().get(kind, []) if w.split()}))


def _holds(text: str, kind: str) -> bool:
    """Whether ``text`` may hold a cue word of ``kind`` (False: it holds none)."""
    for n in needles(kind):  # a plain loop: no generator frame per call
        if n in text:
            return True
    return False


def find_refs(folded: str, offset: int = 0) -> Refs:
    """Item numbers a clause points at, from its folded text."""
    refs = Refs()
    if _holds(folded, "ref"):
        _word_refs(folded, offset, refs)
    if "(" in folded:
        _paren_refs(folded, offset, refs)
    if _holds(folded, "dash_ref"):
        _dash_refs(folded, offset, refs)
    if _holds(folded, "section"):
        for m in _section_re().finditer(folded):
            refs.section = m.group("lab").upper() if re.fullmatch(r"[ivx]+", m.group("lab")) else m.group("lab")
            refs.spans.append((offset + m.start(), offset + m.end()))
            break
    if _holds(folded, "all") and cue("all").search(folded):
        refs.all = True
    return refs


def may_point(folded: str) -> bool:
    """False when no clause of ``folded`` can both carry an assignment cue (chủ trì, phối hợp,
    giao) and point at items: then no clause of it is an assignment statement by reference.
    Each test holds for the whole text whenever it holds for one of its clauses (a clause is
    a slice of it, cut where no word goes on), so False is always right."""
    if not (cue("lead").search(folded) or cue("support").search(folded) or cue("assign").search(folded)):
        return False
    return _holds(folded, "ref") or "(" in folded or _holds(folded, "section") or _holds(folded, "all")


@lru_cache(maxsize=1)
def _within_re() -> re.Pattern[str]:
    words = _alt(patterns().get("within", []))
    return re.compile(rf"(?:cac\s+)?(?:{words})(?!\w)") if words else re.compile(r"(?!x)x")


_WITHIN_GAP = re.compile(r"^[\s,]*(?:(?:tai|cua|thuoc|o)\s+)?$")


def _word_refs(folded: str, offset: int, refs: Refs) -> None:
    """Labels after a reference word ("nội dung (1), (2)", "điểm a, b"); a "khoản 1" right
    after such a list is the part they lie in (``refs.within``), not one more label."""
    prev_end = None
    for m in _ref_re().finditer(folded):
        toks = _ITEM_TOKEN.findall(m.group("list"))
        labs = _ocr_labels(_expand(toks), folded[m.end():m.end() + 12])
        if labs and prev_end is not None and refs.within is None and len(labs) == 1 \
                and _WITHIN_GAP.match(folded[prev_end:m.start()]) and _within_re().match(folded, m.start()):
            refs.within = labs[0]
            refs.spans.append((offset + m.start(), offset + m.end()))
            prev_end = None
            continue
        # only a list of finer labels is qualified: "khoản 2, khoản 3" lists two parts
        prev_end = m.end() if labs and not _within_re().match(folded, m.start()) else None
        if labs:
            refs.labels.extend(x for x in labs if x not in refs.labels)
            refs.spans.append((offset + m.start(), offset + m.end()))


@lru_cache(maxsize=1)
def _dash_ref_re() -> tuple[re.Pattern[str], dict[str, str]]:
    """"gạch đầu dòng thứ nhất và thứ hai" / "gạch đầu dòng thứ 3": dash items by place
    (models/ordinals.tsv holds the ordinal words)."""
    rows = [ln.split("\t") for ln in (MODELS / "ordinals.tsv").read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")][1:]
    ordinals = {w.strip(): n.strip() for w, n in rows}
    word = rf"(?:{'|'.join(sorted(ordinals, key=len, reverse=True))}|\d{{1,2}})(?!\w)"
    pat = re.compile(rf"(?:{_alt(patterns().get('dash_ref', []))})\s+(?P<list>thu\s+{word}"
                     rf"(?:\s*(?:,|va)\s*(?:thu\s+)?{word})*)")
    return pat, ordinals


def _dash_refs(folded: str, offset: int, refs: Refs) -> None:
    """Dash items pointed at by their place; their labels are "-1", "-2" as the outline numbers them."""
    pat, ordinals = _dash_ref_re()
    for m in pat.finditer(folded):
        for tok in re.findall(r"\w+", m.group("list")):
            n = tok if tok.isdigit() else ordinals.get(tok)
            if n and f"-{int(n)}" not in refs.labels:
                refs.labels.append(f"-{int(n)}")
        refs.spans.append((offset + m.start(), offset + m.end()))


def _paren_refs(folded: str, offset: int, refs: Refs) -> None:
    """Bracketed numbers outside the word references ("(1) đến (4)")."""
    for m in _PAREN_LIST.finditer(folded):
        if any(s - offset <= m.start() < e - offset for s, e in refs.spans):
            continue
        labs = _expand(_ITEM_TOKEN.findall(m.group(0)))
        refs.labels.extend(x for x in labs if x not in refs.labels)
        refs.spans.append((offset + m.start(), offset + m.end()))


# -- clause grammar ----------------------------------------------------------------

# each alternative opens with a literal (look-behind after "dong", read only there): the engine
# skips to those
_CLAUSE_BREAK = re.compile(r";(?=\s|$)(?!\s*\d)|\.(?=\s|$)(?!\s*\d)|\n|dong(?<!\w....) thoi(?!\w)")
@lru_cache(maxsize=1)
def _connector() -> re.Pattern[str]:
    qual = _alt(patterns().get("qualifier", []))
    # "Các sở, ban, ngành, đơn vị cấp tỉnh; Ban ATGT tỉnh": a generic noun the gazetteer does
    # not read may stand in the list, with its level
    noun = _alt(patterns().get("list_noun", []))
    nouns = rf"(?:(?:{noun})(?!\w)(?:\s+(?:{qual})(?!\w))?[\s,;/&\-–]*)*" if noun else ""
    return re.compile(rf"^[\s,;/&\-–]*{nouns}(?:(?:{qual})(?!\w)[\s,]*)?(?:(?:va|cung|hoac|va de nghi|de nghi)(?!\w)[\s,]*)?(?:cac(?!\w)\s*)?$")
_PAREN_ONLY = re.compile(r"^[\s,]*\([^()]{0,200}\)[\s,]*$")


@lru_cache(maxsize=1)
def _head_title_tail() -> re.Pattern[str]:
    """A head's title ending the text before a body ("Thủ trưởng", "Chủ tịch"): the body still
    stands where the title stands ("Thủ trưởng các sở ... và Chủ tịch UBND các huyện chỉ đạo")."""
    return re.compile(rf"(?<!\w)(?:{_alt(patterns().get('head_title', []))})\s*$")


def _without_head_title(tail: str) -> str:
    """``tail`` without a head's title or a bare article ("Các lực lượng Cảnh sát giao thông")
    ending it."""
    tail = _ARTICLE_END.sub("", tail)
    return _head_title_tail().sub("", tail) if patterns().get("head_title") else tail


_ARTICLE_END = re.compile(r"(?<!\w)(?:cac|nhung)\s*$")


def _gap_joins(g: str) -> bool:
    """Does the text between two bodies only list them (", ", " và ", an appositive (...))?"""
    g2 = re.sub(r"\([^()]{0,200}\)", " ", g)
    g2 = _without_head_title(g2.rstrip())
    # a lone consonant is no Vietnamese word: an OCR speck ("và v UBND các huyện")
    g2 = _SPECK.sub(" ", g2)
    return bool(_connector().match(g2)) or bool(_PAREN_ONLY.match(g))


_SPECK = re.compile(r"[bcdghklmnpqrstvx](?<!\w.)(?!\w)")  # the look-behind after the letter: the engine skips to them


def _mentions(text: str, offset: int, given: list | None = None) -> list:
    if given is not None:
        return given
    ms = list(_agencies.find_agencies(text, offset))
    out = []
    last_end = -1
    for m in sorted(ms, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start >= last_end and m.id:
            out.append(m)
            last_end = m.end
    return out


def _groups(mentions: list, text: str, offset: int) -> list[list]:
    """Mentions chained into groups ("Công an tỉnh, Sở Tư pháp và UBND các huyện")."""
    groups: list[list] = []
    owner_end = -1  # the end of a body named only as the owner of the members before it
    for m in mentions:
        if groups:
            prev = groups[-1][-1]
            if _MEMBERS_OF.search(fold(prev.name)) and m.start >= prev.end and owner_end < prev.end \
                    and _OWNER_GAP.match(fold(text[prev.end - offset:m.start - offset])):
                # "các cơ quan thành viên Ban An toàn giao thông tỉnh": the members act, the
                # board is only whose members they are
                owner_end = m.end
                continue
            gap = fold(text[max(prev.end, owner_end) - offset : m.start - offset])
            if _gap_joins(gap):
                # a body inside an appositive bracket after the previous one is not a new body
                if "(" in gap and ")" not in gap:
                    continue
                groups[-1].append(m)
                continue
            # a body inside brackets right after a body: appositive, dropped
            if gap.strip().startswith("(") and ")" not in gap:
                continue
        groups.append([m])
    return groups


_MEMBERS_OF = re.compile(r"thanh vien\s*$")  # a group of members ("các cơ quan thành viên")
_OWNER_GAP = re.compile(r"^\s*(?:cua\s*)?$")  # "các cơ quan thành viên (của) Ban ATGT tỉnh"


@lru_cache(maxsize=1)
def _object_tail() -> re.Pattern[str]:
    """An object cue ("phối hợp với") ending the text before a group (compiled once)."""
    return re.compile(rf"(?:{_alt(patterns()['object'])})[\s,]*(?:(?:va\s+)?(?:chi dao|huong dan|don doc)[\s,]*)*$")


def _inside_parens(text: str, pos: int, lo: int) -> bool:
    seg = text[lo:pos]
    return seg.count("(") > seg.count(")")


def _read_part(text: str, offset: int, folded: str | None) -> tuple[str, int, str]:
    """(text, offset, folded) of what ``parse_clauses`` reads of ``text``: its first
    MAX_LINE characters, or the inside of the brackets that wrap it whole."""
    text = text[:MAX_LINE]
    folded = folded[:MAX_LINE] if folded is not None else None
    inner = unwrap(text)
    if inner is not None:  # "(Công an tỉnh chủ trì ... thực hiện)": read inside the brackets
        offset += inner[0]
        text = text[inner[0]:inner[1]]
        folded = folded[inner[0]:inner[1]] if folded is not None else None
    if folded is None:
        folded = fold(text)
    return text, offset, folded


def _clause_bounds(text: str, folded: str) -> list[int]:
    """Where the clauses of ``text`` start and end (sorted, 0 and len(text) included): at
    "; " and ". " (not inside brackets, not before a figure), line breaks and "đồng thời"."""
    bounds = [0]
    for m in _CLAUSE_BREAK.finditer(folded):
        if _inside_parens(text, m.start(), 0):
            continue
        if m.group(0).strip() in (";", ".", ""):
            bounds.append(m.end())
        else:  # "đồng thời" starts the next clause at itself
            bounds.append(m.start())
    bounds.append(len(text))
    return sorted(set(bounds))


def points_at_items(text: str, offset: int = 0, folded: str | None = None) -> bool:
    """Whether a clause of ``parse_clauses(text, offset, folded=folded)`` has item labels, a
    section or "all" in its references (what an assignment statement by reference needs).

    Why: the tasks pass asks this of every item that names a body, and most items point at
    nothing; the clauses' references are read here exactly as ``parse_clauses`` reads them
    (same part, same clause bounds, same ``find_refs``), without the bodies' roles."""
    text, offset, folded = _read_part(text, offset, folded)
    bounds = _clause_bounds(text, folded)
    for cs, ce in zip(bounds, bounds[1:]):
        if cs >= ce or not text[cs:ce].strip():
            continue
        refs = find_refs(folded[cs:ce], offset + cs)
        if refs.labels or refs.section or refs.all:
            return True
    return False


def parse_clauses(text: str, offset: int = 0, *, subject_anywhere: bool = True,
                  implicit_actor: bool = False, mentions: list | None = None,
                  folded: str | None = None, clause_facts: bool = True) -> list[Clause]:
    """Assignments of each clause of ``text``.

    ``subject_anywhere``: a body at the start of any clause is a subject (assignment lines);
    when False only the first clause's subject counts, later bodies need "giao"/"chủ trì"
    (item text, where later clauses describe rather than assign).
    ``implicit_actor``: the text's actor is known from outside (a heading); object groups of
    "phối hợp với" still count as support.
    ``folded``: ``fold(text)`` when the caller has it (a slice of the document's fold).
    ``clause_facts``: False when only the assignments are wanted; each clause's item
    references and cue flag are then read only where the assignments depend on them (the
    returned clauses carry empty references and no cue).
    """
    text, offset, folded = _read_part(text, offset, folded)
    if mentions is not None:
        mentions = [m for m in mentions if offset <= m.start and m.end <= offset + len(text)]
    ments = _mentions(text, offset, mentions)
    bounds = _clause_bounds(text, folded)
    clauses: list[Clause] = []
    prev_subjects: list = []
    # "Chỉ đạo Công an các huyện chủ trì ...; Công an các xã chủ trì ...": an item that opens by
    # directing bodies goes on listing whom it directs, not who leads
    directed = not subject_anywhere and bool(_DIRECTS.match(folded))
    for ci in range(len(bounds) - 1):
        cs, ce = bounds[ci], bounds[ci + 1]
        if cs >= ce or not text[cs:ce].strip():
            continue
        cms = [m for m in ments if cs <= m.start - offset < ce]
        cf = folded[cs:ce]
        refs = find_refs(cf, offset + cs) if clause_facts else None
        assigns: list[Assign] = []
        subjects: list = []
        groups = _groups(cms, text, offset)
        has_cue = _has_cue(cf) if clause_facts else None
        first_clause = ci == 0 or not clauses
        # a new sentence of an item that opens with bodies: "... Các sở, ngành có liên quan
        # phải thực hiện đầy đủ trách nhiệm ...": they are its subject too
        head = text[:cs].rstrip()
        new_sentence = head.endswith(".") and not _ITEM_NUMBER_END.search(head) and text[cs:].lstrip()[:1].isupper()
        for gi, g in enumerate(groups):
            gs, ge = g[0].start - offset, g[-1].end - offset
            if _inside_parens(text, gs, cs):
                continue
            before = folded[cs:gs]
            after = folded[ge:ce]
            tail = _without_head_title(before.rstrip())
            role = None
            strong = False
            if _object_tail().search(tail):
                role = "support"
            elif cue("assign", "$").search(tail):
                if not _requested_by_actor(tail):
                    role = "subject"
                    strong = True
            elif cue("direct", "$").search(tail):
                role = None
            elif not tail.strip(" ,-–:;(+*") or _opening_only(tail):
                if subject_anywhere or first_clause or new_sentence and _DUTY.match(_after_subject(after)) \
                        or not directed and cue("lead", "^").search(after) and "chu tri" in after[:40] \
                        or _SUPPORT_ONLY.match(after):
                    role = "subject"
            elif re.match(r"^[\s,]*(?:theo chuc nang[^,]*,\s*nhiem vu\s*)?chu tri", after):
                role = "subject"
                strong = True
            if role == "subject":
                r = _subject_role(after, groups[gi + 1:], text, offset, ge, ce)
                strong = strong or bool(re.match(r"^[\s,]*(?:\([^()]*\)[\s,]*)?chu tri", after))
                for m in g:
                    assigns.append(Assign(m.id, r, offset + cs, offset + ce, m.name, strong))
                subjects = g
            elif role == "support":
                for m in g:
                    assigns.append(Assign(m.id, "support", offset + cs, offset + ce, m.name))
        if not subjects and not assigns and prev_subjects and subject_anywhere and (
                (has_cue if has_cue is not None else _has_cue(cf))
                or (refs if refs is not None else find_refs(cf, offset + cs)).any):
            # "Đồng thời phối hợp thực hiện các nội dung (1), (2)": the previous subject again
            r = "support" if cue("support", "^").search(cf) or re.match(r"^\W*dong thoi\s+phoi hop", cf) else "lead"
            for m in prev_subjects:
                assigns.append(Assign(m.id, r, offset + cs, offset + ce, m.name))
        if subjects:
            prev_subjects = subjects
        clauses.append(Clause(offset + cs, offset + ce, assigns, refs if refs is not None else Refs(), bool(has_cue)))
    return clauses


# what a subject opening a later sentence of an item is told to do: "phải", "chịu trách nhiệm"
_DUTY = re.compile(r"(?:phai|can|can cu|chiu trach nhiem|co trach nhiem|thuc hien|trien khai|tap trung|chu dong|tiep tuc|tang cuong)(?!\w)")


# "... Luật Đường bộ ”4. Hội đồng nhân dân ...": a quoted item's number, no sentence's end
_ITEM_NUMBER_END = re.compile(r"(?:^|[\s\"“”'(])[\dIVXivx]{1,4}\.$")


_DIRECTS = re.compile(r"^[\s\-–+*]*(?:chi dao|huong dan|don doc)(?!\w)")


def _after_subject(after: str) -> str:
    a = re.sub(r"^[\s,]*\([^()]{0,200}\)", "", after)
    a = re.sub(r"^[\s,]*(?:co lien quan|lien quan|cac cap|tren dia ban(?: tinh)?)(?!\w)", "", a)
    return a.lstrip(" ,:-–")


def _requested_by_actor(tail: str) -> bool:
    """Whether the "yêu cầu" / "đề nghị" ending ``tail`` is asked by the clause's actor after
    a verb of its own ("Phối hợp với Bộ Công an yêu cầu các doanh nghiệp viễn thông gỡ bỏ"):
    the bodies after it are told what to do by the actor, not assigned by the plan. At the
    head of a clause ("Đề nghị Tòa án nhân dân tỉnh ...") the same words assign."""
    m = cue("request", "$").search(tail)
    if not m:
        return False
    pre = tail[:m.start()]
    return any(cue(k).search(pre) for k in ("lead", "support", "object", "direct"))


# a later clause of an item that only says who coordinates: "...; Hội Liên hiệp Phụ nữ tỉnh phối hợp."
_SUPPORT_ONLY = re.compile(r"^[\s,]*(?:cung\s+)?(?:phoi hop|tham gia)(?:\s+thuc hien)?[\s.;,]*$")


def _has_cue(cf: str) -> bool:
    """Whether a clause carries an assignment cue (chủ trì, phối hợp, giao ...)."""
    return bool(cue("lead").search(cf) or cue("support").search(cf) or cue("assign").search(cf))


def unwrap(text: str) -> tuple[int, int] | None:
    """(start, end) of the inside of a line wrapped whole in brackets, else None."""
    m = _UNWRAP_OPEN.match(text)
    if not m:
        return None
    m2 = _UNWRAP_CLOSE.search(text)  # OCR specks may trail the bracket
    if m2 is None and ")" not in text:
        # a scan lost the closing bracket of "(X chủ trì, phối hợp với Y thực hiện": the
        # sentence still ends as such lines end
        m3 = _UNCLOSED_END.search(fold(text[-80:]))
        return (m.end(), len(text) - len(text[-80:]) + m3.end(1)) if m3 else None
    if not m2 or m2.start() <= m.end():
        return None
    inside = text[m.end():m2.start()]
    depth = 0
    for ch in inside:  # the opening bracket must close at the end, not earlier
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return None
    return m.end(), m2.start()


# a lone letter or a quote / hash speck that OCR may put before the bracket ("l '*(", "'#(")
_UNWRAP_OPEN = re.compile(r"^\s*(?:[A-Za-z|]\s+)?['\"`#~]{0,2}[*_]*\(")
_UNWRAP_CLOSE = re.compile(r"\)[\s.;:,*_~'`¬ˆ]*(?:\s[A-Za-z|][\s.'`]*)?$")
_UNCLOSED_END = re.compile(r"(thuc hien)[\s.;:,*_~'`]*$")

_OPENING = re.compile(r"^(?:[\s\-–+*]*(?:can cu|dinh ky|hang nam|hang quy|tren co so|truoc ngay|trong|sau khi|nham|de)[^;]*,\s*)$")


def _opening_only(tail: str) -> bool:
    """An opening adverbial that may precede the subject ("Căn cứ Kế hoạch này, ...")."""
    return bool(_OPENING.match(tail)) and not cue("direct", "$").search(tail.rstrip(" ,"))


@lru_cache(maxsize=1)
def _fillers() -> list[re.Pattern[str]]:
    """Filler words that may stand between a subject and its verb, each compiled once."""
    return [re.compile(r"^[\s,]*" + re.escape(f).replace(r"\ ", r"\s+") + r"[\s,]*")
            for f in patterns().get("filler", [])]


def _subject_role(after: str, later_groups: list, text: str, offset: int, ge: int, ce: int) -> str:
    """Lead or support for a subject group, from the verb that follows it."""
    a = after
    a = re.sub(r"^[\s,]*\([^()]{0,200}\)", "", a)
    for rx in _fillers():
        a = rx.sub("", a)
    a = a.lstrip(" ,:-–")
    if a.startswith("chu tri") or a.startswith("la ") or a.startswith("lam "):
        return "lead"
    if a.startswith("tham gia"):
        return "support"
    if a.startswith("phoi hop"):
        rest = a[len("phoi hop"):]
        if re.match(r"^\s*(?:voi|cung|chat che)", rest):
            return "lead"
        # "X phối hợp các sở ... thực hiện": an object group right after makes X lead
        if later_groups:
            first = later_groups[0][0].start - offset
            if not fold(text[ge: first]).replace("phoi hop", "", 1).strip(" ,"):
                return "lead"
        return "support"
    return "lead"


def assignments_of(text: str, offset: int = 0, **kw) -> list[Assign]:
    """All assignments of ``text``, clause by clause (deduplicated, first role wins)."""
    out: list[Assign] = []
    seen: set[tuple[str, str]] = set()
    for c in parse_clauses(text, offset, clause_facts=False, **kw):
        for a in c.assigns:
            if (a.agency, a.role) not in seen:
                seen.add((a.agency, a.role))
                out.append(a)
    return out


def heading_actors(title: str, offset: int = 0, mentions: list | None = None) -> list[Assign]:
    """Bodies a heading names as the actor of the items under it, or [] for a topic heading.

    "4. Sở Lao động - Thương binh và Xã hội", "Đề nghị Viện kiểm sát ..., Tòa án ...",
    "2. Giao Công an tỉnh:", "Trách nhiệm của Sở Y tế" name an actor; "2. Công tác truyền
    thông" does not. The heading must be mostly names: after the bodies, their connectors and
    appositive brackets, only a few words may remain (or the heading ends with a colon).
    """
    title = title[:600]
    if mentions is not None:
        mentions = [m for m in mentions if offset <= m.start and m.end <= offset + len(title)]
    ms = _mentions(title, offset, mentions)
    if not ms:
        return []
    f = fold(title)
    first = ms[0].start - offset
    lead_txt = f[:first].strip(" -–:")
    if lead_txt and not cue("heading_prefix", "$").search(lead_txt) and not re.fullmatch(r"(?:cac|cac co quan|uy ban)", lead_txt):
        return []
    groups = _groups(ms, title, offset)
    g = groups[0]
    rest = f[g[-1].end - offset:]
    rest = re.sub(r"\([^()]*\)", " ", rest)
    rest_words = re.findall(r"\w+", rest)
    ends_colon = title.rstrip().endswith(":")
    # "1. Cơ quan chuyên môn ... quản lý nhà nước về xây dựng, giao thông và vận tải": a body
    # named by its function, whose other remits run on after the part the gazetteer reads
    by_function = "quan ly nha nuoc" in fold(g[-1].name) \
        and not (cue("lead").search(rest) or cue("support").search(rest))
    if len(rest_words) > 4 and not ends_colon and not by_function:
        # "X chủ trì, phối hợp với Y" as a heading-like line still names actors
        if not re.match(r"^[\s,]*(?:chu tri|phoi hop)", rest):
            return []
    out = [Assign(m.id, "lead", m.start, m.end, m.name) for m in g]
    if len(rest_words) > 0:
        for a in assignments_of(title, offset, mentions=ms):
            if a.role == "support" and a.agency not in {m.id for m in g}:
                out.append(a)
    return out


@lru_cache(maxsize=1)
def _field_label_re() -> re.Pattern[str]:
    """A field label where a field may open: at the start, or after a sentence or list mark
    ("... văn bản hướng dẫn. Cơ quan chủ trì: Sở Tư pháp"; "X. Cơ quan phối hợp: Y")."""
    alts = "|".join(f"(?P<{k}>{_alt(patterns().get('field_' + k, []))})" for k in ("lead", "support", "time", "actor")
                    if patterns().get('field_' + k))
    # "... đồng bộ a) Cơ quan chủ trì: X. b) Cơ quan phối hợp: Y": lettered fields run on
    # after a sentence in a copy that lost its line breaks
    return re.compile(rf"(?:(?:^|(?<=[.;(\n]))[\s\-–+*]*(?:[a-zđ]\)\s*)?|(?<=\s)[a-zđ]\)\s*)(?:{alts})\s*:\s*")


def field_line(text: str) -> tuple[str, str] | None:
    """A labelled field line ("Cơ quan chủ trì: Công an tỉnh") -> (kind, value): a field
    label (``_field_label_re``) opening the line."""
    if ":" not in text[:300]:
        return None  # every label ends in a colon: most lines hold none, no fold needed
    m = _field_label_re().match(fold(text[:300]))
    if m and m.lastgroup == "actor":
        # "Đơn vị thực hiện:" with no value on its line heads dash items, no field
        return ("lead", text[m.end():]) if text[m.end():].strip(" *_") else None
    return (m.lastgroup or "", text[m.end():]) if m else None


@dataclass
class FieldPart:
    """One field of a field line or sentence: its kind, where its value lies (offsets in the
    text given to ``field_parts``), and the item labels a value segment points at."""

    kind: str  # lead | support | time
    start: int
    end: int
    labels: list[str]


def _split_outside_parens(s: str) -> list[str]:
    """``re.split(r"(;)", s)`` but not at a ";" inside brackets ("(Báo tỉnh; Đài tỉnh)")."""
    out, depth, last = [], 0, 0
    for i, ch in enumerate(s):
        depth += (ch == "(") - (ch == ")" and depth > 0)
        if ch == ";" and depth == 0:
            out += [s[last:i], ";"]
            last = i + 1
    return out + [s[last:]]


def field_parts(text: str) -> tuple[int, list[FieldPart]]:
    """(where the first field opens, its parts) of a text holding labelled fields; a lead or
    support value splits at ";" into segments, each with the items it names in brackets:
    "Cơ quan chủ trì: Sở Y tế (nội dung (1)); Công an tỉnh (nội dung (2)). Cơ quan phối
    hợp: Sở Tư pháp" gives two lead parts pointing at (1) and (2), and one support part."""
    f = fold(text)
    heads = list(_field_label_re().finditer(f))
    parts: list[FieldPart] = []
    for i, m in enumerate(heads):
        kind = m.lastgroup or ""
        if kind == "actor":
            kind = "lead"
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        if kind == "time":
            parts.append(FieldPart(kind, m.end(), end, []))
            continue
        pos = m.end()
        for seg in _split_outside_parens(f[m.end():end]):
            if seg and seg != ";":
                refs = find_refs(seg) if "(" in seg else Refs()
                parts.append(FieldPart(kind, pos, pos + len(seg), list(refs.labels)))
            pos += len(seg)
    return (heads[0].start() if heads else len(text)), parts


def field_value_roles(value: str, offset: int, kind: str, mentions: list) -> dict[str, str]:
    """The role of each body a lead field's value names, when the value is a sentence of its
    own ("Cơ quan thực hiện: Công an tỉnh chủ trì, phối hợp với Sở Tư pháp"): the subject
    leads, the bodies it coordinates with support, and a body it only directs ("chủ trì, chỉ
    đạo các ban, ngành ...") or names in passing has no role ("none"). {} for a plain list of
    names (all lead)."""
    f = fold(value)
    if kind != "lead" or not (cue("lead").search(f) or cue("support").search(f)):
        return {}
    roles: dict[str, str] = {m.id: "none" for m in mentions}
    for a in assignments_of(value, offset, mentions=mentions):
        if a.role in ("lead", "support") and roles.get(a.agency) in ("none", None):
            roles[a.agency] = a.role
    return roles


def field_clauses(text: str, offset: int = 0, mentions: list | None = None) -> list[Clause]:
    """A line made of field parts ("(Cơ quan chủ trì: Sở Y tế; cơ quan phối hợp: Công an tỉnh,
    Tỉnh đoàn; thời gian: cả năm)"), brackets optional, as one clause per lead or support part;
    [] when the line is not such a line.

    Why: many plans close a run of items with such a bracketed line instead of the sentence
    "(X chủ trì, phối hợp với Y thực hiện)"; read as a sentence it names no actor and was
    taken for the last item's text.
    """
    inner = unwrap(text)
    lo, hi = inner if inner is not None else (0, len(text))
    if not field_line(text[lo:hi]):
        return []
    out: list[Clause] = []
    pos = lo
    for part in re.split(r"(;)", text[lo:hi]):
        if part == ";":
            pos += 1
            continue
        got = field_line(part)
        if got is None and part.strip():
            return []  # a part that is no field: a sentence, not a field line
        if got and got[0] in ("lead", "support"):
            vstart = offset + pos + len(part) - len(got[1])
            ms = [m for m in _mentions(got[1], vstart,
                                       None if mentions is None else
                                       [m for m in mentions if vstart <= m.start and m.end <= offset + pos + len(part)])]
            roles = field_value_roles(got[1], vstart, got[0], ms)
            assigns = [Assign(m.id, roles.get(m.id, got[0]), offset + pos, offset + pos + len(part), m.name,
                              roles.get(m.id, got[0]) == "lead")
                       for m in ms if roles.get(m.id) != "none"]
            out.append(Clause(offset + pos, offset + pos + len(part), assigns, Refs(), True))
        pos += len(part)
    return out if any(c.assigns for c in out) else []


_ROLE_MARK = re.compile(r"\(\s*(chu tri|phoi hop|tham gia)\s*\)")


def role_mark_clauses(text: str, offset: int = 0, mentions: list | None = None) -> list[Clause]:
    """"Sở Y tế (chủ trì), Sở Tài chính, UBND các xã (phối hợp)": each body takes the role
    written in brackets after it or after the bodies listed with it; [] when no body does.

    Why: assignment lines and table cells often mark roles this way; read as a sentence
    the bracketed words are skipped and every body comes out lead (or nothing at all).
    """
    f = fold(text[:MAX_LINE])
    marks = list(_ROLE_MARK.finditer(f))
    if not marks:
        return []
    ms = _mentions(text[:MAX_LINE], offset, mentions)
    assigns: list[Assign] = []
    prev = 0
    for mk in marks:
        role = "lead" if mk.group(1) == "chu tri" else "support"
        for m in ms:
            if prev <= m.start - offset < mk.start():
                assigns.append(Assign(m.id, role, offset + prev, offset + mk.end(), m.name, role == "lead"))
        prev = mk.end()
    return [Clause(offset, offset + len(text), assigns, Refs(), True)] if assigns else []


_TAIL_BRACKET = re.compile(r"\(([^()]{3,300})\)[\s.;:,*_]*$")


def closing_assignment(text: str, offset: int = 0, mentions: list | None = None) -> list[Assign]:
    """The assignment an item states in brackets at its own end ("- Trợ giúp pháp lý cho nạn
    nhân (Sở Tư pháp thực hiện)."), or [] when its closing brackets assign nothing.

    Why: the parse of the item's sentence skips bracketed bodies (they are appositives
    there), so such an item came out with nobody assigned.
    """
    m = _TAIL_BRACKET.search(text[-400:])
    if not m:
        return []
    lo = len(text) - len(text[-400:]) + m.start(1)
    inside = m.group(1)
    ms = None if mentions is None else [x for x in mentions if offset + lo <= x.start and x.end <= offset + lo + len(inside)]
    if ms is not None and not ms:
        return []
    clauses = field_clauses(inside, offset + lo, ms) or role_mark_clauses(inside, offset + lo, ms)
    if not clauses:
        cf = fold(inside)
        if not _has_cue(cf):
            return []
        # "Sở Y tế chủ trì, Công an tỉnh phối hợp": the comma after the verb ends a clause
        # (a ";" for the "," keeps every offset)
        cuts = [m.end() - 1 for m in re.finditer(r"(?:chu tri|thuc hien)\s*,", cf)]
        for i in cuts:
            inside, cf = inside[:i] + ";" + inside[i + 1:], cf[:i] + ";" + cf[i + 1:]
        clauses = parse_clauses(inside, offset + lo, mentions=ms, folded=cf)
    out = [a for c in clauses for a in c.assigns]
    return out if any(a.role == "lead" for a in out) or all(a.role == "support" for a in out) else []
