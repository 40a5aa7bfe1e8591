"""The decider: given the evidence at a span, how likely is it that the spinner wrote it for this original?

A model over a handful of features (scorer gain, n-gram gains, channel weight, word frequencies, name and
known-phrase flags), fitted on our own generated spins (benchmarks/fit_decider.py) and shipped as data/decider.json,
one per scorer: a logistic weight vector, or the mean of its log-odds and an ensemble of regression trees'
(trees.py).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from ..paths import DATA_DIR
from .calibration import CALIBRATED_MIN_WORDS
from .fitted import fitted_entry
from .trees import Logistic, Mean, TreeEnsemble

FEATURES = (
    "bias", "gain", "gain_pos", "left_gain", "right_gain", "channel", "tortured", "proposed", "name", "zipf_spun",
    "zipf_original", "extra_words", "spun_logp", "second", "name_gain", "related", "context", "context_gain",
    "trigram_gain",
)


def features(*, gain: float, left_gain: float, right_gain: float, channel: float, tortured: bool, proposed: bool,
             name: bool, zipf_spun: float, zipf_original: float, extra_words: int, spun_logp: float,
             second: bool, related: bool = False, context: float = 0.0, trigram_gain: float = 0.0) -> np.ndarray:
    """The feature vector of one (site, option) pair, in FEATURES order."""
    return np.array([
        1.0, gain, max(gain, 0.0), left_gain, right_gain, channel, float(tortured), float(proposed), float(name),
        zipf_spun, zipf_original, float(extra_words), max(spun_logp, -30.0), float(second), gain * float(name),
        float(related), context, context * max(gain, 0.0), trigram_gain,
    ], dtype=np.float64)


# Hand-set weights used until a fit exists (and in unit tests): trust gains, distrust names and hub words.
DEFAULT_WEIGHTS = {
    "bias": -4.0, "gain": 0.4, "gain_pos": 0.2, "left_gain": 0.1, "right_gain": 0.1, "channel": 0.5,
    "tortured": 8.0, "proposed": -1.0, "name": -4.0,
    "zipf_spun": -0.2, "zipf_original": 0.2, "extra_words": -0.5, "spun_logp": -0.05, "second": -0.2,
    "name_gain": 0.0, "related": -1.0, "context": 0.0, "context_gain": 0.0, "trigram_gain": 0.0,
}


SPUN = 0.5  # a document's calibrated spin score from which restore reads it as spun
KNOWN_DECIDER = DATA_DIR / "known_decider.json"  # benchmarks/fit_known_decider.py: fitted on real spun pages


@dataclass
class Decider:
    model: Logistic | TreeEnsemble | Mean
    threshold: float = 0.5
    # In a long text restore's reading calls spun, the threshold may be lower: texts it calls clean keep their words
    # (all but listed tortured phrases), so the clean-text damage `threshold` guards against is gated away. None
    # before a fit has chosen one.
    gated_threshold: float | None = None
    # The decider for a text a known spinner clearly wrote, fitted on real pages such a spinner wrote: there most
    # swaps have the spinner's own pair among their options and most odd words are the original's.
    known: Decider | None = None

    def cut(self, spin_score: float, words: int) -> float | None:
        """The threshold for a text of `words` words with this spin score; None: restore only listed phrases."""
        if self.gated_threshold is None or words < CALIBRATED_MIN_WORDS:
            return self.threshold
        return self.gated_threshold if spin_score >= SPUN else None

    def for_known_spinner(self) -> Decider:
        """This decider for a text a known spinner clearly wrote, read as spun whatever its score: the one fitted for
        that reading, or this one at its gated threshold before such a fit exists."""
        return self.known or replace(self, threshold=self.gated_threshold or self.threshold, gated_threshold=None)

    def probability(self, x: np.ndarray) -> float:
        z = self.model.log_odds(x)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    @classmethod
    def load(cls, scorer_name: str, path=DATA_DIR / "decider.json") -> "Decider":
        """The fitted decider for a scorer, with the one for a known spinner's texts; hand-set weights before a fit."""
        entry, model = _fitted_model(path, scorer_name)
        known, known_model = _fitted_model(KNOWN_DECIDER, scorer_name)
        return cls(model, entry.get("threshold", 0.5), entry.get("gated_threshold"),
                   cls(known_model, known["threshold"]) if known else None)


def model_from_entry(entry: dict) -> Logistic | Mean:
    """The model a fitted decider.json entry describes: its weights, or with trees beside them the mean of both."""
    linear = Logistic(np.array([entry["weights"][f] for f in FEATURES], dtype=np.float64))
    return Mean((TreeEnsemble.from_json(entry["trees"], FEATURES), linear)) if "trees" in entry else linear


def _fitted_model(path, scorer_name: str) -> tuple[dict, Logistic | Mean]:
    """A scorer's entry and its model; hand-set weights before a fit, or where it was fitted on other features (it
    must be refitted)."""
    entry, weights = fitted_entry(path, scorer_name, FEATURES, DEFAULT_WEIGHTS)
    if not entry or ("trees" in entry and entry.get("features") != list(FEATURES)):
        return {}, Logistic(np.array([DEFAULT_WEIGHTS[f] for f in FEATURES], dtype=np.float64))
    return entry, model_from_entry(entry)
