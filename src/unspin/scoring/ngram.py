"""The cheap n-gram models: symspellpy's English bigram counts interpolated with wordfreq unigrams (candidate
pre-selection and right context, whose tables discovery also walks), and the `--fast` scorer, which reads with CMU's
trigram model (scoring/trigram.py); no neural model, thousands of words/s.
"""
from __future__ import annotations

import math
import pickle
from functools import lru_cache

import numpy as np

from ..paths import cache_dir, package_file
from .base import FirstPass, Hypothesis, Scorer
from .trigram import SENTENCE_START, TrigramModel, shared_trigram

BIGRAM_WEIGHT = 0.7  # interpolation with the unigram: a bigram never seen is unlikely, not impossible
UNSEEN_LOGP = math.log(1e-9)  # a word no list knows is very surprising but keeps a finite score
PUNCT_LOGP = 0.0  # punctuation is kept as it is, so it only matters as context


class NgramModel:
    """Unigram and bigram log-probabilities over lowercase words."""

    def __init__(self, unigrams: dict[str, int], bigrams: dict[tuple[str, str], int]):
        self.unigrams, self.bigrams = unigrams, bigrams
        self.total = float(sum(unigrams.values()))
        self._cache: dict[tuple[str | None, str], float] = {}

    @classmethod
    def load(cls) -> "NgramModel":
        path = cache_dir() / "ngram-v1.pkl"
        if path.exists():
            with path.open("rb") as fh:
                return cls(*pickle.load(fh))
        hint = "run `make install`"
        unigrams: dict[str, int] = {}
        with package_file("symspellpy", "frequency_dictionary_en_82_765.txt", install_hint=hint).open() as fh:
            for line in fh:
                word, count = line.split()
                unigrams[word] = int(count)
        bigrams: dict[tuple[str, str], int] = {}
        with package_file("symspellpy", "frequency_bigramdictionary_en_243_342.txt", install_hint=hint).open() as fh:
            for line in fh:
                a, b, count = line.split()
                bigrams[(a, b)] = int(count)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump((unigrams, bigrams), fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        return cls(unigrams, bigrams)

    def unigram(self, word: str) -> float:
        return _unigram_logp(word)

    def conditional(self, prev: str | None, word: str) -> float:
        """log P(word | prev), interpolating the bigram estimate with the unigram."""
        key = (prev, word)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._conditional(prev, word)
            if len(self._cache) > 500_000:
                self._cache.clear()
        return cached

    def _conditional(self, prev: str | None, word: str) -> float:
        uni = math.exp(_unigram_logp(word))
        if prev is None:
            return math.log(uni)
        count = self.bigrams.get((prev, word), 0)
        prev_count = self.unigrams.get(prev, 0)
        bi = count / prev_count if prev_count and count else 0.0
        return math.log(BIGRAM_WEIGHT * min(bi, 1.0) + (1 - BIGRAM_WEIGHT) * uni)


@lru_cache(maxsize=300_000)
def _unigram_logp(word: str) -> float:
    from wordfreq import word_frequency

    freq = word_frequency(word, "en")
    return math.log(freq) if freq > 0 else UNSEEN_LOGP


@lru_cache(maxsize=300_000)
def _words(unit: str) -> tuple[str, ...]:
    return tuple(w for w in unit.lower().replace("’", "'").replace("-", " ").split() if w[0].isalnum())


def words_of(unit: str) -> list[str]:
    """Lowercase words of a unit (hyphenated words split), for n-gram lookups."""
    return list(_words(unit))


class NgramScorer(Scorer):
    """Scores hypotheses with the trigram model, word by word; a sentence's end resets the history."""

    name = "ngram"

    def __init__(self, model: TrigramModel | None = None):
        self.model = model or shared_trigram()

    def score(self, hypotheses: list[Hypothesis], units=None, bases=None) -> list[np.ndarray]:
        return [self._read(hyp)[0] for hyp in hypotheses]

    def _read(self, hyp: Hypothesis) -> tuple[np.ndarray, list[tuple]]:
        """Per-unit log-probabilities, and the history (last word first) each unit was read after."""
        history: tuple = (SENTENCE_START, None)
        scores = np.zeros(len(hyp.units), dtype=np.float32)
        before = []
        for i, unit in enumerate(hyp.units):
            before.append(history)
            words = words_of(unit)
            if not words:
                scores[i] = PUNCT_LOGP
                if unit in ".!?;:":
                    history = (SENTENCE_START, None)
                continue
            scores[i], history = self.model.phrase(history, words)
        return scores, before

    def first_pass(self, hypotheses, options, propose=None, k=0, keep=True):
        out = []
        for hyp, opts in zip(hypotheses, options):
            units, before = self._read(hyp)
            option_logp = {u: np.array([self.model.logp((words_of(o) or [""])[0], *before[u]) for o in strings],
                                       dtype=np.float32) for u, strings in opts.items()}
            out.append(FirstPass(units, option_logp, {}))
        return out
