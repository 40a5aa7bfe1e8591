"""CMU's English trigram model (`en-us.lm.bin`, shipped inside the pocketsphinx wheel), read in nats.

Two words of history on each side of a swap is what tells "the man was" from "the man turned into"; the bigram
tables cannot. About a million lookups a second, so it serves `--fast` and anything that reads a whole pile.
"""
from __future__ import annotations

import math
from functools import lru_cache

from ..paths import package_file

LOGMATH_BASE = 1.0001  # pocketsphinx reports log-probabilities in this base
TO_NATS = math.log(LOGMATH_BASE)
OOV_FLOOR = -1000.0  # anything below this (nats) is pocketsphinx's "unknown word", not a probability
OOV_PENALTY = math.log(0.3)  # an unknown word costs its wordfreq unigram probability and this
SENTENCE_START = "<s>"


class TrigramModel:
    """log P(word | two words before) over lowercase words; words the model lacks fall back to wordfreq."""

    def __init__(self):
        from pocketsphinx import NGramModel

        path = package_file("pocketsphinx", "model/en-us/en-us.lm.bin", install_hint="run `make install`")
        self._lm = NGramModel.readfile(str(path))
        self._cache: dict[tuple, float] = {}

    def logp(self, word: str, prev: str | None = None, before: str | None = None) -> float:
        """log P(word | before prev); None (or an unknown word) in the history backs off to a shorter one."""
        key = (word, prev, before)
        cached = self._cache.get(key)
        if cached is None:
            history = [prev, before] if before is not None else [prev] if prev is not None else []
            raw = self._lm.prob([word, *history]) * TO_NATS
            cached = raw if raw > OOV_FLOOR else _unknown_logp(word)
            if len(self._cache) > 1_000_000:
                self._cache.clear()
            self._cache[key] = cached
        return cached

    def phrase(self, history: tuple[str | None, str | None], words: list[str]) -> tuple[float, tuple]:
        """The log-probability of `words` after `history` (last word first), and the history after them."""
        total = 0.0
        prev, before = history
        for w in words:
            total += self.logp(w, prev, before)
            prev, before = w, prev
        return total, (prev, before)

    def swap_gain(self, before: list[str], old: list[str], new: list[str], after: list[str]) -> float:
        """How much likelier the words are with `new` in place of `old`, read after the two words `before` (the
        sentence's start as "<s>") and through the words `after`, which a left-to-right reading of the swap never
        sees."""
        history = tuple(reversed(before[-2:])) + (None,) * (2 - len(before[-2:]))
        return self.phrase(history, new + after)[0] - self.phrase(history, old + after)[0]


@lru_cache(maxsize=300_000)
def _unknown_logp(word: str) -> float:
    from .ngram import _unigram_logp

    return _unigram_logp(word) + OOV_PENALTY


_shared: list[TrigramModel] = []


def shared_trigram() -> TrigramModel:
    """One loaded model per process (27 MB)."""
    if not _shared:
        _shared.append(TrigramModel())
    return _shared[0]
