"""Tasks of a plan and who must do them (see ../shared/CONTRACT.md, "tasks").

Two passes over the outline tree (``doc.sections``):

1. *Items.* Every leaf item of a task section is a task: ``(1)``, ``1)``, ``a)``, ``-``, or a
   numbered paragraph that is itself an instruction; ``+`` sub-bullets and continuation
   paragraphs join their parent's text. A numbered heading with an unlabelled paragraph under
   it makes one task from the paragraph, labelled with the heading's label. Headings that
   group items, objectives (mục tiêu, mục đích, yêu cầu, chỉ tiêu), funding clauses that tell
   nobody to act, the attached report outline (đề cương) and everything after the signature
   are not tasks.
2. *Assignments.* Lines that only assign — a "Phân công" section's lines, a line after the
   items pointing at them by number ("Công an tỉnh chủ trì thực hiện nội dung (1) đến (4)"),
   a trailing bracketed line covering the items since the previous one — are *statements*;
   each is resolved to the tasks it covers. A heading that names bodies ("4. Sở Y tế",
   "Đề nghị Tòa án nhân dân tỉnh") leads every task under it; otherwise the item's own
   sentence is read ("Giao X ...", "X chủ trì, phối hợp với Y", "Phối hợp với Y ...").

Precedence: a statement that names the item is the plan's formal assignment and wins over
the bodies a sentence inside the item mentions (those describe the work, e.g. "phối hợp với
các cơ quan có liên quan đưa nạn nhân về"), except that "Giao X" / "X chủ trì" inside the item
still adds X as lead. Without a statement, the heading's actor leads, else the item's subject.

Assignment tables (an appendix PHÂN CÔNG NHIỆM VỤ) are read by ``pipeline.extract.tables``.

A statement pointing at an item number that does not exist in its scope is kept: the task
the statement stands after gets the flag ``dangling_reference`` and a ``dangling`` list of
``{"ref", "agency", "role", "evidence", "span"}`` — on the task, because the contract's tasks
list is the only place an auditor reads assignments.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field

from pipeline.extract import assignments as A
from pipeline.extract import units
from pipeline.extract.assignments import Assign, cue
from pipeline.extract.tables import table_tasks
from pipeline.model import Document, Fact, Line, Section
from pipeline.structure.outline import marker_of
from pipeline.text.fold import fold, fold_slice
from pipeline.text.spaces import one_line

log = logging.getLogger(__name__)

HEADING_MAX = 160  # a numbered line longer than this is an instruction, not a title
ACTOR_HEADING_MAX = 120  # a heading naming the body whose items follow ("2.1. Công an tỉnh") is short
TEXT_MAX = 4000


@dataclass
class Task:
    path: list[str]
    label: str  # folded, for references: "1", "a", "2.1"
    node: Section | None
    parent: Section | None
    start: int
    end: int
    text: str
    headings: list[str]
    heading_actors: list[Assign] = field(default_factory=list)
    inner: list[Assign] = field(default_factory=list)
    explicit: list[Assign] = field(default_factory=list)
    dangling: list[dict] = field(default_factory=list)
    deadline: str | None = None
    source: str = "outline"


@dataclass
class Statement:
    """A line that assigns other items."""

    start: int
    end: int
    text: str
    clauses: list[A.Clause]
    kind: str  # trailing | refs | section
    scope: list[Task] = field(default_factory=list)
    anchor: Task | None = None


def _norm_label(label: str) -> str:
    return re.sub(r"[\s()]", "", fold(label)).rstrip(".")


_STARTS: list = [None, []]  # the last document's lines and their start offsets


def _lines_in(doc: Document, start: int, end: int) -> list[Line]:
    # lines are in text order: bisect their starts instead of scanning all lines per node
    if _STARTS[0] is not doc.lines or len(_STARTS[1]) != len(doc.lines):
        _STARTS[:] = [doc.lines, [ln.start for ln in doc.lines]]
    starts = _STARTS[1]
    i, j = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    return [ln for ln in doc.lines[i:j] if ln.text.strip()]


def _join_open_brackets(lines: list[Line], text: str) -> list[Line]:
    """Lines with a bracketed line that runs on ("(Công an tỉnh chủ trì, phối hợp với Sở" /
    "Y tế thực hiện)") joined into one, so the assignment it makes is read whole.

    Why: a scan's italic assignment line often wraps and the reflow keeps the break; each
    half alone names half the bodies (or none). Joins at most three lines, and only when
    the bracket opened by the first line closes at the end of the last.
    """
    out: list[Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if re.match(r"^\s*[*_]*\(", ln.text) and A.unwrap(ln.text) is None and ln.text.count("(") > ln.text.count(")"):
            for j in range(i + 1, min(i + 3, len(lines))):
                # the break becomes a space (same length: offsets hold); clauses end at a break
                merged = Line(ln.start, lines[j].end, text[ln.start:lines[j].end].replace("\n", " "))
                if A.unwrap(merged.text) is not None:
                    out.append(merged)
                    i = j + 1
                    break
            else:
                out.append(ln)
                i += 1
            continue
        out.append(ln)
        i += 1
    return out


_TWO_WORDS = re.compile(r"\w\W+\w")  # the end of one word, a gap, the start of another
_CLOSING_FIRST = frozenset("ntkdpyr")  # first letters of the closing words _body_end reads


def _body_end(doc: Document) -> int:
    """Where the plan's own text stops: closing formula, signature, recipients, đề cương, annex."""
    start = doc.header.opening[1] if doc.header.opening else 0
    if doc.header.plan_start is not None:  # a decision's own closing comes before the plan it issues
        start = max(start, doc.header.plan_start)
    for ln in doc.lines:
        if ln.start < start:
            continue
        s = ln.text.strip(" *_#|")
        if not s:
            continue
        lead = ln.start + len(ln.text) - len(ln.text.lstrip(" *_#|"))
        if fold_slice(doc.text, lead, lead + 1) not in _CLOSING_FIRST:
            continue  # no closing line opens with this letter
        f = fold_slice(doc.text, lead, lead + len(s))
        if re.match(r"^(?:noi nhan|tren day la)\b", f):
            return ln.start
        if re.match(r"^(?:tm|kt)\s*\.\s*\S", f) and s[:2].isupper():
            return ln.start
        if re.match(r"^(?:de cuong|phu luc)\b", f) and (s.isupper() or len(s) < 40):
            return ln.start
        if _CLOSING_PLEA.match(f) and s.endswith("./.") and marker_of(ln.text) is None:
            # "Đề nghị các cơ quan, đơn vị quan tâm, triển khai thực hiện nghiêm túc./.": the
            # letter's closing plea to everyone it is sent to, after its last item
            return ln.start
    return len(doc.text)


