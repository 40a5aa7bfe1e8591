"""Running methods without letting the gold reach them, and measuring their speed and memory.

Spun corpora are split at creation into what a method may see (`Inputs`: ids and texts) and what only the scorer
may see (`Answers`: originals and gold spans). `run_method` takes texts alone and hands each method one string.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from unspin.spin import Spinner
from unspin.spin.groups import DictionarySpinner

from .methods import MethodOutput
from .metrics import word_list


@dataclass(frozen=True)
class Inputs:
    """What methods see: ids and spun texts, nothing more."""

    ids: tuple[str, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    """What only the scorer sees: the original text and the gold spans over the spun text."""

    original: str
    gold: tuple[tuple[int, int], ...]
    spun_words: int = 0  # words of the original the spinner replaced


def spin_corpus(spinner: Spinner | DictionarySpinner, docs: Sequence) -> tuple[Inputs, dict[str, Answer]]:
    """Spin each document; return the method-facing inputs and the scorer-facing answers separately."""
    ids, texts, answers = [], [], {}
    for doc in docs:
        result = spinner.spin(doc.text)
        ids.append(doc.id)
        texts.append(result.text)
        answers[doc.id] = Answer(doc.text, tuple((g.start, g.end) for g in result.gold), result.spun_words)
    return Inputs(tuple(ids), tuple(texts)), answers


class PeakRss:
    """Samples this process's resident memory in a thread; `.peak_mb` is the highest value seen."""

    def __init__(self, interval: float = 0.02):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")

    def _rss(self) -> int:
        try:
            with open("/proc/self/statm") as fh:
                return int(fh.read().split()[1]) * self._page
        except OSError:
            return 0

    def _loop(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            self._stop.wait(self.interval)

    def __enter__(self):
        self.peak = self._rss()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())

    @property
    def peak_mb(self) -> float:
        return self.peak / 2**20


@dataclass
class RunRecord:
    """A method's outputs on a list of texts, with the time spent inside the method and the peak memory."""

    outputs: list[MethodOutput]
    seconds: float
    words: int
    peak_rss_mb: float


def run_method(method: Callable[[str], MethodOutput], texts: Sequence[str], *,
               progress: Callable[[int], None] | None = None, batch: Sequence[str] | None = None) -> RunRecord:
    """Call `method` on each text (a plain str, nothing else) and time it. A method that reads a collection first
    (`read_batch`) is given `batch` (default: the texts), the collection they come from, and that is timed too."""
    outputs, seconds, words = [], 0.0, 0
    with PeakRss() as rss:
        if hasattr(method, "read_batch"):
            collection = list(texts if batch is None else batch)
            if not all(isinstance(t, str) for t in collection):
                raise TypeError("methods may only be given text")
            start = time.perf_counter()
            method.read_batch(collection)
            seconds += time.perf_counter() - start
        for k, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError("methods may only be given text")
            start = time.perf_counter()
            outputs.append(method(text))
            seconds += time.perf_counter() - start
            words += len(word_list(text))
            if progress:
                progress(k + 1)
    return RunRecord(outputs, seconds, words, rss.peak_mb)


WARM_UP_TEXT = "The results were reported in the first table."


def warm_up(method: Callable[[str], MethodOutput]) -> float:
    """Load what the method needs (models, indexes) outside the timed runs; returns the seconds it took."""
    start = time.perf_counter()
    method(WARM_UP_TEXT)
    return time.perf_counter() - start
