"""`unspin trace`: find which indexed document a (spun) text was copied from."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from .common import user_errors, with_page, write_output

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # the same default as unspin.textio (literal so import stays light)


def trace(
    file: str = typer.Argument(..., metavar="FILE|-",
                               help="The suspect text or web page ('-' reads standard input)."),
    index: Path | None = typer.Option(None, "--index",
                                      help="Index file (default: $UNSPIN_INDEX or the user data directory)."),
    top: int = typer.Option(5, "--top", min=1, help="How many candidate sources to show."),
    as_json: bool = typer.Option(False, "--json", help="Print the matches as JSON."),
    html_out: Path | None = typer.Option(None, "--html", metavar="OUT.html", help="Also write an HTML report here."),
    restore: bool = typer.Option(True, "--restore/--no-restore",
                                 help="Restore the text (fast scorer) before searching."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Refuse inputs larger than this."),
) -> None:
    """Rank the indexed documents the text was most likely copied from, with the substitutions that were made.

    "No source found" is an answer (exit 0), not an error.
    """
    with user_errors():
        from ..trace.index import Index, default_index_path
        from ..trace.report import render_html, render_text
        from ..webpage import read_input

        text, page = read_input(file, max_bytes=max_bytes)
        idx = Index(index or default_index_path(), create=False)
        try:
            matches = idx.trace(text, top=top, restore=restore)
            indexed = idx.storage.stats()["documents"]
        finally:
            idx.close()
        if html_out is not None:
            write_output(html_out, render_html(text, matches, indexed=indexed))
        if as_json:
            found = {"found": bool(matches), "indexed_documents": indexed, "matches": [m.to_dict() for m in matches]}
            typer.echo(json.dumps(with_page(found, page), indent=2, ensure_ascii=False))
        else:
            typer.echo(render_text(matches, indexed=indexed))


def register(app: typer.Typer) -> None:
    app.command("trace")(trace)
