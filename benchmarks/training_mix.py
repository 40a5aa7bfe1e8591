"""The spins every fitted part of unspin learns from, never the benchmark's.

Training text is Brown's non-benchmark categories (fit_decider.training_documents). Each document is left clean or
spun by one spinner of a mix, in turn: the simulator with Moby half B (the benchmark's unseen settings spin with
half A), with and without phrase rules, and the real spinners' dictionaries with half A of their lines (the
benchmark's `wp` and `turbo` spin with half B), every match or two in three of them. So nothing is fitted on the
pairs it is measured on, and what is fitted has seen both our simulator and spinners as they are.
Dictionary-spun and clean text is read by the restorer users run (every thesaurus); simulator-spun text half the
time without Moby half B, so that the fit also sees a spinner whose pairs it does not know.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from unspin.spin import GoldSpan, Spinner
from unspin.spin.groups import DictionarySpinner, Engine

from .settings import SETTINGS, available, dictionary_half

# (name, kind, rate): kind "clean", "moby" (simulator, Moby half B), "phrase" (simulator with phrase rules and
# numbers), or a realistic setting's name (its dictionary's half A under its engine, `rate` of the matches).
MIX = (
    ("clean", "clean", 0.0), ("moby-10", "moby", 0.10), ("wp", "wp", 1.0), ("moby-25", "moby", 0.25),
    ("turbo", "turbo", 1.0), ("clean", "clean", 0.0), ("phrase-25", "phrase", 0.25), ("wp-65", "wp", 0.65),
    ("moby-40", "moby", 0.40), ("turbo-65", "turbo", 0.65),
)
SIMULATOR_MIX = tuple(e for e in MIX if e[1] in ("clean", "moby", "phrase"))  # the mix before the real dictionaries


@dataclass(frozen=True)
class TrainingSpin:
    """One training document as a fit reads it."""

    n: int
    spinner: str  # name in MIX
    text: str  # what the restorer reads
    gold: tuple[GoldSpan, ...]
    unseen: bool  # read without Moby half B (the simulator's dictionary)

    @property
    def spun_chars(self) -> set[int]:
        """Character offsets of the text the spinner wrote."""
        return {c for g in self.gold for c in range(g.start, g.end)}


@lru_cache(maxsize=16)
def dictionary_spinner(kind: str, rate: float, seed: int) -> DictionarySpinner:
    setting = next(s for s in SETTINGS if s.name == kind)
    engine = Engine(setting.engine.match, setting.engine.prefer, setting.engine.may_keep, rate)
    return DictionarySpinner(dictionary_half(setting.dictionary, "A"), engine, seed=seed)


def mix_entry(n: int, mix=MIX) -> tuple[str, str, float]:
    """The mix's spinner for training document n; dictionary spinners fall back to the simulator where the
    dictionary files are missing (a machine without ../shared/spinners/)."""
    name, kind, rate = mix[n % len(mix)]
    if kind in ("wp", "turbo") and not available(next(s for s in SETTINGS if s.name == kind)):
        return f"moby-{round(100 * rate * 0.3)}", "moby", round(rate * 0.3, 2)
    return name, kind, rate


def spinners(min_rate: float = 0.0) -> tuple[tuple[str, str, float], ...]:
    """The mix without its clean entries (and without simulator rates below `min_rate`): for spun copies."""
    return tuple(e for e in MIX if e[1] != "clean" and not (e[1] in ("moby", "phrase") and e[2] < min_rate))


def training_spin(n: int, text: str, half_b: frozenset[str], mix=MIX) -> TrainingSpin:
    """Training document n spun by its spinner of the mix (the same n always gives the same spin)."""
    name, kind, rate = mix_entry(n, mix)
    if kind == "clean":
        return TrainingSpin(n, name, text, (), False)
    if kind in ("moby", "phrase"):
        result = Spinner(thesaurus="moby", rate=rate, heads=half_b, phrase_rules=kind == "phrase", seed=n).spin(text)
        return TrainingSpin(n, name, result.text, tuple(result.gold), (n // len(MIX)) % 2 == 0)
    result = dictionary_spinner(kind, rate, 0).spin(text, seed=n)
    return TrainingSpin(n, name, result.text, tuple(result.gold), False)


def training_spins(texts: list[str], half_b: frozenset[str], label: str = "", mix=MIX) -> Iterator[TrainingSpin]:
    """`training_spin` for every text in turn, with progress on stdout."""
    for n, text in enumerate(texts):
        yield training_spin(n, text, half_b, mix)
        if n % 20 == 0:
            print(f"  {label}: {n}/{len(texts)} documents", flush=True)
