"""Benchmark metrics on small cases with known answers."""
import itertools
import random

import bench_fixtures  # noqa: F401
import pytest

from benchmarks import metrics


def slow_levenshtein(a, b):
    d = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, d[0] = d[0], i
        for j, y in enumerate(b, 1):
            prev, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, prev + (x != y))
    return d[-1]


def test_edit_distance_known_cases():
    assert metrics.edit_distance("a b c".split(), "a x c".split()) == 1
    assert metrics.edit_distance("a b c d".split(), "a c".split()) == 2
    assert metrics.edit_distance([], ["a", "b"]) == 2
    assert metrics.edit_distance(["a"], []) == 1
    assert metrics.edit_distance(list("kitten"), list("sitting")) == 3


def test_edit_distance_matches_the_textbook_algorithm():
    rng = random.Random(0)
    for _ in range(200):
        a = [rng.choice("abcd") for _ in range(rng.randrange(12))]
        b = [rng.choice("abcd") for _ in range(rng.randrange(12))]
        assert metrics.edit_distance(a, b) == slow_levenshtein(a, b)


def test_wer_and_error_reduction():
    original = "The country was at war."
    spun = "The rural used to be at combat."
    assert metrics.wer_errors(spun, original) == (5, 5)  # 3 substitutions, 2 insertions
    assert metrics.wer_errors("The country was at combat.", original) == (1, 5)
    assert metrics.error_reduction(4, 1) == pytest.approx(0.75)
    assert metrics.error_reduction(0, 0) == 0.0
    assert metrics.error_reduction(4, 8) == pytest.approx(-1.0)


def test_word_span_counts_and_damage():
    text = "The rural used to be at combat."
    gold = [(4, 9), (10, 20), (24, 30)]        # rural / used to be / combat
    predicted = [(4, 9), (0, 3)]               # rural (right) and The (a clean word changed)
    c = metrics.word_span_counts(text, predicted, gold)
    assert c == {"tp": 1, "fp": 1, "fn": 4, "clean_words": 2, "clean_changed": 1}
    assert metrics.prf(c["tp"], c["fp"], c["fn"]) == pytest.approx({"precision": 0.5, "recall": 0.2,
                                                                      "f1": 2 * 0.5 * 0.2 / 0.7})
    assert metrics.span_overlap_counts(predicted, gold) == {"pred": 2, "pred_hit": 1, "gold": 3, "gold_found": 1}


def test_auroc_and_document_detection():
    assert metrics.auroc([0.9, 0.8, 0.1, 0.2], [1, 1, 0, 0]) == 1.0
    assert metrics.auroc([0.1, 0.2, 0.9, 0.8], [1, 1, 0, 0]) == 0.0
    assert metrics.auroc([0.5, 0.5], [1, 0]) == 0.5
    assert metrics.auroc([0.9, 0.8, 0.1, 0.8], [1, 1, 0, 0]) == pytest.approx(0.875)
    d = metrics.document_detection([0.9, 0.6, 0.4, 0.7], [1, 1, 1, 0])
    assert d["precision"] == pytest.approx(2 / 3) and d["recall"] == pytest.approx(2 / 3)
    assert d["fpr"] == 1.0


def test_reliability_curve_and_calibration_error():
    scores = [0.05, 0.05, 0.95, 0.95, 0.55, 1.0]
    labels = [0, 0, 1, 1, 1, 1]
    curve = metrics.reliability_curve(scores, labels, bins=10)
    assert [r["count"] for r in curve] == [2, 1, 3]
    assert curve[-1]["observed"] == 1.0
    perfect = metrics.reliability_curve([0.0] * 5 + [1.0] * 5, [0] * 5 + [1] * 5)
    assert metrics.expected_calibration_error(perfect) == 0.0
    assert sum(r["count"] for r in curve) == len(scores)
    assert list(itertools.chain.from_iterable([[r["lo"]] for r in curve])) == sorted(r["lo"] for r in curve)
