"""The decoder: which spans did the spinner rewrite, and from what?

1. First pass: the scorer reads each spun sentence once. That gives every unit's log-probability and the
   left-context probability of every candidate's first word, and (`DecoderParams.proposals`) the words the scorer
   itself expected at each implausible position, kept as candidates when a thesaurus entry ties them to the spun
   word (proposals.py `Ties`).
2. Pre-select: per span, the best options (`DecoderParams.options` of them) by the fitted ranker of preselect.py
   (left-context gain, right-context bigram gain, channel weight, frequencies, the option's length in the
   scorer's pieces); spans whose best option does not beat leaving them unchanged by its margin are dropped.
3. Second pass: each doubtful span's first choices are scored in context, one restored hypothesis per span (the
   scorer continues the first pass's sentence from where the hypothesis branches off, so each costs only its
   own few tokens); its evidence is the change in log-probability of the span and the units after it.
4. Decide: the decider turns the evidence (with the trigram model's gain over two words each side) into the
   probability that the span was spun from that option;
   spans above its threshold are restored (Decider.cut: the threshold follows restore's verdict on the whole text).
   The spin rate is the expected share of spun words.

Screening (screen.py, `unspin detect`) stops after the ranking of step 2 (`Decoder.look`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..doc import Doc
from ..frequency import zipf
from ..scoring.base import FirstPass, Hypothesis, Scorer
from ..scoring.ngram import NgramModel, words_of
from ..scoring.trigram import SENTENCE_START, TrigramModel, shared_trigram
from .candidates import Candidate, match_case
from .decider import Decider, features
from .preselect import KNOWN_TORTURED, OPTION_FEATURES, Ranker, option_features
from .proposals import MAX_SPAN_WORDS, Ties, spinner_word

SENTENCES_PER_BATCH = 32  # bounds memory on long inputs and paces progress reports
CONTEXT_CAP = 10.0  # a listed tortured phrase's rank (KNOWN_TORTURED) counts as a sure one, no more


@dataclass
class DecoderParams:
    right_context: int = 2  # units after a span whose probability the span affects
    proposals: int = 100  # words the scorer may propose per position (proposals.py keeps only those tied to the text)
    second_pass: bool = True  # False (fit_preselect): evidence is the first pass's left gain plus the bigram right gain
    second_look: float = 0.02  # sites the first pass gives a lower probability are not scored again: nearly
    # all of scoring every site's gain, faster
    runner_up_look: float = 0.3  # nor runner-up options below this (lower was no better, and slower)
    options: int = 2  # options per site scored in the second pass (one fewer restored worse; one more was only slower)
    context_words: int = 40  # the sentence before is read up to this many of its last words (0: sentences alone)


@dataclass
class Decision:
    """One restored span: tokens [start, end) of the Doc become `original`."""

    start: int
    end: int
    original: str
    confidence: float
    alternatives: list[str] = field(default_factory=list)
    known_tortured: bool = False
    known_term: bool = False
    expected_wording: str = ""


@dataclass
class Ranked:
    """A span of the first pass with its options, best first: (ranker score, left gain, right gain, option)."""

    token: int
    options: list[tuple[float, float, float, Candidate]]
    name: bool
    term_gain: tuple[float, int] | None = None  # a known-term option read in place: (gain, its index); termcheck.py


@dataclass
class Site:
    """A span tried in the second pass, its options, and the evidence for each."""

    start: int
    end: int
    sentence: int
    options: list[Candidate]
    left_gains: list[float]
    right_gains: list[float]
    spares: list[Candidate]
    name: bool
    spun_logp: float = 0.0
    local: np.ndarray = field(default_factory=lambda: np.zeros(0))
    x: list[np.ndarray] = field(default_factory=list)  # feature vector per option
    p: list[float] = field(default_factory=list)  # decider probability per option
    context: float = 0.0  # how spun the text around it looks (spin_context)
    trigram_gains: list[float] = field(default_factory=list)  # per option; options do not change once chosen


class Decoder:
    def __init__(self, scorer: Scorer, proxy: NgramModel, decider: Decider, params: DecoderParams | None = None,
                 ties: Ties | None = None, ranker: Ranker | None = None):
        self.scorer, self.proxy, self.decider = scorer, proxy, decider
        self.trigram = shared_trigram()
        self.ranker = ranker or Ranker.load(scorer.name)
        self.record: list | None = None  # when a list, pre-selection appends (doc, token, options, features)
        self.params = params or DecoderParams()
        self.ties = ties  # which of the scorer's proposals a thesaurus ties to the span they would replace

    def decide(self, sites: list[Site], threshold: float) -> list[Decision]:
        """The edits: each site's likeliest option where its probability reaches `threshold`."""
        return [d for d in (self._decide(s, threshold) for s in sites) if d]

    def sites(self, doc: Doc, candidates: dict[int, list[Candidate]], progress=None) -> list[Site]:
        """Every site of the document with its evidence and decider probabilities (no decision yet)."""
        return self.read(doc, candidates, progress)[0]

    def read(self, doc: Doc, candidates: dict[int, list[Candidate]], progress=None) -> tuple[list[Site], float]:
        """`sites`, and the document's fluency: the mean log-probability per word the scorer gives the text as
        written, read in the same first passes: a spinner's synonyms read less fluently than the words they replaced."""
        sites: list[Site] = []
        logp, words = 0.0, 0
        total = len(doc.sentences)
        for first in range(0, total, SENTENCES_PER_BATCH):
            ks = list(range(first, min(total, first + SENTENCES_PER_BATCH)))
            chunk, chunk_logp, chunk_words = self._chunk(doc, candidates, ks)
            sites.extend(chunk)
            logp, words = logp + chunk_logp, words + chunk_words
            if progress:
                progress(ks[-1] + 1, total)
        return sites, logp / max(1, words)

    def _judge(self, doc: Doc, s: Site) -> None:
        """Feature vectors and decider probabilities of a site's options, from its current evidence."""
        spun = doc.text[doc.tokens[s.start].start : doc.tokens[s.end - 1].end].lower()
        width = s.end - s.start
        if not s.trigram_gains:  # a site is judged again after its second pass; these do not change
            sentence = doc.sentences[s.sentence]
            s.trigram_gains = [trigram_gain(self.trigram, doc, sentence, s.start, s.end, c.original) for c in s.options]
        s.x = [
            features(
                gain=float(s.local[v + 1] - s.local[0]), left_gain=s.left_gains[v], right_gain=s.right_gains[v],
                channel=c.channel, tortured=c.weighed_as_listed, proposed=c.prior == PROPOSED, name=s.name,
                zipf_spun=zipf(spun), zipf_original=zipf(c.original.lower()),
                extra_words=abs(len(c.original.split()) - width), spun_logp=s.spun_logp / width, second=v >= 1,
                related=c.related, context=s.context,
                trigram_gain=s.trigram_gains[v],
            )
            for v, c in enumerate(s.options)
        ]
        s.p = [self.decider.probability(x) for x in s.x]

    def look(self, doc: Doc, candidates, ks: list[int], proposals: int | None = None
             ) -> list[tuple[int, FirstPass, list[Ranked]]]:
        """The first pass over sentences `ks`: per sentence, its scores and every span's options, ranked.
        `proposals` overrides how many words the scorer may propose per position."""
        return self.look_many([(doc, candidates, ks)], proposals)[0]

    def look_many(self, items: list[tuple[Doc, dict, list[int]]], proposals: int | None = None
                  ) -> list[list[tuple[int, FirstPass, list[Ranked]]]]:
        """`look` for sentences of several documents in one call to the scorer: short texts share its forward
        passes (one pass streams the model's weights once, whatever it reads)."""
        return self.look_and_read(items, [], proposals, keep=self.params.second_pass)[0]

    def look_and_read(self, items: list[tuple[Doc, dict, list[int]]], also: list[Hypothesis],
                      proposals: int | None = None, keep: bool = True
                      ) -> tuple[list[list[tuple[int, FirstPass, list[Ranked]]]], list[np.ndarray]]:
        """`look_many`, and the unit log-probabilities of the hypotheses `also`, read in the same forward passes.
        `keep`: the scorer keeps what it needs to score variants of the sentences (a second pass, terms read later)."""
        proposals = self.params.proposals if proposals is None else proposals
        options, propose, bases, owners = [], [], [], []
        for n, (doc, candidates, ks) in enumerate(items):
            for k in ks:
                a, b = doc.sentences[k]
                opts, prop = {}, []
                for i in range(a, b):
                    tok = doc.tokens[i]
                    cands = [c for c in candidates.get(i, ()) if c.end <= b]
                    if cands:
                        opts[i - a] = [tok.text] + [c.original for c in cands]
                    if proposals and tok.is_word:
                        prop.append(i - a)
                options.append(opts)
                propose.append(prop)
                bases.append(self.hypothesis(doc, k))
                owners.append((n, k))
        passes = self.scorer.first_pass(bases + also, options + [{} for _ in also], propose + [[] for _ in also],
                                        proposals, keep=keep)
        also_logp = [fp.unit_logp for fp in passes[len(bases):]]
        passes = passes[: len(bases)]
        starts = [{a for a, _ in doc.sentences} for doc, _, _ in items]
        looks: list[list[tuple[int, FirstPass, list[Ranked]]]] = [[] for _ in items]
        for (n, k), fp in zip(owners, passes):
            doc, candidates, _ = items[n]
            a, b = doc.sentences[k]
            extended = dict(candidates)
            for u, words in fp.proposals.items():
                extra = self._proposed(doc, a + u, b, words, extended.get(a + u, []))
                if extra:
                    extended[a + u] = list(extended.get(a + u, [])) + [c for c, _ in extra]
                    lps = np.array([lp for _, lp in extra], dtype=np.float32)
                    if u in fp.option_logp:
                        fp.option_logp[u] = np.concatenate([fp.option_logp[u], lps])
                    else:
                        fp.option_logp[u] = np.concatenate([[fp.unit_logp[u]], lps]).astype(np.float32)
            looks[n].append((k, fp, self._rank(doc, extended, a, b, starts[n], fp)))
        return looks, also_logp

    def _chunk(self, doc: Doc, candidates, ks: list[int]) -> tuple[list[Site], float, int]:
        """Sentences `ks` read: their sites, and the summed log-probability and count of their words as written."""
        looks = self.look(doc, candidates, ks)
        passes = {k: fp for k, fp, _ in looks}
        word_logp = [float(fp.unit_logp[i - doc.sentences[k][0]]) for k, fp, _ in looks
                     for i in range(*doc.sentences[k]) if doc.tokens[i].is_word]
        sites = [s for k, fp, ranked in looks for s in self._preselect(ranked, k, doc.sentences[k][0], fp)]
        context = spin_context([r for _, _, ranked in looks for r in ranked],
                               sum(t.is_word for k in ks for t in doc.tokens[slice(*doc.sentences[k])]))
        for s in sites:  # first-pass evidence: left-context gain plus bigram right-context gain
            s.context = context
            s.local = np.array([0.0] + [lg + rg for lg, rg in zip(s.left_gains, s.right_gains)])
            self._judge(doc, s)
        if self.params.second_pass:
            doubtful = [s for s in sites if max(s.p) >= self.params.second_look]
            self._second_pass(doc, doubtful, passes)
            for s in doubtful:
                self._judge(doc, s)
        return sites, sum(word_logp), len(word_logp)

    def _proposed(self, doc: Doc, i: int, b: int, words, existing: list[Candidate]) -> list[tuple[Candidate, float]]:
        """The scorer's proposals at token i as originals of the 1-3 word spans starting there, where a thesaurus
        ties them to a word of the span (proposals.py), with their left-context log-probabilities."""
        if self.ties is None:
            return []
        toks, out = doc.tokens, []
        have = {(c.original.lower(), c.end) for c in existing}
        span: list[str] = []
        for end in range(i + 1, min(b, i + MAX_SPAN_WORDS) + 1):
            tok = toks[end - 1]
            if not tok.is_word:
                break
            if end == i + 2 and not spinner_word(toks[i], doc.sentence_start(i)):
                break  # a phrase is not proposed over a name or a rare word
            if end > i + 1 and (doc.text[toks[end - 2].end : tok.start] != " " or not spinner_word(tok, False)):
                break
            span.append(toks[end - 1].lower)
            fresh = list({word.lower(): lp for word, lp in reversed(words) if (word.lower(), end) not in have}.items())
            for (w, lp), channel in zip(fresh, self.ties.channels([w for w, _ in fresh], span)):
                if channel is not None:
                    have.add((w, end))
                    out.append((Candidate(i, end, match_case(toks[i].text, w), channel, PROPOSED), lp))
        return out

    def hypothesis(self, doc: Doc, k: int) -> Hypothesis:
        """Sentence k as the scorer reads it, after the end of the sentence before it: the text's topic helps the
        model tell the original from its synonyms (docs/experiments.md, "The sentence before")."""
        return sentence_hypothesis(doc, k, self.params.context_words)

    # -- pre-selection: where and what to try in the second pass -----------------------------------------
    def _rank(self, doc: Doc, candidates, a: int, b: int, starts: set[int], fp) -> list[Ranked]:
        """Every span of sentence [a, b) with options, its options ranked by the pre-selection ranker."""
        toks = doc.tokens
        spans, raw, lefts = [], [], []  # spans: (token, options, name, their first row in raw)
        for i in range(a, b):
            cands = [c for c in candidates.get(i, ()) if c.end <= b]
            if not cands or (i - a) not in fp.option_logp:
                continue
            tok = toks[i]
            if tok.text.isupper() and len(tok.text) > 1 and not any(c.known_tortured for c in cands):
                continue  # acronyms are not spun
            name = tok.text[0].isupper() and i not in starts
            spans.append((i, cands, name, len(raw)))
            lefts.append(fp.option_logp[i - a][1:] - fp.option_logp[i - a][0])
            raw.extend(self._option_rows(doc, i, b, cands, fp.unit_logp[i - a :], name))
        if not spans:
            return []
        cols = np.array(raw, dtype=np.float64).T
        x = option_features(left_gain=np.concatenate(lefts), right_gain=cols[0], channel=cols[1], related=cols[2],
                            proposed=cols[3], zipf_original=cols[4], zipf_spun=cols[5], extra_words=cols[6],
                            width=cols[7], spun_logp=cols[8], pieces=cols[9], spun_pieces=cols[10], name=cols[11])
        ranks = (self.ranker.scores(x) + KNOWN_TORTURED * cols[12]).tolist()
        left_gains, right_gains = x[:, OPTION_FEATURES.index("left_gain")].tolist(), cols[0].tolist()
        ranked = []
        for n, (i, cands, name, lo) in enumerate(spans):
            hi = spans[n + 1][3] if n + 1 < len(spans) else len(raw)
            if self.record is not None:
                self.record.append((doc, i, cands, x[lo:hi]))
            scored = sorted(zip(ranks[lo:hi], left_gains[lo:hi], right_gains[lo:hi], cands), key=lambda r: -r[0])
            ranked.append(Ranked(i, scored, name))
        return ranked

    def _preselect(self, ranked: list[Ranked], k: int, a: int, fp) -> list[Site]:
        """The sites worth a second pass: spans whose best option beats leaving them unchanged by the ranker's
        margin, best first, no two overlapping."""
        p = self.params
        taken: list[Site] = []
        used: set[int] = set()
        for r in sorted((r for r in ranked if r.options[0][0] > self.ranker.margin), key=lambda r: -r.options[0][0]):
            i, scored = r.token, r.options
            end = scored[0][3].end
            if used.intersection(range(i, end)):
                continue
            used.update(range(i, end))
            runner = [x for x in scored[1:] if x[3].end == end][: p.options - 1]
            chosen = [scored[0]] + runner
            spares = [x[3] for x in scored[1:] if x not in runner and x[3].end == end][:3]  # same words replaced
            site = Site(i, end, k, [x[3] for x in chosen], [x[1] for x in chosen], [x[2] for x in chosen], spares,
                        r.name)
            site.spun_logp = float(fp.unit_logp[i - a : end - a].sum())
            taken.append(site)
        return sorted(taken, key=lambda s: s.start)

    def _option_rows(self, doc: Doc, i: int, b: int, cands: list[Candidate], unit_logp, name: bool) -> list[tuple]:
        """Per option at token i: the raw values option_features needs besides the left gain, plus `tortured`."""
        toks, tok = doc.tokens, doc.tokens[i]
        per_end: dict[int, tuple] = {}  # the spun text an option ending there replaces, and its scores
        rows = []
        for c in cands:
            nxt = toks[c.end].lower if c.end < b and toks[c.end].is_word else None
            if c.end not in per_end:
                surface = doc.text[tok.start : toks[c.end - 1].end]
                width = c.end - c.start
                per_end[c.end] = (self._right(toks[c.end - 1].lower, nxt), zipf(surface.lower()),
                                  self.scorer.pieces(surface), float(unit_logp[:width].sum()) / width, width)
            spun_right, zipf_spun, spun_pieces, spun_logp, width = per_end[c.end]
            words = words_of(c.original)
            right = self._right(words[-1], nxt) - spun_right if words else 0.0
            rows.append((right, c.channel, c.related, c.prior == PROPOSED, zipf(c.original.lower()), zipf_spun,
                         abs(len(c.original.split()) - width), width, spun_logp, self.scorer.pieces(c.original),
                         spun_pieces, name, c.weighed_as_listed))
        return rows

    def _right(self, last: str, nxt: str | None) -> float:
        return self.proxy.conditional(last, nxt) if nxt is not None else 0.0

    # -- second pass: restored hypotheses per sentence, scored in one batch --------------------------------
    def _second_pass(self, doc: Doc, sites: list[Site], first: dict[int, FirstPass]) -> None:
        """Score each site's options in context: one restored hypothesis per site and option, so that each site's
        evidence is its own."""
        R = self.params.right_context
        by_sentence: dict[int, list[Site]] = {}
        for s in sites:
            by_sentence.setdefault(s.sentence, []).append(s)
        hyps: list[Hypothesis] = []
        sentence_of: list[int] = []
        layout = []  # (sentence, site, option, hypothesis index, unit position of the site in it)
        for k, group in by_sentence.items():
            a, _ = doc.sentences[k]
            base = self.hypothesis(doc, k)
            for v in range(max(len(s.options) for s in group)):
                # a runner-up is scored again only where the first pass left it a chance
                rescored = [s for s in group
                            if len(s.options) > v and (v == 0 or s.p[v] >= self.params.runner_up_look)]
                for s in rescored:
                    u = s.start - a
                    layout.append((k, s, v, len(hyps), u))
                    hyp = base.replace(u, s.end - a, s.options[v].original)
                    last = u + 1 + R  # a causal model needs nothing after the last unit read
                    hyps.append(hyp.head(last))
                    sentence_of.append(k)
        read: list[set[int]] = [set() for _ in hyps]
        for *_, h, u in layout:
            read[h].update(range(u, u + 1 + R))
        made_from = [first[k].state for k in sentence_of]
        scores = self.scorer.score(hyps, read, made_from) if hyps else []
        for k, s, v, h, u in layout:
            a, _ = doc.sentences[k]
            if v == 0:  # options not scored again keep the first pass's evidence (left gain, bigram right gain)
                spun = float(first[k].unit_logp[s.start - a : s.end - a + R].sum())
                s.local = np.array([spun] + [spun + lg + rg for lg, rg in zip(s.left_gains, s.right_gains)])
            s.local[v + 1] = float(scores[h][u : u + 1 + R].sum())

    # -- the decision at one site ----------------------------------------------------------------------------
    def _decide(self, s: Site, threshold: float) -> Decision | None:
        best = int(np.argmax(s.p))
        if s.p[best] < threshold:
            return None
        chosen = s.options[best]
        others = [s.options[v].original for v in np.argsort(s.p)[::-1] if v != best]
        others += [c.original for c in s.spares if c.original not in others and c.original != chosen.original]
        return Decision(s.start, s.end, chosen.original, s.p[best], others[:4], chosen.known_tortured,
                        chosen.known_term, chosen.expected_wording)


