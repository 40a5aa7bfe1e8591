"""What `trace` returns: a candidate source and the evidence that the suspect text was copied from it."""
from __future__ import annotations

from dataclasses import dataclass, field

from .align import Substitution


@dataclass
class Match:
    """A source document of the suspect text, with the alignment that backs it up.

    `doc_ids` lists every indexed document with this exact text (duplicates are reported together).
    """

    doc_id: str
    doc_ids: list[str]
    sources: list[str]
    score: float  # verification score: verbatim share of the suspect text + half credit for swapped words
    coverage: float  # share of the suspect text that lines up with this source
    substituted_share: float  # share of the lined-up words that were swapped
    source_coverage: float  # share of the source that the suspect text copies
    anchored_share: float  # share of the suspect text inside verbatim runs of 3+ words (evidence of copying)
    lsh_similarity: float  # share of MinHash bands shared with the best passage
    embedding_similarity: float | None  # cosine of the document embeddings (None when not embedded)
    matched_words: int
    substituted_words: int
    query_words: int
    source_words: int
    substitutions: list[Substitution] = field(default_factory=list)
    source_text: str | None = field(default=None, repr=False)

    def to_dict(self, *, with_text: bool = False) -> dict:
        out = {
            "doc_id": self.doc_id,
            "doc_ids": self.doc_ids,
            "sources": self.sources,
            "score": round(self.score, 4),
            "coverage": round(self.coverage, 4),
            "substituted_share": round(self.substituted_share, 4),
            "source_coverage": round(self.source_coverage, 4),
            "anchored_share": round(self.anchored_share, 4),
            "lsh_similarity": round(self.lsh_similarity, 4),
            "embedding_similarity": None if self.embedding_similarity is None else round(self.embedding_similarity, 4),
            "matched_words": self.matched_words,
            "substituted_words": self.substituted_words,
            "query_words": self.query_words,
            "source_words": self.source_words,
            "substitutions": [s.to_dict() for s in self.substitutions],
        }
        if with_text:
            out["source_text"] = self.source_text
        return out
