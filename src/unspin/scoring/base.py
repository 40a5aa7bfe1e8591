"""The one interface every scorer implements: per-unit log-probabilities of sentence hypotheses."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Hypothesis:
    """A sentence as units (words, phrases, punctuation) with the whitespace before each unit."""

    units: tuple[str, ...]
    spaces: tuple[str, ...]

    @property
    def text(self) -> str:
        return "".join(s + u for s, u in zip(self.spaces, self.units))

    def unit_spans(self) -> list[tuple[int, int]]:
        spans, pos = [], 0
        for s, u in zip(self.spaces, self.units):
            pos += len(s)
            spans.append((pos, pos + len(u)))
            pos += len(u)
        return spans

    def replace(self, start: int, end: int, new: str) -> "Hypothesis":
        """Units [start, end) replaced by one unit `new` (which may contain spaces)."""
        return Hypothesis(
            self.units[:start] + (new,) + self.units[end:],
            self.spaces[: start + 1] + self.spaces[end:],
        )


class Scorer:
    """Scores hypotheses: log P(unit | all units before it), one float per unit."""

    name = "base"

    def score(self, hypotheses: list[Hypothesis]) -> list[np.ndarray]:
        raise NotImplementedError
