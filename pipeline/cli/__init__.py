"""The ``kehoach`` command. Each command is a thin shell over a library function.

Exit status: 0 when everything was read, 1 when some files failed (or a document was not
found), 2 on a usage error or a store that cannot be opened, 3 when ``ingest --no-wait`` found
another ingest writing the same store.

What may run at the same time (README, "Running things at the same time"): one writer per store
— a second ``ingest`` waits for the first (``--no-wait``: exit 3) — and any number of readers
(``show``, ``compare``, ``audit``, ``graph``, ``serve``), which open the store read-only and
never wait for a writer.
"""
from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from pipeline import api, store
from pipeline import ingest as ingesting
from pipeline.cli.show import print_contract, print_tasks
from pipeline.derive import audit, graph, refresh
from pipeline.errors import InputError, internal_error
from pipeline.queries import audit as audit_query
from pipeline.queries import compare
from pipeline.queries import national as national_query
from pipeline.text.spreadsheet import safe_row
from pipeline.web import serve

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Read Vietnamese plan documents (KẾ HOẠCH) and extract their structure and facts.")

DEFAULT_DB = Path("data/kehoach.db")
EXIT_BUSY = 3  # ingest --no-wait: another ingest holds the store
DbOption = typer.Option(DEFAULT_DB, "--db", help="SQLite database file.")


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(None, help="Files or folders (default: corpus/)."),
    db: Path = DbOption,
    workers: Optional[int] = typer.Option(None, help="Worker processes (default: one per core)."),
    force: bool = typer.Option(False, help="Re-read files even when unchanged."),
    cluster: Optional[str] = typer.Option(None, help="Run the reading on a Dask cluster: tcp://host:8786, "
                                          "or local:N for N local worker processes."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    no_wait: bool = typer.Option(False, "--no-wait", help="When another ingest is writing the same database, "
                                                          f"exit at once (status {EXIT_BUSY}) instead of waiting."),
) -> None:
    """Read every file under PATHS into the database; unchanged files are skipped.

    One ingest writes a database at a time: a second one waits for the first (it says so),
    or with --no-wait exits with status 3."""
    paths = paths or [Path("corpus")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        _err(f"kehoach ingest: {missing[0]}: no such file or folder")
        raise typer.Exit(2)
    console = Console(stderr=True)
    progress = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.description}"), console=console, disable=quiet or not console.is_terminal)
    task = None

    def on_event(kind: str, path: str, detail: str | None) -> None:
        nonlocal task
        if kind == "wait":
            who = f"process {detail}" if detail else "another process"
            _err(f"kehoach ingest: {path}: {who} is writing this database; waiting for it to finish")
            return
        if kind == "start":
            task = progress.add_task("", total=int(detail or 0))
            return
        if kind == "passed":  # a link to a folder already walked: said, never silently dropped
            progress.console.print(f"passed over {path}: {detail}", highlight=False, soft_wrap=True)
            return
        if kind == "removed":  # gone from the folder since the last ingest: not one of this run's files
            if not quiet:
                progress.console.print(f"removed {path} (no longer in the folder)", highlight=False, soft_wrap=True)
            return
        if kind == "error":
            progress.console.print(f"[red]error[/red] {path}: {detail}", highlight=False, soft_wrap=True)
        elif progress.disable and not quiet:  # no terminal (CI, a pipe): one line a file
            console.print(f"{kind} {path}", highlight=False, soft_wrap=True)
        progress.update(task, advance=1, description=Path(path).name)

    try:
        with progress:
            stats = ingesting.ingest(paths, db, workers=workers, on_event=on_event, force=force, wait=not no_wait,
                                        cluster=cluster)
    except store.StoreBusy as e:
        who = f"process {e.pid}" if e.pid else "another process"
        _err(f"kehoach ingest: {db}: {who} is writing this database (--no-wait: not waiting)")
        raise typer.Exit(EXIT_BUSY)
    except (OSError, sqlite3.DatabaseError, RuntimeError) as e:
        _err(f"kehoach ingest: {db}: cannot write the database: {e}")
        raise typer.Exit(2)
    typer.echo(
        f"{stats.files} files: {stats.read} read, {stats.unchanged} unchanged, {stats.failed} failed; "
        f"{stats.pages} pages ({stats.ocr_pages} OCR'd) in {stats.seconds:.1f} s → {db}"
        + (f" ({stats.skipped} files that are not documents passed over)" if stats.skipped else "")
        + (f"; {stats.links_passed} links to folders already walked passed over" if stats.links_passed else "")
        + (f"; {stats.removed} gone from the folder, removed from the store" if stats.removed else "")
    )
    raise typer.Exit(1 if stats.failed else 0)


