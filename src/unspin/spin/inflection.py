"""Keep inflection: a synonym of "reports" is written "accounts", of "liked" "favored" (lemminflect)."""
from __future__ import annotations

from functools import lru_cache

CONTENT_UPOS = ("VERB", "NOUN", "ADJ", "ADV")


@lru_cache(maxsize=50_000)
def analyses(word: str) -> tuple[tuple[str, str, str], ...]:
    """Every (lemma, upos, penn_tag) that yields the lowercase `word` (empty for unknown words)."""
    from lemminflect import getAllInflections, getAllLemmas

    found = []
    for upos, lemmas in getAllLemmas(word).items():
        if upos not in CONTENT_UPOS:
            continue
        for lemma in lemmas:
            for tag, forms in getAllInflections(lemma, upos=upos).items():
                if word in forms and (lemma, upos, tag) not in found:
                    found.append((lemma, upos, tag))
    return tuple(found)


def inflect_phrase(phrase: str, upos: str, tag: str) -> str | None:
    """Inflect a synonym phrase: verbs on their first word ("give up" -> "gave up"), others on the last."""
    from lemminflect import getInflection, getLemma

    words = phrase.split()
    k = 0 if upos == "VERB" else len(words) - 1
    if tag in ("JJR", "JJS", "RBR", "RBS") and len(words) > 1:
        return None
    lemma = (getLemma(words[k], upos=upos) or (words[k],))[0]
    forms = getInflection(lemma, tag=tag)
    if not forms:
        return None
    words[k] = forms[0]
    return " ".join(words)
