"""Inflection: map a spun word to (lemma, tag) readings, and re-inflect an original to the same tag."""
from __future__ import annotations

from functools import lru_cache

_UPOS = ("NOUN", "VERB", "ADJ", "ADV")


@lru_cache(maxsize=200_000)
def readings(word: str) -> tuple[tuple[str, str], ...]:
    """(lemma, Penn tag) pairs under which `word` (lowercase) is an inflected form; the word itself first."""
    from lemminflect import getAllInflections, getAllLemmas

    out: list[tuple[str, str]] = []
    for upos, lemmas in getAllLemmas(word).items():
        if upos not in _UPOS:
            continue
        for lemma in lemmas:
            for tag, forms in getAllInflections(lemma, upos=upos).items():
                if word in forms and (lemma, tag) not in out:
                    out.append((lemma, tag))
    return tuple(out)


@lru_cache(maxsize=200_000)
def inflect(phrase: str, tag: str) -> str | None:
    """Inflect the head of `phrase` (first word for verbs, last word for nouns) to Penn `tag`."""
    from lemminflect import getInflection

    words = phrase.split()
    idx = len(words) - 1 if tag.startswith("NN") else 0
    forms = getInflection(words[idx], tag=tag)
    if not forms:
        return None
    words[idx] = forms[0]
    return " ".join(words)
