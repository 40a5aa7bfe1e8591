"""A tiny fake restorer for the serve unit tests (the real one is used in the integration tests)."""
from __future__ import annotations

import threading
import time

from unspin.errors import InputError
from unspin.result import Detection, Edit, Restoration

# A toy dictionary for the fake restorer: spun word -> original (written for these tests).
FAKE_PAIRS = {"rural": "country", "combat": "war", "grand": "big"}


class FakeRestorer:
    """Replaces each word found in FAKE_PAIRS; records calls and whether two ever ran at the same time."""

    def __init__(self, fast: bool, delay: float = 0.0):
        self.fast = fast
        self.delay = delay
        self.calls = 0
        self.active = 0
        self.overlapped = False
        self.batches: list[int] = []  # sizes of detect_many calls
        self.read_terms: list[bool] = []  # read_terms of detect_many calls
        self.thorough: list[bool] = []  # thorough of detect_many calls
        self.known_spinners: list[bool] = []  # known_spinners of restore and detect_many calls
        self._guard = threading.Lock()

    def _edits(self, text: str) -> list[Edit]:
        edits, pos = [], 0
        for word in text.split():
            start = text.index(word, pos)
            pos = start + len(word)
            core = word.strip(".,;:!?").lower()
            if core in FAKE_PAIRS:
                edits.append(Edit(start, start + len(core), text[start:start + len(core)], FAKE_PAIRS[core], 0.9,
                                  ["alt"], False))
        return edits

    def _enter(self):
        with self._guard:
            self.calls += 1
            self.active += 1
            if self.active > 1:
                self.overlapped = True
        time.sleep(self.delay)

    def _leave(self):
        with self._guard:
            self.active -= 1

    def restore(self, text: str, known_spinners: bool = True) -> Restoration:
        self.known_spinners.append(known_spinners)
        self._enter()
        try:
            edits = self._edits(text)
            restored, pos = "", 0
            for e in edits:
                restored += text[pos:e.start] + e.original
                pos = e.end
            restored += text[pos:]
            words = len(text.split())
            rate = len(edits) / max(words, 1)
            return Restoration(text, restored, min(1.0, rate * 3), rate, edits, words)
        finally:
            self._leave()

    def detect(self, text: str, threshold: float = 0.5, span_threshold: float | None = None,
               read_terms: bool = True, thorough: bool = False, known_spinners: bool = True) -> Detection:
        if "unreadable" in text:
            raise InputError("this fake cannot read that text")
        self._enter()
        try:
            edits = [e for e in self._edits(text) if span_threshold is None or e.confidence >= span_threshold]
            words = len(text.split())
            rate = len(edits) / max(words, 1)
            return Detection(min(1.0, rate * 3), rate, edits, words, threshold)
        finally:
            self._leave()

    def detect_many(self, texts: list[str], threshold: float = 0.5, span_threshold: float | None = None,
                    read_terms: bool = True, thorough: bool = False, known_spinners: bool = True
                    ) -> list[Detection]:
        self.batches.append(len(texts))
        self.known_spinners.append(known_spinners)
        self.read_terms.append(read_terms)
        self.thorough.append(thorough)
        return [self.detect(t, threshold, span_threshold) for t in texts]


class FakeFactory:
    """A restorer factory that counts how often each mode was built (it must be once)."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.reads_together = True  # what the restorers it builds say of detect_many
        self.built: dict[bool, int] = {True: 0, False: 0}
        self.restorers: dict[bool, FakeRestorer] = {}

    def __call__(self, fast: bool) -> FakeRestorer:
        self.built[fast] += 1
        self.restorers[fast] = FakeRestorer(fast, self.delay)
        self.restorers[fast].reads_together = self.reads_together
        return self.restorers[fast]
