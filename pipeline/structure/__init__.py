"""From normalised text to a ``Document``: header, opening, outline, Nơi nhận, signature.

What Nghị định 30/2020/NĐ-CP prescribes for the layout of an administrative document is
what this module looks for; every field it cannot find is ``None`` (news items and web
copies without a header are documents too).

The text is cut into parts so that each extractor reads only what it should:

* web chrome before the document (site menus) and after it (comment boxes, related news)
  is outside ``[start, end)``;
* the front matter (header block, type word, title, opening) comes before ``body_start``;
* the closing (Nơi nhận, signature) starts at ``body_end``, so the outline does not take
  the dashes of the Nơi nhận list for task items;
* attachments after the signature (PHỤ LỤC, ĐỀ CƯƠNG) get outline nodes of kind
  ``appendix`` of their own;
* a decision that issues a plan (QUYẾT ĐỊNH Ban hành Kế hoạch ..., the plan attached after its
  signature under "(Ban hành kèm theo Quyết định số ...)") is one document: the header and
  signer are the decision's, ``Header.plan_start`` is where the attached plan begins, and
  ``body_start`` lies after the plan's title and opening, so the outline (and every extractor
  reading it) is the plan's, never the decision's articles (Điều 1, 2, 3).
  ``Header.wrapper`` names the wrapper recognised: "decision+plan", "web" (site chrome, a
  table-laid header), "news" (a news item reporting a plan), or None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.lexicon import header_words as lex
from pipeline.model import Document, Header, NormText, Section
from pipeline.structure.header import (
    Ln,
    cells_of,
    find_opening,
    inline_opening,
    is_upper,
    lines_of,
)
from pipeline.structure.header import parse_header as _parse_front
from pipeline.structure.outline import parse_outline, split_lines
from pipeline.structure.signature import Closing, inline_signer, parse_closing
from pipeline.text.fold import fold

# how far into a web page the document may start (characters)
START_LIMIT = 20000


@dataclass
class Layout:
    """Where the parts of a document lie in its normalised text."""

    start: int
    end: int
    body_start: int
    body_end: int
    closing: tuple[int, int] | None = None
    attachments: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, label)


def _header_line(c: Ln) -> bool:
    """A line that only a document's formal header has."""
    if not c.text:
        return False
    if lex.line_start_regex("motto").match(c.fold):
        return True
    pat, _ = lex.issuer_regex()
    m = pat.match(c.fold)
    if m and is_upper(c.text[: m.end()]) and is_upper(c.text) and len(c.text) <= 120:
        return True
    if re.match(r"s[o06][ \t]*[:;.]?[ \t]*\d{1,6}[ \t]*[-/]", c.fold) and c.text[:1] == "S":
        return True
    tw, _ = lex.type_word_regex()
    m = tw.match(c.fold)
    return bool(m and is_upper(c.text[: m.end()]) and (m.end() == len(c.fold) or len(c.text) < 400))


def document_start(text: str, folded: str, lines: list[Ln]) -> int:
    """The first line of the document proper: a header line confirmed by another one within
    a dozen lines, else the first line that is not site chrome."""
    web = lex.line_start_regex("web_line")
    nonblank = [ln for ln in lines if ln.text]
    for k, ln in enumerate(nonblank):
        if ln.start > START_LIMIT:
            break
        if any(_header_line(c) for c in cells_of(ln)):
            if k == 0 or any(any(_header_line(c) for c in cells_of(o)) for o in nonblank[k + 1 : k + 12]) or _is_type_line(ln):
                return _line_start(text, ln.start)
    for ln in nonblank[:60]:
        if web.match(ln.fold) or ln.text.count("|") >= 2 or len(ln.text) < 16:
            continue
        return _line_start(text, ln.start)
    return 0


def _is_type_line(ln: Ln) -> bool:
    tw, _ = lex.type_word_regex()
    m = tw.match(ln.fold)
    return bool(m and is_upper(ln.text[: m.end()]))


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def document_end(text: str, folded: str, lines: list[Ln], after: int) -> int:
    """Where web chrome after the document begins (or the end of the text)."""
    web = lex.line_start_regex("web_end")
    for ln in lines:
        if ln.start < after or not ln.text:
            continue
        if web.match(ln.fold) and len(ln.text) < 120 and ln.text[:1].isupper():
            return _line_start(text, ln.start)
    return len(text)


