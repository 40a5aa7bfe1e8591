"""Known terms in disguise: a multi-word term the list knows, rewritten word by word through the thesaurus.

A tortured phrase the list does not know yet is often a new rewrite of a term it knows under other disguises.
A span matches a term of the same length when, at every position, its word is the term's word or a direct
thesaurus pair of it (either direction, inflected forms through their lemmas). Clean text matches terms this way
too ("data processing" reaches "signal processing"), so a match is only a candidate: screening keeps it where the
language model finds the differing words alike (candidates.TERM_MIN_SIMILARITY) and weighs it like any other.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from functools import lru_cache

from ..frequency import FUNCTION_WORD_ZIPF, zipf
from .index import ReverseIndex
from .inflect import readings

MAX_TERM_WORDS = 4  # terms of 2 to this many words are reached from spans of the same length (a tortured phrase's)
PART_IN_TERMS = 2  # a run inside the list's terms is a term of its own when this many contain it


class TermMatcher:
    """Span words -> the known terms they reach position by position (never the span itself)."""

    def __init__(self, terms: Iterable[str], index: ReverseIndex, swaps_only: bool = False):
        self.terms = sorted({t for t in with_parts(terms) if 2 <= len(t.split()) <= MAX_TERM_WORDS})
        self.known = frozenset(self.terms)
        self.index = index
        self.swaps_only = swaps_only  # reach terms only through the list's own word swaps (index.TORTURED_WORD)
        self.forms = lru_cache(maxsize=100_000)(self._forms)
        self.reach = lru_cache(maxsize=100_000)(self._reach)
        self._slots: dict[str, list[tuple[int, int, int]]] | None = None  # built on first use
        self._lock = threading.Lock()

    def _term_slots(self) -> dict[str, list[tuple[int, int, int]]]:
        """Word form -> (term length, position, term id) of every term word having that form."""
        with self._lock:
            if self._slots is None:
                slots: dict[str, list[tuple[int, int, int]]] = {}
                for k, term in enumerate(self.terms):
                    words = term.split()
                    for j, word in enumerate(words):
                        for w in self.forms(word):
                            slots.setdefault(w, []).append((len(words), j, k))
                self._slots = slots
        return self._slots

    @staticmethod
    def _forms(word: str) -> frozenset[str]:
        return frozenset([word, *(lemma for lemma, _ in readings(word))])

    def _reach(self, word: str) -> dict[tuple[int, int], frozenset[int]]:
        """(term length, position) -> ids of the terms whose word there is this word, by form or through a direct
        thesaurus pair either way (every pair, not only the index's best originals: more terms found)."""
        slots = self._slots or self._term_slots()
        forms = self.forms(word)
        pairs = self.index.swapped if self.swaps_only else self.index.paired
        reached = set(forms).union(*(pairs(form) for form in forms))
        out: dict[tuple[int, int], set[int]] = {}
        for w in reached:
            for n, j, k in slots.get(w, ()):
                out.setdefault((n, j), set()).add(k)
        return {slot: frozenset(ids) for slot, ids in out.items()}

    def __call__(self, words: list[str]) -> list[str]:
        """Known terms of the same length that lowercase `words` reach, other than the span itself."""
        n = len(words)
        if not 2 <= n <= MAX_TERM_WORDS or " ".join(words) in self.known:
            return []
        found: frozenset[int] | None = None
        for j, word in enumerate(words):
            here = self.reach(word).get((n, j), frozenset())
            found = here if found is None else found & here
            if not found:
                return []
        return [self.terms[k] for k in sorted(found) if self.disguises(words, self.terms[k].split())]

    def disguises(self, words: list[str], term: list[str]) -> bool:
        """True when some content word differs in more than its ending ("mean squared error" is "mean square
        error" written differently, "feature extraction" "features extracted", and "journal at" "journal on",
        not disguises of them)."""
        return any(not self.forms(w) & self.forms(t) and not _same_stem(w, t)
                   and min(zipf(w), zipf(t)) < FUNCTION_WORD_ZIPF for w, t in zip(words, term))


def with_parts(terms: Iterable[str]) -> set[str]:
    """The terms, and the runs of two or more words inside them that begin and end with a content word and recur
    in at least PART_IN_TERMS of them: the list knows "artificial intelligence" only inside longer terms, and a new
    disguise of it is as likely as of the whole. Every run (not only recurring ones) also made nonsense terms
    ("guiding approximation", "connected networks") that flagged clean controls."""
    terms = set(terms)
    found: dict[str, int] = {}
    for term in terms:
        words = term.split()
        content = [zipf(w) < FUNCTION_WORD_ZIPF for w in words]
        runs = {" ".join(words[i:j]) for i in range(len(words) - 1) for j in range(i + 2, len(words) + 1)
                if j - i < len(words) and content[i] and content[j - 1]}
        for run in runs:
            found[run] = found.get(run, 0) + 1
    return terms | {run for run, n in found.items() if n >= PART_IN_TERMS}


def _same_stem(a: str, b: str) -> bool:
    """Words of one family by their spelling: a shared beginning of 5 letters or more that leaves each at most
    4 letters of ending ("extraction", "extracted"; not "extract", "extreme")."""
    n = len(os.path.commonprefix([a, b]))
    return n >= 5 and max(len(a), len(b)) - n <= 4

