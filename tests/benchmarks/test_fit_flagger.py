"""The flagger fit: its threshold meets the precision asked for, and the report measures what it says."""
import numpy as np
from benchmarks.fit_flagger import evaluate, threshold_for


def test_threshold_is_the_lowest_that_reaches_the_precision():
    p = np.array([0.95, 0.9, 0.8, 0.7, 0.6, 0.5])
    y = np.array([1, 1, 1, 0, 1, 0], dtype=float)
    assert threshold_for(p, y, precision=1.0) == 0.71  # the grid runs in steps of 0.01
    assert threshold_for(p, y, precision=0.75) == 0.51


def test_evaluate_counts_precision_recall_and_recall_at_the_target():
    p = np.array([0.95, 0.9, 0.8, 0.7, 0.6, 0.5])
    y = np.array([1, 1, 0, 1, 1, 0], dtype=float)
    report = evaluate(p, y, 0.75)
    assert report["precision"] == round(2 / 3, 4)
    assert report["recall"] == 0.5
    assert report["recall_at_target"] == 0.5  # the top two are right; adding the third drops precision to 2/3