def analyse(text: str) -> tuple[Header, Layout]:
    """The header (with opening, Nơi nhận and signer) and the layout of ``text``."""
    folded = fold(text)
    lines = lines_of(text, folded, 0, len(text))
    start = document_start(text, folded, lines)
    end = document_end(text, folded, lines, start + 1)
    header = _parse_front(text, folded, start, end)
    body_start = start
    for key in ("title",):
        if key in header.spans:
            body_start = max(body_start, header.spans[key][1])
    if header.opening:
        body_start = max(body_start, header.opening[1])
    if header.wrapper is None and (text[:start].strip() or text[end:].strip() or "|" in text[start:body_start]):
        header.wrapper = "web"  # site chrome around the document, or a header laid out as a table
    att = attached_plan(text, folded, header, body_start, end)
    if att is not None:
        # a decision issuing a plan: the decision's closing (its signer) comes before the
        # attached plan; the plan's outline is the document's body
        plan_at, plan_body = att
        header.wrapper, header.plan_start = "decision+plan", plan_at
        dec = _closing(text, folded, body_start, plan_at)
        _take_closing(header, dec)
        op = inline_opening(text, folded, plan_body, end)
        if op is None:
            plines = lines_of(text, folded, plan_body, min(end, plan_body + 6000))
            got = find_opening(plines, 0)
            op = (got[0], got[1]) if got else None
        body_start = max(plan_body, op[1] if op else plan_body)
        closing = _closing(text, folded, body_start, end)
        if closing.start is not None:
            closing.signer = closing.name_span = closing.position_span = None
            closing.recipients, closing.recipients_span = header.recipients, header.recipients_span
    else:
        closing = _closing(text, folded, body_start, end)
    body_end = end
    lay = Layout(start, end, body_start, end)
    if closing.start is not None:
        body_end = closing.start
        lay.body_end = body_end
        lay.closing = (closing.start, closing.end if closing.end is not None else end)
        if att is None:
            _take_closing(header, closing)
        if closing.end is not None and closing.end < end:
            lay.attachments = _attachments(text, folded, lines, closing.end, end)
    if header.recipients_span:
        header.spans["recipients"] = header.recipients_span
    if header.opening:
        header.spans["opening"] = header.opening
    _trim_body_end(text, lay)
    return header, lay


def _take_closing(header: Header, closing: Closing) -> None:
    header.recipients = closing.recipients
    header.recipients_span = closing.recipients_span
    header.signer = closing.signer
    if closing.name_span:
        header.spans["signer"] = closing.name_span
    if closing.position_span:
        header.spans["signer_position"] = closing.position_span


_CLOSING_CUE = re.compile(r"(?<![a-z])noi[ \t]*nh[a-z]{1,2}n[ \t]*[:;.]|\./\.")


def _closing(text: str, folded: str, start: int, end: int) -> Closing:
    """The closing read line by line, else (a flattened web copy) the signature block read
    inline after a Nơi nhận list or the closing "./.": a title run, then the name."""
    closing = parse_closing(text, folded, start, end)
    if closing.start is not None and closing.signer is not None and closing.signer.name:
        return closing
    cue = _CLOSING_CUE.search(folded, start, end)
    if cue is None:
        return closing
    inl = inline_signer(text, folded, cue.start(), end)
    if inl.signer is None:
        return closing
    if closing.start is None:
        inl.start = min(cue.start(), inl.start)
        return inl
    closing.signer, closing.name_span, closing.position_span = inl.signer, inl.name_span, inl.position_span
    return closing


