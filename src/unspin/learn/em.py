"""EM over the noisy channel: learn a spinner's substitution table from unlabeled spun documents.

Round r decodes every document with the profile of round r-1 (E-step: expected counts of spun key -> original
from the decoder's site probabilities) and re-estimates the pair weights from counts that several documents
support (M-step). Per-document counts are persisted, so an interrupted run resumes; duplicates count once, and
another spin of a story already read is set aside (pile.py).
"""
from __future__ import annotations

import copy
import hashlib
import json
import statistics
from collections.abc import Callable, Iterable
from pathlib import Path

from ..profile import Profile, load_profile
from .estep import document_counts
from .estimate import EstimateParams, estimate, make_profile, occurrences, pool_counts
from .known import known_proposals
from .pile import distinct_stories, distinct_texts
from .store import CountStore

STATE_VERSION = 1
LOW_RATE = 0.02  # documents whose estimated spin rate is below this look unspun

Progress = Callable[[str, int, int], None]


def with_learned(restorer, learned: dict[str, list[tuple[str, float]]], sure: frozenset[tuple[str, str]] = frozenset()):
    """A shallow copy of `restorer` whose candidate generators (restore's, screening's, the look's) read `learned`
    pairs (the `sure` ones weighed as listed phrases) in place of their own; models, thesauri and settings shared."""
    out = copy.copy(restorer)
    out.candidates = restorer.candidates.with_learned(learned, sure)
    out.screen_candidates = restorer.screen_candidates.with_learned(learned, sure)
    out.look_candidates = restorer.look_candidates and restorer.look_candidates.with_learned(learned, sure)
    return out


