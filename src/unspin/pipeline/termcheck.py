"""Known terms in disguise, read in place: the whole term against the spun words, to the end of the sentence.

Screening judges a span on one left-to-right reading, where an option counts only through its first word. A known
term in disguise (thesaurus/terms.py) is a whole phrase, and what tells a new tortured phrase from a clean one is
whether the term reads better than the span in its place: the sentence's log-probability with the term minus
without it, from the span to the sentence's end. A few sentences are read with their terms in the first pass's
forward call (a second call would stream the model's weights again); longer texts continue each sentence from the
first pass's cached keys and values, reading only the tokens from the term on.
Flagging a disguise that reads clearly better, and not one that reads no better than the spun words, finds more new
tortured phrases at equal controls; reading to the sentence's end did better than a few words of right context.
A continued reading costs a forward call (held over for up to CONTINUED_LOOKS looks, screen.py `_Continued`), so
long texts read only the terms that could change a flag (`TERM_READ_FROM`). On by default;
`detect --no-read-terms` skips it.
"""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from ..scoring.base import Hypothesis
from .candidates import Candidate
from .decode import Ranked

TERM_GAIN = 6.0  # nats: a term reading this much better in place is flagged at the flagger's threshold
TERM_SLOPE = 0.28  # log-odds per nat of gain (a logistic fit of spun against clean term options on the fitting half)
TERM_VETO = 0.0  # a term reading no better than the spun words is not flagged


def term_variants(sentence: Hypothesis, a: int, b: int, candidates: dict[int, list[Candidate]]
                  ) -> list[tuple[Candidate, Hypothesis]]:
    """The sentence (tokens [a, b) of its Doc) with each known-term candidate in place of the words it replaces."""
    return [(c, sentence.replace(c.start - a, c.end - a, c.original))
            for i in range(a, b) for c in candidates.get(i, ()) if c.known_term and c.end <= b]


def set_term_gains(ranked: list[Ranked], a: int, spun_logp: np.ndarray,
                   read: list[tuple[Candidate, np.ndarray]]) -> None:
    """Give each ranked span of a sentence starting at token `a` the best gain of its term options, read as
    (candidate, unit log-probabilities of the sentence with it in place)."""
    gains = {id(c): float(logp[c.start - a :].sum() - spun_logp[c.start - a :].sum()) for c, logp in read}
    for r in ranked:
        for v, option in enumerate(r.options):
            gain = gains.get(id(option[3]))
            if gain is not None and (r.term_gain is None or gain > r.term_gain[0]):
                r.term_gain = (gain, v)


def rechecked(r: Ranked, p: float, threshold: float) -> tuple[Ranked, float]:
    """The span's probability of being spun with its term read in place, and the span with the term first when
    that reading is what flags it."""
    if r.term_gain is None:
        return r, p
    gain, v = r.term_gain
    q = _term_probability(gain, threshold)
    if v == 0 and gain <= TERM_VETO:
        return r, min(p, q)
    if q <= p:
        return r, p
    return replace(r, options=[r.options[v]] + r.options[:v] + r.options[v + 1 :]), q


def _term_probability(gain: float, threshold: float) -> float:
    """The flagger's threshold at TERM_GAIN, TERM_SLOPE log-odds per nat either side."""
    logit = math.log(threshold / (1 - threshold)) + TERM_SLOPE * (gain - TERM_GAIN)
    return 1 / (1 + math.exp(-max(-50.0, min(50.0, logit))))
