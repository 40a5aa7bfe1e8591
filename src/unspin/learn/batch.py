"""Reading a batch with what its own spinner gives away: a spinner applies one dictionary to every text it touches,
so the swaps it repeats across a collection (a folder, a JSONL batch) betray its pairs, and each text of the
collection is then read with them (#28 item 1).

The pairs are learned from the batch itself with the fast learner (`learn(fast=True)`: the n-gram decoder, a few
seconds per hundred documents), joined by the swaps screening itself flagged in several of its documents, and only
for a batch that already looks spun when each text is screened alone: a clean collection over-uses its own topic and
template phrases, which the learner would take for a spinner's.
"""
from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..profile import Profile
from .em import learn, with_learned

MIN_DOCUMENTS = 5  # below this the learner, which needs a pair in several documents, has nothing to count
# The median document's spin probability, read alone, at which a batch counts as one spinner's output: clean
# batches of 12 to 100 sit at 0.02-0.03 (SmolLM2) and 0.07-0.15 (--fast), the dictionaries' at 0.64-0.73 and 0.24-0.34.
SPUN_BATCH = 0.2
SCREENED_DOCUMENTS = 2  # a swap screening flagged in this many documents of a spun batch is the spinner's habit ...
SCREENED_WEIGHT = 3.0  # ... and weighs as a learned pair the spinner writes about one time in seven


@dataclass
class BatchReading:
    """The restorer to read a batch with, and why: `profile` is None when the batch was not learned from."""

    restorer: object
    documents: int
    median_probability: float | None = None
    profile: Profile | None = None  # what the learner found
    table: dict[str, list[tuple[str, float]]] | None = None  # the batch's pairs read with: the profile's, screening's
    known: str = ""  # the known spinner whose pairs the table also holds

    @property
    def pairs(self) -> int:
        return sum(len(v) for v in self.table.values()) if self.table else 0

    def note(self, batch: str = "") -> str | None:
        """What to tell the user (None when the batch was too small to learn from); `batch` names it."""
        if self.median_probability is None:
            return None
        batch = batch or f"the {self.documents} documents of this batch"
        if self.profile is None:
            return (f"{batch} do not look like one spinner's output (median spin probability "
                    f"{self.median_probability:.2f}); each document was read on its own")
        if not self.pairs:
            return f"learned no spinner pairs from {batch}"
        known = f" (with those of the known spinner {self.known})" if self.known else ""
        return (f"learned {self.pairs} spinner pairs from {batch}{known} and read each document with them "
                "(--no-learn-batch reads each on its own)")


def learn_batch(restorer, texts: Sequence[str], alone: Sequence | None = None, learner=None,
                progress=None) -> BatchReading:
    """How to read `texts` as one collection: with the pairs learned from them when there are MIN_DOCUMENTS or more
    and their median spin probability read alone (`alone`: their detections, screened here when not given, with
    `progress(done, total)`) is SPUN_BATCH or more; otherwise with `restorer` itself. `learner`: the fast restorer
    to learn with (default the shared one; benchmarks pass one without the withheld dictionary)."""
    texts = list(texts)
    if len(texts) < MIN_DOCUMENTS or not hasattr(restorer, "screen_candidates"):  # or it cannot take learned pairs
        return BatchReading(restorer, len(texts))
    alone = alone if alone is not None else restorer.detect_many(texts, progress=progress)
    median = statistics.median(d.probability for d in alone)
    if median < SPUN_BATCH:
        return BatchReading(restorer, len(texts), median)
    if learner is None:
        from ..pipeline.restorer import get_restorer

        learner = get_restorer(fast=True)
    profile = learn(texts, fast=True, restorer=learner, name="batch")
    table = merged(profile.learned(), screened_pairs(alone))
    known = known_spinner_of(alone)
    if table and known:  # a batch read with its own pairs keeps those of the known spinner that wrote it
        from .known import known_profiles

        table = merged(known_profiles()[known].learned(), table)
    if table:
        restorer = with_learned(restorer, merged(restorer.candidates.learned, table))
    return BatchReading(restorer, len(texts), median, profile, table, known)


def known_spinner_of(detections: Sequence) -> str:
    """The known spinner (learn/known.py) that wrote, or whose habits show in, half the documents or more, read
    alone, or ""."""
    names = Counter(getattr(d, "known_spinner", "") or getattr(d, "hinted_spinner", "") for d in detections)
    names.pop("", None)
    name, count = names.most_common(1)[0] if names else ("", 0)
    return name if 2 * count >= len(detections) else ""


def detect_as_batch(restorer, texts: list[str], learn_batch_pairs: bool = True, alone: list | None = None,
                    **options) -> tuple[list, BatchReading | None]:
    """Detections of `texts` read as one collection: each alone (`alone`, when already read), then again with the
    pairs the batch taught, if it taught any (`learn_batch_pairs` False: alone only); `options` go to `detect_many`."""
    found = alone if alone is not None else restorer.detect_many(texts, **options)
    if not learn_batch_pairs:
        return found, None
    reading = learn_batch(restorer, texts, found)
    if reading.restorer is not restorer:
        found = reading.restorer.detect_many(texts, **options)
    return found, reading


def screened_pairs(detections: Sequence) -> dict[str, list[tuple[str, float]]]:
    """The swaps (flagged span -> its likely original) screening found in SCREENED_DOCUMENTS or more of the batch's
    documents, at SCREENED_WEIGHT: the language model's own reading of what the spinner repeats."""
    found: dict[tuple[str, str], set[int]] = {}
    for n, detection in enumerate(detections):
        for span in detection.spans:
            pair = (" ".join(span.spun.lower().split()), " ".join(span.original.lower().split()))
            found.setdefault(pair, set()).add(n)
    table: dict[str, list[tuple[str, float]]] = {}
    for (spun, original), documents in found.items():
        if len(documents) >= SCREENED_DOCUMENTS and spun != original:
            table.setdefault(spun, []).append((original, SCREENED_WEIGHT))
    return table


def merged(own: dict[str, list[tuple[str, float]]], more: dict[str, list[tuple[str, float]]]
           ) -> dict[str, list[tuple[str, float]]]:
    """Two tables of learned pairs (a user's --profile and a batch's) as one, the higher weight where both hold one."""
    table = {spun: dict(originals) for spun, originals in own.items()}
    for spun, originals in more.items():
        row = table.setdefault(spun, {})
        for original, weight in originals:
            row[original] = max(weight, row.get(original, weight))
    return {spun: sorted(row.items(), key=lambda x: -x[1]) for spun, row in table.items()}


def table_of(triples) -> dict[str, list[tuple[str, float]]]:
    """(spun, original, weight) triples, as stored in a scan's manifest, as a table of learned pairs."""
    table: dict[str, list[tuple[str, float]]] = {}
    for spun, original, weight in triples:
        table.setdefault(spun, []).append((original, weight))
    return table
