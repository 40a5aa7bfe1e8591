"""Word tokens with character offsets: the units a spinner replaces and the metrics count."""
from __future__ import annotations

import re

# Words, numbers, contractions and possessives ("don't", "Atlanta's"), hyphenated compounds ("well-known").
WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*(?:-[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*)*")


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every word token in `text`."""
    return [m.span() for m in WORD_RE.finditer(text)]


def words(text: str) -> list[str]:
    """The word tokens of `text`, in order."""
    return WORD_RE.findall(text)


def joined_by_space(text: str, spans: list[tuple[int, int]], i: int, n: int) -> bool:
    """True when tokens i..i+n-1 are separated only by spaces or tabs (a phrase may span them)."""
    for k in range(i, i + n - 1):
        gap = text[spans[k][1] : spans[k + 1][0]]
        if not gap or gap.strip(" \t"):
            return False
    return True


def sentence_initial(text: str, start: int) -> bool:
    """True when the token at `start` opens a sentence, a line or a quotation (so its capital says nothing)."""
    j = start - 1
    while j >= 0 and text[j] in " \t\"'\u201c\u2018([":
        j -= 1
    return j < 0 or text[j] in ".!?:\n\r"
