"""The one interface every scorer implements: per-unit log-probabilities of sentence hypotheses."""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Hypothesis:
    """A sentence as units (words, phrases, punctuation) with the whitespace before each unit, and the text before
    it that a scorer may read as context (never scored itself)."""

    units: tuple[str, ...]
    spaces: tuple[str, ...]
    context: str = ""

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
            self.context,
        )

    def spaced(self, unit: int) -> bool:
        """Whether whitespace comes before the unit as the scorer reads it (the context ends with a space)."""
        return bool(self.spaces[unit]) or (unit == 0 and bool(self.context))

    def head(self, units: int) -> "Hypothesis":
        """The first `units` units, with the same context."""
        return Hypothesis(self.units[:units], self.spaces[:units], self.context)


@dataclass
class FirstPass:
    """What one look at the spun sentence tells: each unit's log-probability, how likely each option's first
    word is in that unit's place, and which words the scorer itself expected there."""

    unit_logp: np.ndarray
    option_logp: dict[int, np.ndarray]
    proposals: dict[int, list[tuple[str, float]]]  # (word, log-probability), best first
    state: object = None  # what the scorer may keep of this pass to score variants of the sentence faster


class Scorer:
    """Scores hypotheses: log P(unit | all units before it), one float per unit."""

    name = "base"
    has_similarity = False  # True where `similarity` tells how alike two phrases are
    shares_passes = False  # True when reading many texts in one call is faster than one by one

    def score(self, hypotheses: list[Hypothesis], units: list[set[int]] | None = None,
              bases: list | None = None) -> list[np.ndarray]:
        """`units[i]`, when given, names the units of hypothesis i the caller reads; a scorer may leave the
        others at 0 to save work. `bases[i]`, when given, is the `FirstPass.state` of the sentence hypothesis i
        was made from (a scorer may reuse what it computed there)."""
        raise NotImplementedError

    def first_pass(self, hypotheses: list[Hypothesis], options: list[dict[int, list[str]]],
                   propose: list[list[int]] | None = None, k: int = 0, keep: bool = True) -> list[FirstPass]:
        """Unit scores plus, at the given units, the log-probability of each option's first word given the left
        context; `propose` asks for up to k expected words at those units (scorers that cannot propose, return
        none). `keep`: the caller may score variants of these sentences later (each result's `state`)."""
        raise NotImplementedError

    def remembering(self):
        """A context in which sentences read once are not run through the model again when read again with other
        options (a scorer with nothing worth remembering does nothing)."""
        return nullcontext()

    def similarity(self, pairs: list[tuple[str, str]]) -> list[float] | None:
        """How alike the two phrases of each pair are in meaning (cosine, up to 1), or None when the scorer cannot
        tell (`has_similarity` is False; callers then leave out what needs it)."""
        return None

    def pieces(self, text: str) -> int:
        """How many pieces the scorer reads `text` as (its first piece alone is scored in the first pass, so
        the first pass overrates options of many pieces). Word-level scorers read words."""
        return len(text.split())
