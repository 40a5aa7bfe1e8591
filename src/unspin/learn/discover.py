"""Proposals for pairs no thesaurus lists, found from the pile as a whole.

A spinner writes its favourite replacements far more often than English does ("by means of", "possesses",
"regarding"), always where its original belonged. So: find words and phrases the pile over-uses (against
wordfreq; a key over-used only inside a longer, more striking key is left to that one, and a phrase over-used
only through a far more striking part is left to the part), gather their contexts, and
propose the single words that fit those contexts better (pointwise mutual information with the word before and
after, CMU's model): words some thesaurus entry ties to the key, the key's own words ("is actually" <- "is") when
the rest is not itself an over-used key, words the pile writes far less often than English would (a real spinner
rewrites every match of its dictionary, so its originals all but vanish: "turned into" <- "was"), and, for keys
over-used many times over, the best fit even without a tie ("plus" <- "and"). Rare single words take only tied
originals. Beside these, a key's lost original: a common word the pile lacks about as much as it over-uses the key,
tied to it by a thesaurus (or fitting a phrase key's contexts better), which a frequency-neutral fit cannot favour
("guy" <- "man"). Phrases of common words English almost never writes together ("with out") are keys too, their
over-use read from CMU's model. A lost original, and a proposal that fits a strongly over-used key best, enter the
first EM round with the weight the key's over-use implies (a share 1 - 1/overuse of its occurrences are spun); the
others enter as tentative pairs. The decoder's site probabilities decide which survive.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import top_n_list

from ..doc import Doc
from ..frequency import FUNCTION_WORD_ZIPF, zipf
from ..scoring.ngram import NgramModel
from ..scoring.trigram import TrigramModel, shared_trigram
from .estimate import BONUS
from .phrases import english_rate, phrase_rate
from .phrases import joinable as _joinable

MAX_WORDS = 4  # the longest key counted in the pile: a spinner's phrases are short
PADDING_ZIPF = 4.5  # words at least this common can be a spinner's padding
OWED = 2.0  # a part over-used this many times more strikingly explains the phrase (lower lost phrase rules)
EVEN_SPREAD = 0.7  # a habit reaches at least this share of the documents a Poisson spread would
SCARCE_VOCABULARY = 3000  # the commonest English words, searched for ones the pile lacks
SCARCE_EXPECTED = 10.0  # ... that English would have written at least this many times in the pile
SCARCE_SHARE = 0.35  # ... and the pile writes at most this share of that
SWAPPED_AWAY = 0.5  # a known swap's original the pile writes at most this share of English's rate ...
STRONG_OVERUSE = 4.0  # ... or its spun side this many times English's rate: the pile shows the swap
INFLECTED = frozenset({"VBD", "VBN", "VBZ", "VBG", "NNS", "JJR", "JJS", "RBR", "RBS"})  # tags a form check reads


@dataclass(frozen=True)
class DiscoverParams:
    min_documents: int = 2
    min_count: int = 3
    min_overuse: float = 1.5  # the pile uses the key this many times more often than English does
    max_keys: int = 4000
    odd_phrase_overuse: float = 20.0  # a phrase of common words CMU's model finds this much over-used is a key
    contexts: int = 60  # occurrences looked at per key
    neighbours: int = 40  # most frequent successors / predecessors of a context word considered
    min_gain: float = 1.0  # mean log-probability gain of the proposal over the key in its contexts (nats)
    min_share: float = 0.5  # share of contexts where the proposal fits better
    min_tie: float = 0.15  # share of the rarer word's thesaurus entries that also list the other word
    max_underuse: float = 0.35  # an untied proposal the pile uses at most this share of English's rate is a missing
    # original: a dictionary spinner rewrites every match of its words ("was" all but vanishes under "used to be")
    min_expected: float = 5.0  # ... when English would have written it at least this many times in the pile
    rare_key_zipf: float = 4.5  # single-word keys rarer than this ("darkish", "physique") take only thesaurus-tied
    # originals: bigram contexts fit a frequent word the pile is short of ("year", "people") to any of them
    per_key: int = 2
    lost_vocabulary: int = 1000  # the commonest words the pile lacks, searched for a key's lost original ...
    lost_balance: float = 0.3  # ... lacking at least this share of what the key has in excess ...
    lost_gain: float = -0.5  # ... and fitting its contexts at most this much worse than the key (nats)
    lost_phrase_gain: float = 0.5  # a phrase key's lost original has no thesaurus tie: it must fit better
    untied_gain: float = 1.5  # a proposal no thesaurus ties to the key ("plus" for "and") must fit this well ...
    untied_share: float = 0.6  # ... in this share of contexts, and be the best fit of all (one per key) ...
    untied_overuse: float = 8.0  # ... for a key the pile over-uses this much (chance over-use is genre: ~2-5)
    strong_gain: float = 0.5  # the gain and share that suffice for keys over-used that much
    strong_share: float = 0.4
    tentative: float = 0.0  # channel weight of a proposal in the first round: no better than a thesaurus pair,
    # so the decoder's evidence in context, not the proposal itself, decides whether it is counted ...
    confident_overuse: float = 4.0  # ... unless the key is over-used this much and the proposal fits it best:
    # then a share 1 - 1/overuse of the key's occurrences are spun, and the first round starts from that
    bonus: float = BONUS  # as the M-step's: weights of proposals and of learned pairs compare


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
    found = []
    for key, places in occ.items():
        if len(places) < params.min_count or len({d for d, _, _ in places}) < params.min_documents:
            continue
        if not key.replace(" ", "").replace("-", "").replace("'", "").isalpha():
            continue
        freq = english_rate(key)
        ratio = len(places) / words / freq
        if ratio >= params.min_overuse:
            found.append((key, ratio, len(places) * math.log(ratio)))
    found.sort(key=lambda x: -x[2])
    keys = _unexplained(found, occ)[: params.max_keys] + _odd_phrases(occ, words, {k for k, _, _ in found}, params)
    return [(k, r) for k, r, _ in sorted(keys, key=lambda x: -x[2])]


def _odd_phrases(occ, words: int, found: set[str], params: DiscoverParams) -> list[tuple[str, float, float]]:
    """Phrases of common words that English almost never writes together ("with out", "one thing" for
    "something"): wordfreq rates a phrase near its rarest word, so their over-use is read from CMU's model
    instead; a phrase mostly held inside one longer key is left to it, one holding an over-used part to
    the part."""
    odd = {}
    for key, places in occ.items():
        parts = key.split()
        if len(parts) < 2 or key in found or len(places) < params.min_count \
                or len({d for d, _, _ in places}) < params.min_documents \
                or any(not w.isalpha() or zipf(w) < PADDING_ZIPF for w in parts) or _parts_of(key) & found:
            continue
        ratio = len(places) / words / phrase_rate(key)
        if ratio >= params.odd_phrase_overuse:
            odd[key] = ratio
    held: dict[str, int] = defaultdict(int)  # the most occurrences one longer key holds
    for key in (*found, *odd):
        for sub in _parts_of(key):
            held[sub] = max(held[sub], len(occ[key]))
    whole = {k for k in odd if held[k] < 0.5 * len(occ[k])}
    return [(k, odd[k], len(occ[k]) * math.log(odd[k])) for k in whole if not _parts_of(k) & whole]


def _unexplained(found: list[tuple[str, float, float]], occ) -> list[tuple[str, float, float]]:
    """Drop keys over-used mostly inside longer keys over-used more than they are ("respects" inside "as
    respects"); a longer key less striking than its part owes its over-use to the part ("solely the" to "solely")."""
    ratio = {key: r for key, r, _ in found}
    covered: dict[str, int] = defaultdict(int)
    for key, r, _ in found:
        for sub in _parts_of(key):
            if r >= ratio.get(sub, 0.0):
                covered[sub] += len(occ[key])
    return [f for f in found if covered.get(f[0], 0) < 0.5 * len(occ[f[0]]) and not _owes_to_part(f[0], f[1], ratio)]


def _owes_to_part(key: str, r: float, ratio: dict[str, float]) -> bool:
    """Is a phrase key over-used only because a part of it is, far more strikingly ("he turned into" because of
    "turned into")? Its original would then drop the part's neighbours with it."""
    return any(ratio.get(sub, 0.0) > OWED * r for sub in _parts_of(key))


def _parts_of(key: str) -> set[str]:
    """Every shorter run of the key's words ("turned", "into" and "turned into" in "he turned into")."""
    words = key.split()
    return {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)} - {key}


