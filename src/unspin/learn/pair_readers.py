"""Where `unspin learn --pairs` finds spun texts with their originals: JSON lines, two folders, or a trace index.

Every reader yields `TextPair`s one at a time; a pair that cannot be read (bad JSON, a missing field, binary or
oversized text, a file with no partner, a text the index finds no source for) comes out with its problem set, so
the learner reports it and goes on.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..scan.readers import FolderReader, open_reader, text_document
from .pairs import TextPair

FIELDS = ("spun", "original")


def jsonl_pairs(path: Path, *, max_bytes: int) -> Iterator[TextPair]:
    """Pairs from JSON lines of {"spun", "original", "id"?} (the id defaults to "line N")."""
    if not path.is_file():
        raise InputError(f"no such file: {path}" if not path.exists() else f"{path} is not a file")
    with path.open("rb") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip():
                yield _jsonl_pair(line, n, max_bytes)


def _jsonl_pair(line: bytes, n: int, max_bytes: int) -> TextPair:
    try:
        record = json.loads(line)
    except ValueError:
        return TextPair(f"line {n}", "", "", "not a valid JSON line")
    if not isinstance(record, dict):
        return TextPair(f"line {n}", "", "", "not a JSON object")
    pair_id = str(record.get("id", f"line {n}"))
    texts = []
    for name in FIELDS:
        if not isinstance(record.get(name), str):
            return TextPair(pair_id, "", "", f'line {n} has no "{name}" text')
        doc = text_document(pair_id, record[name], max_bytes=max_bytes, source=f'line {n} "{name}"')
        if doc.error:
            return TextPair(pair_id, "", "", doc.error)
        texts.append(doc.text)
    return TextPair(pair_id, *texts)


def folder_pairs(spun_dir: Path, originals_dir: Path, *, max_bytes: int) -> Iterator[TextPair]:
    """Pairs of spun texts and originals in two folders, matched by path without the file's suffix."""
    for folder in (spun_dir, originals_dir):
        if not folder.is_dir():
            raise InputError(f"no such folder: {folder}" if not folder.exists() else f"{folder} is not a folder")
    originals = {_stem(doc.id): doc for doc in FolderReader(originals_dir, max_bytes=max_bytes).documents()}
    matched = set()
    for doc in FolderReader(spun_dir, max_bytes=max_bytes).documents():
        original = originals.get(_stem(doc.id))
        if original is None:
            yield TextPair(doc.id, "", "", f"no original named like it in {originals_dir}", "unmatched")
            continue
        matched.add(_stem(doc.id))
        problem = doc.error or (original.error and f"its original {original.id}: {original.error}")
        yield TextPair(doc.id, doc.text, original.text, problem or "")
    for stem, original in originals.items():
        if stem not in matched:
            yield TextPair(original.id, "", "", f"an original with no spun text named like it in {spun_dir}",
                           "unmatched")


def _stem(doc_id: str) -> str:
    path = Path(doc_id)
    return path.with_suffix("").as_posix() if path.suffix else doc_id


def traced_pairs(pile: Path, index_path: Path, *, text_field: str, max_bytes: int) -> Iterator[TextPair]:
    """Pairs of each text of a pile (folder, JSONL, Parquet) and the source a trace index finds for it."""
    from ..trace.index import Index

    reader = open_reader(pile, id_field="id", text_field=text_field, max_bytes=max_bytes)
    with Index(index_path, create=False) as index:
        for doc in reader.documents():
            if doc.error:
                yield TextPair(doc.id, "", "", doc.error)
                continue
            matches = index.trace(doc.text, top=1)
            if not matches:
                yield TextPair(doc.id, "", "", "no source of it was found in the index", "mismatched")
                continue
            yield TextPair(doc.id, doc.text, matches[0].source_text or "")
