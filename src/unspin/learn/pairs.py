"""Learning a spinner from spun copies with their originals (`unspin learn --pairs`): the swaps of each pair, counted.

Each pair is lined up as `restore --source` lines a copy up with its source (unspin.source), so the profile holds the
swaps restoring would make. A swap of several words that splits into swaps the pairs show on their own ("raw
petroleum" <- "crude oil" into "raw" <- "crude" and "petroleum" <- "oil") is counted as those; spintax groups and swaps
with punctuation inside are no key the restorer can look up and are left out. A pair whose spun text equals its
original, or has no swap, is unspun; one whose original does not line up with it as a source does (trace's test) is
mismatched: both are skipped with a warning, never counted.

Weights are those of learned pairs (estimate.py): BONUS + log(the share of the spun key's occurrences in the spun
texts that the spinner wrote for this original), capped; pairs of a share under MIN_SHARE are left out.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import ConfigError
from ..profile import Profile
from ..source import CopyAlignment, Swap, align_copy, mismatch
from ..trace.tokens import FUNCTION_WORDS
from .estimate import EstimateParams, make_profile, occurrences
from .pile import content_key

LONGEST_KEY = 6  # words on either side of a learned pair, as trace's longest substitution
LONGEST_PIECE = 4  # words on either side of a piece a chained swap is cut into (a spinner's phrase)
MIN_PHRASE_COUNT = 2  # a phrase swapped once is more often a chance chain of single swaps than a rule of the spinner
# From this many pairs on, a rule of the spinner on function words (so common that nearly every text has them) shows in
# several pairs; one seen in a single pair is more often the aligner lining up two revisions of the article.
MANY_PAIRS = 10
# A swap the spinner wrote for under this share of its spun key's occurrences is left out: read into every occurrence,
# it changes more words the originals had than it restores (real pages of the news farm, docs/experiments.md,
# session 18).
MIN_SHARE = 0.15
EXAMPLES = 3  # ids of the pairs a learned pair was seen in, kept as its provenance
LISTED = 100  # ids of skipped pairs the profile's notes list, per reason
_KEY = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*(?: [^\W_]+(?:['’-][^\W_]+)*)*")


@dataclass(frozen=True)
class TextPair:
    """A spun text and its original; `problem` says why the pair cannot be used (`kind`: unreadable, unmatched...)."""

    id: str
    spun: str
    original: str
    problem: str = ""
    kind: str = "unreadable"


@dataclass
class Tally:
    """The swaps counted over the usable pairs, and what became of every pair."""

    pairs: Counter = field(default_factory=Counter)  # (spun key, original key) -> times swapped
    documents: dict = field(default_factory=dict)  # (spun key, original key) -> ids of the pairs it was seen in
    outcome: Counter = field(default_factory=Counter)  # read, used, and each reason a pair was skipped
    skipped: dict = field(default_factory=dict)  # reason -> ids of the pairs skipped for it (the first LISTED)
    warnings: list[str] = field(default_factory=list)
    seen: set = field(default_factory=set)  # content keys of the spun texts read

    def check(self, pair: TextPair) -> CopyAlignment | None:
        """The pair lined up when it can be learned from; otherwise None, with the reason recorded."""
        self.outcome["read"] += 1
        if pair.problem:
            return self.skip(pair.id, pair.kind, pair.problem)
        if not pair.spun.strip() or not pair.original.strip():
            return self.skip(pair.id, "empty", "the spun text or its original is empty")
        key = content_key(pair.spun)
        if key in self.seen:
            return self.skip(pair.id, "duplicates")
        self.seen.add(key)
        if " ".join(pair.spun.split()) == " ".join(pair.original.split()):
            return self.skip(pair.id, "unspun", "the spun text is the same as its original (not spun)")
        found = align_copy(pair.spun, pair.original)
        reason = mismatch(found, "its original")
        if reason:
            return self.skip(pair.id, "mismatched", reason)
        if not found.swaps:
            return self.skip(pair.id, "unspun", "no word of it differs from its original (not spun)")
        self.outcome["used"] += 1
        return found

    def skip(self, pair_id: str, reason: str, message: str = "") -> None:
        self.outcome[reason] += 1
        ids = self.skipped.setdefault(reason, [])
        if len(ids) < LISTED:
            ids.append(pair_id)
        if message:
            self.warnings.append(f"{pair_id}: {message}; skipped")

    def count(self, keys: tuple[str, str], pair_id: str) -> None:
        self.pairs[keys] += 1
        self.documents.setdefault(keys, []).append(pair_id)


def learn_pairs(pairs: Iterable[TextPair], name: str = "profile", params: EstimateParams | None = None,
                notes: dict | None = None, onto: Profile | None = None) -> tuple[Profile, list[str]]:
    """A profile of the swaps in `pairs` with their counts, and a warning for each pair that was skipped. With `onto`
    (a profile learned from pairs), the counts are added to its own: copies gathered later grow a profile whose
    earlier texts may be gone."""
    if onto is not None and onto.notes.get("learned_from") != "pairs":
        raise ConfigError(f"profile {onto.name!r} was not learned from pairs: it holds no counts to add pairs to")
    tally = Tally()
    aligned = [(pair.id, found) for pair in pairs if (found := tally.check(pair)) is not None]
    _rekey_one_sided(found for _, found in aligned)
    known = Counter(keys for _, found in aligned for swap in found.swaps if (keys := _keys(found, swap)))
    if onto is not None:  # a chained swap splits into pieces the earlier pairs showed, too
        known.update({(spun, original): 1 for spun, originals in onto.pairs.items() for original in originals})
    for pair_id, found in aligned:
        for keys in _swap_keys(found, known, tally.outcome):
            tally.count(keys, pair_id)
    texts = [found.copy for _, found in aligned]
    sources = [found.source for _, found in aligned]
    return _profile(name, tally, texts, sources, params or EstimateParams(), notes or {}, onto), tally.warnings


def _swap_keys(found: CopyAlignment, known: Counter, outcome: Counter) -> list[tuple[str, str]]:
    """Every swap of a pair as profile keys: cut into pieces seen on their own where it splits, else whole."""
    out = []
    for swap in found.swaps:
        pieces = _pieces(found, swap, known)
        keys = _keys(found, swap)
        if pieces:
            outcome["swaps_split"] += 1
            out += pieces
        elif keys:
            out.append(keys)
        else:
            outcome["swaps_not_learned"] += 1
    return out


def _rekey_one_sided(aligned: Iterable[CopyAlignment]) -> None:
    """Key each swap of words added or left out with whichever shared neighbour keys it more often over all the pairs.
    The aligner joins such a swap to one neighbour (source._widen): "gross" added before "sales" becomes "store gross"
    <- "store", "annual gross" <- "annual" and forty more, where "gross sales" <- "sales" is the spinner's one rule."""
    aligned = list(aligned)
    options = [[(swap, _other_side(found, swap)) for swap in found.swaps] for found in aligned]
    seen = Counter(keys for found, swaps in zip(aligned, options) for swap, other in swaps if other
                   for keys in (_keys(found, swap), _keys(found, other)) if keys)
    for found, swaps in zip(aligned, options):
        found.swaps = [other if other and seen[_keys(found, other)] > seen[_keys(found, swap)] else swap
                       for swap, other in swaps]