@app.command()
def extract(
    file: Path = typer.Argument(..., help="One document (PDF, image, DOCX, HTML or TXT)."),
    as_json: bool = typer.Option(False, "--json", help="Print the contract JSON."),
) -> None:
    """Extract one file and print its structure and facts (no database needed)."""
    try:
        result = api.extract(file)
    except InputError as e:
        _err(f"kehoach extract: {file}: {e}")
        raise typer.Exit(1)
    except Exception as e:  # an extractor's bug: one line naming the file, not a traceback
        _err(f"kehoach extract: {file}: {internal_error(e)}")
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        print_contract(result)


@app.command()
def show(
    doc: str = typer.Argument(..., help="Document id (or prefix), symbol or path."),
    db: Path = DbOption,
    tasks: bool = typer.Option(False, "--tasks", help="Print the task tree with lead and support."),
    as_json: bool = typer.Option(False, "--json", help="Print the stored contract JSON."),
) -> None:
    """Print a stored document: header, outline, facts."""
    contract = store.document_contract(_open_db(db, "show", refresh_derived=False), doc)
    if contract is None:
        _err(f"kehoach show: {doc}: no such document in {db}")
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(json.dumps(contract, ensure_ascii=False, indent=2) + "\n")
    elif tasks:
        print_tasks(contract)
    else:
        print_contract(contract)


# --------------------------------------------------------------------------- graph, compare, audit, serve
def _open_db(db: Path, cmd: str, refresh_derived: bool = True):
    """A read-only connection for a reader command (it never writes, never waits for a writer).

    Before reading, a store made by an older kehoach is upgraded and stale derived tables
    (plans, graph, summaries) are refreshed — but only when the store can be written and no
    ingest holds it; otherwise the queries read the fact tables (``refresh.ensure_fresh``)."""
    if not db.exists():
        _err(f"kehoach {cmd}: {db}: no database (run kehoach ingest first)")
        raise typer.Exit(2)
    try:
        conn = store.connect_readonly(db)
    except store.StoreError as e:
        if "older kehoach" not in str(e) or not _write_if_free(db, lambda w: None):
            _err(f"kehoach {cmd}: {e}")
            raise typer.Exit(2)
        conn = store.connect_readonly(db)
    if refresh_derived and refresh.stale_documents(conn) != set():
        _write_if_free(db, refresh.ensure_fresh)
    return conn


def _write_if_free(db: Path, work) -> bool:
    """Run ``work`` on a writer connection when the store is writable and no ingest holds it."""
    if not store.writable(db):
        return False
    try:
        with store.writer(db, wait=False):
            w = store.connect(db)
            try:
                work(w)
            finally:
                w.close()
        return True
    except (store.StoreBusy, OSError, sqlite3.OperationalError):
        return False


def _writer(db: Path, cmd: str):
    """Hold the writer lock (waiting, with one line, for an ingest) and open a writer connection."""
    def on_wait(pid):
        who = f"process {pid}" if pid else "another process"
        _err(f"kehoach {cmd}: {db}: {who} is writing this database; waiting for it to finish")
    return store.writer(db, on_wait=on_wait)


def _print_table(columns: list[str], rows: list[dict], as_json: bool, as_csv: bool, title: str = "") -> None:
    """One table three ways: rich in the terminal, JSON (all fields) or CSV (the shown columns)."""
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if as_csv:
        import csv

        w = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(safe_row(r) for r in rows)  # a title starting "=" stays text in a spreadsheet
        return
    t = Table(title=title or None, show_lines=False)
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*["" if r.get(c) is None else str(r.get(c)) for c in columns])
    Console().print(t)


@app.command("graph")
def graph_cmd(
    db: Path = DbOption,
    graphml: Optional[Path] = typer.Option(None, "--graphml", help="Write GraphML (Gephi) here."),
    json_out: Optional[Path] = typer.Option(None, "--json-out", help="Write node-link JSON here."),
    national: Optional[str] = typer.Option(None, "--national", help="List every local task under this national document."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Derive the whole graph again (after models/ changed); "
                                                          "by default only documents changed since are."),
    fresh: bool = typer.Option(False, "--fresh", help="--national: walk the graph edges, not the stored closure."),
) -> None:
    """Bring the knowledge graph up to date with the store; export it; list the local tasks under a national document."""
    if rebuild:
        _open_db(db, "graph", refresh_derived=False).close()
        with _writer(db, "graph"):
            w = store.connect(db)
            refresh.rebuild(w)
            w.close()
    conn = _open_db(db, "graph")
    counts = {k: conn.execute(f"select count(*) from graph_{k}").fetchone()[0] for k in ("nodes", "edges")}
    if graphml or json_out:
        g = graph.load(conn)
        if graphml:
            graph.export_graphml(g, graphml)
        if json_out:
            graph.export_json(g, json_out)
    if national:
        rows = national_query.national_to_local(conn, national, fresh=fresh)
        _print_table(["province", "symbol", "year", "path_str", "text", "area", "how"], rows, as_json, False,
                     f"local tasks under {national}")
    elif as_json:
        sys.stdout.write(json.dumps(counts) + "\n")
    else:
        typer.echo(f"graph: {counts['nodes']} nodes, {counts['edges']} edges")