@dataclass
class PileKeys:
    """Where each phrase of the pile occurs, and the phrases the pile over-uses (most striking first)."""

    occ: dict
    words: int
    documents: int
    keys: list[tuple[str, float]]

    def missing(self, word: str, params: DiscoverParams) -> bool:
        """Does the pile write `word` far less often than English would (an original its spinner rewrote away)?"""
        return self._lacks(word, params.min_expected, params.max_underuse) is not None

    def scarce(self, limit: int = 300, min_expected: float = SCARCE_EXPECTED, share: float = SCARCE_SHARE
               ) -> dict[str, int]:
        """Common words the pile writes at most `share` of English's rate, with their counts: the originals its
        spinner rewrites away, the fingerprint's other half (two spinners that share spun keys rewrite away
        different words, or not all of the time: "was" all but never, or a fifth as often). A pile of formal prose
        lacks some words about as much ("game", "video"); profiles learned from like piles share those."""
        return {w: count for w, _, count in self._short(limit, {}, min_expected, share)}

    def lacking(self, limit: int) -> dict[str, float]:
        """Common words the pile writes at most SCARCE_SHARE of English's rate, counted outside the over-used
        phrases that hold them ("not" inside "now not"), with how many English would have written beyond that."""
        inside: dict[str, int] = defaultdict(int)
        for key, _ in self.keys:
            for word in set(key.split()) if " " in key else ():
                inside[word] += len(self.occ[key])
        return {w: expected - count for w, expected, count in self._short(limit, inside)}

    def _short(self, limit: int, inside: dict[str, int], min_expected: float = SCARCE_EXPECTED,
               share: float = SCARCE_SHARE) -> list[tuple[str, float, int]]:
        """(word, English's expected count, the pile's count less `inside`) for up to `limit` of English's
        commonest words the pile writes at most `share` as often as English would."""
        out = []
        for word in top_n_list("en", SCARCE_VOCABULARY):
            found = self._lacks(word, min_expected, share, inside.get(word, 0)) if word.isalpha() else None
            if found:
                out.append((word, *found))
                if len(out) == limit:
                    break
        return out

    def _lacks(self, word: str, min_expected: float, share: float, inside: int = 0) -> tuple[float, int] | None:
        """(English's expected count, the pile's count less `inside`) when the pile writes `word` at most `share`
        as often as English would, and English would write it at least `min_expected` times; else None."""
        expected = english_rate(word) * self.words
        count = max(0, len(self.occ.get(word, ())) - inside)
        return (expected, count) if expected >= min_expected and count <= share * expected else None

    def shows_swap(self, spun: str, original: str) -> bool:
        """Does the pile show `original` rewritten as `spun`: the original written at most SWAPPED_AWAY of English's
        rate, or the spun side STRONG_OVERUSE times English's? A milder over-use proves nothing: 1961 prose over-uses
        "upon" and "which" against today's English without any spinner."""
        if len(self.occ.get(spun, ())) >= STRONG_OVERUSE * english_rate(spun) * self.words:
            return True
        return len(self.occ.get(original, ())) <= SWAPPED_AWAY * english_rate(original) * self.words

    def signature(self, limit: int = 300, min_documents: int = 3) -> dict[str, int]:
        """The over-used keys found in several documents, with their counts: the spinner's fingerprint."""
        out = {}
        for key, _ in self.keys:
            if self.documents_holding(key) >= min_documents:
                out[key] = len(self.occ[key])
                if len(out) == limit:
                    break
        return out

    def documents_holding(self, key: str) -> int:
        return len({d for d, _, _ in self.occ.get(key, ())})


