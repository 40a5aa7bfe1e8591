"""Spinner rules as a thesaurus: the simulator's phrase rules (our own general knowledge of how spinners rewrite
function words and fixed phrases) and English contractions both ways ("it's" <-> "it is").

The reverse index inverts them like any thesaurus, so the restorer reads "is actually" as a possible "is".
"""
from __future__ import annotations

from functools import lru_cache

from ..spin.rules import PHRASE_RULES

# Contracted forms of ordinary English: subject or auxiliary -> the words it stands for.
_PRONOUNS = ("i", "you", "he", "she", "it", "we", "they", "that", "there", "what", "who", "here", "where")
_BE = {"i": "am", "you": "are", "we": "are", "they": "are"}
_NEGATIONS = {"do": "don't", "does": "doesn't", "did": "didn't", "is": "isn't", "are": "aren't", "was": "wasn't",
              "were": "weren't", "have": "haven't", "has": "hasn't", "had": "hadn't", "would": "wouldn't",
              "could": "couldn't", "should": "shouldn't", "must": "mustn't", "need": "needn't", "will": "won't",
              "can": "can't", "might": "mightn't"}


def contractions() -> dict[str, list[str]]:
    """Full form -> contracted forms, and contracted -> full, for pronouns and auxiliaries."""
    pairs: list[tuple[str, str]] = []
    for word, short in _NEGATIONS.items():
        pairs.append((f"{word} not", short))
    pairs.append(("cannot", "can't"))
    pairs.append(("can not", "cannot"))
    for p in _PRONOUNS:
        pairs.append((f"{p} {_BE.get(p, 'is')}", f"{p}'{'m' if p == 'i' else 're' if p in _BE else 's'}"))
        pairs += [(f"{p} will", f"{p}'ll"), (f"{p} would", f"{p}'d"), (f"{p} had", f"{p}'d")]
        pairs.append((f"{p} {'has' if p in ('he', 'she', 'it', 'that', 'there', 'what', 'who') else 'have'}",
                      f"{p}'{'s' if p in ('he', 'she', 'it', 'that', 'there', 'what', 'who') else 've'}"))
    table: dict[str, list[str]] = {}
    for full, short in pairs:
        for a, b in ((full, short), (short, full)):
            if b not in table.setdefault(a, []):
                table[a].append(b)
    return table


@lru_cache(maxsize=1)
def load_rules() -> dict[str, list[str]]:
    """Original -> what a spinner writes for it: the phrase rules and the contractions."""
    table = {k: list(v) for k, v in PHRASE_RULES.items()}
    for full, forms in contractions().items():
        bucket = table.setdefault(full, [])
        bucket.extend(f for f in forms if f not in bucket)
    return table
