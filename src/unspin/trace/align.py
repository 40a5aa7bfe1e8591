"""Word alignment of a suspect text against a candidate source: what was kept, what was swapped.

difflib's SequenceMatcher aligns the two word sequences; small replaced runs (a spinner swaps phrases of
one to a few words) become substitutions "spun -> source wording", large unmatched runs are text that was
added to, or left out of, the copy.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .tokens import Token, tokenize

MAX_PHRASE = 6  # words on either side of a substitution; longer unmatched runs are not a spin
ANCHOR_RUN = 3  # verbatim runs this long are evidence of copying; shorter ones ("of the") happen by chance


@dataclass(frozen=True)
class Substitution:
    """A run of the suspect text (`spun`, at character offsets start:end) that stands where the source says `source`."""

    spun: str
    source: str
    start: int
    end: int
    source_start: int
    source_end: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Alignment:
    """How a suspect text lines up with one source text."""

    query_words: int
    source_words: int
    matched: int  # suspect words found verbatim, in order, in the source
    substituted: int  # suspect words inside small swapped runs
    source_aligned: int  # source words covered by matched or swapped runs
    anchored: int = 0  # suspect words inside verbatim runs of ANCHOR_RUN or more words
    substitutions: list[Substitution] = field(default_factory=list)
    opcodes: list[tuple[str, int, int, int, int]] = field(default_factory=list)  # word-level difflib opcodes

    @property
    def coverage(self) -> float:
        """Share of the suspect text that lines up with the source (kept or swapped)."""
        return (self.matched + self.substituted) / self.query_words if self.query_words else 0.0

    @property
    def substituted_share(self) -> float:
        """Share of the lined-up suspect words that were swapped (the spin rate of the copied part)."""
        aligned = self.matched + self.substituted
        return self.substituted / aligned if aligned else 0.0

    @property
    def source_coverage(self) -> float:
        """Share of the source that the suspect text copies."""
        return self.source_aligned / self.source_words if self.source_words else 0.0

    @property
    def anchored_share(self) -> float:
        """Share of the suspect text inside long verbatim runs: high for copies, near zero by chance
        (trace/index.py's MIN_ANCHORED lies between the two)."""
        return self.anchored / self.query_words if self.query_words else 0.0

    @property
    def score(self) -> float:
        """Verification score in [0, 1]: verbatim share of the suspect text, plus half credit for swapped words."""
        if not self.query_words:
            return 0.0
        return (self.matched + 0.5 * self.substituted) / self.query_words


def align(query: str, source: str, *, query_tokens: list[Token] | None = None,
          source_tokens: list[Token] | None = None) -> Alignment:
    """Align a suspect text to a source text word by word (case-insensitive)."""
    q = query_tokens if query_tokens is not None else tokenize(query)
    s = source_tokens if source_tokens is not None else tokenize(source)
    qw = [t.lower for t in q]
    sw = [t.lower for t in s]
    matcher = SequenceMatcher(None, qw, sw, autojunk=False)
    matched = substituted = source_aligned = anchored = 0
    subs: list[Substitution] = []
    ops = matcher.get_opcodes()
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            matched += i2 - i1
            if i2 - i1 >= ANCHOR_RUN:
                anchored += i2 - i1
            source_aligned += j2 - j1
            continue
        # a swap sits between kept text, or at an end of both texts at once
        inside = (k > 0 or (i1 == 0 and j1 == 0)) and (k < len(ops) - 1 or (i2 == len(qw) and j2 == len(sw)))
        small = (i2 - i1) <= MAX_PHRASE and (j2 - j1) <= MAX_PHRASE
        if not (small and inside):
            continue
        substituted += i2 - i1
        source_aligned += j2 - j1
        subs.append(
            Substitution(
                spun=_span(query, q, i1, i2),
                source=_span(source, s, j1, j2),
                start=q[i1].start if i2 > i1 else (q[i1 - 1].end if i1 else 0),
                end=q[i2 - 1].end if i2 > i1 else (q[i1 - 1].end if i1 else 0),
                source_start=s[j1].start if j2 > j1 else (s[j1 - 1].end if j1 else 0),
                source_end=s[j2 - 1].end if j2 > j1 else (s[j1 - 1].end if j1 else 0),
            )
        )
    return Alignment(len(qw), len(sw), matched, substituted, source_aligned, anchored, subs, ops)


def _span(text: str, tokens: list[Token], i: int, j: int) -> str:
    return text[tokens[i].start : tokens[j - 1].end] if j > i else ""
