"""The outline of a plan: headings and items as a tree with spans.

Vietnamese plans number their parts with a small set of markers (``I.``, ``1.``, ``1.1.``,
``(1)``, ``1)``, ``a)``, ``-``, ``+``) whose nesting is not fixed: one plan puts ``(1)`` under
``1.``, another ``a)`` under ``1.``. So the hierarchy is learnt from the document itself:
a marker kind seen for the first time nests under the current item, a kind seen before
closes everything opened since it. A decimal label (``2.1``) nests under its parent
number by its dots.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.model import Line, Section
from pipeline.text.markers import ROMAN, marker_confusions, roman_value

_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(r"^(?P<label>(?:Phần|PHẦN)\s+(?:[IVX]{1,4}|\d{1,2}))(?![\w.])\s*[.:\-–]?\s*")),
    ("upper", re.compile(r"^(?P<label>[A-H])\.\s+(?=[A-ZÀ-ỸĐ]{2})")),
    ("roman", re.compile(rf"^(?P<label>{ROMAN})\s*[\.\-:]\s+(?=\S)")),
    ("decimal", re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=\S)")),
    ("number", re.compile(r"^(?P<label>\d{1,2})\s*\.\s*(?=\S)(?!\d)")),
    ("paren", re.compile(r"^(?P<label>\(\d{1,2}\))\s*(?=\S)")),
    ("rparen", re.compile(r"^(?P<label>\d{1,2}\))\s*(?=\S)")),
    ("letter", re.compile(r"^(?P<label>[a-zđ]\)|\([a-zđ]\))\s*(?=\S)")),
    ("letter_dot", re.compile(r"^(?P<label>[a-zđ]\.)\s+(?=[A-ZÀ-ỸĐ])")),
    ("dash", re.compile(r"^(?P<label>[-–—•·●▪])\s*(?=\S)")),
    ("plus", re.compile(r"^(?P<label>\+)\s*(?=\S)")),
]
# the numbered and lettered items a bullet may only dress ("- (1) ...", "- 2) ...", "- a) ...")
_DRESSED = [(kind, pat) for kind, pat in _MARKERS if kind in ("paren", "rparen", "letter")]
# the divisions of a plan above its items, outermost first: "Phần II", "B.", "II."
_DIVISIONS = ("part", "upper", "roman")
APPENDIX = re.compile(r"^(?:PHỤ LỤC|Phụ lục)\b\s*(?P<num>[IVXLC\d]+)?", re.UNICODE)


@dataclass
class Marker:
    kind: str
    label: str  # as printed, trailing "." removed
    body_offset: int  # offset of the text after the marker, within the line
    # a roman heading read without its dot, or with a letter OCR misread as "I", or a number
    # read with a comma for its dot: kept only when it is the next of its sequence (a wrapped
    # title's "VI PHẠM" is not, nor a sentence that opens "3, ...")
    tentative: bool = False
    # a lettered item "l." that may be the number "1." with its digit misread as the letter l
    # (the two are one glyph in many scans): parse_outline decides from the neighbours
    maybe_one: bool = False


def _caps_title(rest: str) -> bool:
    """Text in capitals (a part heading), with a few letters at least."""
    letters = [c for c in rest if c.isalpha()]
    return len(letters) >= 4 and not any(c.islower() for c in letters)


_FIRST_TOKEN = re.compile(r"\S{1,8}")


@lru_cache(maxsize=1)
def _repair_patterns():
    """The confusion tables and the marker shapes ``repair_marker`` tries, compiled once
    (they were rebuilt from the tables for every line of every document)."""
    conf = marker_confusions()
    digit, close, roman = conf.get("digit", {}), conf.get("close", {}), conf.get("roman", {})
    dig = "".join(re.escape(c) for c in digit)
    cls = "".join(re.escape(c) for c in close)
    return (
        digit,
        re.compile(rf"\(([0-9{dig}]{{1,2}})([){cls}])"),
        re.compile(rf"([0-9{dig}]{{1,2}})([){cls}])"),
        re.compile(rf"(\(?[a-zđ])[{cls}]"),
        re.compile(rf"([0-9{dig}]{{1,2}}(?:\.[0-9{dig}]{{1,2}}){{1,3}})(\.?)"),
        re.compile(r"([IVX" + "".join(re.escape(c) for c in roman) + r"]{1,5})([.,:;\-]?)"),
        roman,
    )


def repair_marker(s: str) -> tuple[str, bool]:
    """``s`` with the OCR-misread characters of its opening marker put right, one for one.

    Why: Tesseract reads "(1)" as "(l)" or "(I)", "1)" as "1}", "2.1" as "2.l", "II." as
    "Il." — the item then loses its label or stops being an item. Only the first token is
    touched and only into the shape of a marker, so the text and its offsets stay as read.
    Returns the line and whether a roman numeral was repaired (then it is tentative).
    """
    m = _FIRST_TOKEN.match(s)
    if not m:
        return s, False
    tok, rest = m.group(), s[m.end():]
    digit, paren_num, close_num, close_letter, decimal, roman_tok, roman = _repair_patterns()

    def digits(x: str) -> str:
        return "".join(digit.get(c, c) for c in x)

    new = tok
    if p := paren_num.fullmatch(tok):
        body = p.group(1)
        # "(l)" alone may be meant; "(o)" is a letter item
        if any(c.isdigit() for c in body) or (len(body) == 1 and digit.get(body) == "1"):
            new = "(" + digits(body) + ")"
    elif p := close_num.fullmatch(tok):
        if any(c.isdigit() for c in p.group(1)):  # "l)" is the letter item l)
            new = digits(p.group(1)) + ")"
    elif p := close_letter.fullmatch(tok):
        new = p.group(1) + ")"
    elif p := decimal.fullmatch(tok):
        if rest[:1].isspace() and any(c.isdigit() for c in p.group(1)):  # "l.1." but not "l.l."
            new = digits(p.group(1)) + p.group(2)
    elif (p := roman_tok.fullmatch(tok)) and _caps_title(rest):
        numeral = p.group(1)
        fixed = "".join(roman.get(c, c) for c in numeral)
        # "1." is a numbered heading: a digit counts as "I" only beside a real roman letter
        if fixed != numeral and (set(numeral) - set("1") or len(numeral) > 1) and re.fullmatch(ROMAN, fixed):
            return fixed + p.group(2) + rest, True
    if new != tok and len(new) == len(tok):
        return new + rest, False
    return s, False


def split_lines(text: str) -> list[Line]:
    """Lines with their offsets; the newline is excluded from the span."""
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


_NUMBER_FIGURE = re.compile(r"^\d{1,2}\s*\.\s*\d")
_ROMAN_NO_DOT = re.compile(rf"^(?P<label>{ROMAN})\s*[,;]?\s+(?=\S)")


def marker_of(line: str) -> Marker | None:
    """The outline marker a line opens with, if any."""
    s, repaired_roman = repair_marker(line.lstrip())
    lead = len(line) - len(s)
    for kind, pat in _MARKERS:
        m = pat.match(s)
        if not m:
            continue
        label = m.group("label")
        if kind == "roman" and not label:
            continue
        if kind == "number" and _NUMBER_FIGURE.match(s):
            continue  # a date or a decimal figure, not a heading
        label = label.rstrip(".")
        if kind == "upper" and not _caps_title(s[m.end():]):
            continue  # "A. Nguyễn Văn" is no part heading; "B. NHIỆM VỤ" is
        if kind == "part":
            label = re.sub(r"\s+", " ", label)
        if kind == "letter_dot":
            kind = "letter"
            if label == "l":
                return Marker(kind, label, lead + m.end(), maybe_one=True)
        if kind in ("dash", "plus"):
            # "- (1) Tăng cường ...": the bullet only dresses a numbered item; the number is its label
            inner = s[m.end():]
            for ikind, ipat in _DRESSED:
                im = ipat.match(inner)
                if im:
                    return Marker(ikind, im.group("label"), lead + m.end() + im.end())
        return Marker(kind, label, lead + m.end(), tentative=repaired_roman and kind == "roman")
    # "II CÔNG TÁC TRỌNG TÂM": a part heading whose dot OCR lost (or read as a comma)
    m = _ROMAN_NO_DOT.match(s)
    if m and m.group("label") and _caps_title(s[m.end():]):
        return Marker("roman", m.group("label"), lead + m.end(), tentative=True)
    # "11, Đề nghị Hội Liên hiệp Phụ nữ": a numbered heading whose dot OCR read as a comma
    m = re.match(r"^(?P<label>\d{1,2}),\s+(?=\S)", s)
    if m and s[m.end()].isupper():
        return Marker("number", m.group("label"), lead + m.end(), tentative=True)
    return None


def _kind_key(kind: str, label: str) -> str:
    if kind == "decimal":
        return f"decimal{label.count('.')}"
    return kind


def parse_outline(text: str, lines: list[Line], start: int = 0, end: int | None = None) -> list[Section]:
    """Build the outline tree of ``text`` between ``start`` and ``end`` from its line markers."""
    end = len(text) if end is None else end
    roots: list[Section] = []
    stack: list[tuple[str, Section]] = []  # (kind key, node)
    for ln in lines:
        if ln.start < start or ln.start >= end or not ln.text.strip():
            continue
        mk = marker_of(ln.text)
        if mk is not None and mk.maybe_one:
            mk = _letter_l_or_one(mk, stack, roots)
        app = APPENDIX.match(ln.text.strip())
        if app:
            key, label, kind, body = "appendix", "Phụ lục" + (f" {app.group('num')}" if app.group("num") else ""), "appendix", 0
        elif mk:
            key, label, kind, body = _kind_key(mk.kind, mk.label), mk.label, mk.kind, mk.body_offset
        else:
            continue
        if kind == "roman" and roman_value(label) == 2 \
                and key not in (k for k, _ in stack) and not any(n.kind == "roman" for n in roots):
            _first_part_misread(roots, stack, key)
        if kind == "roman":
            siblings = _siblings_of(key, stack, roots)
            label = _roman_in_sequence(label, siblings, mk.tentative if mk else False)
            if label is None:
                continue
        elif mk is not None and mk.tentative:
            # kept only as the next number after a sibling ("10." then "11,"), never on its own
            prev = next((n for n in reversed(_siblings_of(key, stack, roots)) if n.kind == kind), None)
            if prev is None or not prev.label.isdigit() or int(label) != int(prev.label) + 1:
                continue
        node = Section(label=label, kind=kind, level=0, title=ln.text[body:].strip(), start=ln.start,
                       end=ln.end, body_start=ln.start + body)
        if key == "appendix":
            stack.clear()
        else:
            keys = [k for k, _ in stack]
            if kind in _DIVISIONS and key not in keys:
                # a part heading is a top-level division (of the plan, or of an appendix): it
                # never nests under an item — a stray "-" that OCR or a wrapped line put at the
                # start of a line in the opening would otherwise take every part as its child;
                # a roman part stays under a "Phần II" or a lettered "B." above it
                above = ("appendix",) + _DIVISIONS[: _DIVISIONS.index(kind)]
                while stack and stack[-1][0] not in above:
                    stack.pop()
                keys = [k for k, _ in stack]
            if key in keys:
                del stack[keys.index(key):]
            elif key.startswith("decimal"):
                # 2.1 closes a sibling 2.x subtree and its deeper items but stays under "2."
                depth = int(key[7:])
                while stack and stack[-1][0].startswith("decimal") and int(stack[-1][0][7:]) >= depth:
                    stack.pop()
            if kind == "decimal" and stack:
                node.label = _decimal_under(node.label, stack[-1][1], stack[-2][1].children if len(stack) > 1 else roots)
        node.level = len(stack)
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((key, node))
    _close(roots, end, text)
    return roots


def _letter_l_or_one(mk: Marker, stack: list[tuple[str, Section]], roots: list[Section]) -> Marker:
    """"l. Công tác phòng ngừa": the item "l." after "k." is a letter; anywhere else it is
    "1." read by OCR as the letter l, the first of a numbered run.

    Why: a lettered list long enough to reach "l." is rare, while a scan's "1." read as "l."
    is common; taken as a letter it turns the plan's first numbered heading into an item
    and nests the headings after it under the wrong parent.
    """
    letters = [n for n in _siblings_of("letter", stack, roots) if n.kind == "letter"]
    if letters and letters[-1].label.strip("()") == "k":
        return mk
    numbers = [n for n in _siblings_of("number", stack, roots) if n.kind == "number"]
    if numbers:
        return mk  # a numbered run is already open here: "l." cannot be its first item
    return Marker("number", "1", mk.body_offset)


def _first_part_misread(roots: list[Section], stack: list[tuple[str, Section]], key: str) -> None:
    """"1. MỤC TIÊU" ... "1I. NHIỆM VỤ": OCR read the first part's "I." as "1." (bold serif
    I and 1 look alike on a poor scan). When a "II" comes with no part before it,
    a top-level heading "1." in capitals is taken for part I: it is relabelled and the
    outline stack unwound to it, so that II becomes its sibling; the numbered items read
    after it as its siblings become its children."""
    first = next((n for n in roots if n.kind == "number" and n.label == "1" and _caps_title(n.title)), None)
    if first is None:
        return
    first.kind, first.label = "roman", "I"
    i = roots.index(first)
    moved, roots[i + 1:] = roots[i + 1:], []
    first.children.extend(moved)
    for n, _ in walk(moved):
        n.level += 1
    stack[:] = [(key, first)]


def _to_roman(n: int) -> str:
    out = ""
    for v, r in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += r
            n -= v
    return out


def _siblings_of(key: str, stack: list[tuple[str, Section]], roots: list[Section]) -> list[Section]:
    """The list a node of this kind key will be appended to (before the stack is unwound)."""
    keys = [k for k, _ in stack]
    if key in keys:
        i = keys.index(key)
        return stack[i - 1][1].children if i else roots
    return stack[-1][1].children if stack else roots


def _roman_in_sequence(label: str, siblings: list[Section], tentative: bool) -> str | None:
    """A roman label checked against the numeral before it among its siblings.

    Why: OCR drops strokes — "III." comes out "II." — and a part then repeats the one before
    it; a numeral equal to its predecessor is read as the next one. A tentative numeral (no
    dot, or repaired from "l"/"1") is kept only when it is the next in sequence or repeats the
    one before (read as the next, as above), so a wrapped capitals title whose line opens
    with "VI PHẠM" stays text. None drops the marker.
    """
    prev = next((n for n in reversed(siblings) if n.kind == "roman"), None)
    value = roman_value(label)
    want = roman_value(prev.label) + 1 if prev else 1
    if prev is not None and prev.label == label:
        # also a tentative one: "III." read as "1I" repeats the "II" before it the same way
        return _to_roman(want)
    if tentative:
        return label if value == want else None
    return label


def _decimal_under(label: str, parent: Section, parent_siblings: list[Section]) -> str:
    """A decimal label whose prefix OCR misread ("9.1" under "5.") takes its parent's number.

    Only when the parent's own number is in sequence with its siblings (so it is the parent
    that was read right) and the last part continues the decimal siblings before it (1 for
    the first); "3.1" after "2.2" under "2." is a lost heading, not a misread, and stays.
    """
    if parent.kind not in ("number", "decimal"):
        return label
    prefix, _, last = label.rpartition(".")
    if prefix == parent.label or not last.isdigit():
        return label
    if prefix.count(".") != parent.label.count("."):
        return label
    same = [n for n in parent_siblings if n.kind == parent.kind and n is not parent]
    p_prefix, _, p_last = parent.label.rpartition(".")
    if not p_last.isdigit():
        return label
    before = [n for n in same if n.start < parent.start]
    if before:
        b_prefix, _, b_last = before[-1].label.rpartition(".")
        if not (b_last.isdigit() and b_prefix == p_prefix and int(b_last) + 1 == int(p_last)):
            return label
    elif int(p_last) != 1:
        return label
    decs = [n for n in parent.children if n.kind == "decimal"]
    want = int(decs[-1].label.rpartition(".")[2]) + 1 if decs and decs[-1].label.rpartition(".")[2].isdigit() else 1
    return f"{parent.label}.{last}" if int(last) == want else label


def _close(nodes: list[Section], end: int, text: str) -> None:
    """Set each node's end to the start of its next sibling (or its parent's end)."""
    for i, n in enumerate(nodes):
        n.end = nodes[i + 1].start if i + 1 < len(nodes) else end
        while n.end > n.start and text[n.end - 1] in "\n ":
            n.end -= 1
        _close(n.children, n.end, text)


def walk(nodes: list[Section]):
    """Every node of the tree, depth first, with the chain of its ancestors."""
    def rec(ns, anc):
        for n in ns:
            yield n, anc
            yield from rec(n.children, anc + [n])
    yield from rec(nodes, [])


def heading_chain(sections: list[Section], pos: int) -> list[Section]:
    """The outline nodes that hold offset ``pos``, outermost first: the headings a sentence
    stands under, which extractors read for context (a chỉ tiêu section, an actor heading)."""
    chain: list[Section] = []
    level = sections
    while True:
        for s in level:
            if s.start <= pos < s.end:
                chain.append(s)
                level = s.children
                break
        else:
            return chain
