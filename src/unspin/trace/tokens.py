"""Words with offsets, and the shingles trace hashes: spin-robust tokens and plain word n-grams.

Spinners replace content words with synonyms but mostly leave function words, names and numbers alone,
so n-grams over just those tokens survive spinning far better than n-grams over all words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
SENTENCE_END = set(".!?:;\"“”")

# Closed-class English words: determiners, pronouns, prepositions, conjunctions, auxiliaries, negation.
FUNCTION_WORDS = frozenset(
    """
    a an the this that these those my your his her its our their whose which what who whom
    i me you he him she it we us they them myself yourself himself herself itself ourselves themselves
    of in on at by for with from to into onto upon about above below over under between among through
    during before after since until till against across along around behind beyond near off out up down
    within without toward towards via per than as like unlike despite except
    and or but nor so yet if then else because although though while whereas unless whether when where
    why how once
    is am are was were be been being have has had having do does did doing done
    will would shall should can could may might must ought
    not no never none nothing any some all each every either neither both few many much more most
    other another such same own only very too also just even still
    there here now again ever
    one two three four five six seven eight nine ten first second
    """.split()
)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: its characters, where it sits, and whether a sentence starts with it."""

    text: str
    start: int
    end: int
    sentence_start: bool

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens with character offsets, noting which ones open a sentence."""
    tokens: list[Token] = []
    last_end = 0
    for m in WORD_RE.finditer(text):
        gap = text[last_end : m.start()]
        opens = not tokens or any(ch in SENTENCE_END for ch in gap) or "\n\n" in gap
        tokens.append(Token(m.group(), m.start(), m.end(), opens))
        last_end = m.end()
    return tokens


def words(text: str) -> list[str]:
    """Lowercase words of a text, for alignment and word shingles."""
    return [t.lower for t in tokenize(text)]


def robust_tokens(tokens: list[Token]) -> list[str]:
    """The tokens spinners tend to keep: function words, numbers, and capitalised words inside a sentence."""
    kept: list[str] = []
    for tok in tokens:
        low = tok.lower
        if low in FUNCTION_WORDS or any(ch.isdigit() for ch in low):
            kept.append(low)
        elif tok.text[0].isupper() and not tok.sentence_start:
            kept.append(low)
    return kept


def ngrams(items: list[str], n: int) -> set[bytes]:
    """Distinct n-grams (as UTF-8 bytes, ready for hashing); a short list yields itself as one gram."""
    if not items:
        return set()
    if len(items) < n:
        return {" ".join(items).encode()}
    return {" ".join(items[i : i + n]).encode() for i in range(len(items) - n + 1)}
