""""a" or "an": which indefinite article a word takes, from how CMU's pronouncing dictionary says it begins.

A dictionary spinner's engine swaps the word after an article and leaves the article as the original had it ("an army
assault" for "an armed assault"), so an option that would not agree with it ("a attorney") was not the original of
that word alone; it may be the original of the article and the word, a phrase the spinner's dictionary rewrote whole
("an inexpensive" for "a reasonable": pipeline/candidates.py). The dictionary ships inside the pocketsphinx wheel
beside the trigram model (BSD-style licence).
"""
from __future__ import annotations

from functools import lru_cache

from .paths import package_file

_VOWELS = frozenset({"AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"})


@lru_cache(maxsize=1)
def _starts_with_vowel() -> dict[str, bool | None]:
    """Lowercase word -> whether it is said beginning with a vowel sound (None where its pronunciations differ)."""
    path = package_file("pocketsphinx", "model/en-us/cmudict-en-us.dict", install_hint="run `make install`")
    out: dict[str, bool | None] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, _, phones = line.partition(" ")
            word = word.split("(", 1)[0]
            vowel = phones.split(" ", 1)[0].strip() in _VOWELS
            out[word] = vowel if out.get(word, vowel) == vowel else None
    return out


def takes_an(word: str) -> bool | None:
    """Whether `word` (or a phrase's first word, or a hyphenated word's first part) takes "an"; None when the
    dictionary does not know it or says it both ways ("herb")."""
    first = word.split(" ", 1)[0].split("-", 1)[0].lower()
    return _starts_with_vowel().get(first)


def disagrees(article: str, word: str) -> bool:
    """Whether `word` cannot follow the indefinite `article` ("a" or "an", any case): "a attorney", "an military"."""
    an = takes_an(word)
    return an is not None and an != (article.lower() == "an")
