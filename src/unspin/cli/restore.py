"""`unspin restore`: print the original wording of spun text (plain, --json, --jsonl batches, --html report); a web
page's main text is restored, and `--keep-html` writes the page back with only the restored words changed."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError, UnspinError
from ..textio import DEFAULT_MAX_BYTES
from .common import (
    KNOWN_HELP,
    LEARN_BATCH_HELP,
    LONG_INPUT_CHARS,
    error,
    jsonl_records,
    progress_bar,
    user_errors,
    warn,
    with_batch_pairs,
    with_page,
    write_output,
)


def restore(
    file: str = typer.Argument("-", help="Text file or web page to restore, or - for standard input."),
    as_json: bool = typer.Option(False, "--json", help="Print restored text, spin score and edits as JSON."),
    jsonl: bool = typer.Option(False, "--jsonl",
                               help='Batch: read {"id", "text"} JSON lines on stdin, write one per line.'),
    html_out: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML report here."),
    keep_html: bool = typer.Option(False, "--keep-html",
                                   help="For a web page: print the page itself with only the restored words changed."),
    fast: bool = typer.Option(False, "--fast", help="Use the n-gram scorer (much faster, less accurate)."),
    summary: bool = typer.Option(False, "--summary", help="After the text, summarise what changed (on stderr)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress output."),
    profile: Optional[Path] = typer.Option(None, "--profile", help="A spinner profile learned with `unspin learn`."),
    source: Optional[Path] = typer.Option(None, "--source", help="The text this one was copied from: restore the "
                                          "words the copy swapped from it (no model)."),
    index: Optional[Path] = typer.Option(None, "--index",
                                         help="Find the source in this trace index, then restore as --source does."),
    learn_batch: bool = typer.Option(True, "--learn-batch/--no-learn-batch", help="With --jsonl: " + LEARN_BATCH_HELP),
    known: bool = typer.Option(True, "--known-spinners/--no-known-spinners", help=KNOWN_HELP),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse inputs larger than this."),
) -> None:
    """Restore the original wording of spun text. A text of 60+ words that reads as clean keeps its words but listed
    tortured phrases (a warning says how many swaps were held back)."""
    with user_errors():
        from_source = _source_restorer(source, index, profile, max_bytes)
        if jsonl:
            if keep_html:
                raise InputError("--keep-html writes one page back; it does not go with --jsonl")
            raise typer.Exit(_restore_jsonl(fast, quiet, max_bytes, profile, from_source, learn_batch, known))
        from ..webpage import read_input

        text, page = read_input(file, max_bytes=max_bytes)
        if keep_html and page is None:
            raise InputError(f"--keep-html needs a web page, and {file} is plain text")
        from .. import get_restorer

        restorer = from_source or get_restorer(fast=fast, profile=profile, known_spinners=known)
        with progress_bar("restoring", quiet or len(text) < LONG_INPUT_CHARS) as report:
            result = restorer.restore(text, progress=report)
        for w in result.warnings:
            warn(w)
        restored_page = _write_back(page, result) if keep_html else None
        if as_json:
            extra = {"restored_html": restored_page} if keep_html else {}
            typer.echo(json.dumps(with_page(result.to_dict(), page) | extra, ensure_ascii=False))
        elif keep_html:
            sys.stdout.buffer.write(page.encode(restored_page))
            sys.stdout.flush()
        else:
            sys.stdout.write(result.restored)
            if result.restored and not result.restored.endswith("\n"):
                sys.stdout.write("\n")
            sys.stdout.flush()
        if html_out:
            from ..report import render_html

            write_output(html_out, render_html(result, title=f"unspin: {file}"))
        if summary:
            print_summary(result)


def _source_restorer(source: Path | None, index: Path | None, profile: Path | None, max_bytes: int):
    """The restorer of --source or --index (restoring from the alignment with a known source), or None."""
    if source is None and index is None:
        return None
    from ..source import IndexRestorer, SourceRestorer
    from ..webpage import read_input

    if source is not None and index is not None:
        raise InputError("give --source or --index, not both")
    if profile is not None:
        raise InputError("--profile restores from the text alone; it does not go with --source or --index")
    if source is not None:
        return SourceRestorer(read_input(source, max_bytes=max_bytes)[0], name=str(source))
    from ..trace.index import Index

    return IndexRestorer(Index(index, create=False))


def _write_back(page, result) -> str:
    """The page with the restored words in place; says how many could not be placed (they stay in --json)."""
    from ..webpage import write_back

    html, unplaced = write_back(page.html, page.text, result.edits)
    if unplaced:
        warn(f"{len(unplaced)} of {len(result.edits)} restored spans could not be placed in the page's markup and "
             f"were left as they were ({', '.join(repr(e.spun) for e in unplaced[:5])}); --json lists every edit")
    return html


def _restore_jsonl(fast: bool, quiet: bool, max_bytes: int, profile=None, from_source=None, learn_batch=False,
                   known=True) -> int:
    """One output line per input line; a bad line gets an error record and the batch goes on. With `learn_batch`
    (not with a known source), the whole batch is read first and its spinner's pairs learned from it."""
    from .. import get_restorer

    restorer = from_source or get_restorer(fast=fast, profile=profile, known_spinners=known)
    records = jsonl_records(sys.stdin.buffer, max_bytes)
    if learn_batch and from_source is None:
        records = list(records)
        restorer = with_batch_pairs(restorer, [t for _, t, _ in records if isinstance(t, str)], quiet)
    failures = 0
    for record_id, text, page in records:
        try:
            if isinstance(text, UnspinError):
                raise text
            out = {"id": record_id, **with_page(restorer.restore(text).to_dict(), page)}
        except UnspinError as exc:  # keep the batch going; the record says what failed
            failures += 1
            out = {"id": record_id, **exc.to_dict()}
            if not quiet:
                warn(exc.message)
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    if failures:
        error(f"{failures} input line(s) could not be restored (see their error records)")
    return 1 if failures else 0


def print_summary(result) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True)
    verdict = "likely spun" if result.spin_score >= 0.5 else "probably not spun"
    known = (f"; read with the known spinner {result.known_spinner}'s pairs" if result.known_spinner else
             f"; offered the known spinner {result.hinted_spinner}'s pairs (the text shows some of its habits)"
             if result.hinted_spinner else "")
    console.print(f"\n[bold]spin score {result.spin_score:.0%}[/bold] ({verdict}); estimated spun words "
                  f"{result.spin_rate:.0%}; {len(result.edits)} spans restored in {result.words} words{known}")
    if result.edits:
        table = Table("spun", "restored", "confidence", "alternatives", box=None)
        for e in sorted(result.edits, key=lambda e: -e.confidence)[:15]:
            table.add_row(e.spun, e.original, f"{e.confidence:.0%}", ", ".join(e.alternatives[:3]))
        console.print(table)


def register(app: typer.Typer) -> None:
    app.command("restore")(restore)
