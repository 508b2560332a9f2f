"""Web copies of plans: keep the document, drop the site around it.

Why trafilatura: provincial portals wrap a plan in menus, news tickers, "related articles"
and footers that would otherwise feed agency names and dates to the extractors. Its text
output keeps one block per line and renders tables as ``| a | b |`` rows, which is what the
line-based rules downstream expect. When it finds nothing (a bare page, an odd template),
the page's own text is taken block by block with lxml, minus navigation elements.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import charset_normalizer
from lxml import html as lxml_html

from pipeline.errors import InputError
from pipeline.model import RawPage, ReadResult
from pipeline.read import legacy

_SEPARATOR_ROW = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_BOILERPLATE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "template")
_BOILERPLATE_HINT = re.compile(r"(?:^|[\s_-])(?:nav|menu|footer|header|breadcrumb|sidebar|banner|share|social|related|comment)", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
# libxml2 keeps 256 levels of elements; a page this deep is read by a streaming parse
DEEP = 250
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "table", "section", "article", "pre", "blockquote", "dd", "dt"}


def _clean_lines(text: str) -> str:
    """Trailing spaces off, markdown table rules out, runs of blank lines squeezed."""
    lines = [ln.rstrip() for ln in text.splitlines()]
    lines = [ln for ln in lines if not _SEPARATOR_ROW.match(ln)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _cell_text(cell) -> str:
    return " ".join(cell.text_content().split())


def _fallback_text(root) -> str:
    """Block-by-block text of a parsed page without its navigation; tables as pipe rows."""
    for el in list(root.iter(*_BOILERPLATE_TAGS)):
        el.drop_tree()
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        hint = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
        if _BOILERPLATE_HINT.search(hint) and el.tag not in ("body", "html", "main", "article"):
            el.drop_tree()
    out: list[str] = []
    # an explicit stack, not recursion: a page nested thousands deep is walked like any other
    body = root.find("body")
    stack: list[tuple[object, bool]] = [(body if body is not None else root, False)]
    while stack:
        el, closing = stack.pop()
        if closing:  # after the children: the block's end and the element's tail
            if el.tag in _BLOCKS:
                out.append("\n")
            if el.tail:
                out.append(el.tail)
            continue
        if not isinstance(el.tag, str):  # a comment: its tail is the page's text
            if el.tail:
                out.append(el.tail)
            continue
        if el.tag == "table":
            for tr in el.iter("tr"):
                cells = [_cell_text(c) for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
                if any(cells):
                    out.append("\n| " + " | ".join(cells) + " |\n")
            if el.tail:
                out.append(el.tail)
            continue
        if el.tag in _BLOCKS:
            out.append("\n")
        if el.text:
            out.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    text = "".join(out)
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return _clean_lines(text)


class _StreamText(HTMLParser):
    """The page's text block by block from a streaming parse (the standard library's, which
    keeps no tree and so has no depth limit), minus the boilerplate elements; table rows as
    pipe rows. Also measures how deep the page nests (``depth``)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
            "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.skip = 0  # inside this many boilerplate elements
        self.depth = 0

    # elements whose end tag HTML lets a page leave out: a new one (or, for p, a new block)
    # closes the open one, so a page of unclosed <p> or <li> is not taken as deep
    IMPLIED = {"p", "li", "td", "th", "tr", "dt", "dd", "option"}

    def handle_starttag(self, tag, attrs):
        if self.open and self.open[-1] in self.IMPLIED and (
                self.open[-1] == tag or (self.open[-1] == "p" and tag in _BLOCKS)
                or (tag == "tr" and self.open[-1] in ("td", "th"))):
            self.handle_endtag(self.open[-1])
        if tag in self.VOID:
            if tag == "br" and not self.skip:
                self.out.append("\n")
            return
        self.open.append(tag)
        self.depth = max(self.depth, len(self.open))
        if tag in _BOILERPLATE_TAGS:
            self.skip += 1
        elif self.skip:
            return
        elif tag == "tr":
            self.out.append("\n| ")
        elif tag in ("td", "th"):
            pass
        elif tag in _BLOCKS:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag not in self.open:
            return
        while self.open:  # close what the page left open inside it
            top = self.open.pop()
            if top in _BOILERPLATE_TAGS:
                self.skip -= 1
            elif not self.skip:
                if top in ("td", "th"):
                    self.out.append(" | ")
                elif top == "tr":
                    self.out.append("\n")
                elif top in _BLOCKS:
                    self.out.append("\n")
            if top == tag:
                break

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)

    def text(self) -> str:
        text = "".join(self.out)
        text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
        return _clean_lines(text)


def _stream(data: bytes) -> _StreamText:
    """``_StreamText`` fed the page, decoded as its ``<meta charset>`` says (UTF-8 by default)."""
    m = _CHARSET.search(data[:4096])
    try:
        text = data.decode(m.group(1).decode("ascii", "replace") if m else "utf-8")
    except (LookupError, UnicodeDecodeError):
        best = charset_normalizer.from_bytes(data).best()
        text = str(best) if best is not None else data.decode("utf-8", errors="replace")
    p = _StreamText()
    p.feed(text)
    p.close()
    return p


def html_to_text(data: bytes) -> str:
    """The document text of an HTML page (empty if it holds none).

    lxml (libxml2), which trafilatura parses with, stops building the tree 256 elements deep
    and drops what lies below; a page nested that deep (``DEEP``) is read by the streaming
    parse instead, so its text is never cut off."""
    import trafilatura

    if data.count(b"<") >= DEEP:  # fewer tags cannot nest that deep
        streamed = _stream(data)
        if streamed.depth >= DEEP:
            return streamed.text()
    text = trafilatura.extract(
        data, include_tables=True, include_comments=False, favor_recall=True, deduplicate=False, output_format="txt"
    )
    if text and text.strip():
        return _clean_lines(text)
    try:
        root = lxml_html.fromstring(data)
    except Exception as e:  # lxml raises several types for markup it cannot take
        raise InputError(f"cannot parse HTML: {type(e).__name__}") from e
    return _fallback_text(root)


def read_html(path: Path) -> ReadResult:
    data = path.read_bytes()
    text = html_to_text(data)
    if not text.strip():
        raise InputError("no text found in HTML page")
    text, legacy_name = legacy.repair(text)
    return ReadResult(str(path), "html", [RawPage(text)], encoding=legacy_name)
