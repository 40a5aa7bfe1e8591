"""The M-step: pair weights from expected counts, trusting only pairs that several documents support.

weight = BONUS + log(expected count / occurrences of the spun key), capped: the log-odds-like share of the
spun key's occurrences the spinner wrote for this original, shifted so that a pair the spinner always uses
sits well above thesaurus pairs (about -3..+1) and below known tortured phrases (6).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..doc import Doc, key_joins
from ..profile import Profile
from .phrases import phrase_rate

BONUS = 5.0  # log-weight of a pair the spinner always writes for its key
MAX_KEY_WORDS = 9  # as the candidate generator's longest learned key


@dataclass(frozen=True)
class EstimateParams:
    min_documents: int = 3  # a pair must be found in this many documents (or this share of the pile) ...
    min_document_share: float = 0.01
    min_count: float = 3.0  # ... with at least this expected count in all
    doc_evidence: float = 0.3  # a document "finds" a pair when its expected count there reaches this
    per_document_cap: float = 3.0  # one document cannot carry a pair by repeating it
    bonus: float = BONUS
    cap: float = 5.9
    min_weight: float = -0.5  # weaker pairs add nothing over the thesauri
    min_share_of_best: float = 0.3  # an original needs this share of the count of the key's most counted one


@dataclass
class PairStats:
    count: float = 0.0
    documents: int = 0


def pool_counts(records: Iterable[dict], params: EstimateParams) -> dict[tuple[str, str], PairStats]:
    """Expected counts over the pile, each document's share of a pair capped."""
    pooled: dict[tuple[str, str], PairStats] = {}
    for rec in records:
        for spun, original, c in rec.get("pairs", ()):
            st = pooled.setdefault((spun, original), PairStats())
            st.count += min(float(c), params.per_document_cap)
            st.documents += float(c) >= params.doc_evidence
    return pooled


@lru_cache(maxsize=16)
def _reach(keys: frozenset[str]) -> tuple[int, frozenset[str]]:
    """The longest key's length in words, and every key's beginnings: a phrase is read on from a word only while it
    is the start of some key (worked out once per key set: every text restore reads is matched to the same one)."""
    longest = min(MAX_KEY_WORDS, max((k.count(" ") + 1 for k in keys), default=0))
    return longest, frozenset(" ".join(k.split(" ")[:n]) for k in keys
                              for n in range(1, min(longest, k.count(" ") + 1) + 1))


def occurrences(texts: Iterable[str | Doc], keys: set[str]) -> dict[str, int]:
    """How often each key (a lowercase word or phrase) occurs in the texts (or their Docs, already read), as the
    candidate generator sees it."""
    longest, prefixes = _reach(frozenset(keys))
    out = dict.fromkeys(keys, 0)
    for text in texts:
        doc = text if isinstance(text, Doc) else Doc.from_text(text)
        toks = doc.tokens
        for i, tok in enumerate(toks):
            if not tok.is_word_or_number or tok.lower not in prefixes:
                continue
            key, j = tok.lower, i + 1
            while True:
                if key in out:
                    out[key] += 1
                if j - i >= longest or j >= len(toks) or not key_joins(doc.text, toks[j - 1], toks[j]):
                    break
                key = f"{key} {toks[j].lower}"
                if key not in prefixes:
                    break
                j += 1
    return out


def estimate(pooled: dict[tuple[str, str], PairStats], seen: dict[str, int], params: EstimateParams,
             base_channel: Callable[[str, str], float | None] | None = None, documents: int = 0, words: int = 0
             ) -> dict[str, dict[str, dict]]:
    """Profile pairs {spun: {original: {count, documents, seen, weight}}} from pooled counts of `documents`.

    With the pile's size in `words`, a key's share of spun occurrences is capped by its over-use: a pile that
    uses "also" as often as English does cannot have spun many of them, whatever the decoder counted."""
    min_documents = max(params.min_documents, math.ceil(params.min_document_share * documents))
    pairs: dict[str, dict[str, dict]] = {}
    best: dict[str, float] = {}
    for (spun, _), st in pooled.items():
        best[spun] = max(best.get(spun, 0.0), st.count)
    for (spun, original), st in pooled.items():
        if st.documents < min_documents or st.count < max(params.min_count,
                                                                   params.min_share_of_best * best[spun]):
            continue
        n = max(seen.get(spun, 0), st.count)
        share = min(st.count / n, _spun_share(spun, n, words)) if words else st.count / n
        if share <= 0:
            continue
        weight = min(params.cap, params.bonus + math.log(share))
        if weight < params.min_weight:
            continue
        if base_channel is not None:
            known = base_channel(spun, original)
            if known is not None and known >= weight:
                continue  # the thesauri already trust this pair as much
        pairs.setdefault(spun, {})[original] = {"count": round(st.count, 2), "documents": st.documents,
                                                "seen": int(n), "weight": round(weight, 3)}
    return pairs


def _spun_share(key: str, count: int, words: int) -> float:
    """The share of a key's occurrences its over-use leaves to the spinner: 1 - English's rate / the pile's."""
    return 1.0 - phrase_rate(key) * words / count


def make_profile(name: str, pairs: dict, documents: int, words: int, notes: dict | None = None) -> Profile:
    return Profile(name=name, documents=documents, words=words, notes=notes or {}, pairs=pairs)
