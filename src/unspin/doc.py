"""The Doc: one object owns the text, its tokens with character offsets, and its sentences.

Every later stage reads offsets from here, so text we do not change can be copied back byte for byte.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

# Words keep inner apostrophes and hyphens ("don't", "well-known"); numbers keep separators ("3,000", "2.5").
_TOKEN = re.compile(
    r"\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s)?"  # numbers and ordinals
    r"|[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*"  # words
    r"|\S",  # any other single visible character
)
_SENTENCE_END = {".", "!", "?", "…"}
_CLOSERS = set("\"'”’)]»")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @cached_property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @cached_property
    def is_number(self) -> bool:
        return self.text[0].isdigit()

    @cached_property
    def is_word_or_number(self) -> bool:
        """A token a learned spinner's key may hold ("12 months" for "year")."""
        return self.is_word or self.is_number

    @cached_property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")


def key_joins(text: str, a: Token, b: Token) -> bool:
    """Tokens a and b read on as one key of a spinner's swaps: words or numbers exactly one space apart."""
    return a.is_word_or_number and b.is_word_or_number and text[a.end : b.start] == " "


@dataclass
class Doc:
    """Tokens and sentence boundaries (as token index ranges) over an immutable text."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str) -> "Doc":
        tokens = [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        return cls(text, tokens, _split_sentences(text, tokens))

    @property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.is_word]

    @property
    def word_count(self) -> int:
        return sum(1 for t in self.tokens if t.is_word)

    def sentence_of(self, index: int) -> tuple[int, int]:
        """The token range [start, end) of the sentence holding token `index`."""
        starts = [a for a, _ in self.sentences]
        return self.sentences[max(0, bisect.bisect_right(starts, index) - 1)]

    def sentence_start(self, index: int) -> bool:
        """True when token `index` opens its sentence (ignoring opening quotes and brackets)."""
        for start, end in self.sentences:
            if start <= index < end:
                return all(not self.tokens[j].is_word and not self.tokens[j].is_number for j in range(start, index))
        return False


def _split_sentences(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Split after . ! ? (plus closing quotes) followed by an uppercase start, and at blank lines."""
    sentences, start = [], 0
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None:
            break
        gap = text[tok.end : nxt.start]
        boundary = "\n\n" in gap or (gap.count("\n") >= 1 and _line_ends_block(tok))
        if tok.text in _SENTENCE_END or (tok.text in _CLOSERS and i > 0 and tokens[i - 1].text in _SENTENCE_END):
            if nxt.text not in _CLOSERS and gap and (nxt.text[0].isupper() or not nxt.text[0].isalpha()):
                boundary = True
        if len(tokens[start : i + 1]) >= 80:  # keep LM inputs bounded on run-on text
            boundary = True
        if boundary:
            sentences.append((start, i + 1))
            start = i + 1
    if start < len(tokens):
        sentences.append((start, len(tokens)))
    return sentences


def _line_ends_block(tok: Token) -> bool:
    """A single line break ends a sentence only after terminal punctuation or in headline-like lines."""
    return tok.text in _SENTENCE_END or tok.text in _CLOSERS or tok.text == ":"
