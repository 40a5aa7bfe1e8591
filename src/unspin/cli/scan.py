"""`unspin scan`: screen a corpus (folder, JSONL, Parquet or a WARC crawl) into a resumable Parquet output, locally
or on Ray."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from ..textio import DEFAULT_MAX_BYTES
from .common import error, user_errors


def restorer_factory_for(fast: bool):
    """The restorer factory the command hands to the engine (tests replace it with a cheap fake)."""
    return None


def scan(
    input_path: Path = typer.Argument(..., metavar="INPUT",
                                      help="A folder of text files or web pages, a .jsonl, a .parquet or a "
                                           ".warc(.gz) crawl."),
    output: Path = typer.Option(..., "--output", "-o", help="Output folder of Parquet parts, e.g. OUT.parquet."),
    input_format: str = typer.Option("auto", "--format", help="auto, folder, jsonl, parquet or warc."),
    id_field: str = typer.Option("id", "--id-field", help="JSONL/Parquet field holding the document id."),
    text_field: str = typer.Option("text", "--text-field", help="JSONL/Parquet field holding the text."),
    fast: bool = typer.Option(False, "--fast", help="Use the cheap n-gram scorer instead of the language model."),
    restore: bool = typer.Option(False, "--restore", help="Also store each document's restored text."),
    index: Path | None = typer.Option(None, "--index", help="Trace index: also store each document's best source."),
    threshold: float = typer.Option(0.5, "--threshold", min=0.0, max=1.0,
                                    help="Probability at which a doc counts as spun."),
    top_spans: int = typer.Option(5, "--top-spans", min=0, help="How many flagged spans to keep per document."),
    read_terms: bool = typer.Option(True, "--read-terms/--no-read-terms",
                                    help="Read new disguises of known terms in place (~3% slower)."),
    learn_batch: bool = typer.Option(True, "--learn-batch/--no-learn-batch",
                                     help="First learn the pairs the crawl's spinner repeats from its first documents "
                                          "(when they look like one spinner's output) and read every document with "
                                          "them."),
    learn_sample: int = typer.Option(100, "--learn-sample", min=5, help="How many first documents to learn from."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1,
                                  help="Documents larger than this get an error row."),
    engine: str = typer.Option("local", "--engine", help="local (process pool on this machine) or ray."),
    address: str | None = typer.Option(None, "--address", help="Ray cluster address ('auto' for the running cluster)."),
    workers: int | None = typer.Option(None, "--workers", "-w", min=1,
                                       help="Worker processes/actors (default: all CPUs)."),
    threads_per_worker: int | None = typer.Option(None, "--threads-per-worker", min=1, help="Math threads per worker."),
    batch_size: int | None = typer.Option(None, "--batch-size", min=1, help="Documents per task (default: automatic)."),
    part_rows: int = typer.Option(500, "--part-rows", min=1,
                                  help="Rows per output part (a part is the unit of resume)."),
    part_seconds: float = typer.Option(30.0, "--part-seconds", min=0.0, help="Write a part at least this often."),
    limit: int | None = typer.Option(None, "--limit", min=0, help="Scan at most this many new documents."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Delete an existing output instead of resuming it."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    as_json: bool = typer.Option(False, "--json", help="Print the final summary as JSON."),
) -> None:
    """Screen a corpus for spun text: one Parquet row per document; run it again to resume a stopped scan."""
    with user_errors():
        from ..scan import RunSettings, ScanOptions, run_scan

        options = ScanOptions(fast=fast, restore=restore, index=str(index) if index else None, threshold=threshold,
                              top_spans=top_spans, max_bytes=max_bytes, read_terms=read_terms,
                              learn_sample=learn_sample if learn_batch else 0)
        settings = RunSettings(
            engine=engine, workers=workers, address=address, threads_per_worker=threads_per_worker,
            batch_size=batch_size, part_rows=part_rows, part_seconds=part_seconds, overwrite=overwrite,
            progress=not quiet, limit=limit, input_format=input_format, id_field=id_field, text_field=text_field,
            restorer_factory=restorer_factory_for(fast))
        try:
            summary = run_scan(input_path, output, options, settings)
        except KeyboardInterrupt:
            error(f"interrupted; finished rows are saved in {output}: run the same command again to resume")
            raise typer.Exit(130) from None
        if as_json:
            typer.echo(json.dumps(summary.to_dict(), indent=2))
        else:
            typer.echo(summary.render())


def register(app: typer.Typer) -> None:
    app.command("scan")(scan)
