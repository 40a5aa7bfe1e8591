"""Candidate originals for every word and phrase of a Doc, from the reverse thesaurus, inflected and cased."""
from __future__ import annotations

import copy
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from ..articles import disagrees
from ..doc import Doc, key_joins
from ..frequency import FUNCTION_WORD_ZIPF, zipf
from ..thesaurus.index import (
    GENERIC,
    MOBY,
    MOBY_REVERSE,
    MYTHES,
    RULE,
    TORTURED,
    TORTURED_WORD,
    WORDNET,
    ReverseIndex,
    phrase_length,
)
from ..thesaurus.inflect import inflect, readings
from ..thesaurus.prior import pair_prior
from ..thesaurus.terms import MAX_TERM_WORDS, TermMatcher

# Restore reads every table: a spinner's dictionary is not ours, so each table is another chance of its pair.
ALL_SOURCES = MOBY | MOBY_REVERSE | WORDNET | TORTURED | TORTURED_WORD | MYTHES | GENERIC | RULE
# Screening reads the tables its flagger was fitted on: with MyThes and the spinner rules, the simulator-fitted
# flagger flagged clean phrases and missed spun ones, and a flagger fitted on the realistic mix lost precision.
SCREEN_SOURCES = MOBY | MOBY_REVERSE | WORDNET | TORTURED | TORTURED_WORD

MAX_SPAN = 4  # the longest phrase our thesauri and rules replace (a listed tortured phrase may reach further)
PER_SPAN = 16  # direct pairs kept per span, best prior first (the scorer reads each one)
RELATED_PER_SPAN = 32  # entry neighbours added per span, after the direct pairs
RELATED_POOL = 200  # neighbours ranked by shared entries and frequency, before the cut to RELATED_PER_SPAN
RELATED_CHANNEL = -3.0  # channel weight of a neighbour sharing one entry; +0.5 per doubling of shared entries
# A known term reached word by word (thesaurus/terms.py) is a candidate, with this channel weight, where the scorer
# finds the differing words alike on average (TERM_MIN_SIMILARITY): both chosen on held-out carriers and controls.
TERM_CHANNEL = 6.0
# A thesaurus pair that a listed tortured phrase also swaps ("profound" for "deep") gains this channel weight; restore
# takes less than screening because more made it replace clean words with the listed ones ("force" -> "power").
TORTURED_WORD_CHANNEL = 3.0
SCREEN_TORTURED_WORD_CHANNEL = 6.0
TERM_MIN_SIMILARITY = 0.35  # see TERM_CHANNEL


@dataclass(frozen=True)
class Candidate:
    """Tokens [start, end) of the Doc may be a spinner's rewrite of `original`."""

    start: int
    end: int
    original: str
    channel: float  # log-weight of the spinner writing the spun text for this original (up to a constant)
    prior: float  # ranking score, also counting how common the original is
    known_tortured: bool = False
    related: bool = False  # only an entry neighbour of the spun text, not a direct thesaurus pair
    known_term: bool = False  # a known term reached word by word: a new disguise of it (thesaurus/terms.py)
    expected_wording: str = ""  # a listed phrase's expected wording in full (a known term's, not only what it replaces)
    sure: bool = False  # a known spinner's swap it makes nearly every time: weighed as a listed phrase, not named one

    @property
    def weighed_as_listed(self) -> bool:
        """Whether the decider and pre-selection read it as a listed tortured phrase (it is one, or a sure swap)."""
        return self.known_tortured or self.sure


def channel_weight(sources: int, fanout: int, tortured_word: float = TORTURED_WORD_CHANNEL) -> float:
    """Known tortured pairs are near-certain; thesaurus pairs are worth more the fewer synonyms the original has,
    and more again where a listed tortured phrase swaps the same two words."""
    if sources & TORTURED:
        return 6.0
    weight = -0.5 * math.log(max(fanout, 1))
    weight += 1.0 * bool(sources & WORDNET) + 1.0 * bool(sources & MOBY) + 0.5 * bool(sources & MOBY_REVERSE)
    weight += 1.0 * bool(sources & MYTHES) + 3.0 * bool(sources & RULE) - 1.0 * (sources == GENERIC)
    return weight + tortured_word * bool(sources & TORTURED_WORD)


