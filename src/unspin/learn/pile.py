"""The pile a spinner is learned from: texts de-duplicated by content hash, with ids kept for the report."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class PileText:
    """One distinct text of the pile; `key` is its content hash (the resume key), `id` its first name."""

    id: str
    key: str
    text: str


def content_key(text: str) -> str:
    """A hash of the text with whitespace normalised, so a re-saved copy of a document counts as the same one."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def distinct_texts(texts: Iterable) -> tuple[list[PileText], int]:
    """The distinct non-blank texts of `texts` (strings or (id, text) pairs) and how many duplicates were dropped."""
    seen: set[str] = set()
    out: list[PileText] = []
    duplicates = 0
    for doc_id, text in _named(texts):
        if not text or not text.strip():
            continue
        key = content_key(text)
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        out.append(PileText(str(doc_id), key, text))
    return out, duplicates


def _named(texts: Iterable) -> Iterator[tuple[str, str]]:
    for n, item in enumerate(texts, start=1):
        if isinstance(item, str):
            yield str(n), item
        else:
            doc_id, text = item
            yield str(doc_id), text if isinstance(text, str) else ""
