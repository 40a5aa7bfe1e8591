"""Pre-selection: at each span with candidates, which option is worth a second look, and is any?

A conditional logit over a span's options against leaving it unchanged: every feature is a difference from the
spun text, so "unchanged" scores 0 and an option's score is its log-odds against it. Fitted on our own generated
spins (benchmarks/fit_preselect.py) and shipped as data/preselect.json, one weight vector per scorer.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..paths import DATA_DIR
from .fitted import fitted_entry

OPTION_FEATURES = (
    "change", "left_gain", "left_gain_pos", "right_gain", "channel", "related", "proposed", "zipf_original",
    "zipf_spun", "extra_words", "width", "name", "spun_logp", "pieces", "extra_pieces",
)

# Hand-set weights used until a fit exists (and in unit tests): left gain + right gain + channel, names penalised.
DEFAULT_WEIGHTS = {f: 0.0 for f in OPTION_FEATURES} | {"left_gain": 1.0, "right_gain": 1.0, "channel": 1.0,
                                                     "name": -4.0}
DEFAULT_MARGIN = -3.0  # a span goes to the second pass when its best option scores above this (a fit sets its own)
KNOWN_TORTURED = 100.0  # a listed tortured phrase always goes to the second pass first


def option_features(*, left_gain, right_gain, channel, related, proposed, zipf_original, zipf_spun, extra_words,
                    width, name, spun_logp, pieces, spun_pieces) -> np.ndarray:
    """Feature rows (one per option, in OPTION_FEATURES order) from per-option arrays or scalars."""
    left_gain = np.asarray(left_gain, dtype=np.float64)
    columns = [
        np.ones_like(left_gain), left_gain, np.maximum(left_gain, 0.0), right_gain, channel, related, proposed,
        zipf_original, zipf_spun, extra_words, width, name, np.maximum(spun_logp, -30.0), pieces,
        np.asarray(pieces) - np.asarray(spun_pieces),
    ]
    return np.column_stack(np.broadcast_arrays(*[np.asarray(c, dtype=np.float64) for c in columns]))


@dataclass
class Ranker:
    """Scores options by w·x; a span goes to the second pass when its best option scores above `margin`."""

    weights: np.ndarray
    margin: float = DEFAULT_MARGIN

    def scores(self, x: np.ndarray) -> np.ndarray:
        return x @ self.weights

    @classmethod
    def load(cls, scorer_name: str) -> "Ranker":
        entry, weights = fitted_entry(DATA_DIR / "preselect.json", scorer_name, OPTION_FEATURES, DEFAULT_WEIGHTS)
        return cls(weights, entry.get("margin", DEFAULT_MARGIN))