def spin_rate(sites: list[Site], words: int) -> float:
    """The expected share of spun words: each site's likeliest original weighted by the words it replaces."""
    return min(1.0, sum(max(s.p) * (s.end - s.start) for s in sites) / max(1, words))


def spin_context(ranked: list[Ranked], words: int) -> float:
    """The expected share of spun words in a stretch of text by the ranker's first look (each span's best option
    against leaving it unchanged): a prior for every span in it, since a spinner rewrites a whole text, not one
    word of it."""
    if not ranked or not words:
        return 0.0
    odds = np.array([min(r.options[0][0], CONTEXT_CAP) for r in ranked])
    widths = np.array([r.options[0][3].end - r.token for r in ranked])
    return float(min(1.0, (widths / (1.0 + np.exp(-odds))).sum() / words))


def sentence_hypothesis(doc: Doc, k: int, context_words: int = 0) -> Hypothesis:
    """Sentence k of the Doc as a hypothesis, with up to `context_words` words of the sentence before as context."""
    a, b = doc.sentences[k]
    toks = doc.tokens[a:b]
    spaces = ("",) + tuple(doc.text[x.end : y.start] for x, y in zip(toks, toks[1:]))
    return Hypothesis(tuple(t.text for t in toks), spaces, context_before(doc, k, context_words))


