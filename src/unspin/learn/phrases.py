"""Word phrases of a Doc as the candidate generator sees them: words joined by single plain spaces."""
from __future__ import annotations

import math
from functools import lru_cache

from ..doc import Token


@lru_cache(maxsize=200_000)
def english_rate(key: str, floor: float = 1e-9) -> float:
    """How often English writes `key` (a lowercase word or phrase) per word: wordfreq, at least `floor`."""
    from wordfreq import word_frequency

    return max(word_frequency(key, "en"), floor)


@lru_cache(maxsize=200_000)
def phrase_rate(key: str, floor: float = 1e-9) -> float:
    """How often English writes `key` per word: for a phrase the lower of CMU's trigram model and wordfreq, which
    rates a phrase near its rarest word ("with out" as often as "out"); wordfreq for a single word."""
    if " " not in key:
        return english_rate(key, floor)
    from ..scoring.trigram import shared_trigram

    return max(min(math.exp(shared_trigram().phrase((None, None), key.split())[0]), english_rate(key, floor)), floor)


def joinable(text: str, span: list[Token]) -> bool:
    """Tokens form one phrase when they are words separated by exactly one space."""
    if not all(t.is_word for t in span):
        return False
    return all(text[a.end : b.start] == " " for a, b in zip(span, span[1:]))