def pile_keys(texts: list[str], params: DiscoverParams | None = None) -> PileKeys:
    occ, words = key_occurrences(texts)
    return PileKeys(occ, words, len(texts), overused(occ, max(words, 1), params or DiscoverParams()))


def propose_pairs(pile: PileKeys, restorer, progress=None, params: DiscoverParams | None = None
                  ) -> dict[str, dict[str, dict]]:
    """Tentative profile pairs {spun key: {original word: {count, weight, proposed}}} from the pile."""
    params = params or DiscoverParams()
    model: NgramModel = restorer.proxy
    occ, keys = pile.occ, pile.keys
    if not keys:
        return {}
    nb = _neighbours(model, params.neighbours)
    index = restorer.candidates.index
    deficits = pile.lacking(params.lost_vocabulary)
    over = dict(keys)
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
        parts = [w for w in _parts(spun_words) if _without(spun_words, w) not in over]
        votes.update(dict.fromkeys(parts, need))
        cands = [w for w, v in votes.items() if v >= need and w != key and same_form(w, key)
                 and not _function_for_rare(w, key, index, params)]
        scored = _scored(shared_trigram(), places, spun_words, cands, ratio >= params.untied_overuse, params)
        untied_ok = " " in key or zipf(key) >= params.rare_key_zipf  # a rare word's original needs a tie
        chosen = [x for x in scored if x[2] in parts or tie(index, x[2], key) >= params.min_tie
                  or (untied_ok and pile.missing(x[2], params))][: params.per_key]
        lost = _lost_original(pile, key, places, deficits, index, params)
        if lost and lost[2] not in {w for _, _, w in chosen}:
            chosen.append(lost)
        if untied_ok and scored and scored[0] not in chosen and scored[0][0] >= params.untied_gain \
                and scored[0][1] >= params.untied_share and ratio >= params.untied_overuse \
                and _spread_evenly(occ[key], pile.documents):
            chosen.append(scored[0])
        for rank, (mean, share, w) in enumerate(chosen):
            weight = params.tentative
            best_fit = rank == 0 and scored and w == scored[0][2] \
                and ratio >= params.confident_overuse / (1 + (w in parts))
            if best_fit or (lost and w == lost[2]):
                weight = params.bonus + math.log(1.0 - 1.0 / ratio)
            out.setdefault(key, {})[w] = {"count": 0, "weight": round(weight, 3), "proposed": True,
                                          "overuse": round(ratio, 1), "fit": round(mean, 2), "share": round(share, 2),
                                          "places": len(occ[key])}
    return out


