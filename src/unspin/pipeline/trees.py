"""Fitted models of the decider's features, read from JSON: a weighted sum (logistic), an ensemble of regression
trees, which finds the features' interactions a sum misses, or the mean of both (benchmarks/fit_decider.py fits the
trees with scikit-learn's gradient boosting; this module only reads them, so the product needs no scikit-learn)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Logistic:
    """Log-odds as a weighted sum of the features."""

    weights: np.ndarray

    def log_odds(self, x: np.ndarray) -> float:
        return float(x @ self.weights)


@dataclass(frozen=True)
class Tree:
    """One regression tree as parallel lists by node: a node with feature -1 is a leaf worth `value`; any other
    sends x to `left` when x[feature] <= threshold, else to `right`."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def leaf_value(self, x: list[float]) -> float:
        node = 0
        while self.feature[node] >= 0:
            node = self.left[node] if x[self.feature[node]] <= self.threshold[node] else self.right[node]
        return self.value[node]


@dataclass(frozen=True)
class TreeEnsemble:
    """Log-odds as a baseline plus one leaf of every tree, plus fixed weights on features the training text never
    shows (a listed tortured phrase: our spins hold none, but it is near-certain evidence)."""

    baseline: float
    trees: tuple[Tree, ...]
    fixed: tuple[tuple[int, float], ...] = ()

    def log_odds(self, x: np.ndarray) -> float:
        row = x.tolist()
        return self.baseline + sum(t.leaf_value(row) for t in self.trees) + sum(w * row[i] for i, w in self.fixed)

    @classmethod
    def from_json(cls, entry: dict, features: tuple[str, ...]) -> TreeEnsemble:
        trees = tuple(Tree(*(tuple(t[k]) for k in ("feature", "threshold", "left", "right", "value")))
                      for t in entry["trees"])
        fixed = tuple((features.index(name), float(w)) for name, w in entry.get("fixed", {}).items())
        return cls(float(entry["baseline"]), trees, fixed)


@dataclass(frozen=True)
class Mean:
    """Log-odds as the mean of several models' log-odds: trees carry what they learned of one spinner to another
    better than a sum, a sum what it learned of dense spins to sparse ones better than trees."""

    models: tuple[Logistic | TreeEnsemble, ...]

    def log_odds(self, x: np.ndarray) -> float:
        return sum(m.log_odds(x) for m in self.models) / len(self.models)
