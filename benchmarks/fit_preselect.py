"""Fit the pre-selection ranker on our own generated spins, never on benchmark documents.

Same training text and spinners as the decider (benchmarks/training_mix.py). Every span with candidates is one
choice among its options and "unchanged"; the label is the spinner's original when it is among the options,
"unchanged" on clean words (spun words whose original is missing are left out: no option is right). Writes
the `ngram` and `smollm2` entries of src/unspin/data/preselect.json; its `<scorer>-screen` entries, which screening
reads, are kept as they are: they were fitted on the simulator's spins for the screening flagger they serve (their
`fitted_on` says which), and no script here refits them.

    python -m benchmarks.fit_preselect [--scorer ngram|smollm2|both] [--docs 200]
"""
from __future__ import annotations

import time

import numpy as np

from unspin.doc import Doc
from unspin.paths import DATA_DIR
from unspin.pipeline.preselect import DEFAULT_MARGIN, DEFAULT_WEIGHTS, OPTION_FEATURES
from unspin.pipeline.restorer import get_restorer

from .fit_decider import _update_json, fit_arguments, training_documents
from .training_mix import training_spins

HELD_OUT = 0.25  # share of documents kept aside to compare the fit with the hand-set weights


def collect(scorer: str, texts: list[str], half_b: frozenset[str]) -> list[tuple[np.ndarray, int, int]]:
    """(option features, gold option or -1 for unchanged, document number) per span with candidates."""
    restorers = {True: get_restorer(fast=scorer == "ngram", withheld_heads=half_b, known_spinners=False),
                 False: get_restorer(fast=scorer == "ngram", known_spinners=False)}
    rows = []
    for spin in training_spins(texts, half_b, scorer):
        n, restorer, spun = spin.n, restorers[spin.unseen], spin.text
        gold_at = {g.start: (g.end, g.original.lower()) for g in spin.gold}
        inside = spin.spun_chars
        decoder = restorer.decoder
        decoder.record, second = [], decoder.params.second_pass
        decoder.params.second_pass = False  # pre-selection sees only the first pass
        try:
            doc = Doc.from_text(spun)
            decoder.sites(doc, restorer.candidates(doc))
            records = decoder.record
        finally:
            decoder.record, decoder.params.second_pass = None, second
        for _, i, cands, x in records:
            tok = doc.tokens[i]
            if tok.start in gold_at:
                end, original = gold_at[tok.start]
                match = [v for v, c in enumerate(cands)
                         if c.original.lower() == original and doc.tokens[c.end - 1].end == end]
                if match:
                    rows.append((x, match[0], n))
            elif tok.start not in inside:
                rows.append((x, -1, n))
    return rows


def fit_choice(rows, ridge: float = 1.0, iters: int = 60, unchanged: bool = True) -> np.ndarray:
    """Damped Newton for a conditional logit whose "unchanged" alternative scores 0 (L2 on all but `change`); with
    `unchanged` False, a plain choice among the options (L2 on every weight)."""
    x = np.concatenate([r[0] for r in rows])
    sizes = np.array([len(r[0]) for r in rows])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    gold = np.array([s + r[1] for s, r in zip(starts, rows) if r[1] >= 0])
    reg = np.full(x.shape[1], ridge)
    if unchanged:
        reg[OPTION_FEATURES.index("change")] = 0.0
    floor = 0.0 if unchanged else -np.inf  # the "unchanged" alternative's score, or none

    def loss(w):
        u = x @ w
        top = np.maximum(floor, np.maximum.reduceat(u, starts))
        norm = top + np.log(np.exp(floor - top) + np.add.reduceat(np.exp(u - top.repeat(sizes)), starts))
        return norm.sum() - u[gold].sum() + 0.5 * (reg * w * w).sum()

    w = np.zeros(x.shape[1])
    current = loss(w)
    for _ in range(iters):
        u = x @ w
        top = np.maximum(floor, np.maximum.reduceat(u, starts)).repeat(sizes)
        e = np.exp(u - top)
        p = e / (np.exp(floor - top) + np.add.reduceat(e, starts).repeat(sizes))
        mean = np.add.reduceat(p[:, None] * x, starts)  # sum_j p_j x_j per span
        grad = mean.sum(0) - x[gold].sum(0) + reg * w
        hess = (x * p[:, None]).T @ x - mean.T @ mean + np.diag(reg + 1e-6)
        step, scale = np.linalg.solve(hess, grad), 1.0
        while scale > 1e-4 and loss(w - scale * step) > current:
            scale /= 2
        w -= scale * step
        previous, current = current, loss(w)
        if previous - current < 1e-6 * max(1.0, abs(current)):
            break
    return w


def evaluate(rows, w: np.ndarray, margin: float) -> dict:
    """How often the original is the top option, and how many spans of either kind pass the margin."""
    top = passed = spun = clean = clean_passed = 0
    for x, label, _ in rows:
        s = x @ w
        best = int(np.argmax(s))
        if label >= 0:
            spun += 1
            top += best == label
            passed += best == label and s[best] > margin
        else:
            clean += 1
            clean_passed += s[best] > margin
    return {"original_on_top": round(top / max(1, spun), 4), "original_tried": round(float(passed) / max(1, spun), 4),
            "clean_tried": round(float(clean_passed) / max(1, clean), 4)}


def margin_for(rows, w: np.ndarray, clean_share: float) -> float:
    """The margin that sends the same share of clean spans to the second pass as the hand-set ranker did."""
    best = np.sort([max(x @ w) for x, label, _ in rows if label < 0])
    return float(best[min(len(best) - 1, int(len(best) * (1 - clean_share)))])


def main() -> None:
    args, half_b = fit_arguments(__doc__, 200)
    texts = training_documents(args.docs, seed=1)
    default = np.array([DEFAULT_WEIGHTS[f] for f in OPTION_FEATURES])
    for scorer in (["ngram", "smollm2"] if args.scorer == "both" else [args.scorer]):
        t0 = time.time()
        rows = collect(scorer, texts, half_b)
        cut = int(len(texts) * (1 - HELD_OUT))
        train, test = [r for r in rows if r[2] < cut], [r for r in rows if r[2] >= cut]
        w = fit_choice(train)
        hand = evaluate(train, default, DEFAULT_MARGIN)
        margin = margin_for(train, w, hand["clean_tried"])
        report = {"fitted": evaluate(test, w, margin), "hand_set": evaluate(test, default, DEFAULT_MARGIN)}
        w = fit_choice(rows)  # the shipped weights use every document
        margin = margin_for(rows, w, evaluate(rows, default, DEFAULT_MARGIN)["clean_tried"])
        entry = {"weights": {f: round(float(v), 4) for f, v in zip(OPTION_FEATURES, w)}, "margin": round(margin, 3),
                 "fit": {**report, "spans": len(rows), "documents": len(texts)}}
        _update_json(DATA_DIR / "preselect.json", scorer, entry)
        print(f"{scorer}: fitted in {time.time() - t0:.0f}s; held-out {report}")


if __name__ == "__main__":
    main()