@app.command("compare")
def compare_cmd(
    what: str = typer.Argument(..., help="citations | targets | areas | leads | deadlines"),
    db: Path = DbOption,
    province: Optional[str] = typer.Option(None, "--province", help="Only this province (today's or as written)."),
    year: Optional[int] = typer.Option(None, "--year", help="Only plans of this year."),
    by: str = typer.Option("today", "--by", help="Group by today's provinces or as 'issued'."),
    national: Optional[str] = typer.Option(None, "--national", help="citations: only this national document."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    as_csv: bool = typer.Option(False, "--csv", help="Print CSV."),
    fresh: bool = typer.Option(False, "--fresh", help="areas, leads, deadlines: compute from the fact tables, "
                                                      "not the summaries kept at ingest (same result, slower)."),
) -> None:
    """Compare provinces: national documents and lag, targets, area coverage, leads, deadlines."""
    if what not in compare.KINDS or by not in ("today", "issued"):
        _err(f"kehoach compare: choose one of {', '.join(compare.KINDS)} (and --by today|issued)")
        raise typer.Exit(2)
    conn = _open_db(db, "compare")
    kw = {"national": national} if what == "citations" else {}
    if what in ("areas", "leads", "deadlines"):
        kw["fresh"] = fresh
    cols, rows = compare.KINDS[what](conn, province=province, year=year, by=by, **kw)
    _print_table(cols, rows, as_json, as_csv, f"compare {what}")


@app.command("audit")
def audit_cmd(
    db: Path = DbOption,
    province: Optional[str] = typer.Option(None, "--province", help="Only this province (today's or as written)."),
    year: Optional[int] = typer.Option(None, "--year", help="Only plans of this year."),
    kind: Optional[List[str]] = typer.Option(None, "--kind", help="Only these finding kinds."),
    as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON."),
    fresh: bool = typer.Option(False, "--fresh", help="Compute every finding from the fact tables, not the "
                                                      "per-plan findings kept at ingest (same result, slower)."),
) -> None:
    """Audit the stored plans: missing leads, dangling references, weak targets, date errors, gaps."""
    conn = _open_db(db, "audit")
    bad = [k for k in kind or [] if k not in audit.KINDS]
    if bad:
        _err(f"kehoach audit: unknown kind {bad[0]}; kinds: {', '.join(audit.KINDS)}")
        raise typer.Exit(2)
    findings = audit_query.run(conn, province=province, year=year, kinds=kind or None, fresh=fresh)
    if not province and not year and not kind:  # the web front end reads the full set
        _write_if_free(db, lambda w: audit.save(w, findings))
    keys = ["kind", "severity", "document", "path", "message", "spans"]
    if as_json:
        sys.stdout.write(json.dumps([{k: f[k] for k in keys} for f in findings], ensure_ascii=False, indent=2) + "\n")
        return
    rows = [{**f, "path": " / ".join(f["path"]) if f["path"] else ""} for f in findings]
    _print_table(["severity", "kind", "province", "document", "path", "message"], rows, False, False,
                 f"{len(findings)} findings")


@app.command("serve")
def serve_cmd(
    db: Path = DbOption,
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8001, help="Port."),
    do_refresh: bool = typer.Option(True, "--refresh/--no-refresh",
                                    help="Rebuild the graph and the audit findings first."),
) -> None:
    """Serve the database in the browser (Datasette) with explained tables, canned queries and plan pages."""
    _open_db(db, "serve", refresh_derived=False).close()
    if do_refresh:
        if not store.writable(db):
            _err(f"kehoach serve: {db}: the database cannot be written; serving it as it is (--no-refresh)")
        else:
            with _writer(db, "serve"):
                conn = store.connect(db)
                refresh.rebuild(conn)
                audit.save(conn, audit_query.run(conn))
                compare.save_measures(conn)
                conn.close()
    raise typer.Exit(serve.run(db, host=host, port=port))


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