def _other_side(found: CopyAlignment, swap: Swap) -> Swap | None:
    """A one-sided swap joined to the neighbour on its other side instead, when that word is shared too; else None."""
    q, s = found.tokens, found.source_tokens
    n, m = swap.i2 - swap.i1, swap.j2 - swap.j1
    if min(n, m) != 1 or swap.changed != abs(n - m):
        return None  # not a run of added or left-out words joined to one neighbour
    if q[swap.i1].lower == s[swap.j1].lower:  # joined to the word before: try the one after
        if swap.i2 < len(q) and swap.j2 < len(s) and q[swap.i2].lower == s[swap.j2].lower:
            return Swap(swap.i1 + 1, swap.i2 + 1, swap.j1 + 1, swap.j2 + 1, swap.changed)
    elif swap.i1 and swap.j1 and q[swap.i1 - 1].lower == s[swap.j1 - 1].lower:
        return Swap(swap.i1 - 1, swap.i2 - 1, swap.j1 - 1, swap.j2 - 1, swap.changed)
    return None


def _keys(found: CopyAlignment, swap: Swap) -> tuple[str, str] | None:
    """(spun, original) as profile keys, or None when either is no key (punctuation, spintax, too long) or they
    differ only in case."""
    if max(swap.i2 - swap.i1, swap.j2 - swap.j1) > LONGEST_KEY:
        return None
    spun, original = _key(found.spun(swap)), _key(found.original(swap))
    return (spun, original) if spun and original and spun != original else None


def _key(text: str) -> str | None:
    """The phrase as the restorer looks it up (lowercase words joined by single spaces), or None."""
    return text.lower().replace("’", "'") if _KEY.fullmatch(text) else None


