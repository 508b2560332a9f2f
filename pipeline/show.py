"""Human-readable views of a contract: the document, its outline and facts, its task tree."""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.tree import Tree

console = Console()


def _outline(tree: Tree, nodes: list[dict[str, Any]]) -> None:
    for n in nodes:
        sub = tree.add(f"[bold]{n['label']}[/bold] {n['title'][:90]}", highlight=False)
        _outline(sub, n["children"])


def print_contract(c: dict[str, Any]) -> None:
    """Header, counts of facts, and the outline."""
    d, s = c["document"], c["source"]
    console.print(f"[bold]{s['path']}[/bold]  {s['format']}, {s['pages']} page(s), OCR: {s['ocr']}", highlight=False)
    for k in ("symbol", "type", "issuer", "province", "date", "title", "signer"):
        console.print(f"  {k:<9} {d.get(k)}", highlight=False)
    parts = ("references", "named_references", "agencies", "targets", "deadlines", "tasks")
    console.print("  " + ", ".join(f"{len(c.get(p) or [])} {p}" for p in parts), highlight=False)
    tree = Tree("outline")
    _outline(tree, c.get("sections") or [])
    console.print(tree)


def task_flags(t: dict[str, Any]) -> list[str]:
    """What an auditor should look at for a task."""
    flags = list(t.get("flags") or [])
    if not t.get("lead") and "no lead" not in flags:
        flags.append("no lead")
    return flags


def print_tasks(c: dict[str, Any]) -> None:
    """The plan's tasks as a tree by path, with lead, support and flags."""
    root = Tree(f"[bold]{c['document'].get('symbol') or c['source']['path']}[/bold] tasks")
    nodes: dict[tuple[str, ...], Tree] = {}
    for t in c.get("tasks") or []:
        path = tuple(t.get("path") or [])
        parent = root
        for i in range(1, len(path)):
            key = path[:i]
            if key not in nodes:
                nodes[key] = parent.add(f"[dim]{key[-1]}[/dim]")
            parent = nodes[key]
        flags = task_flags(t)
        line = (f"[bold]{path[-1] if path else '?'}[/bold] {t.get('text', '')[:80]}\n"
                f"  lead: {', '.join(t.get('lead') or []) or '—'}   support: {', '.join(t.get('support') or []) or '—'}"
                f"   area: {t.get('area')}" + (f"   [red]{'; '.join(flags)}[/red]" if flags else ""))
        nodes[path] = parent.add(line, highlight=False)
    console.print(root)
