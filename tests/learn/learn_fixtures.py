"""Tiny spun piles for the learning tests, written with the fake restorer's thesaurus (tests/conftest.py)."""
from __future__ import annotations

FILLER = "Officials said it was cold here. The country went to war and prices rose. "


def planted(word: str, n: int) -> str:
    """A document long enough to learn from, with `word` (a spun word of the tiny thesaurus) planted n times."""
    return "".join(f"The {word} went to war and prices rose. " for _ in range(n)) + FILLER * 2


def pile_with_pairs() -> list[str]:
    """'rural' (for country) planted once in each of four documents; 'combat' (for war) ten times in one."""
    docs = [planted("rural", 1) + f"It was cold {'here ' * k}." for k in range(4)]
    docs.append("".join("Officials said the country went to combat. " for _ in range(10)) + FILLER)
    return docs


FRENCH = ("La guerre en Europe a fortement augmenté les prix du gaz et de l'électricité cet hiver, ont déclaré "
          "les responsables lundi à Paris. Le gouvernement veut maintenant aider les ménages et prépare de "
          "nouvelles lois pour les entreprises qui souffrent beaucoup de cette situation difficile.")
