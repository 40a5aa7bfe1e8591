"""`unspin index add|stats|remove|embed`: build and keep the reference index that `unspin trace` searches."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from .common import user_errors, warn

index_app = typer.Typer(
    name="index", help="Build the reference index of original documents that `unspin trace` searches.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)

INDEX_HELP = "Index file (SQLite). Default: $UNSPIN_INDEX or index.sqlite in the user data directory."


def open_index(path: Path | None, *, create: bool):
    """Open the index the options name (the default one when none), creating it only when asked."""
    from ..trace.index import Index, default_index_path

    return Index(path or default_index_path(), create=create)


@index_app.command("add")
def add(
    paths: list[str] = typer.Argument(..., metavar="PATH...",
                                      help="Files (.txt .md .html .jsonl) or folders (recursive)."),
    index: Path | None = typer.Option(None, "--index", help=INDEX_HELP),
    embed: bool = typer.Option(True, "--embed/--no-embed",
                               help="Compute sentence embeddings now (slower); "
                                    "--no-embed defers them to `index embed`."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines."),
) -> None:
    """Add documents to the index; texts already indexed are not indexed twice (duplicates share one entry)."""
    with user_errors():
        idx = open_index(index, create=True)
        try:
            def progress(report):
                if not quiet and not as_json:
                    typer.echo(f"  {report.documents:,} documents…", err=True)

            report = idx.add_paths(paths, embed=embed, progress=progress)
            for path, why in report.skipped:
                warn(f"skipped {path}: {why}")
            for doc_id in report.empty:
                warn(f"skipped {doc_id}: no words")
            if as_json:
                typer.echo(json.dumps(report.to_dict(), indent=2))
            else:
                rate = f" ({report.documents / report.seconds:,.0f} docs/s)" if report.seconds > 0 else ""
                typer.echo(
                    f"indexed {report.added:,} new texts, {report.duplicates:,} duplicates of indexed texts, "
                    f"{report.unchanged:,} unchanged{rate} into {idx.storage.path}"
                )
        finally:
            idx.close()


@index_app.command("stats")
def stats(
    index: Path | None = typer.Option(None, "--index", help=INDEX_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """How many documents, distinct texts, passages and embeddings the index holds, and its size on disk."""
    with user_errors():
        idx = open_index(index, create=False)
        try:
            s = idx.stats()
        finally:
            idx.close()
        if as_json:
            typer.echo(json.dumps(s, indent=2))
        else:
            for key in ("path", "documents", "distinct_texts", "duplicate_documents", "words", "passages",
                        "lsh_keys", "embedded_texts"):
                typer.echo(f"{key.replace('_', ' ')}: {s[key]:,}" if isinstance(s[key], int) else f"{key}: {s[key]}")
            typer.echo(f"size: {s['size_bytes'] / 1e6:.1f} MB")


@index_app.command("remove")
def remove(
    doc_ids: list[str] = typer.Argument(..., metavar="ID...", help="Document ids (as shown by trace)."),
    index: Path | None = typer.Option(None, "--index", help=INDEX_HELP),
) -> None:
    """Remove documents by id (a text shared by duplicates stays until its last id is removed)."""
    with user_errors():
        idx = open_index(index, create=False)
        try:
            missing = idx.remove(doc_ids)
        finally:
            idx.close()
        for doc_id in missing:
            warn(f"not in the index: {doc_id}")
        typer.echo(f"removed {len(doc_ids) - len(missing):,} documents")
        if missing and len(missing) == len(doc_ids):
            raise typer.Exit(1)


@index_app.command("embed")
def embed(
    index: Path | None = typer.Option(None, "--index", help=INDEX_HELP),
) -> None:
    """Compute the sentence embeddings of texts added with --no-embed."""
    with user_errors():
        idx = open_index(index, create=False)
        try:
            n = idx.embed_missing(progress=lambda done: typer.echo(f"  {done:,} embedded…", err=True))
        finally:
            idx.close()
        typer.echo(f"embedded {n:,} texts")


def register(app: typer.Typer) -> None:
    app.add_typer(index_app, name="index")
