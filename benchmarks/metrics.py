"""Benchmark metrics: word error rates, damage to clean words, span and document detection, calibration.

All word-level metrics use the same tokens as the spinner (unspin.spin.tokens), compared case-insensitively.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from unspin.spin.tokens import WORD_RE

Span = tuple[int, int]


def word_list(text: str) -> list[str]:
    """Lowercased word tokens of `text`."""
    return [w.lower().replace("\u2019", "'") for w in WORD_RE.findall(text)]


def edit_distance(hyp: Sequence[str], ref: Sequence[str]) -> int:
    """Word-level Levenshtein distance (exact; one vectorised numpy pass per hypothesis word)."""
    if not ref:
        return len(hyp)
    if not hyp:
        return len(ref)
    vocab: dict[str, int] = {}
    h = np.array([vocab.setdefault(w, len(vocab)) for w in hyp])
    r = np.array([vocab.setdefault(w, len(vocab)) for w in ref])
    idx = np.arange(len(r) + 1)
    prev = idx.copy()
    for i, token in enumerate(h, start=1):
        cur = np.empty_like(prev)
        cur[0] = i
        # substitution / match, and deletion of the hypothesis word
        cur[1:] = np.minimum(prev[:-1] + (r != token), prev[1:] + 1)
        # insertion of reference words: cur[j] = min_k<=j cur[k] + (j - k)
        cur = np.minimum.accumulate(cur - idx) + idx
        prev = cur
    return int(prev[-1])


def wer_errors(hypothesis: str, reference: str) -> tuple[int, int]:
    """(word errors, reference words) of `hypothesis` against `reference`."""
    ref = word_list(reference)
    return edit_distance(word_list(hypothesis), ref), len(ref)


def error_reduction(spun_errors: int, restored_errors: int) -> float:
    """1 - WER(restored, original) / WER(spun, original), from summed error counts."""
    return 1.0 - restored_errors / spun_errors if spun_errors else 0.0


def word_flags(text: str, spans: Sequence[Span]) -> list[bool]:
    """For each word of `text`, whether it overlaps any of `spans`."""
    spans = sorted(spans)
    flags = []
    for m in WORD_RE.finditer(text):
        s, e = m.span()
        flags.append(any(a < e and s < b for a, b in spans))
    return flags


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def word_span_counts(text: str, predicted: Sequence[Span], gold: Sequence[Span]) -> dict[str, int]:
    """Word-level detection counts and damage counts for one spun document."""
    pred, true = word_flags(text, predicted), word_flags(text, gold)
    return {
        "tp": sum(p and t for p, t in zip(pred, true)),
        "fp": sum(p and not t for p, t in zip(pred, true)),
        "fn": sum(t and not p for p, t in zip(pred, true)),
        "clean_words": sum(not t for t in true),
        "clean_changed": sum(p and not t for p, t in zip(pred, true)),
    }


def span_overlap_counts(predicted: Sequence[Span], gold: Sequence[Span]) -> dict[str, int]:
    """Span-level counts: a predicted span is right if it overlaps a gold span; a gold span is found likewise."""
    hit = sum(any(a < d and c < b for c, d in gold) for a, b in predicted)
    found = sum(any(a < d and c < b for a, b in predicted) for c, d in gold)
    return {"pred": len(predicted), "pred_hit": hit, "gold": len(gold), "gold_found": found}


def auroc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Area under the ROC curve (Mann-Whitney, ties counted half); 0.5 when one class is missing."""
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    if not pos or not neg:
        return 0.5
    all_scores = np.array(pos + neg, dtype=float)
    order = all_scores.argsort(kind="mergesort")
    ranks = np.empty(len(all_scores))
    sorted_scores = all_scores[order]
    i = 0
    while i < len(sorted_scores):
        j = i
        while j + 1 < len(sorted_scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    rank_sum = ranks[: len(pos)].sum()
    return float((rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def document_detection(scores: Sequence[float], labels: Sequence[int], threshold: float = 0.5) -> dict[str, float]:
    """F1, false-positive rate and AUROC of document scores against spun (1) / clean (0) labels."""
    tp = sum(s >= threshold and y for s, y in zip(scores, labels))
    fp = sum(s >= threshold and not y for s, y in zip(scores, labels))
    fn = sum(s < threshold and y for s, y in zip(scores, labels))
    negatives = sum(1 for y in labels if not y)
    out = prf(tp, fp, fn)
    return {"f1": out["f1"], "precision": out["precision"], "recall": out["recall"],
            "fpr": fp / negatives if negatives else 0.0, "auroc": auroc(scores, labels)}


def reliability_curve(scores: Sequence[float], labels: Sequence[int], bins: int = 10) -> list[dict]:
    """Per probability bin: mean predicted probability, observed share of spun documents, count."""
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        members = [(s, y) for s, y in zip(scores, labels) if lo <= s < hi or (b == bins - 1 and s == 1.0)]
        if members:
            rows.append({"lo": lo, "hi": hi, "count": len(members),
                         "mean_predicted": sum(s for s, _ in members) / len(members),
                         "observed": sum(y for _, y in members) / len(members)})
    return rows


def expected_calibration_error(curve: list[dict]) -> float:
    """Count-weighted mean |predicted - observed| over the reliability bins."""
    total = sum(r["count"] for r in curve)
    return sum(r["count"] * abs(r["mean_predicted"] - r["observed"]) for r in curve) / total if total else 0.0
