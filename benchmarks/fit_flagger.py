"""Fit the screening flagger and its document calibration on our own generated spins, never on benchmark documents.

Same training text and spinners as the decider (benchmarks/training_mix.py), or with `--mix simulator` the simulator's
entries only. Every span with options is one example, labelled spun when the spinner rewrote its first word. The
shipped flaggers: the n-gram scorer's on the whole mix, the language model's on the simulator's spins (fitted on the
mix it flagged nothing in hand-spun paragraphs; docs/experiments.md). Writes src/unspin/data/flagger.json and the
`<scorer>-screen` entry of calibration.json. Then, for the language model, the thresholds of screening averaged with
a second reading (thorough.py: detect's look, and restore's reading for `detect --thorough`) for the same precision,
on the flagger just written and the decider of fit_decider.py (`--averaged-only` refits only those).

    python -m benchmarks.fit_flagger --scorer ngram
    python -m benchmarks.fit_flagger --scorer smollm2 --mix simulator [--docs 200] [--averaged-only]
"""
from __future__ import annotations

import json
import time

import numpy as np

from unspin.doc import Doc
from unspin.paths import DATA_DIR
from unspin.pipeline.calibration import CALIBRATED_MIN_WORDS
from unspin.pipeline.flagger import FLAG_FEATURES
from unspin.pipeline.restorer import get_restorer

from .fit_decider import (
    KNOWN_PHRASE_WEIGHT,
    _update_json,
    fit_arguments,
    fit_document_calibration,
    fit_logistic,
    sigmoid,
    training_documents,
)
from .training_mix import MIX, SIMULATOR_MIX, training_spins

HELD_OUT = 0.25
TARGET_PRECISION = 0.9  # flagged spans are shown to people: nine in ten should be spun
CONTROL_CARRIERS = 400  # clean expected phrases (fitting half of the list) thorough screening must not flag more of
CONTROL_SENTENCES = 12  # carriers per control paragraph for the look's threshold
CONTROL_BUDGET = 0.02  # ... than default screening does, or this share of them: a default screening that flags fewer
# (1.0% with the trigram's evidence, against 1.75% before) should not make thorough screening blind (threshold 0.62)


def read_spins(scorer: str, texts: list[str], half_b: frozenset[str], mix=MIX):
    """(document number, restorer, text to read, character offsets the spinner rewrote) per training document."""
    restorers = {True: get_restorer(fast=scorer == "ngram", withheld_heads=half_b, known_spinners=False),
                 False: get_restorer(fast=scorer == "ngram", known_spinners=False)}
    for spin in training_spins(texts, half_b, scorer, mix):
        yield spin.n, restorers[spin.unseen], spin.text, spin.spun_chars


