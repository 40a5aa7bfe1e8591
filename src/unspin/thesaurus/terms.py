"""Known terms in disguise: a multi-word term the list knows, rewritten word by word through the thesaurus.

A tortured phrase the list does not know yet is often a new rewrite of a term it knows under other disguises.
A span matches a term of the same length when, at every position, its word is the term's word or a direct
thesaurus pair of it (either direction, inflected forms through their lemmas). Clean text matches terms this way
too ("data processing" reaches "signal processing"), so a match is only a candidate: screening keeps it where the
language model finds the differing words alike (candidates.TERM_MIN_SIMILARITY) and weighs it like any other.
"""
from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache

from ..frequency import FUNCTION_WORD_ZIPF, zipf
from .index import ReverseIndex
from .inflect import readings

MAX_TERM_WORDS = 4


class TermMatcher:
    """Span words -> the known terms they reach position by position (never the span itself)."""

    def __init__(self, terms: Iterable[str], index: ReverseIndex):
        self.terms = sorted({t for t in terms if 2 <= len(t.split()) <= MAX_TERM_WORDS})
        self.known = frozenset(self.terms)
        self.index = index
        self.forms = lru_cache(maxsize=100_000)(self._forms)
        self.synonyms = lru_cache(maxsize=100_000)(self._synonyms)
        # (term length, position, word): ids of the terms whose word there is that word (by form) or lists it as
        # a synonym; built on first use (0.4 s), so loading a restorer stays fast
        self._maps: tuple[dict, dict] | None = None
        self._lock = threading.Lock()

    def _build(self) -> tuple[dict, dict]:
        with self._lock:
            if self._maps is None:
                by_form: dict[tuple[int, int, str], set[int]] = {}
                by_synonym: dict[tuple[int, int, str], set[int]] = {}
                for k, term in enumerate(self.terms):
                    words = term.split()
                    for j, word in enumerate(words):
                        for w in self.forms(word):
                            by_form.setdefault((len(words), j, w), set()).add(k)
                        for w in self.forms(word) | self.synonyms(word):
                            by_synonym.setdefault((len(words), j, w), set()).add(k)
                self._maps = by_form, by_synonym
        return self._maps

    @staticmethod
    def _forms(word: str) -> frozenset[str]:
        return frozenset([word, *(lemma for lemma, _ in readings(word))])

    def _synonyms(self, word: str) -> frozenset[str]:
        """Single-word originals the index lists for the word or its lemmas."""
        return frozenset(e.original for form in self.forms(word) for e in self.index.lookup(form)
                         if " " not in e.original)

    def __call__(self, words: list[str]) -> list[str]:
        """Known terms of the same length that lowercase `words` reach, other than the span itself."""
        n = len(words)
        if not 2 <= n <= MAX_TERM_WORDS or " ".join(words) in self.known:
            return []
        by_form, by_synonym = self._maps or self._build()
        found: set[int] | None = None
        for j, word in enumerate(words):
            here: set[int] = set()
            for w in self.forms(word):
                here |= by_synonym.get((n, j, w), set())
            for w in self.synonyms(word):
                here |= by_form.get((n, j, w), set())
            found = here if found is None else found & here
            if not found:
                return []
        return [self.terms[k] for k in sorted(found) if self.disguises(words, self.terms[k].split())]

    def disguises(self, words: list[str], term: list[str]) -> bool:
        """True when some content word differs in more than inflection ("mean squared error" is "mean square
        error" written differently, and "journal at" "journal on", not disguises of them)."""
        return any(not self.forms(w) & self.forms(t) and min(zipf(w), zipf(t)) < FUNCTION_WORD_ZIPF
                   for w, t in zip(words, term))