def _lost_original(pile: PileKeys, key: str, places, deficits: dict[str, float], index, params: DiscoverParams
                   ) -> tuple[float, float, str] | None:
    """The word a thesaurus ties to the key that the pile lacks about as much as it over-uses the key, and that
    fits the key's contexts about as well as the key does: a synonym the spinner rewrote away ("guy" <- "man").
    Frequency-neutral fit cannot favour it, so the pile's balance of the two words is the evidence."""
    excess = len(pile.occ[key]) - phrase_rate(key) * pile.words
    phrase = " " in key
    # a single word's lost original must be tied to it; a phrase's needs no tie, but no untied function word for
    # a phrase without one
    tied = [w for w, d in deficits.items() if w != key and d >= params.lost_balance * excess and same_form(w, key)
            and (not _function_for_rare(w, key, index, params) if phrase else tie(index, w, key) >= params.min_tie)]
    need = params.lost_phrase_gain if phrase else params.lost_gain
    fitting = [x for x in _gains(shared_trigram(), places, key.split(), tied) if x[0] >= need]
    return max(fitting, default=None)


def _scored(model: TrigramModel, places, spun_words: list[str], cands: list[str], strong: bool,
            params: DiscoverParams) -> list[tuple[float, float, str]]:
    """(mean gain, share of contexts fitting better, word) of the candidates that fit the key's contexts better
    than the key itself, best first; keys over-used many times over (`strong`) need less."""
    gain, share = (params.strong_gain, params.strong_share) if strong else (params.min_gain, params.min_share)
    return sorted((x for x in _gains(model, places, spun_words, cands) if x[0] >= gain and x[1] >= share),
                  reverse=True)


