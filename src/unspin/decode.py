"""The decoder: which spans did the spinner rewrite, and from what?

1. Pre-select: at every span with thesaurus candidates, a cheap n-gram comparison keeps the two most promising
   originals (and drops spans where none beats the spun text by a margin).
2. Score: for each sentence, the spun text and two restored hypotheses (first and second choices) go to the
   scorer in one batch; a span's evidence is the change in log-probability of the span and the units after it.
3. Decide: the decider turns evidence into the probability that the span was spun from that original; spans
   above the threshold are restored. The document's spin rate is the expected share of spun words.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .candidates import Candidate
from .decider import Decider, features
from .doc import Doc
from .scoring.base import Hypothesis, Scorer
from .scoring.ngram import NgramModel, words_of


SENTENCES_PER_BATCH = 32  # bounds memory on long inputs and paces progress reports


@dataclass
class DecoderParams:
    preselect_margin: float = -2.0  # n-gram gain (plus channel weight) a candidate needs to be scored
    right_context: int = 2  # units after a span whose probability the span affects
    name_penalty: float = 4.0  # in pre-selection: capitalised words inside a sentence are usually names


@dataclass
class Decision:
    """One restored span: tokens [start, end) of the Doc become `original`."""

    start: int
    end: int
    original: str
    confidence: float
    alternatives: list[str] = field(default_factory=list)
    known_tortured: bool = False


@dataclass
class Site:
    """A span tried with the scorer, its options, and the evidence for each."""

    start: int
    end: int
    sentence: int
    options: list[Candidate]
    proxy_gains: list[float]
    spares: list[Candidate]
    name: bool
    local: np.ndarray = field(default_factory=lambda: np.zeros(0))
    x: list[np.ndarray] = field(default_factory=list)  # feature vector per option
    p: list[float] = field(default_factory=list)  # decider probability per option


@lru_cache(maxsize=200_000)
def _zipf(phrase: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(phrase, "en")


class Decoder:
    def __init__(self, scorer: Scorer, proxy: NgramModel, decider: Decider, params: DecoderParams | None = None):
        self.scorer, self.proxy, self.decider = scorer, proxy, decider
        self.params = params or DecoderParams()

    def sites(self, doc: Doc, candidates: dict[int, list[Candidate]], progress=None) -> list[Site]:
        """Pre-select and score every site of the document (features filled in, no decision yet)."""
        starts = {a for a, _ in doc.sentences}
        sites: list[Site] = []
        total = len(doc.sentences)
        for first in range(0, total, SENTENCES_PER_BATCH):
            chunk: list[Site] = []
            for k in range(first, min(total, first + SENTENCES_PER_BATCH)):
                a, b = doc.sentences[k]
                chunk.extend(self._preselect(doc, candidates, k, a, b, starts))
            if chunk:
                self._score(doc, chunk)
            sites.extend(chunk)
            if progress:
                progress(min(total, first + SENTENCES_PER_BATCH), total)
        for s in sites:
            spun = doc.text[doc.tokens[s.start].start : doc.tokens[s.end - 1].end].lower()
            width = s.end - s.start
            s.x = [
                features(
                    gain=float(s.local[v + 1] - s.local[0]), proxy_gain=s.proxy_gains[v], channel=c.channel,
                    tortured=c.known_tortured, name=s.name, zipf_spun=_zipf(spun),
                    zipf_original=_zipf(c.original.lower()),
                    extra_words=abs(len(c.original.split()) - width),
                    spun_logp=float(s.local[0]) / width, second=v == 1,
                )
                for v, c in enumerate(s.options)
            ]
            s.p = [self.decider.probability(x) for x in s.x]
        return sites

    def __call__(self, doc: Doc, candidates: dict[int, list[Candidate]], progress=None
                 ) -> tuple[list[Decision], float]:
        """Decisions (edits) and the estimated spin rate of the document."""
        sites = self.sites(doc, candidates, progress)
        n_words = max(1, sum(1 for t in doc.tokens if t.is_word))
        decisions = [d for d in (self._decide(s) for s in sites) if d]
        spun_words = sum(max(s.p) * (s.end - s.start) for s in sites)
        return decisions, min(1.0, spun_words / n_words)

    # -- stage 1: cheap n-gram pre-selection of where and what to try ----------------------------------------
    def _preselect(self, doc: Doc, candidates, k: int, a: int, b: int, starts: set[int]) -> list[Site]:
        p, toks = self.params, doc.tokens
        found = []
        for i in range(a, b):
            cands = [c for c in candidates.get(i, ()) if c.end <= b]
            if not cands:
                continue
            tok = toks[i]
            if tok.text.isupper() and len(tok.text) > 1 and not any(c.known_tortured for c in cands):
                continue  # acronyms are not spun
            name = tok.text[0].isupper() and i not in starts
            prev = toks[i - 1].lower if i > a and toks[i - 1].is_word else None
            spun_score: dict[int, float] = {}
            scored = []
            for c in cands:
                nxt = toks[c.end].lower if c.end < b and toks[c.end].is_word else None
                if c.end not in spun_score:
                    spun_score[c.end] = self._proxy(prev, [t.lower for t in toks[i : c.end]], nxt)
                gain = self._proxy(prev, words_of(c.original), nxt) - spun_score[c.end]
                rank = gain + c.channel + (100.0 if c.known_tortured else -p.name_penalty if name else 0.0)
                scored.append((rank, gain, c))
            scored.sort(key=lambda x: -x[0])
            if scored[0][0] > p.preselect_margin:
                found.append((scored[0][0], i, scored, name))
        # keep non-overlapping spans, strongest first; the runner-up with the same span becomes option two
        taken: list[Site] = []
        used: set[int] = set()
        for _, i, scored, name in sorted(found, key=lambda x: -x[0]):
            end = scored[0][2].end
            if used.intersection(range(i, end)):
                continue
            used.update(range(i, end))
            runner = [x for x in scored[1:] if x[2].end == end][:1]
            chosen = [scored[0]] + runner
            spares = [x[2] for x in scored[1:] if x not in runner][:3]
            taken.append(Site(i, end, k, [x[2] for x in chosen], [x[1] for x in chosen], spares, name))
        return sorted(taken, key=lambda s: s.start)

    def _proxy(self, prev: str | None, words: list[str], nxt: str | None) -> float:
        score = self.proxy.phrase(prev, words)
        if nxt is not None and words:
            score += self.proxy.conditional(words[-1], nxt)
        return score

    # -- stage 2: one batched scorer call for the spun text and two hypotheses per sentence ---------------
    def _score(self, doc: Doc, sites: list[Site]) -> None:
        R = self.params.right_context
        by_sentence: dict[int, list[Site]] = {}
        for s in sites:
            by_sentence.setdefault(s.sentence, []).append(s)
        hyps: list[Hypothesis] = []
        layout = []
        for k, group in by_sentence.items():
            a, b = doc.sentences[k]
            toks = doc.tokens[a:b]
            spaces = ("",) + tuple(doc.text[x.end : y.start] for x, y in zip(toks, toks[1:]))
            base = Hypothesis(tuple(t.text for t in toks), spaces)
            variants, positions = [base], [[s.start - a for s in group]]
            for option in (0, 1):
                hyp, pos, shift = base, [], 0
                for s in group:
                    pos.append(s.start - a - shift)
                    if option < len(s.options):  # otherwise this hypothesis keeps the spun span
                        hyp = hyp.replace(s.start - a - shift, s.end - a - shift, s.options[option].original)
                        shift += (s.end - s.start) - 1
                variants.append(hyp)
                positions.append(pos)
            layout.append((group, positions))
            hyps.extend(variants)
        scores = self.scorer.score(hyps)
        for n, (group, positions) in enumerate(layout):
            lp = scores[3 * n : 3 * n + 3]
            for m, s in enumerate(group):
                local = []
                for v in range(3):
                    u = positions[v][m]
                    width = s.end - s.start if v == 0 or v - 1 >= len(s.options) else 1
                    local.append(float(lp[v][u : u + width + R].sum()))
                s.local = np.array(local)

    # -- stage 3: the decision at one site ---------------------------------------------------------------
    def _decide(self, s: Site) -> Decision | None:
        best = int(np.argmax(s.p))
        if s.p[best] < self.decider.threshold:
            return None
        chosen = s.options[best]
        others = [s.options[v].original for v in np.argsort(s.p)[::-1] if v != best]
        others += [c.original for c in s.spares if c.original not in others and c.original != chosen.original]
        return Decision(s.start, s.end, chosen.original, s.p[best], others[:4], chosen.known_tortured)
