"""The restorer: Doc -> candidates -> scores -> decisions -> Restoration. One per process, models loaded once."""
from __future__ import annotations

import copy
import threading
from contextlib import nullcontext
from dataclasses import replace

from ..doc import Doc
from ..errors import ConfigError
from ..language import looks_english
from ..profile import Profile
from ..result import Detection, Edit, Restoration
from ..scoring.base import Scorer
from ..scoring.ngram import NgramModel, NgramScorer
from ..thesaurus.terms import TermMatcher
from .calibration import CALIBRATED_MIN_WORDS, load_calibration
from .candidates import PER_SPAN, RELATED_PER_SPAN, SCREEN_SOURCES, SCREEN_TORTURED_WORD_CHANNEL, CandidateGenerator
from .decider import Decider
from .decode import Decoder, DecoderParams, spin_rate
from .flagger import Flagger
from .preselect import Ranker
from .proposals import Ties
from .screen import Screener, look_rate
from .thorough import SecondReading

FAST_PER_SPAN = 6  # bigram evidence cannot tell many candidates apart; fewer keeps --fast fast

# Words too frequent and too polysemous to restore on thesaurus evidence alone.
SKIP_ZIPF = 6.3


class Restorer:
    """Restores spun text; `scorer` decides between candidates (LMScorer, or NgramScorer for --fast)."""

    def __init__(self, scorer: Scorer, *, proxy: NgramModel | None = None, withheld_heads=frozenset(),
                 withheld_phrases=frozenset(), params: DecoderParams | None = None, index=None, tortured=None,
                 learned=None, known_spinners: bool = True):
        from wordfreq import top_n_list, zipf_frequency

        from ..thesaurus.index import load_index
        from ..thesaurus.tortured import load_tortured

        self.scorer = scorer
        self.proxy = proxy or NgramModel.load()
        skip = frozenset(w for w in top_n_list("en", 200) if zipf_frequency(w, "en") >= SKIP_ZIPF)
        withheld_phrases = frozenset(withheld_phrases)
        index = index if index is not None else load_index(frozenset(withheld_heads), withheld_phrases)
        fast = isinstance(scorer, NgramScorer)  # n-gram evidence cannot pick among many distant candidates
        tortured = tortured if tortured is not None else load_tortured(withheld_phrases)
        # Known terms in disguise need a word similarity to tell them from clean phrases: the language model's input
        # embeddings. The n-gram scorer has none, so --fast screening reaches terms only through the list's own word
        # swaps (every thesaurus pair cost too much of its speed), and --fast restore takes no terms at all.
        terms = TermMatcher((t for expected in tortured.values() for t in expected), index,
                            swaps_only=not scorer.has_similarity)
        generator = dict(index=index, tortured=tortured, skip_words=skip, learned=learned, terms=terms,
                         similarity=scorer.similarity if scorer.has_similarity else None,
                         per_span=FAST_PER_SPAN if fast else PER_SPAN)
        self.candidates = CandidateGenerator(**generator | (dict(terms=None) if fast else {}),
                                             related_per_span=0 if fast else RELATED_PER_SPAN)
        # Screening tells spun words from clean ones; entry neighbours help find originals, not spun words, a
        # technical term in full ("congenital heart disease") is not flagged as a rewrite of its own word, and an
        # article with the word after it is not read as a phrase (the flagger, not fitted on them, lost precision).
        self.screen_candidates = CandidateGenerator(**generator, skip_abridged=True,
                                                    tortured_word_channel=SCREEN_TORTURED_WORD_CHANNEL,
                                                    sources=SCREEN_SOURCES, article_phrases=False)
        if params is None:
            params = DecoderParams(proposals=0) if fast else DecoderParams()
        self.decoder = Decoder(scorer, self.proxy, Decider.load(scorer.name), params, ties=Ties(index))
        self.calibration = load_calibration(scorer.name)
        # Screening ranks options as its flagger was fitted to read them (preselect.json's "<scorer>-screen").
        screen_ranker = Ranker.load(f"{scorer.name}-screen")
        # Screening reads sentences alone: the sentence before nearly doubled the cost of its one pass, and its
        # flagger was fitted without it (docs/experiments.md, session 8).
        screen_decoder = Decoder(scorer, self.proxy, self.decoder.decider, replace(params, context_words=0),
                                 ranker=screen_ranker)
        self.screener = Screener(screen_decoder, Flagger.load(scorer.name))
        self.screen_calibration = load_calibration(f"{scorer.name}-screen")
        # detect's document verdict reads beside screening's evidence a look with restore's candidates (less entry
        # neighbours, a fifth of its time) and decider on the first pass alone (no second pass, no proposals): it
        # tells a dictionary spinner's texts from clean ones far better than screening's flagger. It reads sentences
        # alone, as screening does, so that the model runs once for both (`remembering`; with the sentence before,
        # detect ran at half the speed for the same verdicts). Not for --fast: its speed target leaves no room.
        self.look = self.look_candidates = self.look_calibration = None
        if not fast:
            self.look = Decoder(scorer, self.proxy, self.decoder.decider,
                                replace(params, proposals=0, second_pass=False, context_words=0), ties=Ties(index))
            self.look_candidates = CandidateGenerator(**generator)
            self.look_calibration = load_calibration(f"{scorer.name}-look")
        self.known_spinners = known_spinners  # False: never read a text with a shipped profile (fitting, baselines)
        self._known: dict[str, Restorer] = {}  # known spinner -> this restorer with its pairs (known_reading)
        self._hinted: dict[str, Restorer] = {}  # known spinner -> this restorer offering its pairs (hinted_reading)
        self.offers = ""  # the known spinner whose pairs this restorer offers (hinted_reading's), if any

    def known_reading(self, text: str, known_spinners: bool = True) -> tuple[Restorer, str]:
        """The restorer to read `text` with, and the known spinner it matched ("" for none): a text a shipped profile
        clearly matches (learn/known.py) is read with that profile's pairs, as spun (`read_as_known`). A restorer
        given pairs of its own (a profile, a batch's) reads every text itself, as does any when `known_spinners` is
        False."""
        if not self._reads_known(known_spinners):
            return self, ""
        from ..learn.known import known_profiles, known_spinner

        match = known_spinner(text)
        if match is None:
            return self, ""
        if match.name not in self._known:
            self._known[match.name] = self.read_as_known(known_profiles()[match.name])
        return self._known[match.name], match.name

    def _reads_known(self, known_spinners: bool = True) -> bool:
        """Whether a shipped profile's pairs may reach a text: not in a restorer given pairs of its own (a profile, a
        batch's), nor when the call's or the restorer's `known_spinners` is False."""
        return not self.candidates.learned and self.known_spinners and known_spinners

    def restore_reading(self, text: str, known_spinners: bool = True) -> tuple[Restorer, str]:
        """The restorer `restore` and `detect` read `text` with, and the known spinner it matched: `known_reading`'s,
        or where no spinner clearly wrote it, `hinted_reading`'s."""
        reader, spinner = self.known_reading(text, known_spinners)
        if reader is self and known_spinners:
            reader = self.hinted_reading(text)
        return reader, spinner

    def hinted_reading(self, text: str) -> Restorer:
        """This restorer, or for a text that shows some of a known spinner's habits without clearly matching it
        (`learn.known.hinted_spinner`), this restorer offering that spinner's pairs among its candidates (restore's,
        screening's and the look's), decided as any other; its `offers` names the spinner."""
        if not self._reads_known():
            return self
        from ..learn.em import with_learned
        from ..learn.known import hinted_spinner, known_profiles

        name = hinted_spinner(text)
        if name is None:
            return self
        if name not in self._hinted:  # building a generator's view of 5,000 pairs costs more than a short read
            self._hinted[name] = with_learned(self, known_profiles()[name].learned())
            self._hinted[name].offers = name
        return self._hinted[name]

    def read_as_known(self, profile: Profile) -> Restorer:
        """This restorer reading with a known spinner's pairs (its sure swaps weighed as listed phrases), every text
        as spun, with the decider fitted for such texts (`Decider.for_known_spinner`): what `known_reading` gives a
        text the spinner clearly wrote."""
        from ..learn.em import with_learned
        from ..learn.known import sure_swaps

        reader = with_learned(self, profile.learned(), sure_swaps(profile))
        reader.decoder = copy.copy(self.decoder)
        reader.decoder.decider = self.decoder.decider.for_known_spinner()
        return reader

    def restore(self, text: str, progress=None, known_spinners: bool = True) -> Restoration:
        """Restore `text`; `progress(done, total)` is called as sentences are scored. A text a known spinner
        clearly wrote is read with its pairs (`known_reading`) unless `known_spinners` is False."""
        reader, spinner = self.restore_reading(text, known_spinners)
        if reader is not self:
            return replace(reader.restore(text, progress), known_spinner=spinner, hinted_spinner=reader.offers)
        doc, words, warnings = self._read(text)
        if doc is None:
            return Restoration(text, text, 0.0, 0.0, [], words, warnings)
        sites = self.decoder.sites(doc, self.candidates(doc), progress)
        rate = spin_rate(sites, words)
        score = self.calibration.probability(rate, words, known=_known_evidence(text))
        cut = self.decoder.decider.cut(score, words)
        decisions = self.decoder.decide(sites, self.decoder.decider.threshold if cut is None else cut)
        if cut is None:  # read as clean: listed tortured phrases only
            listed = [d for d in decisions if d.known_tortured]
            if held := len(decisions) - len(listed):
                warnings = [*warnings, f"the text reads as not spun (spin score {score:.0%}): {held} doubtful swap(s) "
                            "left as written; only listed tortured phrases are restored"]
            decisions = listed
        edits = _edits(doc, text, decisions)
        return Restoration(text, _applied(text, edits), score, rate, edits, words, warnings)

    @property
    def reads_together(self) -> bool:
        """Whether `detect_many` is faster than one `detect` per text (the language model's, not the n-gram's)."""
        return self.scorer.shares_passes

    def detect(self, text: str, threshold: float = 0.5, progress=None, span_threshold: float | None = None,
               read_terms: bool = True, thorough: bool = False, known_spinners: bool = True) -> Detection:
        """Screen `text`: one reading per sentence, flagged spans with their likely originals (see screen.py).
        `threshold` calls the document spun; `span_threshold` flags a span (default: fitted for 90% precision);
        `read_terms` also reads each known term in disguise in place (more new tortured phrases; a little slower);
        `thorough` also reads the text as restore does, averages the two for the spans (thorough.py: more spun
        words found at the same precision) and takes the document's probability and spin rate from restore's
        reading, at restore's speed. `known_spinners` as for `restore`."""
        return self.detect_many([text], threshold, progress, span_threshold, read_terms, thorough, known_spinners)[0]

    def detect_many(self, texts: list[str], threshold: float = 0.5, progress=None,
                    span_threshold: float | None = None, read_terms: bool = True, thorough: bool = False,
                    known_spinners: bool = True) -> list[Detection]:
        """`detect` for several texts, read together: much faster for short texts (a paragraph alone leaves the
        model's forward pass mostly idle), the same results but for bfloat16 rounding, which differs with the batch.
        Progress counts sentences over all of them (over each group of texts read with the same pairs, in turn)."""
        readers = [self.restore_reading(text, known_spinners) for text in texts]
        groups: dict[int, list[int]] = {}
        for n, (reader, _) in enumerate(readers):
            groups.setdefault(id(reader), []).append(n)
        out: list = [None] * len(texts)
        for ns in groups.values():
            reader, spinner = readers[ns[0]]
            found = reader._detect_many([texts[n] for n in ns], threshold, progress, span_threshold, read_terms,
                                        thorough)
            for n, detection in zip(ns, found):
                out[n] = replace(detection, known_spinner=spinner, hinted_spinner=reader.offers)
        return out

    def _detect_many(self, texts: list[str], threshold: float, progress, span_threshold: float | None,
                     read_terms: bool, thorough: bool) -> list[Detection]:
        """`detect_many` with this restorer's own pairs, whatever the texts."""
        if thorough and isinstance(self.scorer, NgramScorer):
            raise ConfigError("thorough detection needs the language model: --fast (fast=True) has no fitted "
                              "threshold for averaging screening with restore's reading")
        read = [self._read(text) for text in texts]
        todo = [(doc, self.screen_candidates(doc)) for doc, _, _ in read if doc is not None]
        # The document's verdict comes from a second reading when there is one: restore's (thorough) or its look.
        verdict, candidates = (self.decoder, self.candidates) if thorough else (self.look, self.look_candidates)
        # Texts shorter than the calibrations' training texts keep screening's verdict.
        long_enough = [doc for doc, _ in todo if thorough or doc.word_count >= CALIBRATED_MIN_WORDS]
        read_again = None
        if verdict is not None:
            progress, read_again = self._second_reading(todo, long_enough, progress, verdict, candidates)
        # Spans: screening's, averaged with the second reading's sites where there is one (thorough.py).
        flagger = self.screener.flagger
        second = None if read_again is None else SecondReading(
            lambda doc: (again := read_again(doc)) and again[0],
            *((flagger.thorough_threshold, None, None) if thorough else
              (flagger.look_threshold, flagger.threshold, flagger.look_lift)))
        # the look reads the sentences screening reads, as screening reads them: the model runs once for both
        with nullcontext() if thorough else self.scorer.remembering():
            judged = iter(self.screener.many(todo, progress, span_threshold, read_terms, second))
            return [Detection(0.0, 0.0, [], words, threshold, warnings) if doc is None else
                    self._detection(text, doc, next(judged), read_again and read_again(doc), thorough, threshold,
                                    warnings)
                    for text, (doc, words, warnings) in zip(texts, read)]

    def _detection(self, text: str, doc: Doc, screened: tuple, again: tuple | None, thorough: bool, threshold: float,
                   warnings: list[str]) -> Detection:
        """A text's Detection from screening's (flags, rate, evidence) and, when it was read again, the second
        reading's (sites, fluency), through the calibration of the reading that judges it."""
        flags, rate, evidence = screened
        words, known = doc.word_count, _known_evidence(text)
        probability = self.screen_calibration.probability(evidence, words, known=known)
        if again is not None:
            sites, fluency = again
            rate = spin_rate(sites, words)
            probability = (self.calibration.probability(rate, words, known=known) if thorough else
                           self.look_calibration.probability(look_rate(doc, sites), words, evidence, fluency, known))
        return Detection(probability, rate, _edits(doc, text, flags), words, threshold, warnings)

    def _second_reading(self, todo: list[tuple[Doc, dict]], reread: list[Doc], progress, decoder: Decoder,
                        candidates: CandidateGenerator):
        """Screening's progress callback, and a document's sites and fluency as `decoder` reads them with
        `candidates` (read once per document, however often asked; None for a document not in `reread`). Progress
        counts the sentences of every document screened and of those in `reread` again, both readings' so far,
        whichever goes first."""
        wanted = {id(doc) for doc in reread}
        total = sum(len(doc.sentences) for doc, _ in todo) + sum(len(doc.sentences) for doc in reread)
        done, found = {"screened": 0, "again": 0}, {}

        def report(reading: str, count: int) -> None:
            done[reading] = count
            progress(done["screened"] + done["again"], total)

        def sites(doc: Doc):
            if id(doc) not in wanted:
                return None
            if id(doc) not in found:
                base = done["again"]
                step = (lambda k, _: report("again", base + k)) if progress else None
                found[id(doc)] = decoder.read(doc, candidates(doc), step)
                done["again"] = base + len(doc.sentences)
            return found[id(doc)]

        return ((lambda k, _: report("screened", k)) if progress else None), sites

    @staticmethod
    def _read(text: str) -> tuple[Doc | None, int, list[str]]:
        """The Doc (None when there is nothing to do: no words, or not English), its word count, warnings."""
        doc = Doc.from_text(text)
        words = doc.word_count
        if not words:
            return None, 0, []
        if not looks_english(doc):
            return None, words, ["the text does not look like English; unspin only restores English, nothing was "
                                 "changed"]
        return doc, words, [] if words >= 40 else [f"only {words} words: little evidence, the spin score is uncertain"]