def _gains(model: TrigramModel, places, spun_words: list[str], cands: list[str]) -> list[tuple[float, float, str]]:
    """(mean gain over the key, share of contexts where it fits better, word) of each candidate in the key's
    contexts."""
    base = [_fit(model, prev, spun_words[0], spun_words[-1], nxt) for _, prev, nxt in places]
    out = []
    for w in cands:
        gains = [_fit(model, prev, w, w, nxt) - b for (_, prev, nxt), b in zip(places, base)]
        share = sum(g > 0 for g in gains) / max(1, sum(g != 0 for g in gains))  # ties say nothing
        out.append((sum(gains) / len(gains), share, w))
    return out


def _parts(words: list[str]) -> list[str]:
    """Words of a phrase key that may be its original once common words around them are dropped: spinners pad
    ("is actually" <- "is", "all of" <- "all"); a rare word is never padding ("the president's" is not "the")."""
    if len(words) < 2:
        return []
    return [w for w in words if w.isalpha() and all(zipf(x) >= PADDING_ZIPF for x in words if x != w)]


def _without(words: list[str], part: str) -> str:
    """The phrase less one of its words: the padding a spinner would have added around `part`."""
    rest = list(words)
    rest.remove(part)
    return " ".join(rest)


def _function_for_rare(word: str, key: str, index, params: DiscoverParams) -> bool:
    """A function word ("and", "you") proposed with no thesaurus tie for a rare content word ("darkish") or for a
    phrase without a function word ("gasoline costs", a topic's phrase): it fits any context, and a dictionary
    spinner writes neither for it (its phrases for function words hold some: "used to be", "no longer")."""
    if zipf(word) < FUNCTION_WORD_ZIPF:
        return False
    words = key.split()
    rare = all(zipf(w) < FUNCTION_WORD_ZIPF for w in words) if len(words) > 1 else zipf(key) < params.rare_key_zipf
    return rare and tie(index, word, key) < params.min_tie


def _spread_evenly(places, documents: int) -> bool:
    """Is the key spread over the pile as a spinner's habit is, not bunched in a few documents like a topic?
    (documents holding it vs what a Poisson spread of the same count would give)."""
    count = len(places)
    expected = documents * (1.0 - math.exp(-count / max(documents, 1)))
    return len({d for d, _, _ in places}) >= EVEN_SPREAD * expected


def _fit(model: TrigramModel, prev: str | None, first: str, last: str, nxt: str | None) -> float:
    """How much better than chance the phrase first..last explains its neighbours (pointwise mutual information).

    Frequency-neutral on purpose: the language model alone would propose "the" and "and" everywhere. CMU's model,
    read as a bigram model here, chose far fewer wrong originals than symspellpy's bigram counts
    (docs/experiments.md).
    """
    score = 0.0
    if prev is not None:
        score += model.logp(first, prev) - model.logp(first)
    if nxt is not None:
        score += model.logp(nxt, last) - model.logp(nxt)
    return score


def same_form(word: str, key: str) -> bool:
    """False when the two are inflected differently ("became", past, is not spun from "is"; "males" not from
    "man"), or when the key can only be a verb form and the word cannot ("persisted" is not spun from "and").
    Base forms of different parts of speech ("inside" and "within") say nothing: the tagger's parts of speech
    miss prepositions."""
    from ..thesaurus.inflect import readings

    if " " in key:
        return True
    a, b = {t for _, t in readings(word)}, {t for _, t in readings(key)}
    if b and all(t.startswith("VB") for t in b) and not a:
        return False
    return not a or not b or bool(a & b) or not (a | b) & INFLECTED


@lru_cache(maxsize=500_000)
def tie(index, a: str, b: str) -> float:
    """How strongly the thesauri tie two words: shared entries over the entries of the one in fewer of them.

    Sharing one of Moby's huge entries means little; sharing most of them is what real synonym pairs do. Words
    inflected alike are read through their lemmas too: the thesauri list "male" and "begin", not "males" and
    "began".
    """
    from ..thesaurus.inflect import readings

    best = _tie(index, a, b)
    for lemma_a, tag_a in readings(a) if " " not in a + b else ():
        for lemma_b, tag_b in readings(b):
            if tag_a == tag_b and (lemma_a, lemma_b) != (a, b):
                best = max(best, _tie(index, lemma_a, lemma_b))
    return best


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
