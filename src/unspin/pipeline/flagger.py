"""The flagger: how likely is it that a word was spun, from the first pass alone?

Screening (`unspin detect`) reads each sentence once. Every word with thesaurus options gets a probability from
a logistic model over what that one reading tells: how surprising the word is, how much the words around it
suffer, how much better its best option fits (the pre-selection ranker's score; the trigram model's gain with the
two words after it, which the reading has not seen), how frequent it is. Fitted on
our own generated spins (benchmarks/fit_flagger.py) and shipped as data/flagger.json, one entry per scorer.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..paths import DATA_DIR
from .fitted import fitted_entry

FLAG_FEATURES = (
    "bias", "logp", "logp_per_piece", "next_logp", "prev_logp", "best_option", "best_option_pos", "best_left_gain",
    "options", "zipf", "name", "width", "tortured", "best_channel", "best_zipf_gain", "best_extra_words",
    "trigram_gain",
)

# Hand-set weights used until a fit exists (and in unit tests): a word is suspect when an option beats it.
DEFAULT_WEIGHTS = {f: 0.0 for f in FLAG_FEATURES} | {"bias": -2.0, "best_option": 0.5, "name": -3.0,
                                                   "tortured": 10.0}
DEFAULT_THRESHOLD = 0.5  # the span probability that flags a span until a fit sets its own
DEFAULT_THOROUGH_THRESHOLD = 0.5  # the averaged probability of thorough screening (thorough.py) that flags a span
DEFAULT_LOOK_THRESHOLD = 0.5  # ... of screening averaged with detect's look (the same, with the look's sites)
DEFAULT_PRIOR = 0.2  # share of spun spans among the training spans; the fit records the real one
LOG_ODDS_CAP = 3.0  # no one span speaks for a whole document: uncapped, a few odd words (names, rare terms) made
# clean documents look spun
FLOOR = -30.0  # log-probabilities are clipped here: beyond it a word is simply very surprising


def flag_features(*, logp, pieces, next_logp, prev_logp, best_option, best_left_gain, options, zipf, name, width,
                  tortured, best_channel, best_zipf_gain, best_extra_words, trigram_gain) -> np.ndarray:
    """Feature rows (one per word, in FLAG_FEATURES order) from per-word arrays."""
    logp = np.maximum(np.asarray(logp, dtype=np.float64), FLOOR)
    best = np.asarray(best_option, dtype=np.float64)
    columns = [
        np.ones_like(logp), logp, logp / np.maximum(1, pieces), np.maximum(next_logp, FLOOR),
        np.maximum(prev_logp, FLOOR), best, np.maximum(best, 0.0), best_left_gain, np.log1p(options), zipf, name,
        width, tortured, np.minimum(best_channel, 6.0), best_zipf_gain, best_extra_words, trigram_gain,
    ]
    return np.column_stack(np.broadcast_arrays(*[np.asarray(c, dtype=np.float64) for c in columns]))


@dataclass
class Flagger:
    """P(spun) = sigmoid(w·x); words at or above `threshold` are flagged. `prior` is the share of spun spans in
    the training data, which the probabilities carry and the likelihood ratios take out. `thorough_threshold` cuts
    the flagger's probability averaged with restore's decider (thorough.py), `look_threshold` averaged with detect's
    look (restore's decider on the first pass alone), each fitted for the same precision, as is `look_own_threshold`,
    from which the look's decider flags a site whatever the flagger says (None: never)."""

    weights: np.ndarray
    threshold: float = DEFAULT_THRESHOLD
    prior: float = DEFAULT_PRIOR
    thorough_threshold: float = DEFAULT_THOROUGH_THRESHOLD
    look_threshold: float = DEFAULT_LOOK_THRESHOLD
    look_own_threshold: float | None = None

    @property
    def look_lift(self) -> float | None:
        """What lifts a look site's own probability onto the averaged scale, so that it flags alone from
        `look_own_threshold` (thorough.py `site_lift`)."""
        return None if self.look_own_threshold is None else self.look_threshold - self.look_own_threshold

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-np.clip(x @ self.weights, -50.0, 50.0)))

    def likelihood_ratios(self, x: np.ndarray) -> np.ndarray:
        """P(evidence | spun) / P(evidence | clean) per span: the odds of `probabilities` without the prior, the
        log-odds capped at LOG_ODDS_CAP either way."""
        return np.exp(np.clip(x @ self.weights, -LOG_ODDS_CAP, LOG_ODDS_CAP)) * (1 - self.prior) / self.prior

    @classmethod
    def load(cls, scorer_name: str) -> "Flagger":
        entry, weights = fitted_entry(DATA_DIR / "flagger.json", scorer_name, FLAG_FEATURES, DEFAULT_WEIGHTS)
        return cls(weights, entry.get("threshold", DEFAULT_THRESHOLD),
                   entry.get("prior", DEFAULT_PRIOR), entry.get("thorough_threshold", DEFAULT_THOROUGH_THRESHOLD),
                   entry.get("look_threshold", DEFAULT_LOOK_THRESHOLD), entry.get("look_own_threshold"))