def collect(scorer: str, texts: list[str], half_b: frozenset[str], mix=MIX
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows, labels (spun or not) and document numbers of every span with options."""
    xs, labels, owners = [], [], []
    for n, restorer, text, inside in read_spins(scorer, texts, half_b, mix):
        doc = Doc.from_text(text)
        ranked, x = restorer.screener.evidence(doc, restorer.screen_candidates(doc))
        xs.append(x)
        labels.extend(doc.tokens[r.token].start in inside for r in ranked)
        owners.extend([n] * len(ranked))
    return np.concatenate(xs), np.array(labels, dtype=np.float64), np.array(owners)


def fit_averaged(scorer: str, texts: list[str], half_b: frozenset[str], mix=MIX, thorough: bool = True) -> dict:
    """The averaged probability at which screening averaged with a second reading (thorough.py: restore's with
    `thorough`, else detect's look) flags spans right TARGET_PRECISION of the time, on the first three quarters of
    `texts` (like the flagger's threshold), raised until it flags no more clean scientific phrases than the default
    screening or CONTROL_BUDGET (carriers of the list's fitting half, that half withheld: at the target precision
    alone, thorough screening flagged more of them); and what it gives on the last quarter."""
    scores, labels, owners = [], [], []
    for n, restorer, text, inside in read_spins(scorer, texts, half_b, mix):
        spans = restorer.detect(text, span_threshold=0.0, thorough=thorough).spans
        scores.extend(s.confidence for s in spans)
        labels.extend(s.start in inside for s in spans)
        owners.extend([n] * len(spans))
    p, y = np.array(scores), np.array(labels, dtype=np.float64)
    train = _fitting_part(owners, texts)
    threshold = threshold_for(p[train], y[train])
    default, averaged = _control_scores(scorer, thorough)
    allowed = max(np.mean(default), CONTROL_BUDGET)
    while threshold < 0.95 and np.mean(averaged >= threshold) > allowed:
        threshold = round(threshold + 0.01, 2)
    controls = {"default": round(float(np.mean(default)), 4), "allowed": round(float(allowed), 4),
                "averaged": round(float(np.mean(averaged >= threshold)), 4)}
    return {"threshold": threshold, "held_out": evaluate(p[~train], y[~train], threshold), "controls": controls}


def fit_look_own(scorer: str, texts: list[str], half_b: frozenset[str], mix=MIX) -> dict:
    """The decider probability from which detect's look flags a site alone (thorough.py `site_lift`), right
    TARGET_PRECISION of the time over its sites in the first three quarters of `texts` (those of 60 words or more,
    which the look reads); and what it gives on the last quarter."""
    scores, labels, owners = [], [], []
    for n, restorer, text, inside in read_spins(scorer, texts, half_b, mix):
        doc = Doc.from_text(text)
        if doc.word_count < CALIBRATED_MIN_WORDS:
            continue
        sites, _ = restorer.look.read(doc, restorer.look_candidates(doc))
        scores.extend(max(s.p) for s in sites)
        labels.extend(doc.tokens[s.start].start in inside for s in sites)
        owners.extend([n] * len(sites))
    p, y = np.array(scores), np.array(labels, dtype=np.float64)
    train = _fitting_part(owners, texts)
    threshold = threshold_for(p[train], y[train])
    return {"threshold": threshold, "held_out": evaluate(p[~train], y[~train], threshold)}


def _control_scores(scorer: str, thorough: bool) -> tuple[np.ndarray, np.ndarray]:
    """Per clean carrier of the list's fitting half: whether default screening flags its expected phrase (each
    sentence alone: the flagger's own threshold), and the highest averaged probability of a span overlapping it,
    read alone with `thorough`, else in paragraphs of CONTROL_SENTENCES (the look reads texts of 60 words or more)."""
    from .carriers import list_half, load_carriers, sample_carriers

    chosen, phrases = list_half(load_carriers(), held=False)
    chosen = sample_carriers(chosen, CONTROL_CARRIERS, seed=1)
    restorer = get_restorer(fast=scorer == "ngram", withheld_phrases=phrases, known_spinners=False)

    def highest(spans, a: int, b: int) -> float:
        return max([s.confidence for s in spans if s.start < b and a < s.end] or [0.0])

    alone = restorer.detect_many([c.clean for c in chosen])
    default = [highest(d.spans, *c.clean_span) > 0 for c, d in zip(chosen, alone)]
    averaged = []
    size = 1 if thorough else CONTROL_SENTENCES
    for k in range(0, len(chosen), size):
        group, starts, at = chosen[k : k + size], [], 0
        for c in group:
            starts.append(at)
            at += len(c.clean) + 1
        spans = restorer.detect(" ".join(c.clean for c in group), span_threshold=0.0, thorough=thorough).spans
        averaged.extend(highest(spans, at + c.clean_span[0], at + c.clean_span[1]) for at, c in zip(starts, group))
    return np.array(default, dtype=np.float64), np.array(averaged)


def _fitting_part(owners, texts: list[str]) -> np.ndarray:
    """Which rows (by their document numbers) a threshold is fitted on: the first 1 - HELD_OUT of the documents."""
    return np.asarray(owners) < int(len(texts) * (1 - HELD_OUT))


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    w = fit_logistic(x, y)
    # Training spins contain no listed tortured phrases; a listed phrase is near-certain evidence, set not fitted.
    w[FLAG_FEATURES.index("tortured")] = KNOWN_PHRASE_WEIGHT
    return w


def probabilities(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return sigmoid(x @ w)


def threshold_for(p: np.ndarray, y: np.ndarray, precision: float = TARGET_PRECISION) -> float:
    """The lowest probability at which flagged spans are right at least `precision` of the time."""
    for t in np.arange(30, 96) / 100:
        flagged = p >= t
        if flagged.any() and y[flagged].mean() >= precision:
            return float(t)
    return 0.95


def evaluate(p: np.ndarray, y: np.ndarray, threshold: float) -> dict:
    """Precision and recall over spans with options at `threshold`, and the best recall at the target precision."""
    flagged = p >= threshold
    order = np.argsort(-p)
    hits = np.cumsum(y[order])
    precise = hits / np.arange(1, len(p) + 1) >= TARGET_PRECISION
    return {"precision": round(float(y[flagged].mean()) if flagged.any() else 0.0, 4),
            "recall": round(float(y[flagged].sum() / max(1, y.sum())), 4),
            "recall_at_target": round(float(hits[precise].max() / max(1, y.sum())) if precise.any() else 0.0, 4)}


def main() -> None:
    args, half_b = fit_arguments(__doc__, 200, keeps="flagger", averaged=True, mixes=True)
    texts = training_documents(args.docs, seed=2)
    mix = SIMULATOR_MIX if args.mix == "simulator" else MIX
    for scorer in (["ngram", "smollm2"] if args.scorer == "both" else [args.scorer]):
        t0 = time.time()
        if args.averaged_only:
            if scorer == "smollm2":
                _write_averaged(scorer, texts, half_b, mix)
            continue
        if args.calibration_only:
            _update_json(DATA_DIR / "calibration.json", f"{scorer}-screen",
                         fit_document_calibration(scorer, half_b, reading="screen"))
            continue
        x, y, owners = collect(scorer, texts, half_b, mix)
        train = _fitting_part(owners, texts)
        w = fit(x[train], y[train])
        threshold = threshold_for(probabilities(x[train], w), y[train])
        held_out = evaluate(probabilities(x[~train], w), y[~train], threshold)
        w = fit(x, y)  # the shipped weights use every document
        threshold = threshold_for(probabilities(x, w), y)
        entry = {"weights": {f: round(float(v), 4) for f, v in zip(FLAG_FEATURES, w)}, "threshold": threshold,
                 "prior": round(float(y.mean()), 4),
                 "fit": {"held_out": held_out, "spans": len(y), "documents": len(texts)}}
        _update_json(DATA_DIR / "flagger.json", scorer, entry)
        _update_json(DATA_DIR / "calibration.json", f"{scorer}-screen",
                     fit_document_calibration(scorer, half_b, reading="screen"))
        print(f"{scorer}: fitted in {time.time() - t0:.0f}s; threshold {threshold}; held-out {held_out}")
        if scorer == "smollm2":  # --fast has neither second reading (a look would take it below its speed target)
            _write_averaged(scorer, texts, half_b, mix)


def _write_averaged(scorer: str, texts: list[str], half_b: frozenset[str], mix=MIX) -> None:
    """The thresholds of screening averaged with detect's look and with restore's reading (--thorough), each read
    without the look's own flags, then the look's own."""
    path = DATA_DIR / "flagger.json"
    entry = json.loads(path.read_text())[scorer]
    entry.pop("look_own_threshold", None)
    _update_json(path, scorer, entry)
    for reading in ("look", "thorough", "look_own"):
        fitted = (fit_look_own(scorer, texts, half_b, mix) if reading == "look_own" else
                  fit_averaged(scorer, texts, half_b, mix, thorough=reading == "thorough"))
        entry = json.loads(path.read_text())[scorer]
        entry[f"{reading}_threshold"] = fitted["threshold"]
        entry["fit"].update({f"{reading}_{k}": v for k, v in fitted.items() if k != "threshold"})
        _update_json(path, scorer, entry)
        print(f"{scorer}: {reading} threshold {fitted['threshold']}; held-out {fitted['held_out']}")


if __name__ == "__main__":
    main()
