"""Proposals for pairs no thesaurus lists, found from the pile as a whole.

A spinner writes its favourite replacements far more often than English does ("by means of", "possesses",
"regarding"), always where its original belonged. So: find words and phrases the pile over-uses (against
wordfreq), gather their contexts, and propose the single words that some thesaurus entry ties to them and that
fit those contexts better (pointwise mutual information with the word before and after, bigram model). Proposals only enter the first EM round as tentative pairs; the decoder's site
probabilities decide which survive.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from .phrases import joinable as _joinable
from ..doc import Doc
from ..scoring.ngram import NgramModel

MAX_WORDS = 4


@dataclass(frozen=True)
class DiscoverParams:
    min_documents: int = 2
    min_count: int = 3
    min_overuse: float = 1.5  # the pile uses the key this many times more often than English does
    max_keys: int = 4000
    contexts: int = 60  # occurrences looked at per key
    neighbours: int = 40  # most frequent successors / predecessors of a context word considered
    min_gain: float = 1.0  # mean log-probability gain of the proposal over the key in its contexts (nats)
    min_share: float = 0.5  # share of contexts where the proposal fits better
    min_tie: float = 0.15  # share of the rarer word's thesaurus entries that also list the other word
    per_key: int = 2
    tentative: float = 0.0  # channel weight of a proposal in the first round: no better than a thesaurus pair,
    # so the decoder's evidence in context, not the proposal itself, decides whether it is counted


class _Neighbours:
    """The bigram table turned around: the most frequent words after / before a word."""

    def __init__(self, model: NgramModel, k: int):
        after: dict[str, list[tuple[int, str]]] = defaultdict(list)
        before: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for (a, b), c in model.bigrams.items():
            if b.isalpha() and a.isalpha():
                after[a].append((c, b))
                before[b].append((c, a))
        self.after = {w: [x for _, x in sorted(v, reverse=True)[:k]] for w, v in after.items()}
        self.before = {w: [x for _, x in sorted(v, reverse=True)[:k]] for w, v in before.items()}


_neighbour_cache: dict[tuple[int, int], _Neighbours] = {}


def _neighbours(model: NgramModel, k: int) -> _Neighbours:
    key = (id(model), k)
    if key not in _neighbour_cache:
        _neighbour_cache[key] = _Neighbours(model, k)
    return _neighbour_cache[key]


def key_occurrences(texts: list[str]):
    """key -> [(doc number, word before or None, word after or None)] for every 1-4 word phrase of the pile."""
    occ: dict[str, list[tuple[int, str | None, str | None]]] = defaultdict(list)
    words = 0
    for d, text in enumerate(texts):
        doc = Doc.from_text(text)
        toks = doc.tokens
        for i, tok in enumerate(toks):
            if not tok.is_word:
                continue
            words += 1
            prev = toks[i - 1].lower if i and toks[i - 1].is_word and _joinable(text, toks[i - 1 : i + 1]) else None
            for n in range(1, MAX_WORDS + 1):
                span = toks[i : i + n]
                if len(span) < n or not _joinable(text, span):
                    break
                j = i + n
                nxt = toks[j].lower if j < len(toks) and toks[j].is_word and _joinable(text, toks[j - 1 : j + 1]) \
                    else None
                occ[" ".join(t.lower for t in span)].append((d, prev, nxt))
    return occ, words


def overused(occ, words: int, params: DiscoverParams) -> list[tuple[str, float]]:
    """(key, overuse ratio) of keys the pile uses far more than English, most striking first."""
    from wordfreq import word_frequency

    found = []
    for key, places in occ.items():
        if len(places) < params.min_count or len({d for d, _, _ in places}) < params.min_documents:
            continue
        if not key.replace(" ", "").replace("-", "").replace("'", "").isalpha():
            continue
        freq = max(word_frequency(key, "en"), 1e-9)
        ratio = len(places) / words / freq
        if ratio >= params.min_overuse:
            found.append((key, ratio, len(places) * math.log(ratio)))
    found.sort(key=lambda x: -x[2])
    return [(k, r) for k, r, _ in found[: params.max_keys]]


def propose_pairs(texts: list[str], restorer, progress=None, params: DiscoverParams | None = None
                  ) -> dict[str, dict[str, dict]]:
    """Tentative profile pairs {spun key: {original word: {count, weight, proposed}}} from the pile."""
    params = params or DiscoverParams()
    model: NgramModel = restorer.proxy
    occ, words = key_occurrences(texts)
    keys = overused(occ, max(words, 1), params)
    if not keys:
        return {}
    nb = _neighbours(model, params.neighbours)
    index = restorer.candidates.index
    out: dict[str, dict[str, dict]] = {}
    for done, (key, ratio) in enumerate(keys, start=1):
        if progress and (done % 200 == 0 or done == len(keys)):
            progress("finding new pairs", done, len(keys))
        places = occ[key][: params.contexts]
        spun_words = key.split()
        votes: Counter = Counter()
        for _, prev, nxt in places:
            seen = set(nb.after.get(prev, ())) if prev else set()
            seen.update(nb.before.get(nxt, ()) if nxt else ())
            votes.update(seen)
        need = max(2, params.min_share * len(places) / 2)
        cands = [w for w, v in votes.items() if v >= need and w != key and tie(index, w, key) >= params.min_tie]
        if not cands:
            continue
        base = [_fit(model, prev, spun_words[0], spun_words[-1], nxt) for _, prev, nxt in places]
        scored = []
        for w in cands:
            gains = [_fit(model, prev, w, w, nxt) - b for (_, prev, nxt), b in zip(places, base)]
            mean = sum(gains) / len(gains)
            share = sum(g > 0 for g in gains) / len(gains)
            if mean >= params.min_gain and share >= params.min_share:
                scored.append((mean, share, w))
        scored.sort(reverse=True)
        for mean, share, w in scored[: params.per_key]:
            weight = params.tentative
            out.setdefault(key, {})[w] = {"count": 0, "weight": round(weight, 3), "proposed": True,
                                          "overuse": round(ratio, 1), "fit": round(mean, 2), "share": round(share, 2),
                                          "places": len(occ[key])}
    return out


def _fit(model: NgramModel, prev: str | None, first: str, last: str, nxt: str | None) -> float:
    """How much better than chance the phrase first..last explains its neighbours (pointwise mutual information).

    Frequency-neutral on purpose: the bigram model alone would propose "the" and "and" everywhere.
    """
    score = 0.0
    if prev is not None:
        score += model.conditional(prev, first) - model.unigram(first)
    if nxt is not None:
        score += model.conditional(last, nxt) - model.unigram(nxt)
    return score


def tie(index, a: str, b: str) -> float:
    """How strongly the thesauri tie two words: shared entries over the entries of the one in fewer of them.

    Sharing one of Moby's huge entries means little; sharing most of them is what real synonym pairs do.
    """
    return _tie(index, a, b)


def _tie(index, a: str, b: str) -> float:
    import numpy as np

    i, j = index.ids.get(a), index.ids.get(b)
    if i is None or j is None:
        return 0.0
    ea = index.members[index.member_offsets[i] : index.member_offsets[i + 1]]
    eb = index.members[index.member_offsets[j] : index.member_offsets[j + 1]]
    if not len(ea) or not len(eb):
        return 0.0
    shared = np.intersect1d(ea, eb, assume_unique=True).size
    return shared / min(len(ea), len(eb)) if shared >= 2 else 0.0
