"""The pile a spinner is learned from: texts de-duplicated by content hash, and other copies of one story set aside,
with ids kept for the report."""
from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
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


STORY_WORDS = 4  # texts are compared by their word 4-grams
SAME_STORY = 0.2  # a text sharing this share of its 4-grams with an earlier one retells that text's story: spins of one
# wire story by one spinner share 0.4-0.8, unrelated news 0.02 at most (docs/experiments.md)
SAMPLE_EVERY = 8  # only 4-grams whose hash falls on this stride are kept: memory stays small for large piles
STORY_MIN_WORDS = 100  # shorter texts are too short to tell a retold story from a formula


def distinct_stories(pile: list[PileText]) -> tuple[list[PileText], int]:
    """The texts of `pile` less those that retell an earlier text's story (content farms spin one wire story on many
    sites: its names and topic words would look like the spinner's over-used phrases), and how many were set aside."""
    first_with: dict[int, int] = {}
    kept: list[PileText] = []
    for text in pile:
        words = re.findall(r"\w+", text.text.lower())
        if len(words) >= STORY_MIN_WORDS:
            grams = {g for g in (zlib.crc32(" ".join(words[i : i + STORY_WORDS]).encode("utf-8", "surrogatepass"))
                                 for i in range(len(words) - STORY_WORDS + 1)) if g % SAMPLE_EVERY == 0}
            shared = Counter(first_with[g] for g in grams if g in first_with)
            if shared and shared.most_common(1)[0][1] >= SAME_STORY * len(grams):
                continue
            for g in grams:
                first_with.setdefault(g, len(kept))
        kept.append(text)
    return kept, len(pile) - len(kept)


def _named(texts: Iterable) -> Iterator[tuple[str, str]]:
    for n, item in enumerate(texts, start=1):
        if isinstance(item, str):
            yield str(n), item
        else:
            doc_id, text = item
            yield str(doc_id), text if isinstance(text, str) else ""