def abridges(spun: str, original: str) -> bool:
    """True when `original` is a content word of the longer phrase `spun` or its initials ("heart" in "congenital
    heart disease", "ct" for "computerized axial tomography"): how clean technical prose names a thing in full.
    Spinners also pad words this way, but mostly function words ("is actually" for "is"), which this leaves."""
    words = spun.split()
    if len(words) < 2 or len(original.split()) >= len(words):
        return False
    if f" {original} " in f" {spun} ":
        return zipf(original) < FUNCTION_WORD_ZIPF
    letters, initials = original.replace(".", ""), iter(w[0] for w in words)
    return len(letters) >= 2 and letters.isalpha() and all(c in initials for c in letters)  # a subsequence


def _reads_as(text: str, start: int, end: int, key: str, expected: str) -> bool:
    """True when the listed phrase `key` at text[start:end] is part of its own expected wording written out in full
    (a list entry "cloud platform" -> "the cloud platform" must not fire inside "the cloud platform")."""
    at = f" {expected} ".find(f" {key} ")
    if at < 0:
        return False
    before, after = expected[:at], expected[at + len(key):]
    return (text[:start].lower().endswith(before) and text[end:].lower().startswith(after))


def _differing(span: str, term: str) -> list[tuple[str, str]]:
    """The (span word, term word) pairs where they differ: words they share would make any pair look alike."""
    return [(a, b) for a, b in zip(span.split(), term.split()) if a != b]


def _number(word: str) -> str | None:
    """"NNS" for a plural noun form ("networks"), "NN" for a singular one ("network", "organization"), else None."""
    found = readings(word)
    if any(tag == "NNS" and lemma != word for lemma, tag in found):
        return None if any(tag == "NN" and lemma == word for lemma, tag in found) else "NNS"
    return "NN" if any(tag == "NN" for _, tag in found) else None


def _in_number_of(word: str, term: str) -> str:
    """`term` with its last word in the grammatical number of `word` (a span ending in "organization" restores to
    "neural network" even where the list writes "neural networks")."""
    *head, last = term.split()
    want, have = _number(word), _number(last)
    if want and have and want != have:
        lemma = next(lemma for lemma, tag in readings(last) if tag.startswith("NN"))
        inflected = inflect(" ".join([*head, lemma]), want)
        if inflected and zipf(inflected.split()[-1]) >= 3.0:  # not "machine learnings"
            return inflected
    return term


def match_case(spun: str, original: str) -> str:
    if len(spun) > 1 and spun.isupper():
        return original.upper()
    if spun[:1].isupper():
        return original[:1].upper() + original[1:]
    return original


class _VocabStats:
    """Per word of the index's vocabulary, filled in as words are met: Zipf frequency and extra words (as the
    neighbours' prior counts them); and natural logs of counts, each taken with `math.log` as the prior always was."""

    def __init__(self, vocab: list[str]):
        self.vocab = vocab
        self._zipf = np.full(len(vocab), np.nan)
        self._extra = np.full(len(vocab), -1, dtype=np.int64)
        self._log = np.array([-math.inf, 0.0])

    def zipf(self, ids: np.ndarray) -> np.ndarray:
        missing = ids[np.isnan(self._zipf[ids])]
        for w in missing.tolist():
            self._zipf[w] = zipf(self.vocab[w])
        return self._zipf[ids]

    def extra_words(self, ids: np.ndarray) -> np.ndarray:
        missing = ids[self._extra[ids] < 0]
        for w in missing.tolist():
            self._extra[w] = self.vocab[w].replace("-", " ").count(" ")
        return self._extra[ids]

    def log(self, counts: np.ndarray) -> np.ndarray:
        top = int(counts.max())
        if top >= len(self._log):
            self._log = np.array([-math.inf] + [math.log(n) for n in range(1, 2 * top + 1)])
        return self._log[counts]


