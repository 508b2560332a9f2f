"""The ``kehoach`` command. Each command is a thin shell over a library function.

Exit status: 0 when everything was read, 1 when some files failed, 2 on a usage error.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Read Vietnamese plan documents (KẾ HOẠCH) and extract their structure and facts.")

DEFAULT_DB = Path("data/kehoach.db")
DbOption = typer.Option(DEFAULT_DB, "--db", help="SQLite database file.")


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(None, help="Files or folders (default: corpus/)."),
    db: Path = DbOption,
    workers: Optional[int] = typer.Option(None, help="Worker processes (default: one per core)."),
    force: bool = typer.Option(False, help="Re-read files even when unchanged."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Read every file under PATHS into the database; unchanged files are skipped."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .ingest import ingest as run

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
        if kind == "start":
            task = progress.add_task("", total=int(detail or 0))
            return
        if kind == "error":
            progress.console.print(f"[red]error[/red] {path}: {detail}", highlight=False, soft_wrap=True)
        elif progress.disable and not quiet:  # no terminal (CI, a pipe): one line a file
            console.print(f"{kind} {path}", highlight=False, soft_wrap=True)
        progress.update(task, advance=1, description=Path(path).name)

    with progress:
        stats = run(paths, db, workers=workers, on_event=on_event, force=force)
    typer.echo(
        f"{stats.files} files: {stats.read} read, {stats.unchanged} unchanged, {stats.failed} failed; "
        f"{stats.pages} pages ({stats.ocr_pages} OCR'd) in {stats.seconds:.1f} s → {db}"
    )
    raise typer.Exit(1 if stats.failed else 0)


@app.command()
def extract(
    file: Path = typer.Argument(..., help="One document (PDF, image, DOCX, HTML or TXT)."),
    as_json: bool = typer.Option(False, "--json", help="Print the contract JSON."),
) -> None:
    """Extract one file and print its structure and facts (no database needed)."""
    from .api import extract as run
    from .errors import InputError

    try:
        result = run(file)
    except InputError as e:
        _err(f"kehoach extract: {file}: {e}")
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        from .show import print_contract

        print_contract(result)


@app.command()
def show(
    doc: str = typer.Argument(..., help="Document id (or prefix), symbol or path."),
    db: Path = DbOption,
    tasks: bool = typer.Option(False, "--tasks", help="Print the task tree with lead and support."),
    as_json: bool = typer.Option(False, "--json", help="Print the stored contract JSON."),
) -> None:
    """Print a stored document: header, outline, facts."""
    from . import store
    from .show import print_contract, print_tasks

    if not db.exists():
        _err(f"kehoach show: {db}: no database (run kehoach ingest first)")
        raise typer.Exit(2)
    contract = store.document_contract(store.connect(db), doc)
    if contract is None:
        _err(f"kehoach show: {doc}: no such document in {db}")
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(json.dumps(contract, ensure_ascii=False, indent=2) + "\n")
    elif tasks:
        print_tasks(contract)
    else:
        print_contract(contract)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
