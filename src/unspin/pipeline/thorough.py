"""Screening averaged with a second reading: the flagger's one reading and another reader's decider probabilities.

Screening reads each sentence once, left to right, so a span is judged without the words after it. `unspin detect
--thorough` averages in restore's decoder, which reads each doubtful span again in its sentence with the words that
follow; neither sees everything the other does, and averaged per span they find more spun words at the same
precision (`benchmarks/span_second_pass.py` measures it), at the cost of a restoration's time. Default detection
averages in its look on texts of 60 words or more (restore's candidates and decider on the first pass, read anyway
for the verdict), and keeps what either flags alone at its own threshold: the decider, fitted on dictionary spinners
as well, finds more of their swaps, and the flagger keeps the simulator's that the look's candidates miss. Each
reading's threshold (`benchmarks/fit_flagger.py --averaged-only`) keeps the flagger's precision on training spins
and flags no more clean scientific phrases than the default; the look's own (`look_own_threshold`) keeps it over
the look's sites alone. Language model only: no threshold is fitted for the n-gram scorer's
readings. Thorough detection's document probability is restore's (its spin rate through restore's calibration).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..doc import Doc
from .decode import Decision, Ranked, Site


@dataclass(frozen=True)
class SecondReading:
    """Another reader's sites of a document (None where it does not read it: the flagger alone then decides), and
    the averaged probability from which a span is flagged, fitted for that reader."""

    sites: Callable[[Doc], list[Site] | None]
    threshold: float
    own: float | None = None  # a span the flagger gives this much stays flagged, whatever the other reader says
    site_lift: float | None = None  # a site's own probability plus this scores it, where that is higher than the mean


def averaged_flags(spans: list[tuple[Ranked, float]], sites: list[Site], threshold: float,
                   own: float | None = None, site_lift: float | None = None) -> list[Decision]:
    """Spans whose averaged probability reaches `threshold`, the most probable first where they overlap.

    `spans` are screening's spans with the flagger's probabilities, `sites` restore's decoder sites with the
    decider's. A span's score is the mean of its own probability and the other reader's highest over its words (0
    where that reader saw nothing), or a screening span's own probability where it reaches `own`, or a site's own plus
    `site_lift` where that is higher (so a site flags alone from the reading's threshold less the lift); a site's
    likely original is its decider's choice, a screening span's its best option."""
    flagged: dict[int, float] = {}
    decided: dict[int, float] = {}
    for r, p in spans:
        for i in range(r.token, r.options[0][3].end):
            flagged[i] = max(flagged.get(i, 0.0), p)
    for s in sites:
        for i in range(s.start, s.end):
            decided[i] = max(decided.get(i, 0.0), max(s.p))

    def other(scores: dict[int, float], start: int, end: int) -> float:
        return max((scores.get(i, 0.0) for i in range(start, end)), default=0.0)

    # (score, 0 for a site, decision). Overlapping spans of the two readers tie, each taking the other's probability:
    # the longer wins (it covers more), then the site (its original was read with the words after it).
    scored: list[tuple[float, int, Decision]] = []
    for s in sites:
        best = max(range(len(s.p)), key=s.p.__getitem__)
        score = (max(s.p) + other(flagged, s.start, s.end)) / 2
        if site_lift is not None:
            score = max(score, min(1.0, max(s.p) + site_lift))
        c = s.options[best]
        others = [o.original for v, o in enumerate(s.options) if v != best] + [o.original for o in s.spares]
        scored.append((score, 0, Decision(s.start, s.end, c.original, score, _unique(others, c.original),
                                          c.known_tortured, c.known_term, c.expected_wording)))
    for r, p in spans:
        c = r.options[0][3]
        score = (p + other(decided, r.token, c.end)) / 2
        if own is not None and p >= own:
            score = max(score, p)
        others = [o[3].original for o in r.options[1:] if o[3].end == c.end]
        scored.append((score, 1, Decision(r.token, c.end, c.original, score, _unique(others, c.original),
                                          c.known_tortured, c.known_term, c.expected_wording)))
    flags, used = [], set()
    for score, _, d in sorted(scored, key=lambda t: (-t[0], t[2].start - t[2].end, t[1])):
        if score < threshold or used.intersection(range(d.start, d.end)):
            continue
        used.update(range(d.start, d.end))
        flags.append(d)
    return sorted(flags, key=lambda d: d.start)


def _unique(words: list[str], chosen: str) -> list[str]:
    """Up to four alternatives, best first, without repeats or the chosen original."""
    out: list[str] = []
    for w in words:
        if w != chosen and w not in out:
            out.append(w)
    return out[:4]
