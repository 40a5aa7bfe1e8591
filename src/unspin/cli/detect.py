"""`unspin detect`: is each document spun, and where? One line per document, or JSON."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import UnspinError
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

CHUNK_DOCS, CHUNK_CHARS = 32, 100_000  # documents read together (a folder of short posts runs several times faster)


def _documents(paths: list[str]):
    """(name, path) for files and every regular file under directories, in a stable order."""
    for raw in paths:
        p = Path(raw)
        if raw != "-" and p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith(".")):
                yield str(f), str(f)
        else:
            yield raw, raw


def detect(
    paths: list[str] = typer.Argument(None, help="Files or folders to check, or - for standard input."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object per document with all spans."),
    jsonl: bool = typer.Option(False, "--jsonl", help='Batch: read {"id", "text"} JSON lines on stdin.'),
    threshold: float = typer.Option(
        0.5, "--threshold", min=0.0, max=1.0,
        help="Spin probability that flags a document."),
    span_threshold: Optional[float] = typer.Option(
        None, "--span-threshold", min=0.0, max=1.0,
        help="Probability that flags a span (default: fitted so that nine in ten flagged spans are spun)."),
    fast: bool = typer.Option(False, "--fast", help="Thesaurus and n-gram evidence only (no neural model)."),
    read_terms: bool = typer.Option(
        True, "--read-terms/--no-read-terms",
        help="Read each new disguise of a known term in place: more new tortured phrases found, ~3% slower."),
    thorough: bool = typer.Option(
        False, "--thorough",
        help="Also read the text as restore does: spans averaged with it (more spun words found at the same "
             "precision) and the document's probability from it, at restore's speed (about half the default's)."),
    top: int = typer.Option(3, "--top", help="Spans shown per document in the text output."),
    html_out: Optional[Path] = typer.Option(
        None, "--html", metavar="OUT.html",
        help="Also write a self-contained HTML report: every document's verdict, and the flagged spans in their text."),
    profile: Optional[Path] = typer.Option(None, "--profile", help="A spinner profile learned with `unspin learn`."),
    learn_batch: bool = typer.Option(True, "--learn-batch/--no-learn-batch", help=LEARN_BATCH_HELP),
    known: bool = typer.Option(True, "--known-spinners/--no-known-spinners", help=KNOWN_HELP),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Skip inputs larger than this."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar for long inputs."),
) -> None:
    """Say whether texts are spun (calibrated probability) and where (spans with likely originals).

    Unreadable inputs are reported and skipped; the exit code is then 1 (2 when nothing could be read)."""
    with user_errors():
        from .. import get_restorer

        if html_out:
            write_output(html_out, "")  # an unwritable report path fails now, not after the whole run
        restorer = get_restorer(fast=fast, profile=profile, known_spinners=known)
        rows, failures, exit_code = [], 0, 0
        reported = []  # (name, text, Detection) for the HTML report
        if jsonl:
            source = jsonl_records(sys.stdin.buffer, max_bytes)
        else:
            source = ((name, path, None) for name, path in _documents(paths or ["-"]))
        chunks = list(_chunks(source, jsonl, max_bytes)) if learn_batch else _chunks(source, jsonl, max_bytes)
        read = _read_chunks(restorer, chunks, quiet, threshold=threshold, span_threshold=span_threshold,
                            read_terms=read_terms, thorough=thorough)
        if learn_batch:
            read = list(read)
            texts = [text for chunk in chunks for _, text, _ in chunk if isinstance(text, str)]
            alone = [d for _, results in read for d in results]
            learned = with_batch_pairs(restorer, texts, quiet, alone)
            if learned is not restorer:
                read = _read_chunks(learned, chunks, quiet, threshold=threshold, span_threshold=span_threshold,
                                    read_terms=read_terms, thorough=thorough)
        for chunk, detections in read:
            results = iter(detections)
            for name, text, page in chunk:
                if isinstance(text, UnspinError):
                    failures += 1
                    exit_code = exit_code or text.exit_code
                    if as_json or jsonl:
                        typer.echo(json.dumps({"id": name, **text.to_dict()}, ensure_ascii=False))
                    else:
                        error(f"{name}: {text.message}")
                    continue
                result = next(results)
                rows.append((name, result))
                if html_out:
                    reported.append((name, text, result))
                if as_json or jsonl:
                    typer.echo(json.dumps({"id": name, **with_page(result.to_dict(), page)}, ensure_ascii=False))
                else:
                    _print_line(name, result, top)
        if len(rows) > 1 and not (as_json or jsonl):
            _print_summary(rows, failures)
        if html_out:
            from ..report import render_detection_html

            write_output(html_out, render_detection_html(reported))
        # every input unreadable: that error's code (2 for bad input, as `restore`); some of them: 1, after the rest
        raise typer.Exit(0 if not failures else 1 if rows else exit_code)


def _read_chunks(restorer, chunks, quiet: bool, **options):
    """(chunk, its readable texts' detections) per chunk, read together."""
    for chunk in chunks:
        texts = [text for _, text, _ in chunk if not isinstance(text, UnspinError)]
        with progress_bar("detecting", quiet or sum(map(len, texts)) < LONG_INPUT_CHARS) as report:
            yield chunk, restorer.detect_many(texts, progress=report, **options)


def _chunks(source, jsonl: bool, max_bytes: int):
    """Documents as lists of (name, text or the UnspinError reading it raised, web page or None), a few at a time:
    texts read together share the model's forward passes, and output streams document by document in input order."""
    from ..webpage import read_input

    chunk, size = [], 0
    for name, item, page in source:
        try:
            text, page = (item, page) if jsonl else read_input(item, max_bytes=max_bytes)
        except UnspinError as exc:
            text = exc
        chunk.append((name, text, page))
        size += len(text) if isinstance(text, str) else 0
        if len(chunk) >= CHUNK_DOCS or size >= CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _print_line(name: str, result, top: int) -> None:
    flag = "SPUN " if result.is_spun else "clean"
    spans = sorted(result.spans, key=lambda s: -s.confidence)[:top]
    shown = "; ".join(f"{s.spun!r}→{s.original!r}" + _marker(s) for s in spans)
    spinner = (f"  [spinner: {result.known_spinner}]" if result.known_spinner else
               f"  [habits of: {result.hinted_spinner}]" if result.hinted_spinner else "")
    typer.echo(f"{flag}  p={result.probability:.3f}  rate={result.spin_rate:.2f}  spans={len(result.spans):<3d} "
               f"{name}{spinner}" + (f"  {shown}" if shown else ""))
    for w in result.warnings:
        warn(f"{name}: {w}")


def _marker(span) -> str:
    """[known]: a listed tortured phrase; [term: its wording]: a new disguise of a listed phrase's expected wording."""
    return " [known]" if span.known_tortured else f" [term: {span.expected_wording}]" if span.known_term else ""


def _print_summary(rows, failures: int) -> None:
    from rich.console import Console
    from rich.table import Table

    spun = sum(1 for _, r in rows if r.is_spun)
    table = Table("documents", "spun", "clean", "unreadable", "words", title="summary")
    table.add_row(str(len(rows) + failures), str(spun), str(len(rows) - spun), str(failures),
                  str(sum(r.words for _, r in rows)))
    Console(stderr=True).print(table)


def register(app: typer.Typer) -> None:
    app.command("detect")(detect)
