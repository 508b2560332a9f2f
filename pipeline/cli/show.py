"""Human-readable views of a contract: the document, its outline and facts, its task tree."""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

console = Console()


def _outline(tree: Tree, nodes: list[dict[str, Any]]) -> None:
    for n in nodes:
        sub = tree.add(f"[bold]{n['label']}[/bold] {n['title'][:90]}", highlight=False)
        _outline(sub, n["children"])


def _deadline_text(dl: Any) -> str:
    """A task's deadline for the eye: the parsed date or period with the cell's own words."""
    if not isinstance(dl, dict):
        return str(dl)
    when = dl.get("date") or (f"{dl.get('start')} → {dl.get('end')}" if dl.get("start") else ", ".join(dl.get("when") or []))
    return f"{when} ({dl.get('text')})" if dl.get("text") else str(when)


def print_contract(c: dict[str, Any]) -> None:
    """Header, counts of facts, and the outline."""
    d, s = c["document"], c["source"]
    console.print(f"[bold]{s['path']}[/bold]  {s['format']}, {s['pages']} page(s), OCR: {s['ocr']}", highlight=False)
    # wrapper: how the document was published ("decision+plan", "web", "news"; None: alone)
    for k in ("symbol", "type", "issuer", "province", "date", "title", "signer", "wrapper"):
        console.print(f"  {k:<9} {d.get(k)}", highlight=False)
    parts = ("references", "named_references", "agencies", "targets", "deadlines", "tasks")
    console.print("  " + ", ".join(f"{len(c.get(p) or [])} {p}" for p in parts), highlight=False)
    tree = Tree("outline")
    _outline(tree, c.get("sections") or [])
    console.print(tree)


def task_flags(t: dict[str, Any]) -> list[str]:
    """What an auditor should look at for a task (the extractor's flags, and no lead)."""
    flags = [f.replace("_", " ") for f in (t.get("flags") or [])]
    if not t.get("lead") and "no lead" not in flags:
        flags.append("no lead")
    return flags


def _heading_titles(sections: list[dict[str, Any]]) -> dict[tuple[str, ...], str]:
    """Outline titles by label path, so the task tree can name its grouping headings."""
    out: dict[tuple[str, ...], str] = {}

    def rec(nodes, prefix):
        for n in nodes:
            key = prefix + (str(n.get("label", "")).strip("()") if n.get("kind") == "letter" else str(n.get("label", "")),)
            out.setdefault(key, n.get("title", ""))
            rec(n.get("children") or [], key)

    rec(sections or [], ())
    return out


def print_tasks(c: dict[str, Any]) -> None:
    """The plan's tasks as a tree by path: text, lead, support, area, deadline, flags, evidence."""
    tasks = c.get("tasks") or []
    n_nolead = sum(1 for t in tasks if not t.get("lead"))
    n_catch = sum(1 for t in tasks if "catch_all_only" in (t.get("flags") or []))
    n_dang = sum(1 for t in tasks if "dangling_reference" in (t.get("flags") or []))
    title = escape(str(c.get("document", {}).get("symbol") or c.get("source", {}).get("path") or "?"))
    root = Tree(f"[bold]{title}[/bold] {len(tasks)} tasks, {n_nolead} without lead, "
                f"{n_catch} led only by catch-alls, {n_dang} with dangling references", highlight=False)
    titles = _heading_titles(c.get("sections") or [])
    nodes: dict[tuple[str, ...], Tree] = {}
    for t in tasks:
        path = tuple(str(p) for p in (t.get("path") or []))
        parent = root
        for i in range(1, len(path)):
            key = path[:i]
            if key not in nodes:
                head = titles.get(key, "")
                nodes[key] = parent.add(f"[dim]{escape(key[-1])} {escape(head[:80])}[/dim]", highlight=False)
            parent = nodes[key]
        flags = task_flags(t)
        lead = ", ".join(t.get("lead") or []) or "—"
        support = ", ".join(t.get("support") or []) or "—"
        line = (f"[bold]{escape(path[-1] if path else '?')}[/bold] {escape(str(t.get('text', ''))[:100])}\n"
                f"  lead: [green]{escape(lead)}[/green]   support: {escape(support)}   area: {t.get('area')}"
                + (f"   due: {escape(_deadline_text(t['deadline']))}" if t.get("deadline") else "")
                + (f"   [red]{escape('; '.join(flags))}[/red]" if flags else ""))
        evid = {a.get("evidence", "") for a in t.get("assignments") or [] if a.get("evidence")}
        for e in list(evid)[:2]:
            line += f"\n  [dim]« {escape(e[:110])} »[/dim]"
        for d in t.get("dangling") or []:
            line += f"\n  [red]points at missing item {escape(str(d.get('ref')))}: {escape(str(d.get('evidence', ''))[:90])}[/red]"
        node = parent.add(line, highlight=False)
        nodes.setdefault(path, node)
    console.print(root)