def _known_evidence(text: str) -> float:
    """learn/known.py's `known_evidence`, a feature of the document calibrations (imported late: learn imports this
    module)."""
    from ..learn.known import known_evidence

    return known_evidence(text)


def _edits(doc: Doc, text: str, decisions) -> list[Edit]:
    """Decisions over tokens as edits over the characters of `text`, in text order."""
    edits = []
    curly = text.count("\u2019") > text.count("'")  # the originals are written with the text's own apostrophe
    for d in sorted(decisions, key=lambda d: d.start):
        start, end = doc.tokens[d.start].start, doc.tokens[d.end - 1].end
        original = d.original.replace("'", "\u2019") if curly else d.original
        edits.append(Edit(start, end, text[start:end], original, round(d.confidence, 4), d.alternatives,
                          d.known_tortured, d.known_term, d.expected_wording))
    return edits


def _applied(text: str, edits: list[Edit]) -> str:
    """`text` with each edit's span replaced by its original (edits in order, not overlapping)."""
    pieces, pos = [], 0
    for e in edits:
        pieces.append(text[pos : e.start])
        pieces.append(e.original)
        pos = e.end
    pieces.append(text[pos:])
    return "".join(pieces)


_cache: dict[tuple, Restorer] = {}
_scorers: dict[bool, Scorer] = {}
_lock = threading.Lock()


