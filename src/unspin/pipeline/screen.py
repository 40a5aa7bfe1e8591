"""Screening: which words look spun, from one reading of each sentence (the path `unspin detect` takes).

The decoder's first pass and ranking give every span with options its scores; the flagger turns them into the
probability that the span was spun. No second pass: screening runs at the speed of reading the text once, and a
span is flagged on the evidence that it was spun even where the original is uncertain. The language model proposes
no words here: its proposals did not help tell spun words from clean ones, cost time, and flagged more clean
controls.

The document's estimated spin rate is the expected share of spun words. Whether it is spun at all is judged on
stronger evidence: the log-likelihood ratio of "spun at a light rate" against "clean", summed over its spans (a
text repeated n times counting sqrt(n) times), per word. The mean probability lets the many faintly suspect words
of a clean text add up; the likelihood ratio weighs each span by how strongly it points either way, and finds far more
lightly spun documents at the same false positives.
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

from ..doc import Doc
from ..frequency import zipf
from .decode import SENTENCES_PER_BATCH, Decision, Decoder, Ranked, Site, trigram_gain
from .flagger import FLAG_FEATURES, Flagger, flag_features
from .termcheck import rechecked, set_term_gains, term_variants
from .thorough import SecondReading, averaged_flags

BEST_OPTION_CAP = 20.0  # a listed tortured phrase is ranked far above everything; its own feature says so
TRIGRAM_OPTIONS = 4  # a span's best options read by the trigram model
FOLD_TERMS_UP_TO = 4  # sentences per look up to which known terms are read in the first pass's forward call
TERM_READ_FROM = 0.45  # beyond that, only terms their span ranks first with at least this probability are read
# (at the flagger's own threshold; a lower span threshold lowers it in proportion)
CONTINUED_LOOKS = 8  # looks whose terms are read on together (their first passes' keys and values held meanwhile)
ALTERNATIVE_RATE = 0.05  # the light spinning the document evidence weighs against clean text (heavier
# spinning as the alternative called fewer lightly spun documents)


def repeats_discounted(terms: np.ndarray, keys: list[str]) -> float:
    """The sum of `terms`, a key seen n times counting sqrt(n) times its mean. A clean paper on touch says "sense of
    touch" eight times, and a repeated term is not new evidence each time (counted every time, fixed phrases of
    academic prose made clean papers look spun); but a real spinner swaps the same word the same way each time, so
    a repeat still says something (counted once, the demo's real spun article looked clean)."""
    groups: dict[str, list[float]] = {}
    for key, term in zip(keys, terms.tolist()):
        groups.setdefault(key, []).append(term)
    return float(sum(sum(g) / len(g) ** 0.5 for g in groups.values()))


def look_rate(doc: Doc, sites: list[Site]) -> float:
    """The expected share of spun words by a reading's sites, a swap repeated n times counting sqrt(n) times as in
    the screening evidence: detect's look reads templated clean prose ("remains", "as well as" in sentence after
    sentence) as a spinner's repeated habit otherwise."""
    terms = np.array([max(s.p) * (s.end - s.start) for s in sites])
    keys = [doc.text[doc.tokens[s.start].start : doc.tokens[s.end - 1].end].lower() for s in sites]
    return min(1.0, repeats_discounted(terms, keys) / max(1, doc.word_count))


def _surface(doc: Doc, r: Ranked) -> str:
    return doc.text[doc.tokens[r.token].start : doc.tokens[r.options[0][3].end - 1].end].lower()


class Screener:
    def __init__(self, decoder: Decoder, flagger: Flagger):
        self.decoder, self.flagger = decoder, flagger

    def __call__(self, doc: Doc, candidates, progress=None, threshold: float | None = None, read_terms: bool = True
                 ) -> tuple[list[Decision], float, float]:
        """Flagged spans (with their likely originals), the estimated spin rate of the document and its evidence
        of spinning per word. Spans are flagged at `threshold` or above (default: the flagger's, fitted so that
        nine in ten flags are right)."""
        return self.many([(doc, candidates)], progress, threshold, read_terms)[0]

    def many(self, items: list[tuple[Doc, dict]], progress=None, threshold: float | None = None,
             read_terms: bool = True, second_reading: SecondReading | None = None
             ) -> list[tuple[list[Decision], float, float]]:
        """`__call__` for several documents, their sentences read together when the scorer gains by it (short
        texts share the language model's forward passes; the n-gram scorer is as fast one by one, and faster
        without many documents' spans held at once). `second_reading`: a document's sites as another reader
        decided them (None: not read again), whose decider probabilities are averaged with the flagger's
        (thorough.py); the flags are then cut at `threshold` or the reading's own."""
        if len(items) > 1 and not self.decoder.scorer.shares_passes:
            total, done, out = sum(len(doc.sentences) for doc, _ in items), 0, []
            for item in items:
                report = (lambda d, _, base=done: progress(base + d, total)) if progress else None
                out.append(self.many([item], report, threshold, read_terms, second_reading)[0])
                done += len(item[0].sentences)
            return out
        return [self._judge(doc, ranked, x, threshold, second_reading) for (doc, _), (ranked, x)
                in zip(items, self.evidence_many(items, progress, read_terms,
                                                     self.read_from(None if second_reading else threshold)))]

    def read_from(self, threshold: float | None) -> float:
        """The probability from which a long text's terms are read: TERM_READ_FROM at the flagger's threshold, lower
        in proportion for a lower span threshold (so that a user's looser cut still has its terms read)."""
        cut = self.flagger.threshold if threshold is None else threshold
        return TERM_READ_FROM * min(1.0, cut / self.flagger.threshold)

    def _judge(self, doc: Doc, ranked: list[Ranked], x: np.ndarray, threshold: float | None,
               second_reading: SecondReading | None = None) -> tuple[list[Decision], float, float]:
        p = self.flagger.probabilities(x).tolist() if ranked else []
        n_words = max(1, doc.word_count)
        weight = 0.0
        if ranked:
            terms = np.log1p(ALTERNATIVE_RATE * (self.flagger.likelihood_ratios(x) - 1))
            weight = repeats_discounted(terms, [_surface(doc, r) for r in ranked])
        spans = [rechecked(r, q, self.flagger.threshold) for r, q in zip(ranked, p)]
        spun_words = sum(q * (r.options[0][3].end - r.token) for r, q in spans)
        rate = min(1.0, spun_words / n_words)
        sites = second_reading.sites(doc) if second_reading else None
        if sites is not None:
            cut = second_reading.threshold if threshold is None else threshold
            return (averaged_flags(spans, sites, cut, second_reading.own, second_reading.site_lift), rate,
                    weight / n_words)
        cut = self.flagger.threshold if threshold is None else threshold
        return self._flags(spans, cut), rate, weight / n_words

    def evidence(self, doc: Doc, candidates, progress=None) -> tuple[list[Ranked], np.ndarray]:
        """Every span with options, and the flagger's feature rows for them."""
        return self.evidence_many([(doc, candidates)], progress)[0]

    def evidence_many(self, items: list[tuple[Doc, dict]], progress=None, read_terms: bool = True,
                      read_from: float = TERM_READ_FROM) -> list[tuple[list[Ranked], np.ndarray]]:
        """`evidence` per document; up to SENTENCES_PER_BATCH sentences, from one or more documents, per look.
        `read_terms`: known terms in disguise are also read in place (termcheck.py); in long texts only those their
        span ranks first with a probability of `read_from` or more."""
        found: list[tuple[list[Ranked], list[np.ndarray]]] = [([], []) for _ in items]
        total = sum(len(doc.sentences) for doc, _ in items)
        done = 0
        continued = _Continued(self.decoder.scorer)

        def read(batch: list[tuple[int, list[int]]]) -> None:
            variants = {(n, k): term_variants(self.decoder.hypothesis(items[n][0], k), *items[n][0].sentences[k],
                                              items[n][1]) for n, ks in batch for k in ks} if read_terms else {}
            # a few sentences: their terms read whole in the same forward call; many: read later, continuing each
            # sentence from the first pass's keys and values from the term on
            fold = sum(len(ks) for _, ks in batch) <= FOLD_TERMS_UP_TO
            also = [hyp for found_here in variants.values() for _, hyp in found_here] if fold else []
            looks, also_logp = self.decoder.look_and_read([(items[n][0], items[n][1], ks) for n, ks in batch], also,
                                                          proposals=0)
            scores = iter(also_logp)
            for (n, _), sentences in zip(batch, looks):
                doc = items[n][0]
                for k, fp, here in sentences:
                    a = doc.sentences[k][0]
                    rows = self.features(doc, a, fp.unit_logp, here) if here else None
                    if fold:
                        mine = [(c, next(scores)) for c, _ in variants.get((n, k), ())]
                        if mine:
                            set_term_gains(here, a, fp.unit_logp, mine)
                    else:
                        for c, hyp in self._decisive(variants.get((n, k), []), here, rows, read_from):
                            continued.add(here, a, fp, c, hyp)
                    if here:
                        found[n][0].extend(here)
                        found[n][1].append(rows)
            continued.look_done()

        for batch in _looks([doc for doc, _ in items]):
            read(batch)
            done += sum(len(ks) for _, ks in batch)
            if progress:
                progress(done, total)
        continued.read()
        return [(ranked, np.concatenate(rows) if rows else np.zeros((0, len(FLAG_FEATURES)))) for ranked, rows in found]

    def _decisive(self, variants: list, ranked: list[Ranked], rows: np.ndarray | None,
                  read_from: float = TERM_READ_FROM) -> list:
        """The term variants of a sentence whose reading could change what is flagged: terms their span ranks first
        and that span already likely to be spun (`read_from`; TERM_READ_FROM at the default threshold). The terms
        whose reading changed a flag were all ranked first well above it; the others, many of a long text's, need
        no forward call."""
        if not variants or not ranked:
            return []
        p = self.flagger.probabilities(rows)
        firsts = {id(r.options[0][3]) for r, q in zip(ranked, p) if q >= read_from}
        return [(c, hyp) for c, hyp in variants if id(c) in firsts]

    def features(self, doc: Doc, a: int, unit_logp: np.ndarray, ranked: list[Ranked]) -> np.ndarray:
        """The flagger's feature rows for the ranked spans of the sentence starting at token `a`."""
        n = len(unit_logp)
        sentence = doc.sentence_of(a)
        u = np.array([r.token - a for r in ranked])
        texts = [doc.tokens[r.token].text for r in ranked]
        best = [r.options[0][3] for r in ranked]
        spun = [doc.text[doc.tokens[r.token].start : doc.tokens[c.end - 1].end].lower() for r, c in zip(ranked, best)]
        return flag_features(
            logp=unit_logp[u], pieces=[self.decoder.scorer.pieces(t) for t in texts],
            next_logp=np.where(u + 1 < n, unit_logp[np.minimum(u + 1, n - 1)], 0.0),
            prev_logp=np.where(u > 0, unit_logp[np.maximum(u - 1, 0)], 0.0),
            best_option=[min(BEST_OPTION_CAP, r.options[0][0]) for r in ranked],
            best_left_gain=[max(o[1] for o in r.options) for r in ranked], options=[len(r.options) for r in ranked],
            zipf=[zipf(t.lower()) for t in texts], name=[r.name for r in ranked],
            width=[c.end - c.start for c in best], tortured=[c.known_tortured for c in best],
            best_channel=[c.channel for c in best],
            best_zipf_gain=[zipf(c.original.lower()) - zipf(s) for c, s in zip(best, spun)],
            best_extra_words=[abs(len(c.original.split()) - (c.end - c.start)) for c in best],
            trigram_gain=[self._trigram_gain(doc, sentence, r) for r in ranked],
        )

    def _trigram_gain(self, doc: Doc, sentence: tuple[int, int], r: Ranked) -> float:
        """The best trigram gain among the span's first few options (each over the words it would replace)."""
        return max(trigram_gain(self.decoder.trigram, doc, sentence, r.token, o[3].end, o[3].original)
                   for o in r.options[:TRIGRAM_OPTIONS])

    @staticmethod
    def _flags(spans: list[tuple[Ranked, float]], threshold: float) -> list[Decision]:
        """Spans at or above `threshold`, the most probable first where they overlap."""
        flags, used = [], set()
        for r, p in sorted(spans, key=lambda s: -s[1]):
            best = r.options[0][3]
            if p < threshold or used.intersection(range(r.token, best.end)):
                continue
            used.update(range(r.token, best.end))
            others = [o[3].original for o in r.options[1:] if o[3].end == best.end][:4]  # for the same words
            flags.append(Decision(r.token, best.end, best.original, p, others, best.known_tortured, best.known_term,
                                  best.expected_wording))
        return sorted(flags, key=lambda d: d.start)


def _looks(docs: list[Doc], size: int = SENTENCES_PER_BATCH) -> Iterator[list[tuple[int, list[int]]]]:
    """The documents' sentences in looks of about `size`, in order: [(document number, its sentence numbers)]; a
    document longer than `size` spans several looks, short ones share one."""
    batch: list[tuple[int, list[int]]] = []
    count = 0
    for n, doc in enumerate(docs):
        for first in range(0, len(doc.sentences), size):
            ks = list(range(first, min(len(doc.sentences), first + size)))
            batch.append((n, ks))
            count += len(ks)
            if count >= size:
                yield batch
                batch, count = [], 0
    if batch:
        yield batch


class _Continued:
    """Sentences with a term in place, read on from their first pass where the term starts: held over up to
    CONTINUED_LOOKS looks and read in one call. A call costs about as much for one term as for many (it streams the
    model's weights once more)."""

    def __init__(self, scorer):
        self.scorer = scorer
        self.waiting: list[tuple[list[Ranked], int, object, object, object]] = []
        self.looks, self.fresh = 0, False

    def add(self, ranked: list[Ranked], a: int, first_pass, term, hyp) -> None:
        self.waiting.append((ranked, a, first_pass, term, hyp))
        self.fresh = True

    def look_done(self) -> None:
        """Called after each look; the terms of CONTINUED_LOOKS looks are read together."""
        self.looks += self.fresh
        self.fresh = False
        if self.looks >= CONTINUED_LOOKS:
            self.read()

    def read(self) -> None:
        if self.waiting:
            units = [set(range(term.start - a, len(hyp.units))) for _, a, _, term, hyp in self.waiting]
            scores = self.scorer.score([w[4] for w in self.waiting], units, [w[2].state for w in self.waiting])
            for (ranked, a, fp, term, _), logp in zip(self.waiting, scores):
                set_term_gains(ranked, a, fp.unit_logp, [(term, logp)])
        self.waiting, self.looks = [], 0