def _is_objective(title: str) -> bool:
    """Objectives, scope, past results: "MỤC ĐÍCH, YÊU CẦU", "Đối tượng"; not a heading that
    also names the work ("ĐỐI TƯỢNG, NỘI DUNG, BIỆN PHÁP THỰC HIỆN")."""
    f = fold(title).strip()
    if len(title) >= 100 or not cue("objective", "^").match(f):
        return False
    # a past report ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025") stays no task section
    return bool(_PAST.match(f)) or not cue("task_section").search(f)


_PAST = re.compile(r"^[\s,;:\-–(]*(?:ket qua|tinh hinh|danh gia)")


# what a run-in label's words open with when its body only coordinates
_COORDINATE_ONLY = re.compile(r"^[\s\-–*_]*(?:cung\s+)?(phoi hop|tham gia)(?!\w)")


def _block_heading(title: str) -> bool:
    """"Cơ quan chủ trì, phối hợp:" standing alone: it heads the field lines of a run of items."""
    t = title.strip(" *_#|")
    return len(t) < 60 and bool(cue("field_block", "^").match(fold(t))) \
        and not re.search(r"\w", cue("field_block", "^").sub("", fold(t)).strip(" :.*_"))


def _is_assign_section(title: str) -> bool:
    return len(title) < 120 and bool(cue("assign_section", "^").match(fold(title)))


def _heading_like(node: Section, has_children: bool) -> bool:
    if has_children:
        return True
    if node.kind in ("dash", "paren", "rparen", "letter", "plus"):
        return False
    t = node.title.rstrip(" *_")
    if t.endswith(":"):
        # "2. Công tác phòng ngừa:" heads what follows; a long instruction that ends by
        # introducing its points ("2.1. Tuyên truyền ... trọng tâm:" then "+ ...") is an item
        return len(t) < 60 or not any(c.kind == "plus" for c in node.children)
    if t.endswith((".", ";", "./.", "!")):
        return False
    return len(t) < HEADING_MAX


def _is_statement(text: str, folded: str, clauses: list[A.Clause]) -> str | None:
    """Is this line an assignment statement? 'trailing', 'refs', or None."""
    assigns = [a for c in clauses for a in c.assigns]
    if not assigns:
        return None
    has_refs = any(c.refs.labels or c.refs.section or c.refs.all for c in clauses)
    wrapped = A.unwrap(text) is not None
    has_cue = any(c.has_cue for c in clauses)
    if has_refs and has_cue:
        return "refs"
    if wrapped and has_cue:
        return "trailing"
    # an unbracketed line that says only who does it: "Công an tỉnh chủ trì, phối hợp ... thực hiện."
    rest = folded
    for a in sorted(assigns, key=lambda a: -len(a.name)):
        if a.name:
            rest = rest.replace(fold(a.name), " ")
    for k in ("lead", "support", "object", "filler", "assign"):
        rest = cue(k).sub(" ", rest)
    rest = re.sub(r"\([^()]*\)", " ", rest)
    words = re.findall(r"[a-z]+", rest)
    words = [w for w in words if w not in ("va", "cac", "co", "lien", "quan", "tot", "nghiem", "tuc", "hieu", "qua", "cung", "la", "theo", "chuc", "nang", "nhiem", "vu", "duoc", "giao")]
    if has_cue and len(words) <= 2:
        return "trailing"
    return None


_PART_KINDS = ("part", "upper", "roman", "number", "decimal", "appendix")
_CLOSING_PLEA = re.compile(r"(?:de nghi|yeu cau|rat mong)\s")
# "dự toán được giao", "ngân sách đã giao cho Công an tỉnh": money allocated, nobody assigned
_ALLOCATED = re.compile(r"(?:duoc|da)\s+giao(?:\s+cho)?")
# an item that only gives the schedule: "Thời gian kiểm tra: ...", "Thời gian tổ chức: ..."
_SCHEDULE = re.compile(r"^thoi gian(?:\s+[a-z]+){0,3}\s*:")
_ITEM_KINDS = ("paren", "rparen", "letter", "dash")  # the markers of items, not of headings


def _field_span(ln: Line) -> tuple[int, int]:
    """A field line's span without a lettered marker before its label ("a) Cơ quan chủ trì")."""
    if A.field_line(ln.text):
        return ln.start, ln.end
    mk = marker_of(ln.text)
    return (ln.start + mk.body_offset if mk else ln.start), ln.end


def _unmarked(line: str) -> str:
    """The line without the outline marker it opens with."""
    mk = marker_of(line)
    return line[mk.body_offset:] if mk else line


