"""The methods compared: baselines and unspin's two restorers, each a callable text -> MethodOutput.

A method is given the spun text and nothing else; the harness (benchmarks.harness) makes sure of it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from unspin.spin.case import match_case
from unspin.spin.tokens import WORD_RE


@dataclass
class MethodOutput:
    """What a method says about one text: restored text, document score (0-1) and changed spans (input offsets)."""

    restored: str
    score: float
    spans: list[tuple[int, int]] = field(default_factory=list)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for s, e, new in sorted(edits):
        out.append(text[pos:s])
        out.append(new)
        pos = e
    out.append(text[pos:])
    return "".join(out)


class Identity:
    """Changes nothing and calls nothing spun: the floor every method must beat."""

    name = "identity"

    def __call__(self, text: str) -> MethodOutput:
        return MethodOutput(text, 0.0, [])


class KnownList:
    """Replaces listed tortured phrases only, as the Problematic Paper Screener and its dictionary ports do."""

    name = "known-list"

    def __init__(self, withheld_phrases: frozenset[str] = frozenset()):
        from unspin.thesaurus.tortured import load_tortured

        self.table = load_tortured(frozenset(withheld_phrases))
        phrases = sorted(self.table, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p in phrases) + r")(?![\w-])",
                                  re.IGNORECASE)

    def __call__(self, text: str) -> MethodOutput:
        edits = []
        for m in self.pattern.finditer(text):
            key = " ".join(m.group(0).lower().split())
            if key in self.table:
                edits.append((m.start(), m.end(), match_case(m.group(0), self.table[key][0])))
        return MethodOutput(_apply(text, edits), 1.0 if edits else 0.0, [(s, e) for s, e, _ in edits])


RARE_ZIPF = 4.0  # words at least this frequent are taken to be original
GAIN_ZIPF = 1.0  # a replacement must be this much more frequent than the word it replaces


@lru_cache(maxsize=4)
def _reverse_moby(withheld: frozenset[str]) -> dict[str, str]:
    """Rare single word -> the most frequent single-word head listing it as a synonym, if clearly more frequent."""
    from wordfreq import zipf_frequency

    from unspin.thesaurus.moby import load_moby

    zipf = {}
    best: dict[str, tuple[float, str]] = {}
    for head, syns in load_moby().items():
        if " " in head or head in withheld:
            continue
        z = zipf.setdefault(head, zipf_frequency(head, "en"))
        for syn in syns:
            if " " not in syn and (syn not in best or best[syn][0] < z):
                best[syn] = (z, head)
    return {syn: head for syn, (z, head) in best.items()
            if head != syn and zipf.setdefault(syn, zipf_frequency(syn, "en")) < RARE_ZIPF
            and z >= zipf[syn] + GAIN_ZIPF}


class MostFrequentSynonym:
    """Replaces each rarer word by its most frequent reverse-thesaurus neighbour (wordfreq), if clearly more frequent.

    The naive lexical restorer: no context, no channel; a word is suspect only for being rare.
    """

    name = "most-frequent-synonym"

    def __init__(self, withheld: frozenset[str] = frozenset()):
        self.table = _reverse_moby(frozenset(withheld))

    def __call__(self, text: str) -> MethodOutput:
        edits = []
        total = 0
        for m in WORD_RE.finditer(text):
            total += 1
            head = self.table.get(m.group(0).lower())
            if head:
                edits.append((m.start(), m.end(), match_case(m.group(0), head)))
        share = len(edits) / total if total else 0.0
        # a document with 5% or more replaceable words is called spun
        return MethodOutput(_apply(text, edits), min(1.0, 10 * share), [(s, e) for s, e, _ in edits])


class UnspinRestorer:
    """unspin itself: `get_restorer(fast=...)`, built without the withheld head words in the unseen setting (and
    without the withheld tortured phrases in the unseen-list one)."""

    def __init__(self, *, fast: bool, withheld: frozenset[str] = frozenset(),
                 withheld_phrases: frozenset[str] = frozenset()):
        self.name = "unspin-fast" if fast else "unspin-full"
        self.fast = fast
        self.withheld = frozenset(withheld)
        self.withheld_phrases = frozenset(withheld_phrases)
        self.withheld_supported = True
        self._restorer = None
        self.batch_reader = None

    @property
    def restorer(self):
        if self._restorer is None:
            self._restorer = self._build(self.fast)
        return self._restorer

    def _build(self, fast: bool):
        from unspin import get_restorer as public_get

        if self.withheld or self.withheld_phrases:
            import inspect

            from unspin.pipeline.restorer import get_restorer

            if "withheld_phrases" in inspect.signature(get_restorer).parameters:
                return get_restorer(fast=fast, withheld_heads=self.withheld, withheld_phrases=self.withheld_phrases)
            self.withheld_supported = False
        return public_get(fast=fast)

    @property
    def reader(self):
        """The restorer that reads the texts: `restorer`, or under BatchLearning the one it made for the collection."""
        return self.batch_reader or self.restorer

    def __call__(self, text: str) -> MethodOutput:
        r = self.reader.restore(text)
        return MethodOutput(r.restored, float(r.spin_score), [(e.start, e.end) for e in r.edits])


class UnspinDetector(UnspinRestorer):
    """`unspin detect`: screening (one reading per sentence, flagged spans); it restores nothing. `thorough`:
    `detect --thorough` (restore's reading averaged in)."""

    def __init__(self, *, fast: bool, withheld: frozenset[str] = frozenset(),
                 withheld_phrases: frozenset[str] = frozenset(), thorough: bool = False):
        super().__init__(fast=fast, withheld=withheld, withheld_phrases=withheld_phrases)
        self.name = "unspin-detect-fast" if fast else "unspin-detect-thorough" if thorough else "unspin-detect"
        self.thorough = thorough

    def __call__(self, text: str) -> MethodOutput:
        d = self.reader.detect(text, thorough=self.thorough)
        return MethodOutput(text, float(d.probability), [(s.start, s.end) for s in d.spans])


class BatchLearning:
    """A method reading each run of texts as one collection (`--learn-batch`): before the texts, it learns the pairs
    their spinner repeats across the collection (learn/batch.py, its fast learner without the withheld dictionary)."""

    def __init__(self, method):
        self.method = method
        self.name = method.name + "-batch"

    def read_batch(self, texts: list[str]) -> None:
        from unspin.learn.batch import learn_batch

        self.method.batch_reader = learn_batch(self.method.restorer, texts, learner=self.method._build(True)).restorer

    def __call__(self, text: str) -> MethodOutput:
        return self.method(text)


# methods that flag spans but restore nothing
DETECTORS = ("unspin-detect-fast", "unspin-detect", "unspin-detect-thorough", "unspin-detect-batch")
# methods at restore's speed: the full model's documents and carriers only
MODEL_SUBSET = ("unspin-full", "unspin-detect-thorough", "unspin-full-batch")


def build_methods(withheld: frozenset[str], *, full: bool = True, fast: bool = True,
                  withheld_phrases: frozenset[str] = frozenset()) -> list:
    """Every method of the comparison, configured for one dictionary setting (withheld heads or none) and one
    known list (withheld tortured phrases or none)."""
    methods = [Identity(), KnownList(withheld_phrases), MostFrequentSynonym(withheld)]
    import importlib.util

    if importlib.util.find_spec("unspin.pipeline.restorer") is None:  # the core has not landed in this checkout
        return methods
    known = dict(withheld=withheld, withheld_phrases=withheld_phrases)
    if fast:
        methods += [UnspinRestorer(fast=True, **known), UnspinDetector(fast=True, **known)]
    if full:
        methods += [UnspinRestorer(fast=False, **known), UnspinDetector(fast=False, **known),
                    UnspinDetector(fast=False, thorough=True, **known)]
        methods += [BatchLearning(UnspinRestorer(fast=False, **known)),
                    BatchLearning(UnspinDetector(fast=False, **known))]
    return methods
