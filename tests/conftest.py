"""Shared fixtures: a tiny thesaurus and a fake scorer, so stage tests run in milliseconds."""
from __future__ import annotations

import numpy as np
import pytest

from unspin.scoring.base import FirstPass, Hypothesis, Scorer
from unspin.thesaurus.index import MOBY, TORTURED, ReverseIndex

TINY_THESAURUS = {
    "country": ["rural", "nation", "land"],
    "war": ["combat", "conflict"],
    "crude": ["raw", "organic"],
    "oil": ["petroleum", "fuel"],
    "said": ["stated", "declared"],
}
TINY_TORTURED = {"counterfeit consciousness": ["artificial intelligence"]}


class FakeScorer(Scorer):
    """Scores a unit by membership in a set of 'fluent' words: fluent words are likely, others are not."""

    name = "fake"

    def __init__(self, fluent: set[str]):
        self.fluent = fluent
        self.seen: list[str] = []

    def _logp(self, unit: str) -> float:
        return 0.0 if not unit[0].isalnum() else -1.0 if unit.lower() in self.fluent else -9.0

    def score(self, hypotheses: list[Hypothesis], units=None, bases=None) -> list[np.ndarray]:
        out = []
        for h in hypotheses:
            self.seen.append(h.text)
            out.append(np.array([self._logp(u) for u in h.units], dtype=np.float32))
        return out

    def first_pass(self, hypotheses, options, propose=None, k=0, keep=True):
        units = self.score(hypotheses)
        return [FirstPass(lp, {u: np.array([self._logp(o.split()[0]) for o in opts]) for u, opts in o.items()}, {})
                for lp, o in zip(units, options)]


@pytest.fixture(scope="session")
def tiny_index() -> ReverseIndex:
    tortured = {exp: [t] for t, exps in TINY_TORTURED.items() for exp in exps}
    return ReverseIndex.from_tables({MOBY: TINY_THESAURUS, TORTURED: tortured})


@pytest.fixture(scope="session")
def fake_restorer(tiny_index):
    from unspin.pipeline.decider import DEFAULT_WEIGHTS, FEATURES, Decider
    from unspin.pipeline.restorer import Restorer
    from unspin.pipeline.trees import Logistic

    fluent = {"the", "country", "went", "to", "war", "crude", "oil", "and", "prices", "rose", "officials", "said",
              "artificial", "intelligence", "is", "here", "a", "it", "was", "cold"}
    r = Restorer(FakeScorer(fluent), index=tiny_index, tortured=TINY_TORTURED, known_spinners=False)
    r.decoder.decider = Decider(Logistic(np.array([DEFAULT_WEIGHTS[f] for f in FEATURES])), 0.5)
    return r


@pytest.fixture(scope="session")
def news_farm_paragraph() -> tuple[str, str]:
    """(clean, spun): a paragraph written for the tests, spun with the shipped news-farm profile's own frequent swaps
    in reverse (each original its commonest spun form)."""
    import re

    from unspin.learn.known import known_profiles

    clean = ("Gas prices rose again this year, the company said on Monday, while residents of the town where it "
             "has its main plant said they were still paying more for fuel. The company also said that prices would "
             "fall later in the year, but residents said they had heard that before. The mayor said the town would "
             "help families that could not pay, while the company said it would keep its plant open all year.")
    swaps: dict[str, tuple[str, int]] = {}
    for spun, originals in known_profiles()["news-farm"].pairs.items():
        for original, row in originals.items():
            if row["count"] >= 4 and " " not in original and row["count"] > swaps.get(original, ("", 0))[1]:
                swaps[original] = (spun, row["count"])
    spun = re.sub(r"\b[a-z]+\b", lambda m: swaps.get(m.group(0), (m.group(0),))[0], clean)
    assert spun != clean
    return clean, spun