def _lead_in(para: list[Line]) -> bool:
    """A paragraph under a heading that ends by introducing the items after it ("... các
    nhiệm vụ trọng tâm sau:")."""
    return para[-1].text.rstrip(" *_").endswith(":")


def _opens_assignments(line: str) -> bool:
    """"Phân công thực hiện:" standing alone: the lines after it assign the items above,
    it is no text of an item (nor a task of its own)."""
    s = line.strip(" *_")
    return s.endswith(":") and _is_assign_section(s) and len(s) < 60


def _after_opening(roots: list[Section]) -> list[Section]:
    """The top-level nodes from the plan's first part heading on.

    Why: the opening ("Căn cứ các văn bản sau: - Luật ...; - Quyết định số ...") may list its
    legal bases as dash items, and OCR or a wrapped line may start an opening line with a
    dash; the plan's tasks begin with its first part. A plan without part headings (a news
    item, a short letter-style plan) keeps every item.
    """
    first = next((i for i, n in enumerate(roots) if n.kind in _PART_KINDS), None)
    return roots if first is None else roots[first:]


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.end = _body_end(doc)
        self.tasks: list[Task] = []
        self.statements: list[Statement] = []
        self.covered: set[int] = set()  # ids of tasks a trailing statement already covers
        # the gazetteer runs once over the document; clauses take their slice of its mentions
        self.mentions = A._mentions(doc.text, 0)
        # a Sở's (Bộ's ...) plan names its own units ("Phòng Kế hoạch - Tài chính"): the issuer's
        self.issuer = units.issuer_id(doc.header.issuer)
        self.mentions = units.with_units(self.mentions, doc.text, self.issuer)
        self.m_starts = [m.start for m in self.mentions]

    def ments(self, start: int, end: int) -> list:
        i = bisect.bisect_left(self.m_starts, start)
        j = bisect.bisect_left(self.m_starts, end)
        return [m for m in self.mentions[i:j] if m.end <= end]

    # -- pass 1 ---------------------------------------------------------------
    def run(self) -> None:
        self._visit_children(_after_opening(self.doc.sections), None, [], [], [], in_assign=False)

    def _own_lines(self, node: Section, children: list[Section]) -> list[Line]:
        stop = children[0].start if children else node.end
        stop = min(stop, self.end)
        return [ln for ln in _lines_in(self.doc, node.start, stop)]

    def _visit_children(self, nodes: list[Section], parent: Section | None, path: list[str],
                        headings: list[str], actors: list[Assign], in_assign: bool) -> list[Task]:
        """Visit sibling nodes in order; returns the tasks made under them."""
        skip: set[int] = set()  # ids of field siblings already read with the block they close
        made: list[Task] = []
        pending: list[Task] = []  # tasks since the last trailing statement among these siblings
        dash_n = 0
        prev_content: list[Task] = []  # tasks of the previous non-assignment siblings
        prev_item: Section | None = None  # the previous sibling read as an item (not a heading)
        for node in nodes:
            if node.start >= self.end or node.kind == "appendix":
                continue
            if node.kind == "plus" or id(node) in skip:
                continue
            if self._field_node(node) or self._block_node(node):
                # "3. Cơ quan chủ trì, phối hợp:" / "a) Cơ quan chủ trì: - X" / "b) Cơ quan phối
                # hợp: - Y" standing after a run of items: the run's assignment, no task
                block = [node]
                for nxt in nodes[nodes.index(node) + 1:]:
                    if nxt.start >= self.end or not (self._field_node(nxt) or self._block_node(nxt)):
                        break
                    block.append(nxt)
                skip.update(id(n) for n in block)
                run = [t for t in pending if not t.explicit and id(t) not in self.covered]
                spans = [sp for n in block for sp in self._field_spans(n)]
                if run and spans:
                    self._apply_fields(run, spans)
                    self.covered.update(id(t) for t in run)
                pending = [t for t in pending if id(t) not in self.covered]
                continue
            label = node.label
            if node.kind == "letter":
                label = label.strip("()")  # "a)" is cited as "điểm a"
            if node.kind == "dash":
                dash_n += 1
                label = f"-{dash_n}"
            kids = [c for c in node.children if c.kind != "plus"]
            # "- Cơ quan chủ trì: ..." under an item (its values as dashes under it or not):
            # its assignment, not items of their own
            field_kids = [c for c in kids if self._field_node(c) or self._block_node(c)]
            if field_kids and len(field_kids) == len(kids):
                kids = []
            own = self._own_lines(node, kids)
            title_line, rest = (own[0], own[1:]) if own else (None, [])
            rest, fields = self._field_lines(rest)
            node_path = path + [label]
            if _is_objective(node.title) and _heading_like(node, bool(kids)):
                continue
            if _is_assign_section(node.title) and _heading_like(node, bool(kids)) and (prev_content or made or not kids) \
                    and not self._actor_headings_with_items(kids):
                # "Phân công ..." after the items it assigns; with no items before it, its own
                # items are the plan's tasks ("II. PHÂN CÔNG NHIỆM VỤ" then "2. Công an tỉnh" ...)
                scope = prev_content or made
                self._assign_section(node, kids, rest, scope, node_path)
                prev_content = []
                continue
            heading = _heading_like(node, bool(kids)) and not fields
            if heading and not kids and prev_item is not None and prev_item.kind == node.kind \
                    and not node.title.rstrip(" *_").endswith(":") \
                    and (len(node.title) >= 60 or node.end >= len(self.text.rstrip())):
                # a numbered item whose full stop is missing (or cut off) among sibling items
                # is an item too, not a heading
                heading = False
            if heading and kids and len(node.title) > HEADING_MAX and node.kind in ("number", "decimal") \
                    and node.title.rstrip(" *_")[-1:] in ".;:":
                # "4. Đẩy nhanh tiến độ ... hiện hữu; ...:" then "- ..." items: a long
                # instruction with points of its own is an item, and its points are items too
                heading = False
            sub_tasks: list[Task] = []
            if heading:
                h_actors = A.heading_actors(node.title, node.body_start,
                                            mentions=self.ments(node.body_start, node.body_start + len(node.title)))
                node_actors = h_actors or actors
                # paragraphs under the heading, before its first child
                para, stmts = self._split_paras(rest)
                opener = next((i for i, ln in enumerate(para) if _opens_assignments(ln.text)), None)
                item_opener = opener is not None and node.kind in _ITEM_KINDS and title_line is not None
                if opener is not None:
                    para = para[:opener]
                if kids and para and opener is None and _lead_in(para):
                    # "Để thực hiện mục tiêu trên, các sở, ngành ... cần thực hiện các nhiệm vụ
                    # sau:": it introduces the items below — no task; the bodies it says are
                    # to do them lead them when the heading names nobody
                    a, b = para[0].start, para[-1].end
                    intro = [x for x in A.assignments_of(self.text[a:b], a, mentions=self.ments(a, b)) if x.role == "lead"]
                    if not h_actors and intro:
                        node_actors = intro
                    para = []
                if item_opener:
                    # "(5) Tuần tra ..." then "Phân công thực hiện:" and the lines that assign
                    # (1)-(5): the item is a task of its own, the opener no text of it
                    t = self._make_task(node_path, node.label, node, parent, [title_line] + para,
                                        headings, actors, title_start=node.body_start)
                    if t:
                        sub_tasks.append(t)
                elif para and not kids or para and not self._looks_like_note(para):
                    t = self._make_task(node_path, node.label, node, parent, para, headings + [node.title], node_actors)
                    if t:
                        self._inline_fields(t)
                        sub_tasks.append(t)
                elif not kids and not rest and not h_actors and self._bare_instruction(node):
                    t = self._make_task(node_path, node.label, node, parent, [title_line], headings, actors)
                    if t:
                        sub_tasks.append(t)
                if kids:
                    sub_tasks += self._visit_children(kids, node, node_path, headings + [node.title], node_actors, in_assign)
                pending += [t for t in sub_tasks if id(t) not in self.covered]
                for st_line, clauses, kind in stmts:
                    if h_actors:
                        # under a heading that names its actor, a trailing line reaches back to the
                        # heading's own items, not into siblings that name other actors
                        own = {id(t) for t in sub_tasks}
                        before = [t for t in pending if id(t) not in own]
                        pending = before + self._statement(st_line, clauses, kind,
                                                           [t for t in pending if id(t) in own], node, sub_tasks)
                    else:
                        pending = self._statement(st_line, clauses, kind, pending, node, sub_tasks)
            else:
                para, stmts = self._split_paras(rest)
                lines = ([title_line] if title_line else []) + para
                if not kids and self._pointer_item(lines, node.body_start):
                    continue
                title_start, item_headings = node.body_start, headings
                if fields and para and _heading_like(node, False):
                    # "2. Tuyên truyền Luật Đường bộ" / its paragraph / "Cơ quan chủ trì: ...":
                    # the paragraph is the task, the heading gives its label
                    lines, title_start, item_headings = para, None, headings + [node.title]
                t = self._make_task(node_path, node.label, node, parent, lines, item_headings, actors,
                                    title_start=title_start)
                if t:
                    own_actor = self._colon_actor(t)
                    if own_actor:
                        t.heading_actors = own_actor
                    sub_tasks.append(t)
                    if fields:
                        closing = not para or para[-1].end < fields[0].start
                        run = self._field_run(pending, t) if closing else [t]
                        self._apply_fields(run, [_field_span(ln) for ln in fields])
                        self.covered.update(id(p) for p in run)
                        pending = [p for p in pending if id(p) not in self.covered]
                    else:
                        self._inline_fields(t)
                        pending.append(t)
                if kids:  # an item with lettered sub-items of its own: they are tasks too
                    ks = self._visit_children(kids, node, node_path, headings + [node.title], actors, in_assign)
                    sub_tasks += ks
                    pending += [t for t in ks if id(t) not in self.covered]
                for st_line, clauses, kind in stmts:
                    pending = self._statement(st_line, clauses, kind, pending, parent, made + sub_tasks)
            made += sub_tasks
            prev_content = prev_content + sub_tasks
            prev_item = node if not heading and sub_tasks else None
        return made

    def _field_node(self, node: Section) -> bool:
        """"a) Cơ quan chủ trì:" / "- Cơ quan phối hợp: Y": a node that is a field line."""
        return node.kind not in _PART_KINDS and A.field_line(node.title) is not None

    def _block_node(self, node: Section) -> bool:
        """"3. Cơ quan chủ trì, phối hợp:" over field lines: a block that only assigns."""
        return node.kind not in ("part", "upper", "roman") and _block_heading(node.title) \
            and all(self._field_node(c) or c.kind == "plus" for c in node.children) \
            and (bool(node.children) or node.end > node.start + len(node.title) + 2)

    def _field_spans(self, node: Section) -> list[tuple[int, int]]:
        """Where the fields of a field node or a block node lie (each span opens at a label)."""
        stop = min(node.end, self.end)
        if self._field_node(node):
            return [(node.body_start, stop)] if node.body_start < stop else []
        kids = [c for c in node.children if c.kind != "plus"]
        own = self._own_lines(node, kids)
        _, fields = self._field_lines(own[1:])
        return [(f.start, f.end) for f in fields] + [sp for c in kids for sp in self._field_spans(c)]

    def _field_lines(self, lines: list[Line]) -> tuple[list[Line], list[Line]]:
        """(the other lines, the field lines) of a node's own lines. A field line is returned
        from its label on ("a) Cơ quan chủ trì:" -> "Cơ quan chủ trì:"), with the value lines
        under it ("- Công an tỉnh.") joined to it; a line "Cơ quan chủ trì, phối hợp:" that
        only heads the fields is neither text nor a field."""
        rest: list[Line] = []
        fields: list[Line] = []
        open_field = False  # the last field's value may go on the next lines
        for ln in lines:
            mk = marker_of(ln.text)
            off = mk.body_offset if mk is not None and mk.kind not in _PART_KINDS else 0
            body = ln.text[off:]
            if _block_heading(body):
                open_field = False
                continue
            if A.field_line(body):
                fields.append(Line(ln.start + off, ln.end, body))
                open_field = True
                continue
            if open_field and fields and (mk is not None and mk.kind in ("dash", "plus")
                                          or fields[-1].text.rstrip(" *_").endswith(":")):
                f = fields[-1]
                fields[-1] = Line(f.start, ln.end, self.text[f.start:ln.end])
                continue
            open_field = False
            rest.append(ln)
        return rest, fields

    def _actor_headings_with_items(self, kids: list[Section]) -> bool:
        """"2. Phân công trách nhiệm" / "2.1. Công an tỉnh" / "- Chủ trì ... rà soát ...": a
        body's own items under its name are tasks, not lines that assign items elsewhere."""
        for k in kids:
            # a numbered heading that names a body, not a bullet sentence that happens to have
            # points under it (a scan's stray "+" lines hang under any bullet)
            if k.kind in ("dash", "plus") or len(k.title) > ACTOR_HEADING_MAX:
                continue
            if k.children and A.heading_actors(k.title, k.body_start,
                                               mentions=self.ments(k.body_start, k.body_start + len(k.title))):
                return True
        return False

    def _pointer_item(self, lines: list[Line], body_start: int | None = None) -> bool:
        """An item that only hands out other items ("2. Sở Y tế chủ trì thực hiện nội dung a, b
        mục 1"): recorded as an assignment statement over every item made so far, not a task.

        Only when each clause that names a body also points at items, so an item that both
        asks for work and cites another ("... theo nội dung (2)") stays a task. The item's own
        marker (``body_start`` is where its text begins) is no pointer: "(2) Sở Y tế phối hợp
        ..." names item 2 only as its label.
        """
        if not lines or lines[-1].end - lines[0].start > 600:
            return False
        start, end = lines[0].start, lines[-1].end
        if body_start is not None and start < body_start < end:
            start = body_start
        text = self.text[start:end]
        mentions = self.ments(start, end)
        if not mentions or not A.may_point(fold_slice(self.text, start, end)):
            return False  # no body named, or no cue and item number: the parse below would say so
        if not A.points_at_items(text, start, fold_slice(self.text, start, end)):
            return False  # no clause points at items: _is_statement would not say "refs"
        clauses = A.parse_clauses(text, start, mentions=mentions, folded=fold_slice(self.text, start, end))
        if _is_statement(text, fold_slice(self.text, start, end), clauses) != "refs":
            return False
        if any(c.assigns and not (c.refs.labels or c.refs.section) for c in clauses):
            return False
        scope = [t for t in self.tasks if t.start < start]
        self.statements.append(Statement(start, end, text, clauses, "refs", scope=scope,
                                         anchor=scope[-1] if scope else None))
        return True

    def _colon_actor(self, t: Task) -> list[A.Assign]:
        """"1.2. Bộ Y tế: Chủ trì hướng dẫn ...": an item that opens by naming its actor and a
        colon is that actor's, whatever the heading above it names ("Trách nhiệm của các bộ,
        ngành" groups such items; each names its own)."""
        f = fold_slice(self.text, t.start, min(t.end, t.start + 200))
        colon = f.find(":")
        if colon <= 0:
            return []
        actors = A.heading_actors(self.text[t.start:t.start + colon + 1], t.start,
                                  mentions=self.ments(t.start, t.start + colon))
        if actors and self._only_coordinates(t.start + colon + 1, f[colon + 1:]):
            # "4. Sở Tư pháp: Phối hợp với Công an tỉnh ...": the body named only coordinates
            actors = [A.Assign(a.agency, "support", a.start, a.end, a.name) for a in actors]
        return actors

    def _only_coordinates(self, pos: int, after: str) -> bool:
        """Whether the words after a run-in label (folded, from ``pos``) open with the label's
        body only coordinating ("Phối hợp với ...", "Phối hợp thực hiện ...", "Tham gia ..."),
        not presiding ("Chủ trì, phối hợp ...") nor having others coordinate ("Phối hợp các sở,
        ngành thực hiện ...", where the bodies right after "phối hợp" are its partners)."""
        m = _COORDINATE_ONLY.match(after)
        if not m:
            return False
        nxt = self.ments(pos + m.end(), pos + m.end() + 40)
        return not (m.group(1) == "phoi hop" and nxt and not re.search(r"\w", re.sub(r"\bcac\b", "", fold_slice(
            self.text, pos + m.end(), nxt[0].start))))

    def _apply_fields(self, tasks: list[Task], spans: list[tuple[int, int]]) -> None:
        """The field lines or sentences at ``spans`` ("Cơ quan chủ trì: X", "Đơn vị phối hợp:
        Y, Z", "Thời gian: ...") are the formal assignment of ``tasks``: a lead field overrides
        whatever an item's sentence or its heading implies; support fields alone add support
        and leave the lead to the heading. A value segment that names items ("X (nội dung
        (1)); Y (nội dung (2))") reaches only those."""
        parsed = [(a, b, A.field_parts(self.text[a:b])[1]) for a, b in spans]  # once for the whole run
        for t in tasks:
            leads: list[A.Assign] = []
            supports: list[A.Assign] = []
            for a, b, parts in parsed:
                for part in parts:
                    if part.kind == "time":
                        t.deadline = t.deadline or self.text[a + part.start:a + part.end].strip(" .;")
                        continue
                    if part.labels and t.label not in part.labels:
                        continue
                    ms = self.ments(a + part.start, a + part.end)
                    roles = A.field_value_roles(self.text[a + part.start:a + part.end], a + part.start,
                                                part.kind, ms)
                    for m in ms:
                        role = roles.get(m.id, part.kind)
                        if role == "none":
                            continue
                        (leads if role == "lead" else supports).append(
                            A.Assign(m.id, role, a, b, m.name, strong=role == "lead"))
            if leads:
                t.explicit += leads + supports
            else:
                t.inner += supports

    def _inline_fields(self, t: Task) -> None:
        """Field sentences that close an item's own text ("... văn bản hướng dẫn. Cơ quan chủ
        trì: Sở Tư pháp."): its assignment, as if they stood on lines of their own."""
        if ":" not in t.text:
            return
        first, parts = A.field_parts(t.text)
        if parts and first > 0 and any(p.kind != "time" for p in parts):
            self._apply_fields([t], [(t.start + first, t.end)])

    def _field_run(self, pending: list[Task], t: Task) -> list[Task]:
        """The items a field line closing item ``t`` assigns: ``t`` and the items before it
        since the last assignment line that name no actor of their own — as a bracketed
        "(X chủ trì ...)" line after a run of items reaches the whole run."""
        run: list[Task] = []
        for p in reversed(pending):
            if p is t:
                continue
            if p.explicit or p.heading_actors or id(p) in self.covered or p.parent is not t.parent \
                    or any(a.role == "lead" for a in p.inner):
                break
            run.append(p)
        return list(reversed(run)) + [t]

    def _looks_like_note(self, para: list[Line]) -> bool:
        """A paragraph under a heading that has numbered children: a task only if it instructs."""
        f = fold(" ".join(ln.text for ln in para))[:300]
        return not (cue("lead").search(f) or cue("assign").search(f))

    def _bare_instruction(self, node: Section) -> bool:
        """A short numbered line without a body that still tells someone to act."""
        f = fold(node.title).strip()
        if re.match(r"^(?:cong tac|ve |noi dung|ket qua|phan |viec |tinh hinh|uu diem|ton tai|kho khan|bai hoc|nguyen nhan|dac diem)", f):
            return False
        return len(f.split()) >= 6 and bool(cue("lead").search(f) or cue("assign").search(f))

    def _split_paras(self, lines: list[Line]) -> tuple[list[Line], list[tuple[Line, list, str]]]:
        """Continuation lines vs. assignment statements among a node's own lines."""
        para: list[Line] = []
        stmts: list[tuple[Line, list, str]] = []
        for ln in _join_open_brackets(lines, self.text):
            if ln.start >= self.end:
                break
            s = ln.text.strip()
            if re.match(r"^\|", s):  # a table row: read by tables.py
                continue
            if len(s) < 400:
                mentions = self.ments(ln.start, ln.end)
                # a line that names no body assigns nothing: no need to parse it
                # (a joined bracket line has its breaks as spaces: so has its fold)
                f = fold_slice(self.text, ln.start, ln.end).replace("\n", " ")
                fields = A.field_clauses(ln.text, ln.start, mentions) \
                    if mentions and A.unwrap(ln.text) is not None else []
                if not fields and len(s) < 300:
                    # "Trách nhiệm thực hiện: Sở Y tế (chủ trì), Sở Tài chính (phối hợp)."
                    fields = A.role_mark_clauses(ln.text, ln.start, mentions) if mentions else []
                if fields:  # "(Cơ quan chủ trì: X; cơ quan phối hợp: Y)" after a run of items
                    stmts.append((ln, fields, "trailing"))
                    continue
                clauses = A.parse_clauses(ln.text, ln.start, mentions=mentions, folded=f) if mentions else []
                kind = _is_statement(ln.text, f, clauses) if clauses else None
                if kind:
                    stmts.append((ln, clauses, kind))
                    continue
            para.append(ln)
        return para, stmts

    def _make_task(self, path: list[str], label: str, node: Section | None, parent: Section | None,
                   lines: list[Line], headings: list[str], actors: list[Assign],
                   title_start: int | None = None) -> Task | None:
        lines = [ln for ln in lines if ln is not None]
        if not lines:
            return None
        start = title_start if title_start is not None else lines[0].start
        start = max(start, lines[0].start)
        end = lines[-1].end
        # '+' sub-bullets of this node join its text
        if node is not None:
            for c in node.children:
                if c.kind == "plus" and c.start < self.end and not A.field_line(c.title):
                    end = max(end, min(c.end, self.end))
        raw = self.text[start:end]
        text = one_line(raw).strip()
        # = fold(text): fold keeps every character's white-space-ness and "\n", so the same
        # clean-up on the folded slice gives the same string (no per-character fold here)
        f = one_line(fold_slice(self.text, start, end)).strip()
        if not text or not _TWO_WORDS.search(text):  # fewer than two words
            return None
        if cue("funding", "^").match(f) and not cue("assign").search(_ALLOCATED.sub("", f[:200])):
            # "Kinh phí thực hiện ... được bố trí từ ... dự toán được giao": tells nobody to act
            return None
        if re.match(r"^(?:tren day la|noi nhan)", f):
            return None
        if _SCHEDULE.match(f):
            return None  # "2. Thời gian kiểm tra: Dự kiến trong tháng 01/2024": when, not what
        if len(f) < 200 and re.search(r"(?:phu luc|bieu mau|danh muc)[^.]{0,40}kem theo", f) and not self.ments(start, end):
            return None  # "Các nhiệm vụ cụ thể tại Phụ lục kèm theo": the table's rows are the tasks
        mentions = self.ments(start, end)  # none: the item assigns nothing itself
        inner = A.assignments_of(self.text[start:end], start, subject_anywhere=False, implicit_actor=bool(actors),
                                 mentions=mentions, folded=fold_slice(self.text, start, end)) if mentions else []
        t = Task(path=path, label=_norm_label(path[-1]) if path else "", node=node, parent=parent,
                 start=start, end=end, text=text[:TEXT_MAX], headings=headings,
                 heading_actors=list(actors), inner=inner)
        if mentions and self.text[start:end].rstrip(" .;:,*_").endswith(")"):
            # "... (Sở Y tế chủ trì, Công an tỉnh phối hợp)." closing the item: its formal assignment
            t.explicit += A.closing_assignment(self.text[start:end], start, mentions)
        self.tasks.append(t)
        return t

    def _statement(self, ln: Line, clauses: list[A.Clause], kind: str, pending: list[Task],
                   container: Section | None, siblings_tasks: list[Task]) -> list[Task]:
        """Record one statement found among a node's own lines; returns the new pending list."""
        st = Statement(ln.start, ln.end, ln.text, clauses, kind)
        has_labels = any(c.refs.labels or c.refs.section for c in clauses)
        if has_labels:
            st.scope = list(siblings_tasks) if siblings_tasks else list(pending)
            st.anchor = pending[-1] if pending else (siblings_tasks[-1] if siblings_tasks else None)
            self.statements.append(st)
            return pending
        # the run since the last item that states its own assignment ("... (Giao X chủ trì ...).",
        # "... Giao X chủ trì, phối hợp Y thực hiện."): that item is closed as by such a line
        run = list(pending)
        for i in range(len(run) - 2, -1, -1):
            if run[i].explicit or any(a.role == "lead" and a.strong for a in run[i].inner):
                run = run[i + 1:]
                break
        st.scope = run
        st.anchor = pending[-1] if pending else None
        self.covered.update(id(t) for t in pending)
        self.statements.append(st)
        return []

    def _labelled_duties(self, kids: list[Section]) -> bool:
        """A "Phân công trách nhiệm" section whose items each name a body as a run-in label
        ("2.1. Công an tỉnh - Chủ trì, phối hợp với ...", "1. Sở Y tế:" then its duties) and
        point at no item: the bodies' own duties, tasks like any others, not lines that only
        assign the items above."""
        labelled = False
        for k in kids:
            if k.kind in ("plus",):
                continue
            stop = min(k.children[0].start if k.children else k.end, self.end)
            f = fold_slice(self.text, k.body_start, stop)
            if A.find_refs(f).any:
                return False
            labelled = labelled or self._run_in_label(k.body_start, stop)
        return labelled

    def _run_in_label(self, start: int, stop: int) -> bool:
        """Whether the text at ``start`` opens with bodies set off by a colon or a dash."""
        ms = self.ments(start, min(stop, start + 300))
        if not ms or self.text[start:ms[0].start].strip(" *_"):
            return False
        g = A._groups(ms, self.text[start:stop], start)[0]
        return bool(re.match(r"^\s*(?:\([^()]{0,80}\)\s*)?(?::|[-–]\s)", self.text[g[-1].end:stop]))

    def _assign_section(self, node: Section, kids: list[Section], rest: list[Line],
                        scope: list[Task], path: list[str]) -> None:
        """A "Phân công" section: each of its lines assigns items of the section before it."""
        if self._labelled_duties(kids):
            # its items are the bodies' own duties: tasks under their run-in labels
            self._visit_children(kids, node, path, [node.title], [], False)
            return
        lines = list(rest)
        for k in kids:
            for w in k.walk():
                stop = min(w.children[0].start if w.children else w.end, self.end)
                lines += _lines_in(self.doc, w.start, stop)
        seen: set[int] = set()
        for ln in sorted(lines, key=lambda l: l.start):
            if ln.start in seen or ln.start >= self.end:
                continue
            seen.add(ln.start)
            clauses = A.parse_clauses(ln.text, ln.start, mentions=self.ments(ln.start, ln.end))
            if not any(c.assigns for c in clauses):
                continue
            st = Statement(ln.start, ln.end, ln.text, clauses, "section", scope=list(scope),
                           anchor=scope[-1] if scope else None)
            self.statements.append(st)

    # -- pass 2 ---------------------------------------------------------------
    def resolve(self) -> None:
        for st in self.statements:
            evidence = st.text.strip()
            last_refs: A.Refs | None = None
            for c in st.clauses:
                refs = c.refs
                if refs.any:
                    last_refs = refs
                elif last_refs is not None:
                    # "X chủ trì thực hiện nội dung (1), (2); Y phối hợp": Y coordinates the same items
                    refs = last_refs
                if not c.assigns:
                    continue
                targets, missing = self._targets(refs, st)
                for a in c.assigns:
                    for t in targets:
                        t.explicit.append(a)
                    if missing and st.anchor is not None:
                        for ref in missing:
                            st.anchor.dangling.append({
                                "ref": ref, "agency": a.agency, "role": a.role,
                                "evidence": self.text[c.start:c.end].strip()[:300],
                                "span": self.doc.span(c.start, c.end)})
            del evidence

    def _targets(self, refs: A.Refs, st: Statement) -> tuple[list[Task], list[str]]:
        scope = st.scope
        if refs.section:
            sec = _norm_label(refs.section)
            pool = [t for t in self.tasks if any(_norm_label(p) == sec for p in t.path[:-1])]
            if not pool and not refs.labels:
                # "nội dung mục 3" where item 3 is itself a task, with no sub-items
                pool = [t for t in self.tasks if len(t.path) > 1 and _norm_label(t.path[-1]) == sec
                        and t.start < st.start and t.node is not None and t.node.kind in ("number", "decimal")][-1:]
            if not refs.labels:
                return pool, ([] if pool else [f"mục {refs.section}"])
            scope = pool
        if refs.within and refs.labels:
            # "điểm a, b khoản 1 Mục II": the items a and b of part 1 (of part II), not every a and b
            pool = [t for t in scope if self._lies_in(t, refs.within, refs.section)] if refs.section else \
                [t for t in self.tasks if self._lies_in(t, refs.within, None)]
            if pool:
                scope = pool
        if refs.labels:
            found: list[Task] = []
            missing: list[str] = []
            for lab in refs.labels:
                hit = [t for t in scope if t.label == lab]
                if not hit:
                    # a reference may reach past its own section, to the nearest earlier item of that number
                    hit = [t for t in self.tasks if t.label == lab and t.start < st.start][-1:]
                if not hit:
                    # "các nhiệm vụ tại khoản 3": a heading's number, meaning the items under it
                    hit = self._under_heading(lab, st.start)
                if hit:
                    found += [t for t in hit if t not in found]
                else:
                    missing.append(lab)
            return found, missing
        return list(scope), []

    def _under_heading(self, lab: str, before: int) -> list[Task]:
        """The tasks under the nearest earlier heading labelled ``lab`` (a heading, not a task)."""
        for t in reversed([t for t in self.tasks if t.start < before]):
            anc = [_norm_label(p) for p in t.path[:-1]]
            if lab in anc:
                prefix = t.path[:anc.index(lab) + 1]
                return [u for u in self.tasks if u.path[:len(prefix)] == prefix and u.start < before]
        return []

    @staticmethod
    def _lies_in(t: Task, part: str, section: str | None) -> bool:
        """Whether the task stands under the numbered part ``part`` (below ``section`` if given)."""
        anc = [_norm_label(p) for p in t.path[:-1]]
        if section:
            sec = _norm_label(section)
            if sec not in anc:
                return False
            anc = anc[anc.index(sec) + 1:]
        return _norm_label(part) in anc


