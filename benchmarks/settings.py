"""The benchmark's spinner settings: seen and unseen dictionaries, three spin rates, the phrase-rule spinner."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from unspin.spin import Spinner


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

    def spinner(self, heads_a: frozenset[str] | None, seed: int = 0, thesaurus="moby") -> Spinner:
        """The simulated spinner of this setting (Moby, restricted to half A when unseen)."""
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
]


def in_half_a(head: str) -> bool:
    """Stable split of thesaurus head words in two halves (by a hash of the word)."""
    return hashlib.sha1(head.encode("utf-8")).digest()[0] % 2 == 0


def split_heads(table) -> frozenset[str]:
    """Half A of the thesaurus head words: the spinner's dictionary in the unseen setting."""
    return frozenset(h for h in table if in_half_a(h))