def attached_plan(text: str, folded: str, header: Header, after: int, end: int) -> tuple[int, int] | None:
    """Where the plan a decision issues is attached: (its type word, the end of its title and of
    the note under it). A decision of a type printed with an authority line (models/header_words.tsv
    authority_type) whose title says it issues a document ("Ban hành Kế hoạch ...") and, after
    it, that document's upper-case type word and title followed by "(Ban hành kèm theo Quyết
    định số ...)"."""
    if not header.title or header.type not in _authority_types():
        return None
    tw, _ = lex.type_word_regex()
    issues = re.compile(r"(?<![a-z])" + lex.phrase_regex(lex.words_of("issues_plan")) + r"[ \t]+(?P<tw>" + tw.pattern + ")")
    mi = issues.search(fold(header.title))
    if not mi:
        return None
    want = lex.type_abbr_of_name(mi.group("tw"))
    note = re.compile(r"\([ \t\n]*(?:" + lex.phrase_regex(lex.words_of("attached_note")) + r")(?![a-z])")
    for n in note.finditer(folded, after, end):
        for t in tw.finditer(folded, max(after, n.start() - 1500), n.start()):
            if lex.type_abbr_of_name(t.group(0)) != want or not is_upper(text[t.start() : n.start()]):
                continue
            close = text.find(")", n.end(), min(end, n.end() + 400))
            return t.start(), (close + 1 if close >= 0 else n.end())
    return None


def _authority_types() -> frozenset[str]:
    return frozenset(a for a in (lex.type_abbr_of_name(fold(w)) for w in lex.words_of("authority_type")) if a)


def _trim_body_end(text: str, lay: Layout) -> None:
    while lay.body_end > lay.body_start and text[lay.body_end - 1] in " \n|":
        lay.body_end -= 1


def _attachments(text: str, folded: str, lines: list[Ln], start: int, end: int) -> list[tuple[int, int, str]]:
    """Attachments between the closing and the document end, each up to the next one."""
    att = lex.line_start_regex("attachment")
    starts: list[tuple[int, str]] = []
    for ln in lines:
        if ln.start < start or ln.start >= end or not ln.text:
            continue
        m = att.match(ln.fold)
        if m and is_upper(ln.text[: m.end()]):
            word = ln.text[: m.end()]
            label = word[:1].upper() + word[1:].lower()
            num = re.match(r"[ \t]*([IVXLC]+|\d+)\b", ln.text[m.end() :])
            if num:
                label += " " + num.group(1)
            if starts and ln.start - starts[-1][0] < 400 and _only_caption_between(text, starts[-1][0], ln.start):
                continue  # "PHỤ LỤC I" then "ĐỀ CƯƠNG ..." caption: one attachment
            starts.append((_line_start(text, ln.start), label))
    out = []
    for k, (a, label) in enumerate(starts):
        b = starts[k + 1][0] if k + 1 < len(starts) else end
        out.append((a, b, label))
    return out


def _only_caption_between(text: str, a: int, b: int) -> bool:
    return all(is_upper(ln) or not ln.strip() or ln.strip().startswith("(") for ln in text[a:b].split("\n")[1:])


def body_range(text: str) -> tuple[int, int]:
    """Where the outline may be: after the front matter (title, opening) and before the
    closing (Nơi nhận, signature) or the web chrome after the document."""
    _, lay = analyse(text)
    return lay.body_start, lay.body_end


def parse_header(norm: NormText) -> Header:
    """The header fields, opening, Nơi nhận and signer; see ``pipeline.structure.header``."""
    header, _ = analyse(norm.text)
    return header


def _attachment_sections(text: str, lines, a: int, b: int, label: str) -> list[Section]:
    """An attachment's outline. A PHỤ LỤC line opens its own appendix node in the outline;
    other attachments (ĐỀ CƯƠNG, BIỂU MẪU) are wrapped in one labelled by their first word."""
    nodes = parse_outline(text, lines, a, b)
    if nodes and nodes[0].kind == "appendix" and nodes[0].start <= a + 2:
        return nodes
    first_end = text.find("\n", a, b)
    first_end = b if first_end < 0 else first_end
    title = text[a:first_end].strip()
    wrapper = Section(label=label, kind="appendix", level=0, title=title, start=a, end=b,
                      body_start=a, children=nodes)
    for n in wrapper.walk():
        if n is not wrapper:
            n.level += 1
    return [wrapper]


def structure(doc_id: str, path: str, fmt: str, norm: NormText, encoding: str | None = None) -> Document:
    """Structure a normalised text into a Document."""
    lines = split_lines(norm.text)
    header, lay = analyse(norm.text)
    sections = parse_outline(norm.text, lines, lay.body_start, lay.body_end)
    for a, b, label in lay.attachments:
        sections.extend(_attachment_sections(norm.text, lines, a, b, label))
    return Document(doc_id, path, fmt, norm, header, lines, sections, encoding)
