"""The pre-selection fit: a conditional logit against "unchanged" recovers the weights that made the choices."""
import numpy as np
from benchmarks.fit_preselect import evaluate, fit_choice, margin_for

from unspin.pipeline.preselect import OPTION_FEATURES


def _choices(w_true, n=1500, seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(n):
        x = rng.normal(size=(rng.integers(2, 6), len(OPTION_FEATURES)))
        x[:, 0] = 1.0
        u = np.concatenate([[0.0], x @ w_true]) + rng.gumbel(size=len(x) + 1)
        rows.append((x, int(np.argmax(u)) - 1, k))
    return rows


def test_fit_recovers_planted_weights_and_ranks_better_than_chance():
    w_true = np.zeros(len(OPTION_FEATURES))
    w_true[:3] = [-1.0, 2.0, -1.5]
    rows = _choices(w_true)
    w = fit_choice(rows, ridge=0.1)
    assert np.allclose(w[:3], w_true[:3], atol=0.35)
    assert np.abs(w[3:]).max() < 0.35
    report = evaluate(rows, w, margin_for(rows, w, 0.5))
    assert report["original_on_top"] > 0.7
    assert abs(report["clean_tried"] - 0.5) < 0.02


def test_a_plain_choice_recovers_planted_weights_without_an_unchanged_alternative():
    w_true = np.zeros(len(OPTION_FEATURES))
    w_true[1:3] = [2.0, -1.5]
    rng = np.random.default_rng(1)
    rows = []
    for k in range(1500):
        x = rng.normal(size=(rng.integers(2, 6), len(OPTION_FEATURES)))
        rows.append((x, int(np.argmax(x @ w_true + rng.gumbel(size=len(x)))), k))
    w = fit_choice(rows, ridge=0.1, unchanged=False)
    assert np.allclose(w[1:3], w_true[1:3], atol=0.35)
    assert np.abs(w[[0, *range(3, len(w))]]).max() < 0.35
