"""Inflection: map a spun word to (lemma, tag) readings, and re-inflect an original to the same tag."""
from __future__ import annotations

from functools import lru_cache

_UPOS = ("NOUN", "VERB", "ADJ", "ADV")


@lru_cache(maxsize=200_000)
def readings(word: str) -> tuple[tuple[str, str], ...]:
    """(lemma, Penn tag) pairs under which `word` (lowercase) is an inflected form; the word itself first."""
    from lemminflect import getAllLemmas
    from lemminflect.core.LexicalUtils import uposToTags

    out: list[tuple[str, str]] = []
    for upos, lemmas in getAllLemmas(word).items():
        if upos not in _UPOS:
            continue
        tags = uposToTags(upos)
        for lemma in lemmas:
            for tag, forms in _all_forms(lemma).items():
                if tag in tags and word in forms and (lemma, tag) not in out:
                    out.append((lemma, tag))
    return tuple(out)


@lru_cache(maxsize=200_000)
def inflect(phrase: str, tag: str) -> str | None:
    """Inflect the head of `phrase` (first word for verbs, last word for nouns) to Penn `tag`."""
    words = phrase.split()
    idx = len(words) - 1 if tag.startswith("NN") else 0
    forms = _inflection(words[idx], tag)
    if not forms:
        return None
    words[idx] = forms[0]
    return " ".join(words)


@lru_cache(maxsize=100_000)
def _all_forms(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's inflections of `word` by Penn tag, read once per word: lemminflect copies its tables on every
    call, the larger part of a cold candidate lookup. Callers must not change the dict."""
    from lemminflect import getAllInflections

    return getAllInflections(word)


def _inflection(word: str, tag: str) -> tuple[str, ...]:
    """lemminflect's `getInflection(word, tag)` for the tags `readings` gives (no proper nouns), from `_all_forms`
    (tests/thesaurus/test_inflect.py holds the two to agree)."""
    from lemminflect.core.LexicalUtils import pennTagAlts, tagToUPos

    forms = _all_forms(word)
    form = forms.get(tag)
    if form is None:
        for alt in pennTagAlts(tag):
            form = forms.get(alt)
            if form:
                break
    if form is None:
        form = _rule_forms(word, tagToUPos(tag)).get(tag)
    return form or ()


@lru_cache(maxsize=100_000)
def _rule_forms(word: str, upos: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's rule-made inflections of a word its tables lack, read once per word and part of speech."""
    from lemminflect import getAllInflectionsOOV

    return getAllInflectionsOOV(word, upos)
