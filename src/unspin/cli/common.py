"""Helpers every command shares: turning user errors into one clear line and an exit code."""
from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import typer

from ..errors import InputError, OutputError, UnspinError
from ..textio import decode_text


def error(message: str) -> None:
    """Print one error line on stderr."""
    typer.echo(f"unspin: error: {message}", err=True)


def warn(message: str) -> None:
    typer.echo(f"unspin: warning: {message}", err=True)


def jsonl_records(stream, max_bytes: int):
    """(id, text, page) per non-blank `{"id", "text"}` JSON line of a byte stream (page: the web page when the text
    is one, and text its main text); a bad line yields (line number, InputError, None), so a batch can go on."""
    from ..webpage import page_of_string

    for n, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8"))
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError('each line must be a JSON object with a "text" string')
            text = decode_text(record["text"].encode("utf-8", "surrogatepass"), source=f"line {n}", max_bytes=max_bytes,
                               encoding="utf-8")  # a leading U+FEFF is the text's own, not a file's BOM
            page = page_of_string(text, source=f"line {n}")
            yield record.get("id", n), page.text if page else text, page
        except UnspinError as exc:
            yield n, exc, None
        except UnicodeDecodeError as exc:
            yield n, InputError(f"line {n} is not valid UTF-8 text (bad byte at offset {exc.start})"), None
        except (ValueError, UnicodeError) as exc:
            yield n, InputError(f"line {n}: {exc}"), None


def with_page(result: dict, page) -> dict:
    """A JSON result, with the extracted main text its offsets refer to when the input was a web page."""
    return {**result, "extracted_text": page.text} if page is not None else result


def write_output(path: Path, text: str) -> None:
    """Write a report or result file the user named, or fail with one clear line (OutputError)."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


@contextlib.contextmanager
def user_errors():
    """Show UnspinError and interruptions as one line with the error's exit code, never a traceback."""
    try:
        yield
    except UnspinError as exc:
        error(exc.message)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        error("interrupted")
        raise typer.Exit(130) from None
    except BrokenPipeError:
        with contextlib.suppress(Exception):
            sys.stdout.close()
        raise typer.Exit(0) from None


KNOWN_HELP = ("Read a text that clearly matches a spinner unspin ships (see `unspin identify`) with that spinner's "
              "swaps, and offer them in a text of 200+ words that shows some of its habits.")
LEARN_BATCH_HELP = ("Several documents that look like one spinner's output: learn the pairs it repeats across them and "
                    "read each document with them (the whole batch is read before any output).")


def with_batch_pairs(restorer, texts: list[str], quiet: bool, alone=None):
    """The restorer to read this batch with (learn/batch.py: with the pairs learned from it, when it looks like one
    spinner's output); says what it decided. `alone`: the texts' detections read without them, if already made."""
    from ..learn.batch import learn_batch

    with progress_bar("screening the batch", quiet or alone is not None
                      or sum(map(len, texts)) < LONG_INPUT_CHARS) as report:
        reading = learn_batch(restorer, texts, alone, progress=report)
    note = reading.note()
    if note and not quiet:
        typer.echo(f"unspin: {note}", err=True)
    return reading.restorer


LONG_INPUT_CHARS = 20_000  # inputs this long show a progress bar (the language model takes a while on them)


@contextlib.contextmanager
def progress_bar(label: str, quiet: bool):
    """A rich progress bar on stderr; yields a callback `report(done, total)` (a no-op when quiet)."""
    if quiet:
        yield lambda done, total: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(label), BarColumn(), TextColumn("{task.completed}/{task.total}"), TimeRemainingColumn(),
                  transient=True, console=_stderr_console()) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)
