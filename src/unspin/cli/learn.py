"""`unspin learn`: learn a spinner's substitution table from a pile of its output (a folder or JSONL file)."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Optional

import typer

from ..textio import DEFAULT_MAX_BYTES
from .common import user_errors, warn

SHOWN_WARNINGS = 20  # skipped pairs named one by one; the rest are counted


def learn(
    pile: Optional[Path] = typer.Argument(None, help="A folder of text files, or a .jsonl (or .parquet) file of "
                                          "{id, text}."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the profile (JSON)."),
    fast: bool = typer.Option(False, "--fast", help="Decode with the n-gram scorer (much faster, learns less)."),
    rounds: int = typer.Option(1, "--rounds", min=1, max=10, help="EM rounds (more measured worse: see README)."),
    name: Optional[str] = typer.Option(None, "--name", help="The spinner's name in the profile (default: file stem)."),
    base: Optional[Path] = typer.Option(None, "--base", help="Start from this profile (its pairs are kept; with "
                                        "--pairs, the new pairs' counts are added to a profile learned from pairs)."),
    state: Optional[Path] = typer.Option(None, "--state", help="Resume file (default: next to the output)."),
    keep_state: bool = typer.Option(False, "--keep-state", help="Keep the resume file after a finished run."),
    text_field: str = typer.Option("text", "--text-field", help="JSONL/Parquet field holding the text."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Skip documents larger than this."),
    pairs: Optional[Path] = typer.Option(None, "--pairs", help="Learn from spun texts with their originals "
                                         "instead: a .jsonl of {id, spun, original}, or spun texts with --originals "
                                         "or --index."),
    originals: Optional[Path] = typer.Option(None, "--originals", help="With --pairs FOLDER: the originals, "
                                             "matched by file name."),
    index: Optional[Path] = typer.Option(None, "--index", help="With --pairs PILE: find each text's original in "
                                         "this trace index."),
) -> None:
    """Learn a spinner profile from unlabeled spun documents (EM over the noisy channel; resumable), or from spun
    texts with their originals (--pairs)."""
    with user_errors():
        from ..errors import InputError
        from ..learn import learn as run_learn
        from ..scan.readers import open_reader

        if output.exists() and output.is_dir():
            raise InputError(f"{output} is a folder; give a file name for the profile")
        if pairs is not None or originals is not None or index is not None:
            if pile is not None or state is not None or fast or rounds != 1:
                raise InputError("--pairs learns from the aligned pairs alone: give no PILE, --fast, --rounds "
                                 "or --state with it")
            return _learn_pairs(pairs, originals, index, output, name, text_field, max_bytes, quiet, base)
        if pile is None:
            raise InputError("give a PILE of spun documents to learn from, or --pairs")
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


def _learn_pairs(pairs: Optional[Path], originals: Optional[Path], index: Optional[Path], output: Path,
                 name: Optional[str], text_field: str, max_bytes: int, quiet: bool, base: Optional[Path]) -> None:
    """`learn --pairs`: count the aligned swaps of spun texts and their originals (added to `base`'s counts when
    given); a warning per skipped pair."""
    from ..errors import InputError
    from ..learn.pair_readers import folder_pairs, jsonl_pairs, traced_pairs
    from ..learn.pairs import learn_pairs
    from ..profile import load_profile

    if pairs is None or (originals is not None and index is not None):
        raise InputError("give --pairs PAIRS.jsonl, --pairs SPUN_FOLDER --originals FOLDER, "
                         "or --pairs SPUN --index INDEX")
    if originals is not None:
        read, source = folder_pairs(pairs, originals, max_bytes=max_bytes), {"originals": str(originals)}
    elif index is not None:
        read = traced_pairs(pairs, index, text_field=text_field, max_bytes=max_bytes)
        source = {"index": str(index)}
    else:
        read, source = jsonl_pairs(pairs, max_bytes=max_bytes), {}
    earlier = load_profile(base) if base is not None else None
    profile, warnings = learn_pairs(read, name=name or (earlier.name if earlier else output.stem),
                                    notes={"pairs": str(pairs), **source}, onto=earlier)
    for line in warnings[:SHOWN_WARNINGS]:
        warn(line)
    if len(warnings) > SHOWN_WARNINGS:
        warn(f"... and {len(warnings) - SHOWN_WARNINGS} more skipped pairs (their ids are in the profile's notes)")
    notes, before = profile.notes, (earlier.notes if earlier else {})
    read_now = notes["pairs_read"] - before.get("pairs_read", 0)
    if notes["used_documents"] == before.get("used_documents", 0):
        raise InputError(f"none of the {read_now} pairs could be used ({_reasons(notes)})"
                         if read_now else f"{pairs} holds no pairs to learn from")
    output.parent.mkdir(parents=True, exist_ok=True)
    profile.save(output)
    _report(profile, output, quiet, rank="count")


def _reasons(notes: dict) -> str:
    return ", ".join(f"{notes[k]} {k}" for k in ("unspun", "mismatched", "unmatched", "unreadable", "empty",
                                                   "duplicates") if notes.get(k))


def _report(profile, output: Path, quiet: bool, rank: str = "weight") -> None:
    n = profile.notes
    skipped = [f"{n[k]} {label}" for k, label in (("duplicates", "duplicate(s) counted once"),
                                                  ("retold", "other spin(s) of a story already read"),
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
    known = f", {n['known_pairs_learned']} of them swaps known spinners make" if n.get("known_pairs_learned") else ""
    console.print(f"[bold]{pairs} pairs[/bold] learned from {n['used_documents']} documents "
                  f"({profile.words:,} words{known}) -> {output}")
    rows = sorted(((s, o, v) for s, originals in profile.pairs.items() for o, v in originals.items()),
                  key=lambda r: -r[2].get(rank, 0))[:12]
    if rows:
        table = Table("spun", "original", "count", "docs", "weight", box=None)
        for s, o, v in rows:
            table.add_row(s, o, f"{v.get('count', 0):g}", str(v.get("documents", "")), f"{v.get('weight', 0):.2f}")
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
