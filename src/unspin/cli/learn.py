"""`unspin learn`: learn a spinner's substitution table from a pile of its output (a folder or JSONL file)."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Optional

import typer

from ..textio import DEFAULT_MAX_BYTES
from .common import user_errors, warn


def learn(
    pile: Path = typer.Argument(..., help="A folder of text files, or a .jsonl (or .parquet) file of {id, text}."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the profile (JSON)."),
    fast: bool = typer.Option(False, "--fast", help="Decode with the n-gram scorer (much faster, learns less)."),
    rounds: int = typer.Option(1, "--rounds", min=1, max=10, help="EM rounds (more measured worse: see README)."),
    name: Optional[str] = typer.Option(None, "--name", help="The spinner's name in the profile (default: file stem)."),
    base: Optional[Path] = typer.Option(None, "--base", help="Start from this profile (its pairs are kept)."),
    state: Optional[Path] = typer.Option(None, "--state", help="Resume file (default: next to the output)."),
    keep_state: bool = typer.Option(False, "--keep-state", help="Keep the resume file after a finished run."),
    text_field: str = typer.Option("text", "--text-field", help="JSONL/Parquet field holding the text."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Skip documents larger than this."),
) -> None:
    """Learn a spinner profile from unlabeled spun documents (EM over the noisy channel); resumable."""
    with user_errors():
        from ..errors import InputError
        from ..learn import learn as run_learn
        from ..scan.readers import open_reader

        if output.exists() and output.is_dir():
            raise InputError(f"{output} is a folder; give a file name for the profile")
        reader = open_reader(pile, id_field="id", text_field=text_field, max_bytes=max_bytes)
        texts, unreadable = [], 0
        for doc in reader.documents():
            if doc.error:
                unreadable += 1
            else:
                texts.append((doc.id, doc.text))
        if not texts:
            raise InputError(f"{pile} holds no readable documents to learn from"
                             + (f" ({unreadable} could not be read)" if unreadable else ""))
        state_path = state or output.with_name(output.name + ".learn-state.sqlite")
        state_path.parent.mkdir(parents=True, exist_ok=True)
        with _progress(quiet) as report:
            profile = run_learn(texts, fast=fast, base=base, progress=report, rounds=rounds,
                                name=name or output.stem, state=state_path)
        notes = profile.notes
        notes["unreadable"] = unreadable
        if not notes.get("used_documents"):
            raise InputError(f"none of the {len(texts)} documents could be used: "
                             f"{notes.get('not_english', 0)} not English, {notes.get('short', 0)} too short "
                             f"(state kept in {state_path})")
        output.parent.mkdir(parents=True, exist_ok=True)
        profile.save(output)
        if not keep_state:
            with contextlib.suppress(OSError):
                state_path.unlink()
        _report(profile, output, quiet)


def _report(profile, output: Path, quiet: bool) -> None:
    n = profile.notes
    skipped = [f"{n[k]} {label}" for k, label in (("duplicates", "duplicate(s) counted once"),
                                                  ("not_english", "not English"), ("short", "too short"),
                                                  ("unreadable", "unreadable")) if n.get(k)]
    if skipped:
        warn("skipped: " + ", ".join(skipped))
    if n.get("look_unspun"):
        warn(f"{n['look_unspun']} of {n['used_documents']} documents look unspun (they add little evidence)")
    pairs = sum(len(v) for v in profile.pairs.values())
    if not pairs:
        warn("no pair was supported by enough documents; the profile is empty (learn from more documents)")
    if quiet:
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True)
    console.print(f"[bold]{pairs} pairs[/bold] learned from {n['used_documents']} documents "
                  f"({profile.words:,} words) -> {output}")
    rows = sorted(((v.get("weight", 0), s, o, v) for s, originals in profile.pairs.items()
                   for o, v in originals.items()), key=lambda r: -r[0])[:12]
    if rows:
        table = Table("spun", "original", "count", "docs", "weight", box=None)
        for w, s, o, v in rows:
            table.add_row(s, o, f"{v.get('count', 0):g}", str(v.get("documents", "")), f"{w:.2f}")
        console.print(table)


@contextlib.contextmanager
def _progress(quiet: bool):
    """A rich progress bar whose label follows the learning stage; yields report(stage, done, total)."""
    if quiet:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  transient=True, console=Console(stderr=True)) as bar:
        tasks: dict[str, int] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield report


def register(app: typer.Typer) -> None:
    app.command("learn")(learn)
