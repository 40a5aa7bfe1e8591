"""Originals the language model proposes: the words it expected where a 1-3 word span stands, kept when a
thesaurus ties them to a word of the span.

Real spinners rewrite a word as a phrase ("individual" as "particular person", "came" as "got here") from
dictionaries no thesaurus of ours lists. The model, reading the left context, often expects the original at the
span's first word; a tie between that word and some word of the span (the same word, a synonym pair, a shared
thesaurus entry) keeps the proposals that could have been spun into it.
"""
from __future__ import annotations

from functools import lru_cache

from ..frequency import FUNCTION_WORD_ZIPF, zipf
from ..thesaurus.index import ReverseIndex
from ..thesaurus.inflect import readings

MAX_SPAN_WORDS = 3  # a proposed word replaces at most this many spun words (a spinner's phrase for one word)
SPINNER_ZIPF = 3.0  # words of a spun phrase are at least this common
NEIGHBOURS = 200  # entry neighbours of a span word that count as tied
# Channel weights (log-weights against the thesauri's, candidates.py) by how the proposal is tied to the span.
KEPT_CHANNEL = -1.0  # the proposal is the span's first or last word: the rest was padding ("medical doctors")
PAIRED_CHANNEL = 0.0  # a thesaurus pairs it with a word of the span
NEIGHBOUR_CHANNEL = -2.0  # it shares a thesaurus entry with a word of the span
FUNCTION_CHANNEL = -3.0  # a function word for a span of function words ("on" for "at", "in" for "of")


class Ties:
    """Which proposals a thesaurus ties to the words of a span, and how closely."""

    def __init__(self, index: ReverseIndex):
        self.index = index
        self._paired = lru_cache(maxsize=50_000)(self._paired_ids)
        self._near = lru_cache(maxsize=50_000)(self._near_ids)
        self._word_ids = lru_cache(maxsize=100_000)(self._ids)

    def _forms(self, word: str) -> tuple[str, ...]:
        return (word, *dict.fromkeys(lemma for lemma, _ in readings(word) if lemma != word))

    def _paired_ids(self, word: str) -> frozenset[int]:
        ids = self.index.ids
        return frozenset(ids[w] for form in self._forms(word) for w in self.index.paired(form) if w in ids)

    def _near_ids(self, word: str) -> frozenset[int]:
        found: set[int] = set()
        for form in self._forms(word):
            found.update(self.index.neighbour_ids(form, NEIGHBOURS)[0].tolist())
        return frozenset(found)

    def _ids(self, word: str) -> tuple[int, ...]:
        return tuple(i for i in (self.index.ids.get(f) for f in self._forms(word)) if i is not None)

    def channels(self, proposals: list[str], span: list[str]) -> list[float | None]:
        """The channel weight of each proposal as the original of the lowercase words `span`, None where untied."""
        paired = set().union(*(self._paired(w) for w in span))
        near = set().union(*(self._near(w) for w in span))
        function_span = all(_function(w) for w in span)
        out: list[float | None] = []
        for proposal in proposals:
            if proposal in span:
                out.append(KEPT_CHANNEL if len(span) > 1 and proposal in (span[0], span[-1]) else None)
                continue
            ids = self._word_ids(proposal)
            if not paired.isdisjoint(ids):
                out.append(PAIRED_CHANNEL)
            elif not near.isdisjoint(ids):
                out.append(NEIGHBOUR_CHANNEL)
            elif function_span and _function(proposal):
                out.append(FUNCTION_CHANNEL)
            else:
                out.append(None)
        return out

    def channel(self, proposal: str, span: list[str]) -> float | None:
        """`channels` for one proposal."""
        return self.channels([proposal], span)[0]


def spinner_word(token, sentence_start: bool) -> bool:
    """Whether a token can be part of a phrase a spinner wrote: not a name inside a sentence, not a rare word (a
    dictionary writes ordinary words; rare ones in a spun text are the original's names and terms)."""
    return (sentence_start or not token.text[0].isupper()) and zipf(token.lower) >= SPINNER_ZIPF


@lru_cache(maxsize=50_000)
def _function(word: str) -> bool:
    return zipf(word) >= FUNCTION_WORD_ZIPF
