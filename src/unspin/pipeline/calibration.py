"""Turning a document's evidence into a calibrated probability that it is spun.

A logistic model over a per-word score (restore: the estimated spin rate; detect: its look's estimated spin rate,
the screening evidence per word and the text's fluency, see restorer.py and screen.py) and, for both, how well a
shipped spinner profile explains the text's words (learn/known.py), weighted by how much text there is (the square
root of its length), fitted on our own generated data (clean and spun Brown documents;
benchmarks/fit_decider.py, fit_flagger.py). Short texts carry little evidence, so their probabilities stay nearer
the middle.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass

from ..paths import DATA_DIR

CALIBRATED_MIN_WORDS = 60  # the shortest training text of the calibrations: shorter texts' scores say less
MAX_EVIDENCE = 8.0  # about 1,300 words; beyond that the estimate is as good as it gets


@dataclass(frozen=True)
class DocCalibration:
    bias: float = -2.0
    rate_weight: float = 40.0
    evidence_weight: float = 0.0
    screen_weight: float = 0.0  # detect's: the screening evidence per word beside its look's spin rate
    fluency_weight: float = 0.0  # detect's: the look's mean log-probability per word (Decoder.read)
    known_weight: float = 0.0  # the shipped profiles' evidence per word (learn/known.py known_evidence)

    def probability(self, score: float, words: int, screened: float = 0.0, fluency: float = 0.0,
                    known: float = 0.0) -> float:
        evidence = document_evidence(words)
        z = self.bias + evidence * (self.rate_weight * score + self.evidence_weight + self.screen_weight * screened
                                    + self.fluency_weight * fluency + self.known_weight * known)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def document_evidence(words: int) -> float:
    """How much a document's spin-rate estimate counts: grows like sqrt(length), capped for very long texts."""
    return min(MAX_EVIDENCE, math.sqrt(max(words, 1) / 20.0))


def load_calibration(name: str) -> DocCalibration:
    """Fitted coefficients for a scorer ('smollm2' or 'ngram'), or defaults before any fit."""
    path = DATA_DIR / "calibration.json"
    if path.exists():
        table = json.loads(path.read_text())
        if name in table:
            return DocCalibration(**table[name])
    return DocCalibration()
