"""MinHash signatures of text passages and the LSH band keys they are filed under.

Each passage gets two MinHash sketches (datasketch): one over n-grams of spin-robust tokens and one over
word n-grams. Each sketch is cut into bands; a band's key is what the index stores, so a query only has to
look up its own keys and count, per passage, how many bands agree (an estimate of the Jaccard similarity).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from .tokens import Token, ngrams, robust_tokens, tokenize


@dataclass(frozen=True)
class SignatureParams:
    """Everything that must match between indexing and querying; stored in the index's metadata."""

    num_perm: int = 64  # per signal
    rows: int = 1  # rows per LSH band; 1 = every hash value is its own band (counting gives a Jaccard estimate)
    robust_n: int = 3
    word_n: int = 2
    passage_words: int = 250
    seed: int = 7

    @property
    def bands_per_signal(self) -> int:
        return self.num_perm // self.rows

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Passage:
    """A window of a document's words: its word range and its MinHash signature (both signals, concatenated)."""

    start_word: int
    end_word: int
    signature: np.ndarray  # uint32, 2 * num_perm

    def keys(self, params: SignatureParams) -> list[int]:
        return band_keys(self.signature, params)


class Signer:
    """Turns texts into passages with MinHash signatures; holds the permutations so they are built once."""

    def __init__(self, params: SignatureParams | None = None):
        from datasketch import MinHash

        self.params = params or SignatureParams()
        self._MinHash = MinHash
        self._template = MinHash(num_perm=self.params.num_perm, seed=self.params.seed)
        self._permutations = self._template.permutations

    def sketch(self, shingles: set[bytes]) -> np.ndarray:
        """One MinHash over a shingle set (all-max values when the set is empty)."""
        m = self._MinHash(num_perm=self.params.num_perm, permutations=self._permutations, scheme=self._template.scheme)
        if shingles:
            m.update_batch(sorted(shingles))
        return np.asarray(m.hashvalues, dtype=np.uint32)

    def shingles(self, tokens: list[Token]) -> tuple[set[bytes], set[bytes]]:
        """Robust-token n-grams and word n-grams of a run of tokens."""
        robust = ngrams(robust_tokens(tokens), self.params.robust_n)
        plain = ngrams([t.lower for t in tokens], self.params.word_n)
        return robust, plain

    def passages(self, text: str, *, robust_text: str | None = None) -> list[Passage]:
        """Cut a text into passages of about `passage_words` words and sign each one.

        `robust_text` (same length in words is not required) lets a query take its robust tokens from one
        version of the text (e.g. the spun input) and its word n-grams from another (the restored text).
        """
        tokens = tokenize(text)
        spans = passage_spans(len(tokens), self.params.passage_words)
        robust_source = tokenize(robust_text) if robust_text is not None else None
        out = []
        for start, end in spans:
            robust, plain = self.shingles(tokens[start:end])
            if robust_source is not None:
                lo = start * len(robust_source) // max(1, len(tokens))
                hi = end * len(robust_source) // max(1, len(tokens))
                robust |= ngrams(robust_tokens(robust_source[lo:hi]), self.params.robust_n)
            signature = np.concatenate([self.sketch(robust), self.sketch(plain)])
            out.append(Passage(start, end, signature))
        return out


def passage_spans(n_words: int, size: int) -> list[tuple[int, int]]:
    """Word ranges of consecutive passages; a short tail joins the passage before it."""
    if n_words == 0:
        return []
    spans = [(i, min(i + size, n_words)) for i in range(0, n_words, size)]
    if len(spans) > 1 and spans[-1][1] - spans[-1][0] < size // 2:
        spans[-2] = (spans[-2][0], spans[-1][1])
        spans.pop()
    return spans


EMPTY = np.uint32(0xFFFFFFFF)


def band_keys(signature: np.ndarray, params: SignatureParams) -> list[int]:
    """LSH keys of a signature: band number in the high bits, the band's hash in the low 40 bits.

    Bands of an empty sketch (no shingles) are skipped so that empty passages never collide.
    """
    keys = []
    rows = params.rows
    for band in range(len(signature) // rows):
        values = signature[band * rows : (band + 1) * rows]
        if np.all(values == EMPTY):
            continue
        if rows == 1:
            h = int(values[0])
        else:
            h = int.from_bytes(hashlib.blake2b(values.tobytes(), digest_size=5).digest(), "little")
        keys.append((band << 40) | h)
    return keys
