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

from .model import Line, Section

ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
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
APPENDIX = re.compile(r"^(?:PHỤ LỤC|Phụ lục)\b\s*(?P<num>[IVXLC\d]+)?", re.UNICODE)


@dataclass
class Marker:
    kind: str
    label: str  # as printed, trailing "." removed
    body_offset: int  # offset of the text after the marker, within the line


def split_lines(text: str) -> list[Line]:
    """Lines with their offsets; the newline is excluded from the span."""
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def marker_of(line: str) -> Marker | None:
    """The outline marker a line opens with, if any."""
    s = line.lstrip()
    lead = len(line) - len(s)
    for kind, pat in _MARKERS:
        m = pat.match(s)
        if not m:
            continue
        label = m.group("label")
        if kind == "roman" and not label:
            continue
        if kind == "number" and re.match(r"^\d{1,2}\s*\.\s*\d", s):
            continue  # a date or a decimal figure, not a heading
        label = label.rstrip(".")
        if kind == "letter_dot":
            kind = "letter"
        if kind in ("dash", "plus"):
            # "- (1) Tăng cường ...": the bullet only dresses a numbered item; the number is its label
            inner = s[m.end():]
            for ikind, ipat in _MARKERS[3:6]:
                im = ipat.match(inner)
                if im:
                    return Marker(ikind, im.group("label"), lead + m.end() + im.end())
        return Marker(kind, label, lead + m.end())
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
        app = APPENDIX.match(ln.text.strip())
        if app:
            key, label, kind, body = "appendix", "Phụ lục" + (f" {app.group('num')}" if app.group("num") else ""), "appendix", 0
        elif mk:
            key, label, kind, body = _kind_key(mk.kind, mk.label), mk.label, mk.kind, mk.body_offset
        else:
            continue
        node = Section(label=label, kind=kind, level=0, title=ln.text[body:].strip(), start=ln.start,
                       end=ln.end, body_start=ln.start + body)
        if key == "appendix":
            stack.clear()
        else:
            keys = [k for k, _ in stack]
            if key in keys:
                del stack[keys.index(key):]
            elif key.startswith("decimal"):
                # 2.1 closes a sibling 2.x subtree and its deeper items but stays under "2."
                depth = int(key[7:])
                while stack and stack[-1][0].startswith("decimal") and int(stack[-1][0][7:]) >= depth:
                    stack.pop()
        node.level = len(stack)
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((key, node))
    _close(roots, end, text)
    return roots


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
