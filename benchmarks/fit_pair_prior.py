"""Fit the pair prior (src/unspin/thesaurus/prior.py) on our own training spins, never on benchmark documents.

The training mix of the other fits (benchmarks/training_mix.py: the simulator, and half A of the real spinners'
dictionaries): every gold span whose spun words the thesauri pair with its original is one choice among every
original they pair with those words, as the table the document's restorer reads has them. A conditional logit
over the pair's evidence picks the spinner's original. Held-out documents report how often the original is among
a key's best k originals, hand-set against fitted weights; the shipped weights use every document. Writes
src/unspin/data/pair_prior.json; the reverse index is rebuilt with them on its next load.

    python -m benchmarks.fit_pair_prior [--docs 300]
"""
from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict

import numpy as np

from unspin.frequency import zipf
from unspin.thesaurus.index import pair_table, phrase_length, thesaurus_tables
from unspin.thesaurus.moby import load_moby
from unspin.thesaurus.prior import DEFAULT_WEIGHTS, FEATURES, PRIOR_FILE, pair_features

from .fit_decider import _update_json, training_documents
from .fit_preselect import fit_choice
from .settings import in_half_a
from .training_mix import training_spins

HELD_OUT = 0.25
TOP = (1, 4, 16, 24)  # 24: the originals the index keeps per key; 16: the direct pairs a span keeps


def originals_by_key(withheld_heads: frozenset[str]) -> tuple[dict[str, list[tuple[str, int]]], dict[str, int]]:
    """Spun key -> [(original, source bits)] over every table, and each original's synonym count."""
    pairs, fanout = pair_table(thesaurus_tables(withheld_heads))
    by_key: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (spun, original), bits in pairs.items():
        by_key[spun].append((original, bits))
    return by_key, fanout


def collect(texts: list[str], half_b: frozenset[str]) -> list[tuple[np.ndarray, int, int, str]]:
    """(features of a key's originals, the gold one's row or -1, document number, spinner) per gold span."""
    tables = {unseen: originals_by_key(half_b if unseen else frozenset()) for unseen in (False, True)}
    rows = []
    for spin in training_spins(texts, half_b, "pair prior"):
        by_key, fanout = tables[spin.unseen]
        family = "simulator" if spin.spinner.startswith(("moby", "phrase")) else "dictionary"
        for gold in spin.gold:
            key, truth = spin.text[gold.start:gold.end].lower(), gold.original.lower()
            options = by_key.get(key, [])
            x = np.array([pair_features(bits, fanout.get(o, 1), zipf(o), phrase_length(o), phrase_length(key))
                          for o, bits in options]).reshape(len(options), len(FEATURES))
            label = next((n for n, (o, _) in enumerate(options) if o == truth), -1)
            rows.append((x, label, spin.n, family))
    return rows


def recall_at(rows, weights: np.ndarray) -> dict[str, dict[str, float]]:
    """Per spinner family, the share of gold spans whose original is among its key's best k originals."""
    found: Counter = Counter()
    spans: Counter = Counter()
    for x, label, _, family in rows:
        spans[family] += 1
        if label >= 0:
            scores = x @ weights
            rank = int((scores > scores[label]).sum())
            for k in TOP:
                found[family, k] += rank < k
    return {family: {f"top{k}": round(found[family, k] / n, 4) for k in TOP} for family, n in spans.items()}


def fit(rows) -> np.ndarray:
    return fit_choice([(x, label, n) for x, label, n, _ in rows if label >= 0], ridge=0.1, iters=100,
                      unchanged=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    args = ap.parse_args()
    t0 = time.time()
    half_b = frozenset(h for h in load_moby() if not in_half_a(h))
    texts = training_documents(args.docs, seed=2)
    rows = collect(texts, half_b)
    cut = int(len(texts) * (1 - HELD_OUT))
    test = [r for r in rows if r[2] >= cut]
    hand = np.array([DEFAULT_WEIGHTS[f] for f in FEATURES])
    report = {"hand_set": recall_at(test, hand), "fitted": recall_at(test, fit([r for r in rows if r[2] < cut]))}
    weights = fit(rows)
    entry = {"weights": {f: round(float(v), 4) for f, v in zip(FEATURES, weights)},
             "fit": {"held_out": report, "spans": len(rows), "documents": len(texts)}}
    _update_json(PRIOR_FILE, "pair_prior", entry)
    print(f"fitted in {time.time() - t0:.0f}s on {len(rows)} spans; held out: {report}")


if __name__ == "__main__":
    main()
