"""Reading reference documents for the index: .txt, .md, web pages (their main text), .jsonl (id/text fields)
and folders."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..textio import DEFAULT_MAX_BYTES, decode_text
from ..webpage import HTML_SUFFIXES as WEB_SUFFIXES
from ..webpage import read_page

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = set(WEB_SUFFIXES)
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass
class SourceDoc:
    """A document to index: its id, where it came from, and its text."""

    doc_id: str
    source: str
    text: str


def iter_documents(
    paths: list[str], *, max_bytes: int = DEFAULT_MAX_BYTES, on_skip: Callable[[str, str], None] | None = None
) -> Iterator[SourceDoc]:
    """Documents from files and folders (recursively). A named file that cannot be read is an error;
    an unreadable or unsupported file found inside a folder is skipped and reported through `on_skip`."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"no such file or folder: {raw}")
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() not in SUPPORTED:
                    continue
                try:
                    yield from read_file(child, max_bytes=max_bytes)
                except InputError as exc:
                    if on_skip:
                        on_skip(str(child), exc.message)
        else:
            if path.suffix.lower() not in SUPPORTED:
                raise InputError(
                    f"{raw}: unsupported file type {path.suffix or '(none)'!r} "
                    f"(use .txt, .md, .html or .jsonl with id/text fields)"
                )
            yield from read_file(path, max_bytes=max_bytes)


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[SourceDoc]:
    """The documents in one file (one for text and HTML, one per line for JSONL)."""
    suffix = path.suffix.lower()
    limit = max_bytes * 20 if suffix in JSONL_SUFFIXES else max_bytes
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    if suffix in HTML_SUFFIXES:
        yield SourceDoc(str(path), str(path), read_page(data, source=str(path), max_bytes=limit).text)
        return
    text = decode_text(data, source=str(path), max_bytes=limit)
    if suffix in JSONL_SUFFIXES:
        yield from parse_jsonl(text, str(path))
    else:
        yield SourceDoc(str(path), str(path), text)


def parse_jsonl(text: str, source: str) -> Iterator[SourceDoc]:
    """One document per JSON line with a string `text` and an `id` (the line number when absent)."""
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{source}:{lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{source}:{lineno}: each line needs a string field \"text\"")
        doc_id = record.get("id", f"{source}:{lineno}")
        if not isinstance(doc_id, (str, int)):
            raise InputError(f"{source}:{lineno}: the \"id\" field must be a string or a number")
        yield SourceDoc(str(doc_id), f"{source}:{lineno}", record["text"])
