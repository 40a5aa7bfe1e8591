"""The pair prior: how likely an original is behind a spun key, from how the thesauri attest the pair.

A log-linear score over the pair's evidence (which tables list it, how many synonyms the original has, how common
it is, how the length changes), fitted on our own training spins (benchmarks/fit_pair_prior.py) and shipped as
data/pair_prior.json. It ranks each key's originals: the index keeps a key's best TOP_K, candidates a span's best
PER_SPAN, so it decides which originals restore ever reads.
"""
from __future__ import annotations

import hashlib
import json
import math
from functools import lru_cache

import numpy as np

from ..paths import DATA_DIR
from ..pipeline.fitted import fitted_entry
from .sources import GENERIC, MOBY, MOBY_REVERSE, MYTHES, RULE, TORTURED, TORTURED_WORD, WORDNET

PRIOR_FILE = DATA_DIR / "pair_prior.json"
SOURCE_FEATURES = (("moby", MOBY), ("moby_reverse", MOBY_REVERSE), ("wordnet", WORDNET), ("mythes", MYTHES),
                   ("generic", GENERIC), ("rule", RULE), ("tortured_word", TORTURED_WORD))
FEATURES = tuple(name for name, _ in SOURCE_FEATURES) + ("log_fanout", "zipf_original", "extra_words",
                                                         "length_change")
# Hand-set weights used until a fit exists (and in unit tests): log P(original) + log P(spun | original), a bonus
# per table attesting the pair, and longer originals paying extra (wordfreq overrates phrases).
DEFAULT_WEIGHTS = {"moby": 1.0, "moby_reverse": 0.5, "wordnet": 1.5, "mythes": 1.0, "generic": 0.0, "rule": 3.0,
                   "tortured_word": 3.0, "log_fanout": -1.0, "zipf_original": math.log(10), "extra_words": -2.5,
                   "length_change": -1.5}
LISTED_BONUS = 30.0  # a listed tortured phrase's expected wording always ranks first


def pair_features(bits: int, fanout: int, zipf_original: float, len_original: int, len_spun: int) -> list[float]:
    """The pair's evidence in FEATURES order."""
    return [float(bool(bits & bit)) for _, bit in SOURCE_FEATURES] + [
        math.log(max(fanout, 1)), zipf_original, float(len_original - 1), float(abs(len_original - len_spun))]


@lru_cache(maxsize=1)
def prior_weights() -> np.ndarray:
    """The shipped weights in FEATURES order (hand-set ones where no fit exists)."""
    return fitted_entry(PRIOR_FILE, "pair_prior", FEATURES, DEFAULT_WEIGHTS)[1]


def pair_prior(bits: int, fanout: int, zipf_original: float, len_original: int, len_spun: int,
               weights: np.ndarray | None = None) -> float:
    """The score that ranks a key's originals (higher first)."""
    w = prior_weights() if weights is None else weights
    score = float(np.dot(w, pair_features(bits, fanout, zipf_original, len_original, len_spun)))
    return score + LISTED_BONUS * bool(bits & TORTURED)


def prior_version() -> str:
    """A short digest of the shipped weights: an index ranked with other weights is rebuilt."""
    return hashlib.sha1(json.dumps(np.round(prior_weights(), 6).tolist()).encode()).hexdigest()[:8]