class CandidateGenerator:
    """Pipeline stage: Doc -> {start token: candidates}, best prior first."""

    def __init__(self, index: ReverseIndex, tortured: dict[str, list[str]] | None = None,
                 skip_words: frozenset[str] = frozenset(), per_span: int = PER_SPAN,
                 learned: dict[str, list[tuple[str, float]]] | None = None, related_per_span: int = 0,
                 skip_abridged: bool = False, terms: TermMatcher | None = None,
                 similarity: Callable[[list[tuple[str, str]]], list[float]] | None = None,
                 tortured_word_channel: float = TORTURED_WORD_CHANNEL, sources: int = ALL_SOURCES,
                 article_phrases: bool = True):
        self.index = index
        self.sources = sources  # the thesaurus tables read (bits of thesaurus/index.py); others' pairs are skipped
        self.tortured_word_channel = tortured_word_channel
        self.tortured = tortured or {}
        self.learned = learned or {}  # from a spinner profile: spun key -> [(original, weight)]
        self.sure: frozenset[tuple[str, str]] = frozenset()  # learned pairs a known spinner nearly always makes
        self._tortured_reach = _reach(list(self.tortured) + list(self.learned))
        self.skip_words = skip_words
        self.per_span = per_span
        self.related_per_span = related_per_span
        self.skip_abridged = skip_abridged  # screening: a term in full is not flagged for its own word
        self.article_phrases = article_phrases  # an option its article cannot precede is offered with the article
        self.terms = terms  # known terms reached word by word; kept where the differing words are alike (_alike)
        self.similarity = similarity
        self._lookup = lru_cache(maxsize=200_000)(self._lookup_key)
        self._vocab_stats = _VocabStats(index.vocab)

    def with_learned(self, learned: dict[str, list[tuple[str, float]]],
                     sure: frozenset[tuple[str, str]] = frozenset()) -> "CandidateGenerator":
        """This generator with a profile's pairs in place of its own (thesauri, settings and lookups shared), and
        the `sure` ones among them (a known spinner's, learn/known.py `sure_swaps`)."""
        out = copy.copy(self)
        out.learned, out.sure = learned, sure
        out._tortured_reach = _reach(list(self.tortured) + list(learned))
        return out

    def _lookup_key(self, key: str, single: bool, rules_only: bool = False
                    ) -> tuple[tuple[str, float, float, bool, bool], ...]:
        """(original lowercase surface, channel, prior, tortured, related) for a lowercase spun key; `rules_only`:
        the spinner rules' expansions alone (a skip word's: "it is" for "it's", not "could" for "can")."""
        found: dict[str, tuple[str, float, float, bool]] = {}
        tables = self.sources & RULE if rules_only else self.sources
        key_length = phrase_length(key)

        def add(original: str | None, sources: int, fanout: int) -> None:
            if not original or original == key or original in found or self._abridged(key, original):
                return
            if rules_only and phrase_length(original) <= key_length:
                return
            channel = channel_weight(sources, fanout, self.tortured_word_channel)
            prior = pair_prior(sources, fanout, zipf(original), phrase_length(original), key_length)
            found[original] = (original, channel, prior, bool(sources & TORTURED), False)

        forms = [(key, None)] + ([(lemma, tag) for lemma, tag in readings(key) if lemma != key] if single else [])
        for lemma, tag in forms:
            for entry in self.index.lookup(lemma):
                if entry.sources & tables:
                    add(entry.original if tag is None else inflect(entry.original, tag), entry.sources & tables,
                        entry.fanout)
        ranked = sorted(found.values(), key=lambda c: -c[2])[: self.per_span]
        if self.related_per_span and not rules_only:
            have = {c[0] for c in ranked} | {key}
            ranked += self._neighbours(key, forms, have)
        return tuple(ranked)

    def _abridged(self, key: str, original: str) -> bool:
        return self.skip_abridged and abridges(key, original)

    def _neighbours(self, key: str, forms, have: set[str]) -> list[tuple[str, float, float, bool, bool]]:
        """Entry neighbours of the spun key (or of its lemma, inflected back), most shared and common first: prior
        log(shared entries) + Zipf frequency - 3 per extra word. Ranked as arrays over the index's vocabulary (the
        loop over each word's 200 neighbours had been a fifth of restore's time in a fresh process); the same
        ranking as the plain loop of tests/test_candidates.py."""
        parts = [(*self.index.neighbour_ids(lemma, RELATED_POOL), tag) for lemma, tag in forms]
        ids = np.concatenate([words for words, _, _ in parts])
        if not len(ids):
            return []
        shared = np.concatenate([counts for _, counts, _ in parts])
        tags = [tag for words, _, tag in parts for _ in range(len(words))]
        prior = self._vocab_stats.log(shared) + self._vocab_stats.zipf(ids) - 3.0 * self._vocab_stats.extra_words(ids)
        out: list[tuple[str, float, float, bool, bool]] = []
        for n in np.argsort(-prior, kind="stable").tolist():  # inflecting is slow: only as many as are kept
            word, tag = self.index.vocab[ids[n]], tags[n]
            original = word if tag is None else inflect(word, tag)
            if original and original not in have and not self._abridged(key, original):
                have.add(original)
                out.append((original, RELATED_CHANNEL + 0.5 * math.log2(int(shared[n])), float(prior[n]), False, True))
                if len(out) == self.related_per_span:
                    break
        return out

    def __call__(self, doc: Doc) -> dict[int, list[Candidate]]:
        out: dict[int, list[Candidate]] = {}
        toks, text = doc.tokens, doc.text
        # joined[i]: token i is a word or number followed by one after exactly one space, so they can form a phrase
        joined = [key_joins(text, a, b) for a, b in zip(toks, toks[1:])] + [False]
        for i, tok in enumerate(toks):
            if not tok.is_word_or_number:
                continue
            cands: list[Candidate] = []
            seen: set[tuple[str, int]] = set()
            longest = max(MAX_SPAN, self._tortured_reach.get(tok.lower, 0))
            key, has_number = "", False
            for n in range(1, longest + 1):
                if n > 1 and not joined[i + n - 2]:
                    break
                end = i + n
                key = toks[i].lower if n == 1 else f"{key} {toks[end - 1].lower}"
                has_number = has_number or toks[end - 1].is_number
                surface = text[tok.start : toks[end - 1].end]
                for expected in self.tortured.get(key, ()):
                    if _reads_as(text, tok.start, toks[end - 1].end, key, expected):
                        continue
                    cands.append(Candidate(i, end, match_case(surface, expected), 6.0, 100.0, True,
                                           expected_wording=expected))
                    seen.add((expected, end))
                for original, weight in self.learned.get(key, ()):
                    cands.append(Candidate(i, end, match_case(surface, original), weight, 50.0 + weight,
                                           sure=(key, original) in self.sure))
                    seen.add((original, end))
                if has_number:
                    continue  # numbers are in learned and listed keys ("12 months", "boa constrictor 3"), no thesaurus
                if n > MAX_SPAN:
                    continue
                # the commonest words' thesaurus synonyms are noise; the spinner rules' are ours ("it's" for "it is")
                skipped = n == 1 and key in self.skip_words and key not in self.learned
                for original, channel, prior, tortured, related in self._lookup(key, n == 1, skipped):
                    if tortured and _reads_as(text, tok.start, toks[end - 1].end, key, original):
                        continue
                    if (original, end) not in seen:
                        seen.add((original, end))
                        cands.append(Candidate(i, end, match_case(surface, original), channel, prior, tortured,
                                               related, expected_wording=original if tortured else ""))
            if cands and i and toks[i - 1].lower in ("a", "an") and joined[i - 1]:
                cands = self._agreeing(doc, i, cands, out)
            if cands:
                out[i] = cands
        if self.terms is not None:
            self._add_terms(doc, joined, out)
        return out

    def _agreeing(self, doc: Doc, i: int, cands: list[Candidate], out: dict[int, list[Candidate]]) -> list[Candidate]:
        """The options at token i the indefinite article before it can precede. The article a spinner's engine leaves
        was the original's, so an option it cannot precede ("a attorney") was not written there alone; it may have
        been written with the article as a phrase ("an inexpensive" for "a reasonable"), so it is added to `out` at
        the article, with the article it takes."""
        article = doc.tokens[i - 1]
        kept = []
        for c in cands:
            if c.known_tortured or not disagrees(article.text, c.original):
                kept.append(c)
            elif self.article_phrases and not self._learned_pair(doc, i, c):  # a profile learns phrases as such
                surface = doc.text[article.start : doc.tokens[c.end - 1].end]
                original = match_case(surface, f"{'a' if article.lower == 'an' else 'an'} {c.original}")
                there = out.setdefault(i - 1, [])
                if not any(o.end == c.end and o.original.lower() == original.lower() for o in there):
                    there.append(replace(c, start=i - 1, original=original))
        return kept

    def _learned_pair(self, doc: Doc, i: int, c: Candidate) -> bool:
        key = " ".join(t.lower for t in doc.tokens[i : c.end])
        return any(original == c.original.lower() for original, _ in self.learned.get(key, ()))

    def _alike(self, pairs: list[tuple[str, str]]) -> list[float]:
        """How alike the scorer finds each (span word, term word) pair (not at all without a `similarity`); a swap the
        list makes is alike outright (more disguised terms found at the same controls)."""
        sims = self.similarity(pairs) if self.similarity is not None else [0.0] * len(pairs)
        return [1.0 if original in self.index.swapped(spun) else s for (spun, original), s in zip(pairs, sims)]

    def _add_terms(self, doc: Doc, joined: list[bool], out: dict[int, list[Candidate]]) -> None:
        """Known terms that 2-4-word spans reach word by word, as candidates from the first word that differs."""
        toks, text = doc.tokens, doc.text
        found: list[tuple[int, int, str, str]] = []
        for i, tok in enumerate(toks):
            if not tok.is_word:
                continue
            words = [tok.lower]
            for n in range(2, MAX_TERM_WORDS + 1):
                if not joined[i + n - 2] or not toks[i + n - 1].is_word:  # a term is read over words only
                    break
                words.append(toks[i + n - 1].lower)
                have = {c.original.lower() for c in out.get(i, ()) if c.end == i + n}
                found += [(i, i + n, " ".join(words), t) for t in self.terms(words) if t not in have]
        if found:
            pairs = [_differing(span, term) for _, _, span, term in found]
            alike = iter(self._alike([pair for differing in pairs for pair in differing]))
            mean = [sum(next(alike) for _ in differing) / len(differing) for differing in pairs]
            found = [f for f, sim in zip(found, mean) if sim >= TERM_MIN_SIMILARITY]
        for start, end, span, term in found:
            # words the span shares at its start are left out: the candidate then starts where the scorer can
            # compare the term's word with the span's after the same context ("feature [extraction]" vs "selection")
            shared = len(os.path.commonprefix([span.split(), term.split()]))
            start += shared
            original = _in_number_of(span.split()[-1], " ".join(term.split()[shared:]))
            surface = text[toks[start].start : toks[end - 1].end]
            term_candidate = Candidate(start, end, match_case(surface, original), TERM_CHANNEL, 20.0, known_term=True,
                                       expected_wording=term)
            here = out.get(start, [])
            if any(c.known_tortured and c.end == end and c.original.lower() == original for c in here):
                continue  # the list names this rewrite itself ("clever town" reaching "smart cities")
            others = [c for c in here if c.end != end or c.original.lower() != original]
            out[start] = others + [term_candidate]  # a thesaurus pair it repeats is the term's now


def _reach(phrases) -> dict[str, int]:
    """First word -> the longest listed or learned phrase starting with it (how far a span may run from it)."""
    reach: dict[str, int] = {}
    for phrase in phrases:
        words = phrase.split()
        reach[words[0]] = max(reach.get(words[0], 0), len(words))
    return reach