def context_before(doc: Doc, k: int, words: int) -> str:
    """The last `words` words of sentence k - 1, as written ("" for the first sentence)."""
    if k == 0 or words <= 0:
        return ""
    a, b = doc.sentences[k - 1]
    before = [t for t in doc.tokens[a:b] if t.is_word]
    if not before:
        return ""
    first = before[-words].start if len(before) > words else doc.tokens[a].start
    return doc.text[first : doc.tokens[b - 1].end]


PROPOSED = -1e9  # the `prior` that marks a candidate the language model proposed
TRIGRAM_GAIN_CAP = 15.0  # nats: beyond this a swap's trigram gain says nothing more


def trigram_gain(trigram: TrigramModel, doc: Doc, sentence: tuple[int, int], start: int, end: int,
                 original: str) -> float:
    """The trigram model's gain from reading `original` in place of tokens [start, end), with two words of the
    sentence on each side: right-hand evidence a left-to-right first pass lacks, from a model that reads English
    differently from the scorer."""
    a, b = sentence
    toks = doc.tokens
    before: list[str] = []
    i = start
    while i > a and len(before) < 2:  # only the two words before are read: walk back no further
        i -= 1
        if toks[i].is_word:
            before[:0] = words_of(toks[i].text)
    if len(before) < 2:
        before.insert(0, SENTENCE_START)
    after: list[str] = []
    i = end
    while i < b and len(after) < 2:
        if toks[i].is_word:
            after += words_of(toks[i].text)
        i += 1
    old = [w for t in toks[start:end] if t.is_word for w in words_of(t.text)]
    gain = trigram.swap_gain(before[-2:], old, words_of(original), after[:2])
    return max(-TRIGRAM_GAIN_CAP, min(TRIGRAM_GAIN_CAP, gain))
