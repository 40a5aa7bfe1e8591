"""A cheap stand-in for the restorer, for scan unit tests: words ending in 'zz' count as spun.

Picklable (module-level classes) so spawned worker processes and Ray actors can build it.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass

from unspin.result import Detection, Edit, Restoration


class FakeRestorer:
    def __init__(self, delay: float = 0.0):
        self.delay = delay

    def _edits(self, text: str) -> tuple[list[Edit], int]:
        if "EXPLODE" in text:
            raise RuntimeError("the fake restorer was told to fail")
        if self.delay:
            time.sleep(self.delay)
        words = list(re.finditer(r"\S+", text))
        edits = [Edit(m.start(), m.end(), m.group(), m.group()[:-2], confidence=0.5 + 0.01 * i)
                 for i, m in enumerate(words) if m.group().endswith("zz")]
        return edits, len(words)

    def detect(self, text: str, threshold: float = 0.5, read_terms: bool = True) -> Detection:
        edits, n = self._edits(text)
        rate = len(edits) / max(n, 1)
        return Detection(probability=min(1.0, 3 * rate), spin_rate=rate, spans=edits, words=n, threshold=threshold)

    def restore(self, text: str) -> Restoration:
        edits, n = self._edits(text)
        restored = text
        for e in reversed(edits):
            restored = restored[: e.start] + e.original + restored[e.end:]
        rate = len(edits) / max(n, 1)
        return Restoration(text=text, restored=restored, spin_score=min(1.0, 3 * rate), spin_rate=rate,
                           edits=edits, words=n)


@dataclass(frozen=True)
class FakeFactory:
    delay: float = 0.0

    def __call__(self) -> FakeRestorer:
        return FakeRestorer(self.delay)


@dataclass(frozen=True)
class FailingFactory:
    def __call__(self):
        from unspin.errors import ResourceMissing

        raise ResourceMissing("the fake model is not installed")


def main(argv: list[str]) -> None:
    """Run `unspin scan ARGS` with the fake restorer (delay from --fake-delay), for the kill-and-resume test."""
    import unspin.cli.scan as scan_cli
    from unspin.cli import load_commands

    delay = 0.0
    if argv and argv[0] == "--fake-delay":
        delay, argv = float(argv[1]), argv[2:]
    scan_cli.restorer_factory_for = lambda fast: FakeFactory(delay)
    load_commands()(["scan", *argv])


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])


class PairsFakeRestorer(FakeRestorer):
    """The fake restorer reading with learned pairs: a word that is a learned pair's spun side counts as spun too."""

    def __init__(self, spun_words: frozenset[str]):
        super().__init__()
        self.spun_words = spun_words

    def _edits(self, text: str) -> tuple[list[Edit], int]:
        words = list(re.finditer(r"\S+", text))
        edits = [Edit(m.start(), m.end(), m.group(), "x", confidence=0.9) for m in words
                 if m.group().endswith("zz") or m.group() in self.spun_words]
        return edits, len(words)


@dataclass(frozen=True)
class PairsFakeFactory:
    """A factory that, like the real one, can be told to read with learned pairs (`with_pairs`)."""

    pairs: tuple[str, ...] = ()

    def __call__(self) -> PairsFakeRestorer:
        return PairsFakeRestorer(frozenset(self.pairs))

    def with_pairs(self, table) -> "PairsFakeFactory":
        return PairsFakeFactory(tuple(sorted(table)))
