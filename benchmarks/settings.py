"""The benchmark's spinner settings: seen and unseen dictionaries, three spin rates, the phrase-rule spinner, and
the realistic settings: real spam sites' synonym-group dictionaries (../shared/spinners/), half of their lines each.

The dictionaries are read here, by path, and nowhere in the product: unspin is never given them.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from unspin.spin import Spinner
from unspin.spin.groups import DictionarySpinner, Engine, read_groups

SPINNERS_DIR = Path(os.environ.get("UNSPIN_SPINNERS_DIR", Path(__file__).resolve().parents[2] / "shared" / "spinners"))


@dataclass(frozen=True)
class Setting:
    """One way of spinning the corpus, and whether the restorer is denied the spinner's dictionary."""

    name: str
    description: str
    rate: float
    unseen: bool
    phrase_rules: bool = False
    numbers: bool = False
    spintax: float = 0.0
    quote_swap: float = 0.0
    extra: dict = field(default_factory=dict)
    dictionary: str = ""  # a real spinner's dictionary file in SPINNERS_DIR: spun with its half-B lines
    engine: Engine = Engine()

    def spinner(self, heads_a: frozenset[str] | None, seed: int = 0, thesaurus="moby") -> Spinner | DictionarySpinner:
        """The spinner of this setting: a real dictionary's half B under its engine, or the simulator (Moby,
        restricted to half A when unseen)."""
        if self.dictionary:
            return DictionarySpinner(dictionary_half(self.dictionary, "B"), self.engine, seed=seed)
        return Spinner(thesaurus=thesaurus, rate=self.rate, phrase_rules=self.phrase_rules, spintax=self.spintax,
                       seed=seed, heads=heads_a if self.unseen else None, numbers=self.numbers,
                       quote_swap=self.quote_swap)


SETTINGS = [
    Setting("seen-25", "Moby spinner at 25%; the restorer has all of Moby", 0.25, unseen=False),
    Setting("unseen-10", "Moby half A at 10%; restorer built without half A", 0.10, unseen=True),
    Setting("unseen-25", "Moby half A at 25%; restorer built without half A", 0.25, unseen=True),
    Setting("unseen-40", "Moby half A at 40%; restorer built without half A", 0.40, unseen=True),
    Setting("phrase-25", "Moby half A + phrase rules, numbers, 2% spintax leaks, quote swaps, at 25%; "
            "restorer built without half A", 0.25, unseen=True, phrase_rules=True, numbers=True,
            spintax=0.02, quote_swap=0.1),
    # Both engines search every member of a line (real spam output replaces "was" and "not"); WP Auto Spinner
    # always writes another member, Turbo Spinner a random one, sometimes the word itself.
    Setting("wp", "WP Auto Spinner's dictionary, half B of its lines, every match replaced; the restorer never "
            "has it", 1.0, unseen=False, dictionary="wp-auto-spinner.dat", engine=Engine(match="any")),
    Setting("turbo", "Turbo Spinner's dictionary, half B of its lines, a random member of the line written; the "
            "restorer never has it", 1.0, unseen=False, dictionary="turbo-spinner.dat",
            engine=Engine(match="any", may_keep=True)),
]
REALISTIC = ("wp", "turbo")


def available(setting: Setting) -> bool:
    """False for a realistic setting whose dictionary file is not on this machine."""
    return not setting.dictionary or (SPINNERS_DIR / setting.dictionary).is_file()


def in_line_half_b(line: str) -> bool:
    """Stable split of a dictionary's lines in two halves (a hash of the line): half B spins the benchmark,
    half A the training text of fitted parts, so nothing is fitted on the pairs it is measured on."""
    return hashlib.sha1(line.strip().encode("utf-8")).digest()[0] % 2 == 1


@lru_cache(maxsize=8)
def dictionary_half(name: str, half: str) -> tuple[tuple[str, ...], ...]:
    """The groups of one half ("A" or "B") of a real spinner's dictionary, in file order."""
    groups = read_groups(SPINNERS_DIR / name)
    return tuple(tuple(g) for g in groups if in_line_half_b("|".join(g)) == (half == "B"))


def in_half_a(head: str) -> bool:
    """Stable split of thesaurus head words in two halves (by a hash of the word)."""
    return hashlib.sha1(head.encode("utf-8")).digest()[0] % 2 == 0


def split_heads(table) -> frozenset[str]:
    """Half A of the thesaurus head words: the spinner's dictionary in the unseen setting."""
    return frozenset(h for h in table if in_half_a(h))
