"""Plain data passed between the pipeline's stages.

Each stage is a function over these objects, so a stage can be tested alone and run in
another process (everything here pickles). Extracted facts are contract-shaped dicts
(see ../shared/CONTRACT.md) so that the JSON printed by ``kehoach extract`` and the rows
stored by ``pipeline.store`` come from one representation.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Literal, Sequence

ReadMethod = Literal["text", "ocr"]
Fact = dict[str, Any]


@dataclass
class RawPage:
    """One page as a reader produced it, before normalisation.

    ``method`` says how the text was obtained, so a user can see which pages were OCR'd;
    ``confidence`` is Tesseract's mean word confidence (0-100) for OCR'd pages.
    """

    text: str
    method: ReadMethod = "text"
    confidence: float | None = None


@dataclass
class ReadResult:
    """What a reader returns for one file."""

    path: str
    format: str  # txt | pdf | image | docx | html
    pages: list[RawPage]
    encoding: str | None = None  # for text files: the encoding the bytes were decoded from

    @property
    def ocr(self) -> bool:
        return any(p.method == "ocr" for p in self.pages)


@dataclass
class PageSpan:
    """Where one source page lies in the normalised text."""

    number: int  # 1-based
    start: int
    end: int
    method: ReadMethod = "text"
    confidence: float | None = None


@dataclass
class NormText:
    """The normalised text of a document and the way back to its pages.

    ``origin[i]`` is the offset, in the NFC text of its page, of normalised character ``i``;
    with ``pages`` that gives page and position for every span.
    """

    text: str
    pages: list[PageSpan]
    origin: Sequence[int] = field(default_factory=list, repr=False)  # an array("q") from normalize

    def page_of(self, offset: int) -> int | None:
        """1-based page number holding ``offset`` (None for a text without pages)."""
        if not self.pages:
            return None
        if len(self.pages) == 1:  # a text file or a one-page scan: no search
            return self.pages[0].number
        starts = [p.start for p in self.pages]
        i = bisect.bisect_right(starts, offset) - 1
        return self.pages[max(i, 0)].number


@dataclass
class Line:
    """A line of the normalised text with its offsets (end excludes the newline)."""

    start: int
    end: int
    text: str


@dataclass
class Section:
    """A node of the outline tree: a heading or item and what it holds.

    ``label`` is the marker as printed without a trailing dot (``II``, ``2.1``, ``(3)``,
    ``a)``, ``-``); ``title`` the heading's words; ``start``/``end`` cover the node and its
    children; ``body_start`` is where the text after the marker begins.
    """

    label: str
    kind: str  # roman | number | decimal | paren | rparen | letter | dash | plus | para | table_row | appendix
    level: int
    title: str
    start: int
    end: int
    body_start: int
    children: list["Section"] = field(default_factory=list)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Signer:
    name: str | None = None
    position: str | None = None


@dataclass
class Header:
    """The formal parts of a document that Nghị định 30/2020/NĐ-CP prescribes."""

    symbol: str | None = None
    type: str | None = None
    issuer: str | None = None
    province: str | None = None
    date: str | None = None  # ISO
    title: str | None = None
    signer: Signer | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # field -> span
    opening: tuple[int, int] | None = None  # the opening paragraph ("Thực hiện..., Căn cứ...")
    recipients: list[str] = field(default_factory=list)  # the Nơi nhận list
    recipients_span: tuple[int, int] | None = None
    # how the document was published around its text: "decision+plan" (a decision issuing an
    # attached plan: the fields above are the decision's), "web" (a web copy: page chrome or a
    # header laid out as a table), "news" (a news item reporting a plan), None (the document alone)
    wrapper: str | None = None
    # where the attached plan starts (its type word) in a "decision+plan": the plan's outline,
    # tasks, targets and deadlines lie after it; the decision's articles before it are no tasks
    plan_start: int | None = None


@dataclass
class Document:
    """A normalised, structured document: the input of every extractor."""

    id: str  # sha256 of the source bytes
    path: str
    format: str
    norm: NormText
    header: Header
    lines: list[Line]
    sections: list[Section]  # top-level nodes of the outline
    encoding: str | None = None

    @property
    def text(self) -> str:
        return self.norm.text

    def span(self, start: int, end: int) -> dict[str, int]:
        """A contract span, with the page where the source has pages."""
        d = {"start": start, "end": end}
        page = self.norm.page_of(start)
        if page is not None:
            d["page"] = page
        return d
