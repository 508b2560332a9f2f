"""Datasette plugin: the plan page (``/-/plan/<doc_id>``) and links to it from query results.

Why a page of our own: Datasette shows rows, but an auditor checks a finding by reading the
words that show it. The page prints the plan's stored text with every extracted fact marked
at its span (tasks, targets, deadlines, citations, agencies) and, when the link carries
``?start=&end=``, one focus mark around exactly that span, scrolled into view.

Overlapping facts (a citation inside a task) are drawn as flat segments: the text is cut at
every span boundary and each piece is marked with the kinds that cover it, so the HTML nests
properly; the focus mark wraps whole pieces, so it contains exactly the span's text.
"""
from __future__ import annotations

import html
import json
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

FACT_TABLES = [  # (table, kind shown, label column)
    ("tasks", "task", "path_str"),
    ("targets", "target", "metric"),
    ("deadlines", "deadline", "kind"),
    ("citations", "citation", "symbol"),
    ("agency_mentions", "agency", "id"),
]


def _spans(raw: str | None, start: Any, end: Any) -> list[dict[str, int]]:
    try:
        sp = json.loads(raw or "[]")
    except ValueError:
        sp = []
    if not sp and start is not None:
        sp = [{"start": start, "end": end}]
    return [s for s in sp if isinstance(s, dict) and "start" in s and "end" in s]


def render_text(text: str, facts: list[dict[str, Any]], focus: tuple[int, int] | None) -> str:
    """The text as HTML with marks: ``facts`` are {kind, title, start, end}."""
    n = len(text)
    cuts = {0, n}
    for f in facts:
        cuts.update((max(0, min(n, f["start"])), max(0, min(n, f["end"]))))
    if focus:
        focus = (max(0, min(n, focus[0])), max(0, min(n, focus[1])))
        cuts.update(focus)
    pts = sorted(cuts)
    # facts by start for a sweep; pieces are short so a linear scan per piece is fine
    out: list[str] = []
    in_focus = False
    for a, b in zip(pts, pts[1:]):
        if focus and a == focus[0] and not in_focus and focus[1] > focus[0]:
            out.append('<mark id="focus" class="focus">')
            in_focus = True
        cover = [f for f in facts if f["start"] <= a and b <= f["end"] and f["end"] > f["start"]]
        piece = html.escape(text[a:b])
        if cover:
            kinds = sorted({f["kind"] for f in cover})
            title = html.escape(" | ".join(dict.fromkeys(f["title"] for f in cover))[:300], quote=True)
            out.append(f'<mark class="fact {" ".join("k-" + k for k in kinds)}" title="{title}">{piece}</mark>')
        else:
            out.append(piece)
        if in_focus and b == focus[1]:
            out.append("</mark>")
            in_focus = False
    if in_focus:
        out.append("</mark>")
    return "".join(out)


async def plan_page(datasette, request):
    doc_id = request.url_vars["doc_id"]
    db = datasette.get_database()
    rows = (await db.execute("select id, path, symbol, type, issuer, province, date, title, signer_name, "
                             "signer_position, text from documents where id = ?", [doc_id])).rows
    if not rows:
        return Response.html("<h1>404</h1><p>Không có văn bản / no such document</p>", status=404)
    doc = dict(rows[0])
    facts: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for table, kind, label in FACT_TABLES:
        res = await db.execute(f"select * from [{table}] where doc_id = ?", [doc_id])
        for r in res.rows:
            r = dict(r)
            counts[kind] = counts.get(kind, 0) + 1
            title = f"{kind}: {r.get(label) or ''}"
            if kind == "task":
                title += f" — lead {', '.join(json.loads(r.get('lead') or '[]')) or '∅'}"
            elif kind == "target":
                title = f"target: {r.get('comparator') or ''}{r.get('value')}{r.get('unit') or ''} {r.get('metric') or ''}"
            for s in _spans(r.get("spans"), r.get("start"), r.get("end")):
                facts.append({"kind": kind, "title": title, "start": int(s["start"]), "end": int(s["end"])})
    focus = None
    try:
        if request.args.get("start") not in (None, "") and request.args.get("end") not in (None, ""):
            focus = (int(request.args["start"]), int(request.args["end"]))
    except ValueError:
        focus = None
    findings = []
    if "audit_findings" in await db.table_names():
        findings = [dict(r) for r in (await db.execute(
            "select kind, severity, path, message, start, end from audit_findings where doc_id = ? order by start",
            [doc_id])).rows]
    body = render_text(doc["text"] or "", facts, focus)
    return Response.html(await datasette.render_template(
        "plan.html",
        {"doc": doc, "body": Markup(body), "counts": counts, "findings": findings, "focus": focus,
         "database": db.name},
        request=request))


@hookimpl
def register_routes():
    return [(r"^/-/plan/(?P<doc_id>[0-9A-Za-z_.-]+)$", plan_page)]


@hookimpl
def render_cell(value, column):
    """Links from query results to the plan page (column ``open``)."""
    if column == "open" and isinstance(value, str) and value.startswith("/-/plan/"):
        return Markup(f'<a class="open-plan" href="{html.escape(value, quote=True)}">mở / open</a>')
    return None


@hookimpl
def extra_css_urls():
    return []