def _pieces(found: CopyAlignment, swap: Swap, known: Counter) -> list[tuple[str, str]] | None:
    """The swap cut into two or more pieces seen as swaps of their own (chained spins), one of them at most a word for
    a word not seen alone ("2 faults" <- "two mistakes"); a swap of as many words as it replaces, seen whole fewer
    than MIN_PHRASE_COUNT times, may be cut word for word. None when it does not cut so."""
    n, m = swap.i2 - swap.i1, swap.j2 - swap.j1
    word_for_word = n == m and known[_keys(found, swap)] < MIN_PHRASE_COUNT
    paths: dict[tuple[int, int], tuple[int, list]] = {(0, 0): (0, [])}  # end -> (pieces not seen alone, pieces)
    for i in range(n):
        for j in range(m):
            if (i, j) not in paths:
                continue
            unseen, cut = paths[i, j]
            for di in range(1, min(LONGEST_PIECE, n - i) + 1):
                for dj in range(1, min(LONGEST_PIECE, m - j) + 1):
                    if (di, dj) == (n, m):
                        continue  # the swap whole is no cut
                    keys = _keys(found, Swap(swap.i1 + i, swap.i1 + i + di, swap.j1 + j, swap.j1 + j + dj, 1))
                    if keys is None or (keys not in known and (di, dj) != (1, 1)):
                        continue
                    step = (unseen + (keys not in known), cut + [keys])
                    if (i + di, j + dj) not in paths or step[0] < paths[i + di, j + dj][0]:
                        paths[i + di, j + dj] = step
    unseen, cut = paths.get((n, m), (n + 1, []))
    return cut if len(cut) > 1 and unseen <= (n if word_for_word else 1) else None


def _profile(name: str, tally: Tally, texts: list[str], sources: list[str], params: EstimateParams, notes: dict,
             onto: Profile | None = None) -> Profile:
    """The counted swaps (added to `onto`'s) as profile pairs with weights and provenance, the pile's signature, and
    notes. Each pair also says how often its original occurs in the originals (`original_seen`, swapped or kept): the
    share of an original the spinner rewrites, which `identify` reads on texts of any topic."""
    from .discover import pile_keys

    earlier = onto.pairs if onto is not None else {}
    swaps = set(tally.pairs) | {(spun, original) for spun, originals in earlier.items() for original in originals}
    seen = occurrences(texts, {spun for spun, _ in swaps})
    in_sources = occurrences(sources, {original for _, original in swaps})
    many = tally.outcome["used"] + (onto.documents if onto is not None else 0) >= MANY_PAIRS
    pairs: dict[str, dict[str, dict]] = {}
    for spun, original in sorted(swaps):
        before = earlier.get(spun, {}).get(original, {})
        count = tally.pairs[spun, original] + before.get("count", 0)
        ids = list(dict.fromkeys(tally.documents.get((spun, original), [])))
        documents = len(ids) + before.get("documents", 0)
        if count < MIN_PHRASE_COUNT and " " in spun:
            tally.outcome["phrases_seen_once"] += 1
            continue
        if many and documents == 1 and all(w in FUNCTION_WORDS for w in f"{spun} {original}".split()):
            tally.outcome["function_swaps_seen_once"] += 1
            continue
        occurred = max(seen.get(spun, 0) + before.get("seen", 0), count)
        share = count / occurred
        if share < MIN_SHARE:
            tally.outcome["rare_swaps"] += 1
            continue
        weight = min(params.cap, params.bonus + math.log(share))
        pairs.setdefault(spun, {})[original] = {
            "count": count, "documents": documents, "seen": occurred,
            "original_seen": max(in_sources.get(original, 0) + before.get("original_seen", 0), count),
            "weight": round(weight, 3), "examples": ids[:EXAMPLES] or before.get("examples", [])}
    keys = pile_keys(texts)
    outcome = tally.outcome
    notes = {"learned_from": "pairs", **notes, "pairs_read": outcome.pop("read", 0),
             "used_documents": outcome.pop("used", 0), **outcome, "skipped": tally.skipped}
    words, signature = keys.words, keys.signature()
    if onto is not None:  # the earlier texts' counts, read and skipped, carry over
        for key, value in onto.notes.items():
            if isinstance(value, int) and not isinstance(value, bool) and key != "learned_pairs":
                notes[key] = notes.get(key, 0) + value
        words += onto.words
        signature = dict((Counter(onto.signature) + Counter(signature)).most_common())
    notes["learned_pairs"] = sum(map(len, pairs.values()))
    profile = make_profile(name, pairs, notes["used_documents"], words, notes)
    profile.signature = signature
    return profile
