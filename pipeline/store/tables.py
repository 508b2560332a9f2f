"""The store's tables: which contract part goes to which table, with which columns."""
from __future__ import annotations

# Fact tables: contract part → (table, columns copied from the fact). Lists and dicts are
# stored as JSON; every row also gets doc_id, ord, start, end, page and spans — ``start`` and
# ``end`` are always character offsets of the fact's first span, in every fact table.
FACT_TABLES: dict[str, tuple[str, dict[str, type]]] = {
    "references": ("citations", {"type": str, "number": str, "symbol": str, "year": int, "date": str,
                                 "issuer": str, "relation": str, "registry_date": str, "date_conflict": int}),
    "named_references": ("named_references", {"name": str, "issuer": str}),
    "agencies": ("agency_mentions", {"id": str, "name": str, "count": int}),
    "targets": ("targets", {"value": float, "unit": str, "comparator": str, "metric": str, "task_ord": int}),
    "deadlines": ("deadlines", {"kind": str, "date": str, "period_start": str, "period_end": str, "when": str,
                                "what": str, "agency": str, "task_ord": int}),
    "tasks": ("tasks", {"path": str, "path_str": str, "text": str, "area": str, "lead": str, "support": str,
                        "flags": str}),
}
DOC_TABLES = ["pages", "sections", "assignments"] + [t for t, _ in FACT_TABLES.values()]
# A column whose contract field has another name: a deadline's period is ``start``/``end`` in
# the contract, but in the store those names are the span offsets of every fact table.
CONTRACT_FIELD = {"period_start": "start", "period_end": "end"}
# Tables whose rows say which documents must be re-grouped, re-derived and re-summarised: every
# write or deletion of a document adds its id here, in the same transaction, and
# ``derive.refresh.rebuild`` removes it once the graph and the summaries follow (``derive.refresh.ensure_fresh``).
DIRTY_TABLE = "dirty_docs"
# Tables the web front end's canned queries read, written by ``kehoach audit`` / ``serve``'s
# refresh (``derive.audit.save``, ``queries.compare.save_measures``). A new store has them empty,
# so ``serve --no-refresh`` on a store never refreshed shows no rows rather than an error.
WEB_TABLES: dict[str, tuple[dict[str, type], str]] = {
    "audit_findings": ({"id": int, "kind": str, "severity": str, "document": str, "doc_id": str, "province": str,
                        "year": int, "path": str, "message": str, "spans": str, "start": int, "end": int}, "id"),
    "target_measures": ({"fid": str, "doc_id": str, "measure": str, "national": str, "weaker": int}, "fid"),
}
