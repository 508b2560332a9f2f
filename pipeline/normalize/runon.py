"""Lines of a text whose line breaks are not the document's, rebuilt.

Why: a legal-database page, a crawl or a copy out of a web or PDF viewer keeps the breaks of
the page's source, not of the document: a line ends mid-sentence ("... tổ chức thực hiện
của các cấp, các\\nngành ...") while the headings, numbered items and bullets run on inline
("... như sau: I. MỤC ĐÍCH 1. Nâng cao ... 2. Giảm ... II. NHIỆM VỤ 1. Công tác ... a) ...").
The outline reads markers at line starts only, so such a plan had no parts and no tasks.

Such a text is told by its breaks: many lines end without a sentence mark and the next one
goes on in small letters (a printed or typed plan breaks between paragraphs, a hard wrap is
rejoined by the reader already). Its single breaks are then joined and the lines broken
again where the document's own lines begin:

* headings: a part ("Phần II", "A."), a roman numeral ("II.") followed by a title in
  capitals, and the end of that capitals title where the text goes on in small letters;
* numbered and lettered items ("1.", "1.1.", "(1)", "1)", "a)", "a.") and bullets ("-",
  "+", "•") after a sentence end (". ", "; ", ": ") or right after a short heading, with the
  item's first word capitalised; a number or letter only as the next of its run (or the
  first), so "khoản 2", "Điều 1." inside a sentence, dates, decimals and figures
  ("15/4/2021", "2.5 lần", "2020 - 2025") stay text;
* articles of a decision ("Điều 2.") after a sentence end;
* the header and closing blocks: the dashes under the issuer and the motto, the motto,
  "Số: ...", the place and date, the document-type word and its capitals title, an
  attached plan's "(Kèm theo ...)", "Nơi nhận:", "TM."/"KT." and the signer's title and name.

Only spaces and single newlines change places (a space becomes a newline, a newline a
space), so every offset of the text, and the origin map, stay as they were.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.resources import tsv_lines
from pipeline.text.fold import fold
from pipeline.text.markers import ROMAN, roman_value

MIN_PAIRS = 8  # fewer line pairs than this say nothing about where the breaks fall
HEADING_MAX = 200  # a line longer than this is no heading that items follow
MIN_RUNON = 0.35  # share of breaks that fall mid-sentence in a text whose breaks are the page's
_SENTENCE_END = ".;:!?…"
_CLOSERS = ")]”\"'’»"
_UP = "A-ZÀ-ỸĐ"
# the first word of an item: a capital, an opening quote or bracket before one, or a figure
_ITEM_BODY = rf"(?=[\"“‘(]?[{_UP}])"
_BULLET_BODY = rf"(?=[\"“‘(]?[{_UP}0-9])"

_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(r"(?:Phần|PHẦN)\s+(?P<label>[IVX]{1,4}|\d{1,2})\s*[.:\-–]?\s+(?=\S)")),
    ("roman", re.compile(rf"(?P<label>{ROMAN})\s*[.:]\s+(?=\S)")),
    ("upper", re.compile(r"(?P<label>[A-H])\.\s+(?=\S)")),
    ("article", re.compile(rf"(?:Điều|ĐIỀU)\s+(?P<label>\d{{1,3}})\s*[.:]\s+{_ITEM_BODY}")),
    ("decimal", re.compile(rf"(?P<label>\d{{1,2}}(?:\.\d{{1,2}}){{1,2}})(?![\d/])\.?\s+{_ITEM_BODY}")),
    ("number", re.compile(rf"(?P<label>\d{{1,2}})\s*\.\s*{_ITEM_BODY}")),
    ("paren", re.compile(rf"\((?P<label>\d{{1,2}})\)\s*{_ITEM_BODY}")),
    ("rparen", re.compile(rf"(?P<label>\d{{1,2}})\)\s+{_ITEM_BODY}")),
    ("letter", re.compile(r"\(?(?P<label>[a-zđ])\)\s*(?=\S)")),
    ("letter_dot", re.compile(rf"(?P<label>[a-zđ])\.\s+{_ITEM_BODY}")),
    ("dash", re.compile(rf"(?P<label>[-–—•+●▪])(?![-–—_=*])\s*{_BULLET_BODY}")),
]
_HEADING_KINDS = ("part", "roman", "upper")
_LETTERS = "abcdđeghiklmnopqrstuvxy"
_DASH_RUN = re.compile(r"[-_=*–—]{3,}")
_WORD = re.compile(r"\S+")
_PLACE_DATE = re.compile(r",\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|,\s*ngày\s+\d{1,2}/\d{1,2}/\d{4}")
_SYMBOL = re.compile(r"(?:Số|SỐ)\s*:?\s*\d")
_RECIPIENTS = re.compile(r"Nơi\s+nhận\s*:")
_SIGN_PREFIX = re.compile(r"(?:TM|KT|TL|TUQ)\s*\.\s*(?=[{0}])".format(_UP))
_ANNEX_NOTE = re.compile(r"(?i)\((?:kèm|ban hành kèm|ban hành)\s+theo\b")


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, ...]]:
    """Folded phrases that open a line of the header or closing: the motto
    (``header_words.tsv``), document types (``doc_types.tsv``), signers' titles
    (``positions.tsv``)."""
    motto = tuple(sorted({fold(r[1]).strip() for r in tsv_lines("header_words.tsv")[1:] if r[0] == "motto"}, key=len, reverse=True))
    types = tuple(sorted({fold(r[1]).strip() for r in tsv_lines("doc_types.tsv")[1:] if len(r) > 1 and r[1].strip()}, key=len, reverse=True))
    titles = tuple(sorted({fold(r[1]).strip() for r in tsv_lines("positions.tsv")[1:] if r[0] == "title"}, key=len, reverse=True))
    rows = tsv_lines("runon_breaks.tsv")
    compounds = frozenset(fold(r[1]).strip() for r in rows if r[0] == "compound")
    openers = tuple(sorted({fold(r[1]).strip() for r in rows if r[0] == "opener"}, key=len, reverse=True))
    counted = frozenset(fold(r[1]).strip() for r in rows if r[0] == "counted")
    return {"motto": motto, "type": types, "title": titles, "compound": compounds, "opener": openers, "counted": counted}


# a heading or item run on after a sentence end: ". 2. Tăng", ": I. MỤC", "; - Các", ". b) Sở"
_INLINE = re.compile(rf"(?<=[.;:]) (?:[IVX]{{1,4}}\.|\d{{1,2}}\.|[a-zđ]\)|-) [{_UP}]")
MIN_INLINE = 3
_LETTER_ITEM = re.compile(r"\(?[a-zđ][).]\s")  # "a) ...", "b. ...": a line of its own


def runs_on(text: str) -> str | None:
    """Are the line breaks of ``text`` not the document's? "page" when they are a web page's
    or viewer's (many lines end without a sentence mark and the next one goes on in small
    letters: the breaks are joined and rebuilt); "inline" when the lines are the document's
    paragraphs but headings and items run on inside them (a hard wrap the reader rejoined,
    a page that dropped some breaks: breaks are only added); else None."""
    lines = [ln.strip() for ln in text.split("\n")]
    pairs = mid = 0
    for a, b in zip(lines, lines[1:]):
        if not a or not b or a.startswith("|") or b.startswith("|"):
            continue
        pairs += 1
        if a[-1] not in _SENTENCE_END and b[0].islower() and not _LETTER_ITEM.match(b):
            mid += 1
    if pairs >= MIN_PAIRS and mid >= MIN_RUNON * pairs:
        return "page"
    inline = 0
    for m in _INLINE.finditer(text):
        inline += 1
        if inline >= MIN_INLINE:
            return "inline"
    return None


def _is_caps(word: str) -> bool:
    """A word with no small letter (capitals, figures, punctuation)."""
    return not any(c.islower() for c in word)


def _letters(word: str) -> int:
    return sum(c.isalpha() for c in word)


def _ends_sentence(before: str) -> bool:
    s = before.rstrip().rstrip(_CLOSERS)
    return not s or s[-1] in _SENTENCE_END or s.endswith("./.")


QUOTE_REACH = 800  # a quotation or bracket left open further back than this was never closed


def _inside(before: str) -> bool:
    """Does ``before`` end inside a quotation or brackets opened not long before? Quotes are
    counted alike (a copy mixes “ ” and "): an odd count is an open quotation."""
    quotes = [k for k, c in enumerate(before) if c in "“”\""]
    if len(quotes) % 2 and len(before) - quotes[-1] < QUOTE_REACH:
        return True
    depth, opened = 0, -1
    for k, c in enumerate(before):
        if c == "(":
            depth += 1
            if depth == 1:
                opened = k
        elif c == ")" and depth:
            depth -= 1
    return depth > 0 and len(before) - opened < QUOTE_REACH


def body_is_digit(text: str, body: int) -> bool:
    return text[body : body + 1].isdigit()


def _value(kind: str, label: str) -> int:
    if kind in ("roman", "part") and not label.isdigit():
        return roman_value(label)
    if kind in ("upper",):
        return ord(label) - ord("A") + 1
    if kind in ("letter", "letter_dot"):
        return _LETTERS.index(label) + 1 if label in _LETTERS else 99
    if kind == "decimal":
        return int(label.rsplit(".", 1)[1])
    return int(label) if label.isdigit() else 0


class _Rebuilder:
    def __init__(self, text: str):
        self.text = text
        self.words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.folded = fold(text)
        self.breaks: dict[int, str | None] = {}  # word index a line opens at → its marker kind
        self.last: dict[str, str] = {}  # kind → last label accepted
        self.seg = 0  # word index of the current line's first word
        self.seg_kind: str | None = None  # the marker kind the current line opened with
        self.closing = False  # inside a closing block (after "Nơi nhận:")
        self.kept: dict[int, tuple[str, str, int]] = {}  # lines the text keeps that open with a marker
        for i, (a, _) in enumerate(self.words):
            if a and text[a - 1] == "\n":  # a line the text keeps
                mk = self.marker(i)
                self.breaks[i] = mk[0] if mk else None
                if mk:
                    self.kept[i] = mk

    def word(self, i: int) -> str:
        a, b = self.words[i]
        return self.text[a:b]

    def before(self, i: int) -> str:
        """The current line's text up to word ``i``."""
        if i <= self.seg:
            return ""
        return self.text[self.words[self.seg][0] : self.words[i][0]]

    def brk(self, i: int, kind: str | None = None) -> None:
        """A line opens at word ``i`` (the current word or one ahead of it)."""
        if 0 < i < len(self.words) and (i not in self.breaks or kind is not None):
            self.breaks[i] = kind

    # -- context of a marker ---------------------------------------------------------
    def _caps_line(self, i: int) -> bool:
        """The current line, after its marker, is in capitals (a heading's title)."""
        words = [self.word(k) for k in range(self.seg, i)]
        if self.seg_kind is not None:
            words = words[1:] if self.seg_kind not in ("part",) else words[2:]
        return bool(words) and all(_is_caps(w) for w in words) and sum(map(_letters, words)) >= 4

    def _short_heading(self, i: int, limit: int = 0) -> bool:
        """The current line opened with a marker and is short with no sentence end: a
        heading whose items follow ("1. Mục đích a) ...")."""
        b = self.before(i).rstrip()
        if self.seg_kind is None or not 0 < len(b) <= (limit or HEADING_MAX) or b[-1] in _SENTENCE_END:
            return False
        mk = self.marker(self.seg)
        title = self.text[mk[2] : self.words[i][0]] if mk else b
        return ". " not in title

    def body_after_heading(self, i: int, body: int) -> int:
        """"1. Công tác quán triệt, triển khai Các sở, ban, ngành tổ chức ...": a numbered
        heading whose paragraph runs on after it; the index of the paragraph's first word,
        or -1. The paragraph opens with a capital after words in small letters, with a word
        that opens instructions (``opener`` rows of ``runon_breaks.tsv``)."""
        k = self._word_at(body, i) + 1
        while k < len(self.words) and self.words[k][0] - body <= HEADING_MAX:
            w, prev = self.word(k), self.word(k - 1)
            if prev[-1:] in _SENTENCE_END or self.marker(k) is not None and not w[:1].isalpha():
                return -1
            if w[:1].isupper() and prev[:1].islower() and prev[-1:].isalpha() and self._starts(k, _words()["opener"]):
                return k
            k += 1
        return -1

    def _lost_stop(self, i: int) -> bool:
        """"... bảo đảm an toàn giao thông 5. Tổ chức tốt ...": the next number of a run after
        an item whose full stop was left out — a long line, a word in small letters before the
        number that is not one a number follows in a sentence ("khoản 5", "năm 2", "tháng 5")."""
        if self.seg_kind != "number" or len(self.before(i)) < 150:
            return False
        prev = self.word(i - 1)
        return prev.isalpha() and prev.islower() and fold(prev) not in _words()["counted"]

    def _in_sequence(self, kind: str, label: str) -> bool:
        key = "letter" if kind == "letter_dot" else kind
        v = _value(kind, label)
        if kind == "decimal":
            prev = self.last.get(key)
            if v == 1:
                return True
            return prev is not None and prev.rsplit(".", 1)[0] == label.rsplit(".", 1)[0] and _value(kind, prev) + 1 == v
        if v == 1:
            return True
        prev = self.last.get(key)
        if prev is None:
            return False
        pv = _value(kind, prev)
        if kind in ("letter", "letter_dot") and prev == "d" and label == "e":
            return True  # lettered without "đ"
        return pv + 1 == v

    def _compound(self, i: int) -> bool:
        """The dash at word ``i`` joins the two halves of a name ("Lao động - Thương binh")."""
        if i < 2 or i + 2 >= len(self.words):
            return False
        pair = " ".join(fold(self.word(k)) for k in (i - 2, i - 1)) + " - " + " ".join(fold(self.word(k)) for k in (i + 1, i + 2))
        return any(c in pair for c in _words()["compound"])

    def _caps_title_after(self, i: int, body: int) -> bool:
        """Capitals follow the marker of word ``i`` (its body starts at offset ``body``)."""
        rest = self.text[body : body + 60]
        ws = rest.split()[:2]
        return bool(ws) and _is_caps(ws[0]) and _letters(ws[0]) >= 2 and sum(_letters(w) for w in ws if _is_caps(w)) >= 4

    def _word_at(self, pos: int, start: int = 0) -> int:
        """The index of the word starting at or after offset ``pos``."""
        lo, hi = start, len(self.words)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.words[mid][0] < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def marker(self, i: int) -> tuple[str, str, int] | None:
        a = self.words[i][0]
        for kind, pat in _MARKERS:
            m = pat.match(self.text, a)
            if m and m.group("label"):
                return kind, m.group("label"), m.end()
        return None

    def accept(self, i: int, kind: str, label: str, body: int) -> bool:
        before = self.before(i)
        if _inside(before):
            # inside a quotation (a law's clause quoted with its own numbering) or brackets
            # ("(trong đó: (1) Sở A ...; (2) Sở B ...)")
            return False
        ends = _ends_sentence(before)
        caps = self._caps_line(i)
        first = _value(kind, label) == 1
        if kind in _HEADING_KINDS:
            if kind == "roman" and ends and self._caps_title_after(i, body) and before.strip():
                # "... giao thông. III. NHIỆM VỤ": a capitals heading after a sentence end,
                # even where a part before it was lost or misnumbered
                prev = self.last.get("roman")
                if prev is None or _value(kind, label) > _value(kind, prev):
                    return True
            if not self._caps_title_after(i, body):
                # "II. Nội dung": a roman heading in small letters, taken only after a
                # sentence end and as the next numeral of its run
                return kind == "roman" and ends and bool(before.strip()) and self._in_sequence(kind, label) \
                    and self.text[body : body + 1].isupper()
            if kind == "upper" and not (ends or caps):
                return False
            if not (ends or caps or self._short_heading(i) or kind == "part"):
                # "... giao thông III. TỔ CHỨC THỰC HIỆN": the item before lost its full stop;
                # only the very next numeral of the run, with a title of capitals
                prev = self.last.get(kind)
                return kind == "roman" and prev is not None and _value(kind, prev) + 1 == _value(kind, label) \
                    and len(self.text[body : body + 40].split()) >= 2 \
                    and all(_is_caps(w) for w in self.text[body : body + 40].split()[:2])
            return self._in_sequence(kind, label)
        if kind == "article":
            return ends and self._in_sequence(kind, label)
        heading = caps or self._short_heading(i)
        if kind == "dash":
            nxt = self.text[body : self.text.find(" ", body) if self.text.find(" ", body) > 0 else len(self.text)]
            if ends or caps and self.seg_kind in _HEADING_KINDS and not _is_caps(nxt):
                return True
            # after a heading that ends without its colon: "1. Mục tiêu - Nâng cao ...",
            # "... xây dựng “Tỉnh an toàn giao thông” - Nghị quyết số ..."; not inside a name
            # written with a dash ("Sở Lao động - Thương binh và Xã hội")
            quoted = before.rstrip()[-1:] in _CLOSERS
            heading = heading or self._short_heading(i, 2 * HEADING_MAX)
            return self.seg_kind is not None and (heading or quoted) and \
                not body_is_digit(self.text, body) and not self._compound(i)
        if kind == "letter" and not ends and not (first and self.text[body : body + 1].isupper()):
            return False
        if not (ends or heading and first):
            return kind == "number" and not first and self._lost_stop(i) and self._in_sequence(kind, label)
        return self._in_sequence(kind, label)

    def caps_end(self, i: int) -> int:
        """From word ``i`` on, the first word after a run in capitals that opens a line of
        small letters, or -1 (a marker or the end of the text comes first)."""
        n = 0
        k = i
        while k < len(self.words):
            w = self.word(k)
            if self.marker(k) is not None and k > i and _is_caps(w) and not w[0].isalpha():
                return -1
            if not _is_caps(w):
                return k if n >= 4 else -1
            n += _letters(w)
            k += 1
        return -1

    # -- header and closing blocks ---------------------------------------------------
    def _starts(self, i: int, phrases: tuple[str, ...]) -> str | None:
        a = self.words[i][0]
        f = self.folded[a : a + 60]
        f = re.sub(r"\s+", " ", f)
        for p in phrases:
            if f.startswith(p) and (len(f) == len(p) or not f[len(p)].isalnum()):
                return p
        return None

    def _phrase_end(self, i: int, phrase: str) -> int:
        """The index of the first word after ``phrase`` (as many words as it has)."""
        return i + len(phrase.split())

    def header_word(self, i: int) -> bool:
        """Breaks that the header and closing blocks make at word ``i``; True when handled."""
        w = self.word(i)
        if _DASH_RUN.fullmatch(w):
            self.brk(i)
            self.brk(i + 1)
            return True
        if self._starts(i, _words()["motto"]):
            self.brk(i)
            return True
        a = self.words[i][0]
        if _SYMBOL.match(self.text, a) and (w.startswith(("Số:", "SỐ:")) or self.text[a:a + 8].replace(" ", "").startswith(("Số:", "SỐ:"))):
            self.brk(i)
            self.header_date(i)
            return True
        if _RECIPIENTS.match(self.text, a):
            self.brk(i, "dash")
            self.closing = True
            return True
        if self.closing and _is_caps(w) and w[:1].isalpha() and _ends_sentence(self.before(i)):
            # "- Lưu: VT, NC. CHỦ TỊCH Nguyễn Văn A": the signer's title and name without a
            # TM./KT. line above them
            t = self._starts(i, _words()["title"])
            j = self._phrase_end(i, t) if t else i
            if t and j < len(self.words) and all(_is_caps(self.word(k)) for k in range(i, j)) \
                    and self.word(j)[:1].isupper() and not _is_caps(self.word(j)):
                self.brk(i)
                self.brk(j)
                self.closing = False
                return True
        if _SIGN_PREFIX.match(self.text, a) and _ends_sentence(self.before(i)) and i + 1 < len(self.words) and _is_caps(self.word(i + 1)):
            self.brk(i)
            self.signer(i + 1)
            return True
        t = self._starts(i, _words()["type"])
        if t and _is_caps(w) and i + len(t.split()) <= len(self.words):
            j = self._phrase_end(i, t)
            type_caps = all(_is_caps(self.word(k)) for k in range(i, j))
            if not type_caps:
                return False
            nxt = self.word(j) if j < len(self.words) else ""
            if nxt.startswith(":") or self.text[self.words[j - 1][1] - 1] == ":":
                # "QUYẾT ĐỊNH:" before a decision's articles
                if _ends_sentence(self.before(i)) or not self.before(i).strip() or not _is_caps(self.before(i).split()[-1]):
                    self.brk(i)
                    self.brk(j if not nxt.startswith(":") else j + 1)
                    return True
                return False
            if j < len(self.words) and _is_caps(nxt) and _letters(nxt) >= 2:
                prev = self.before(i).split()
                if prev and _is_caps(prev[-1]) and not re.fullmatch(r"\d{4}", prev[-1]):
                    return False  # inside a capitals title ("... BAN HÀNH KẾ HOẠCH ...")
                self.brk(i)
                self.brk(j)
                self.title(j)
                return True
        return False

    def header_date(self, i: int) -> None:
        """After "Số: ...": the place and date open a line of their own."""
        a = self.words[i][0]
        m = _PLACE_DATE.search(self.text, a, min(len(self.text), a + 160))
        if not m:
            return
        k = self._word_at(m.start(), i)  # the word after the place (it holds the comma)
        k = k - 1 if k > 0 and self.words[k - 1][1] > m.start() - 1 and self.words[k - 1][0] < m.start() else k
        # the word holding the comma ends the place; walk back over capitalised words
        first = k
        while first - 1 > i and first > k - 5:
            w = self.word(first - 1)
            if not (w[:1].isupper() or w in "-–") or any(c.isdigit() or c in "/:" for c in w):
                break
            if _letters(w) >= 2 and _is_caps(w):
                break  # "Số: 62/KH- UBND Hà Nội, ngày ...": the symbol's end, not the place
            first -= 1
        if first > i:
            self.brk(first)
        end = self._word_at(m.end(), first)
        if end < len(self.words):
            self.brk(end)

    def title(self, j: int) -> None:
        """A document-type word's capitals title: it ends where small letters begin, or at
        the signing authority of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...")."""
        k = j
        while k < len(self.words) and _is_caps(self.word(k)):
            if k > j + 2 and self._starts(k, ("chu tich uy ban nhan dan", "uy ban nhan dan")) and fold(self.word(k - 1)) not in ("cua", "va", "voi", "giua", "cho", "ve"):
                self.brk(k)
            k += 1
        if k < len(self.words) and k > j:
            self.brk(k)
            if _ANNEX_NOTE.match(self.text, self.words[k][0]):
                close = self.text.find(")", self.words[k][0])
                if close >= 0:
                    e = self._word_at(close + 1, k)
                    if e < len(self.words) and self.words[e][0] > close:
                        self.brk(e)

    def signer(self, i: int) -> None:
        """"TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn A": the body, the title and the name
        each on a line."""
        k = i
        while k < len(self.words) and _is_caps(self.word(k)):
            if k > i and _SIGN_PREFIX.match(self.text, self.words[k][0]):
                self.brk(k)  # "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH": the KT. line under the TM. one
                k += 1
                t = self._starts(k, _words()["title"]) if k < len(self.words) else None
                if t:  # the title it signs for stays on its line
                    k = self._phrase_end(k, t)
                continue
            if k > i and self._starts(k, _words()["title"]):
                t = self._starts(k, _words()["title"])
                self.brk(k)
                k = self._phrase_end(k, t)
                continue
            k += 1
        if k < len(self.words):
            self.brk(k)

    # -- the pass --------------------------------------------------------------------
    def run(self) -> set[int]:
        inside = -1  # the offset where the last accepted marker's text begins
        for i in range(len(self.words)):
            if self.words[i][0] < inside:
                continue  # "1." of "Điều 1.", "II" of "Phần II"
            if i in self.breaks:
                self.seg, self.seg_kind = i, self.breaks[i]
            if i in self.kept:
                kind, label, inside = self.kept[i]
                if kind != "dash":
                    self.last["letter" if kind == "letter_dot" else kind] = label
                continue
            if self.header_word(i):
                if i in self.breaks:
                    self.seg, self.seg_kind = i, self.breaks[i]
                continue
            mk = self.marker(i)
            if mk is None:
                continue
            kind, label, body = mk
            if not self.accept(i, kind, label, body):
                continue
            self.brk(i, kind)
            self.seg, self.seg_kind = i, kind
            inside = body
            if kind != "dash":
                self.last["letter" if kind == "letter_dot" else kind] = label
            if kind == "part":
                self.last.pop("roman", None)
            if kind in _HEADING_KINDS:
                e = self.caps_end(self._word_at(body, i))
                if e > 0:
                    self.brk(e)
            elif kind in ("number", "decimal"):
                e = self.body_after_heading(i, body)
                if e > 0:
                    self.brk(e)
        return set(self.breaks)


def rebuild_lines(text: str, join: bool = True) -> str:
    """``text`` with its single line breaks joined (unless ``join`` is False) and lines
    broken where the document's headings, items, header and closing lines begin. Same
    length as ``text``."""
    chars = list(text)
    n = len(chars)
    for k, c in enumerate(chars if join else ()):
        if c != "\n":
            continue
        if (k > 0 and chars[k - 1] == "\n") or (k + 1 < n and chars[k + 1] == "\n"):
            continue  # a blank line is a paragraph break of the document
        line_start = text.rfind("\n", 0, k) + 1
        nxt = text.find("\n", k + 1)
        nxt = n if nxt < 0 else nxt
        if text[line_start:k].lstrip().startswith("|") or text[k + 1:nxt].lstrip().startswith("|"):
            continue  # a table row stays a row
        chars[k] = " "
    joined = "".join(chars)
    rb = _Rebuilder(joined)
    for i in rb.run():
        p = rb.words[i][0] - 1
        if p >= 0 and chars[p] == " ":
            chars[p] = "\n"
    return "".join(chars)