def _scorer(fast: bool) -> Scorer:
    """One scorer per kind per process: restorers with other thesauri or profiles share the loaded model."""
    if fast not in _scorers:
        if fast:
            _scorers[fast] = NgramScorer()
        else:
            from ..scoring.lm import LMScorer

            _scorers[fast] = LMScorer()
    return _scorers[fast]


def get_restorer(*, fast: bool = False, profile=None, withheld_heads=frozenset(), withheld_phrases=frozenset(),
                 known_spinners: bool = True) -> Restorer:
    """The shared restorer for these settings, built on first use; `withheld_heads` (Moby entries) and
    `withheld_phrases` (listed tortured phrases) are left out of what it knows, for unseen-dictionary tests;
    `known_spinners` False never reads a text with a shipped profile (fitting and baselines)."""
    key = (fast, str(profile) if profile is not None else None, frozenset(withheld_heads),
           frozenset(withheld_phrases), known_spinners)
    with _lock:
        if key not in _cache:
            learned = None
            if profile is not None:
                from ..profile import Profile, load_profile

                learned = (profile if isinstance(profile, Profile) else load_profile(profile)).learned()
            _cache[key] = Restorer(_scorer(fast), withheld_heads=withheld_heads, withheld_phrases=withheld_phrases,
                                   learned=learned, known_spinners=known_spinners)
        return _cache[key]
