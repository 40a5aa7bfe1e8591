"""A synonym-group spinner: the engine of real article spinners, driven by a dictionary file the user gives.

The file holds one synonym group per line, members separated by `|` ("begin|start|commence"). Engines apply such
a dictionary to every match, sense-blind, function words and phrases included; which member is searched for,
which match wins where two overlap, and whether the found word may be written back are the engine's options.
"""
from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from .case import match_case
from .gold import GoldSpan, SpinResult
from .tokens import joined_by_space, word_spans

MATCHES = ("any", "first")
PREFERENCES = ("line", "longest")


@dataclass(frozen=True)
class Engine:
    """How a dictionary is applied.

    match: "any" searches for every member of a line, "first" for its first member only.
    prefer: where matches overlap, "line" keeps the one from the earlier line (engines work through the file in
        order), "longest" the one covering more words.
    may_keep: the written member is drawn from the whole line, so the found word may come back unchanged.
    rate: share of matches replaced; a match not replaced still claims its words.
    """

    match: str = "any"
    prefer: str = "line"
    may_keep: bool = False
    rate: float = 1.0

    def __post_init__(self):
        if self.match not in MATCHES:
            raise ConfigError(f"match must be one of {', '.join(MATCHES)}, not {self.match!r}")
        if self.prefer not in PREFERENCES:
            raise ConfigError(f"prefer must be one of {', '.join(PREFERENCES)}, not {self.prefer!r}")
        if not 0.0 <= self.rate <= 1.0:
            raise ConfigError(f"rate must be between 0 and 1, not {self.rate}")


class GroupDictionary:
    """Synonym groups in file order; `lookup` gives the first group searching finds a phrase in."""

    def __init__(self, groups: Iterable[Iterable[str]], match: str = "any"):
        self.groups: list[tuple[str, ...]] = []
        self._first: dict[str, tuple[int, int]] = {}  # member -> (group, position) of its first searchable place
        for members in groups:
            members = tuple(dict.fromkeys(m for m in (" ".join(x.split()) for x in members) if m))
            if len(members) < 2:
                continue  # nothing to swap with (malformed lines hold one member)
            g = len(self.groups)
            self.groups.append(members)
            for k, member in enumerate(members if match == "any" else members[:1]):
                self._first.setdefault(member.lower(), (g, k))
        self.longest = max((len(m.split()) for m in self._first), default=0)
        self._starts = frozenset(m.split()[0] for m in self._first)

    def __len__(self) -> int:
        return len(self.groups)

    def lookup(self, phrase: str) -> tuple[int, int] | None:
        """(group, position of the member) for a lowercase phrase, or None."""
        return self._first.get(phrase)

    def may_start(self, word: str) -> bool:
        return word in self._starts


def read_groups(path: str | Path) -> list[list[str]]:
    """The groups of a dictionary file (`a|b|c` per line); blank lines and `#` comments skipped."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"no such dictionary file: {p}")
    try:
        lines = p.read_text(encoding="utf-8", errors="strict").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read dictionary file {p}: {exc}") from None
    groups = [line.split("|") for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not any(len([m for m in g if m.strip()]) >= 2 for g in groups):
        raise ConfigError(f"dictionary file {p} holds no synonym group of two or more members (a|b per line)")
    return groups


@dataclass(frozen=True)
class _Match:
    start: int  # first word
    end: int  # one past the last word
    group: int
    position: int


class DictionarySpinner:
    """Spins text with a synonym-group dictionary under an Engine; `spin(text)` gives the text and its gold."""

    def __init__(self, groups: str | Path | Iterable[Iterable[str]], engine: Engine | None = None, seed: int = 0):
        self.engine = engine or Engine()
        rows = read_groups(groups) if isinstance(groups, (str, Path)) else groups
        self.dictionary = GroupDictionary(rows, self.engine.match)
        self.seed = seed

    def spin(self, text: str, *, seed: int | None = None) -> SpinResult:
        """Spin `text`; the same text, dictionary, engine and seed always give the same result."""
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        rng = random.Random(f"{self.seed if seed is None else seed}:{digest}")
        spans = word_spans(text)
        gold, out, pos, shift = [], [], 0, 0
        for m in self._winners(text, spans):
            if self.engine.rate < 1.0 and rng.random() >= self.engine.rate:
                continue
            start, end = spans[m.start][0], spans[m.end - 1][1]
            found = text[start:end]
            members = self.dictionary.groups[m.group]
            choices = [x for k, x in enumerate(members) if self.engine.may_keep or k != m.position]
            written = _cased(found, rng.choice(choices))
            if written == found:
                continue
            out.append(text[pos:start])
            out.append(written)
            gold.append(_changed_words(found, written, start, start + shift))
            shift += len(written) - len(found)
            pos = end
        out.append(text[pos:])
        return SpinResult("".join(out), gold, text)

    def _winners(self, text: str, spans: list[tuple[int, int]]) -> list[_Match]:
        """The matches that win their words, in text order: every whole-word match of a searchable member, then
        the engine's preference among overlapping ones."""
        lower = text.lower()
        found = []
        for i, (a, _) in enumerate(spans):
            if not self.dictionary.may_start(lower[a : spans[i][1]]):
                continue
            for n in range(1, min(self.dictionary.longest, len(spans) - i) + 1):
                if n > 1 and not joined_by_space(text, spans, i + n - 2, 2):
                    break  # a phrase does not run across punctuation or a line break
                phrase = " ".join(lower[a : spans[i + n - 1][1]].split())
                hit = self.dictionary.lookup(phrase)
                if hit is not None:
                    found.append(_Match(i, i + n, *hit))
        if self.engine.prefer == "line":
            found.sort(key=lambda m: (m.group, m.position, m.start))
        else:
            found.sort(key=lambda m: (m.start - m.end, m.group, m.start))
        taken = [False] * len(spans)
        winners = []
        for m in found:
            if not any(taken[m.start : m.end]):
                taken[m.start : m.end] = [True] * (m.end - m.start)
                winners.append(m)
        return sorted(winners, key=lambda m: m.start)


def shared_ends(a: list[str], b: list[str]) -> tuple[int, int]:
    """How many words two phrases share at their start and at their end, leaving each at least one word."""
    head = 0
    while head < min(len(a), len(b)) - 1 and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head - 1 and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head, tail


def _changed_words(found: str, written: str, start: int, begin: int) -> GoldSpan:
    """The gold span of one replacement, less the words both sides share at either end ("the top" written as
    "the highest" replaced "top"): gold marks exactly the words the spinner changed."""
    a, b = found.split(" "), written.split(" ")
    head, tail = shared_ends(a, b)
    lead = sum(len(w) + 1 for w in a[:head])
    old, new = " ".join(a[head : len(a) - tail]), " ".join(b[head : len(b) - tail])
    return GoldSpan(begin + lead, begin + lead + len(new), new, old, start + lead, start + lead + len(old),
                    "dictionary")


def _cased(found: str, member: str) -> str:
    """The member in the found text's case; a member written with capitals ("U.S.") keeps them."""
    if member != member.lower() and found == found.lower():
        return member
    return match_case(found, member)
