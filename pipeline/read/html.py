"""Web copies of plans: keep the document, drop the site around it.

Why trafilatura: provincial portals wrap a plan in menus, news tickers, "related articles"
and footers that would otherwise feed agency names and dates to the extractors. Its text
output keeps one block per line and renders tables as ``| a | b |`` rows, which is what the
line-based rules downstream expect. When it finds nothing (a bare page, an odd template),
the page's own text is taken block by block with lxml, minus navigation elements.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html

from pipeline.errors import InputError
from pipeline.model import RawPage, ReadResult
from pipeline.read import legacy

_SEPARATOR_ROW = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_BOILERPLATE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "template")
_BOILERPLATE_HINT = re.compile(r"(?:^|[\s_-])(?:nav|menu|footer|header|breadcrumb|sidebar|banner|share|social|related|comment)", re.I)
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

    def walk(el) -> None:
        if not isinstance(el.tag, str):
            return
        if el.tag == "table":
            for tr in el.iter("tr"):
                cells = [_cell_text(c) for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
                if any(cells):
                    out.append("\n| " + " | ".join(cells) + " |\n")
            if el.tail:
                out.append(el.tail)
            return
        block = el.tag in _BLOCKS
        if block:
            out.append("\n")
        if el.text:
            out.append(el.text)
        for child in el:
            walk(child)
        if block:
            out.append("\n")
        if el.tail:
            out.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    text = "".join(out)
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return _clean_lines(text)


def html_to_text(data: bytes) -> str:
    """The document text of an HTML page (empty if it holds none)."""
    import trafilatura

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