def _fingerprint(restorer, learned: dict, withheld: frozenset[str]) -> str:
    blob = json.dumps({"v": STATE_VERSION, "scorer": getattr(restorer.scorer, "name", "?"),
                       "withheld": hashlib.sha1("\n".join(sorted(withheld)).encode()).hexdigest(),
                       "learned": sorted((k, sorted(v)) for k, v in learned.items())}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def _table(pairs: dict[str, dict[str, dict]]) -> dict[str, list[tuple[str, float]]]:
    return Profile(pairs=pairs).learned()


def learn(texts: Iterable, *, fast: bool = False, base: Profile | str | Path | None = None,
          progress: Progress | None = None, rounds: int = 1, name: str = "profile",
          state: str | Path | None = None, restorer=None, withheld_heads: frozenset[str] = frozenset(),
          params: EstimateParams | None = None, discover: bool = True, known: dict[str, Profile] | None = None
          ) -> Profile:
    """Learn a spinner profile from `texts` (strings or (id, text) pairs) of one spinner's output.

    base: a profile to start from (its pairs are kept unless re-estimated). discover: propose pairs from the pile's
    over-used phrases, and the `known` spinners' pairs (default: the shipped ones) the pile shows. state:
    a SQLite file for per-document counts (resume). rounds: one by default; more were measured worse (the decoder
    accepts a site by threshold, so re-estimated weights below the first round's shrink the counts round after
    round). restorer: the restorer to decode with (default: the shared one for `fast`). The returned profile's
    `notes` say what was read, skipped and learned; its `signature` lists the keys the pile over-uses (for
    `identify`).
    """
    params = params or EstimateParams()
    pile, duplicates = distinct_texts(texts)
    pile, retold = distinct_stories(pile)
    notes: dict = {"scorer": "ngram" if fast else "smollm2", "rounds": rounds, "distinct_documents": len(pile),
                   "duplicates": duplicates, "retold": retold}
    base_profile = load_profile(base) if isinstance(base, (str, Path)) else base
    base_pairs = copy.deepcopy(base_profile.pairs) if base_profile else {}
    if not pile:
        notes.update(used_documents=0, short=0, not_english=0)
        return make_profile(name, base_pairs, 0, 0, notes)
    if restorer is None:
        from ..pipeline.restorer import get_restorer

        restorer = get_restorer(fast=fast, withheld_heads=frozenset(withheld_heads))
    store = CountStore(state)
    from .discover import pile_keys, propose_pairs

    keys = pile_keys([p.text for p in pile])
    proposals, from_known = {}, {}
    if discover:
        proposals = propose_pairs(keys, restorer, progress=progress)
        from_known = known_proposals(keys.occ, known, shown=keys.shows_swap)
        notes["proposed_pairs"] = sum(len(v) for v in proposals.values())
        proposals = _merge(from_known, proposals)
        notes["known_pairs_proposed"] = sum(len(v) for v in proposals.values()) - notes["proposed_pairs"]
    current = _merge(base_pairs, proposals)
    records: dict[str, dict] = {}
    try:
        for r in range(1, max(1, rounds) + 1):
            table = _table(current)
            decoding = with_learned(restorer, table)
            fp = _fingerprint(restorer, table, frozenset(withheld_heads))
            records.update(_decode_round(pile, decoding, store, r, fp, progress, f"round {r}/{rounds}"))
            used = [p for p in pile if records[p.key]["status"] == "ok"]
            pooled = pool_counts((records[p.key] for p in used), params)
            seen = occurrences((p.text for p in used), {s for s, _ in pooled})
            learned = estimate(pooled, seen, params, _base_channel(restorer), len(used),
                               sum(records[p.key]["words"] for p in used))
            current = _merge(base_pairs, learned)
    finally:
        store.close()
    used_recs = [records[p.key] for p in pile if records[p.key]["status"] == "ok"]
    notes.update(_read_notes(records, used_recs), learned_pairs=sum(len(v) for v in current.values()),
                 known_pairs_learned=sum(o in from_known.get(s, ()) for s, v in current.items() for o in v))
    profile = make_profile(name, current, len(used_recs), sum(rec["words"] for rec in used_recs), notes)
    profile.signature = keys.signature()
    profile.signature_documents = {key: keys.documents_holding(key) for key in profile.signature}
    profile.scarce = keys.scarce()
    return profile


def _decode_round(pile, decoding, store: CountStore, r: int, fp: str, progress: Progress | None, label: str
                  ) -> dict[str, dict]:
    """Each document's counts in round r: from the state file where this round and fingerprint left them, else
    decoded now and stored (so a stopped run resumes)."""
    records: dict[str, dict] = {}
    for done, item in enumerate(pile, start=1):
        rec = store.get(r, fp, item.key)
        if rec is None:
            rec = document_counts(decoding, item.text)
            store.put(r, fp, item.key, rec)
        records[item.key] = rec
        if progress:
            progress(label, done, len(pile))
    store.flush()
    return records


def _read_notes(records: dict[str, dict], used: list[dict]) -> dict:
    """What the profile's notes say of the pile: documents used, skipped and why, how spun they looked."""
    rates = [rec["rate"] for rec in used]
    return dict(
        used_documents=len(used),
        short=sum(rec["status"] == "short" for rec in records.values()),
        not_english=sum(rec["status"] == "not-english" for rec in records.values()),
        look_unspun=sum(rate < LOW_RATE for rate in rates),
        median_spin_rate=round(statistics.median(rates), 4) if rates else 0.0,
    )


def _merge(base: dict, learned: dict) -> dict:
    out = copy.deepcopy(base)
    for spun, originals in learned.items():
        out.setdefault(spun, {}).update(originals)
    return out


def _base_channel(restorer):
    """(spun, original) -> the channel weight the thesauri already give the pair, or None."""
    gen = restorer.candidates

    def channel(spun: str, original: str) -> float | None:
        try:
            found = gen._lookup(spun, " " not in spun)
        except Exception:  # noqa: BLE001 - a missing lookup only means no thesaurus weight to compare with
            return None
        for o, ch, *_ in found:
            if o == original:
                return ch
        return None

    return channel