def _dedupe(ids: list[str]) -> list[str]:
    out: list[str] = []
    for i in ids:
        if i and i not in out:
            out.append(i)
    return out


def _finish(doc: Document, t: Task) -> Fact:
    assigns: list[Assign] = []
    if t.explicit:
        assigns = list(t.explicit) + [a for a in t.inner if a.role == "lead" and getattr(a, "strong", False)]
        # "Phối hợp với Sở Y tế khám, chữa bệnh ..." under a line naming who does the items: the
        # body the item itself has its actor coordinate with still coordinates (a catch-all such
        # as "các cơ quan có liên quan" only describes the work)
        assigns += [a for a in t.inner if a.role == "support" and a.agency not in A.catch_alls()]
    else:
        own = [a for a in t.inner if a.role == "lead" and a.start == t.start]
        if t.heading_actors and own and {a.agency for a in t.heading_actors} <= A.catch_alls():
            # under a heading naming only a group ("các sở, ngành"), an item whose first clause
            # names its own actor ("Sở Y tế chủ trì ...") is that actor's
            assigns = list(t.inner)
        elif t.heading_actors:
            assigns = list(t.heading_actors) + [a for a in t.inner if a.role == "support"]
            assigns += [a for a in t.inner if a.role == "lead" and getattr(a, "strong", False)]
        else:
            assigns = list(t.inner)
    lead = _dedupe([a.agency for a in assigns if a.role == "lead"])
    support = _dedupe([a.agency for a in assigns if a.role == "support" and a.agency not in lead])
    seen: set[tuple[str, str]] = set()
    out_assigns = []
    for a in assigns:
        role = a.role if not (a.role == "support" and a.agency in lead) else "lead"
        if (a.agency, role) in seen:
            continue
        seen.add((a.agency, role))
        out_assigns.append({"agency": a.agency, "role": role,
                            "evidence": doc.text[a.start:a.end].strip()[:300],
                            "span": doc.span(a.start, a.end)})
    flags: list[str] = []
    if not lead:
        flags.append("no_lead")
    elif set(lead) <= A.catch_alls():
        flags.append("catch_all_only")
    if t.dangling:
        flags.append("dangling_reference")
    fact: Fact = {
        "path": t.path,
        "text": t.text,
        "area": None,  # named after extraction (pipeline.areas.hybrid.assign_areas)
        "headings": list(t.headings),  # what the area step reads besides the text; it removes them
        "lead": lead,
        "support": support,
        "spans": [doc.span(t.start, t.end)],
        "assignments": out_assigns,
        "flags": flags,
    }
    if t.dangling:
        fact["dangling"] = t.dangling
    if t.deadline:
        fact["deadline"] = t.deadline
    fact["source"] = t.source
    return fact


def outline_tasks(doc: Document) -> list[Task]:
    """The tasks of the plan's outline in document order, assignments resolved, with the
    headings they stand under (the area classifier and its evaluation read those)."""
    b = _Builder(doc)
    b.run()
    b.resolve()
    return sorted(b.tasks, key=lambda t: t.start)


def extract_tasks(doc: Document) -> list[Fact]:
    """The plan's tasks with lead, support, evidence and audit flags (the area is named after
    extraction, from the text and the ``headings`` each task keeps for it)."""
    return [_finish(doc, t) for t in outline_tasks(doc)] + table_tasks(doc)
