"""The storage interface an index needs; SQLite is the default backend (see sqlite_storage.py).

Texts are stored once per distinct content (by hash); any number of document ids can point at one content,
which is how identical documents are kept without indexing them twice.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np


@dataclass
class StoredContent:
    """One distinct text in the index and the document ids that carry it."""

    content_id: int
    text: str
    word_count: int
    content_hash: str
    doc_ids: list[str]
    sources: list[str]


@dataclass
class PassageHit:
    """A stored passage that shares `votes` LSH bands with a query passage."""

    passage_id: int
    content_id: int
    votes: int


class Storage(ABC):
    """Where an index keeps its documents, signatures, LSH bands and embeddings."""

    # -- metadata -----------------------------------------------------------------------------------------------
    @abstractmethod
    def get_meta(self, key: str) -> str | None: ...

    @abstractmethod
    def set_meta(self, key: str, value: str) -> None: ...

    # -- documents ----------------------------------------------------------------------------------------------
    @abstractmethod
    def content_by_hash(self, content_hash: str) -> int | None:
        """The content id of an already stored text, or None."""

    @abstractmethod
    def add_content(self, content_hash: str, text: str, word_count: int,
                    passages: Iterable[tuple[int, int, bytes, list[int]]]) -> int:
        """Store a new text with its passages (start word, end word, signature bytes, LSH keys)."""

    @abstractmethod
    def doc_content(self, doc_id: str) -> int | None:
        """The content id a document id points at, or None."""

    @abstractmethod
    def put_doc(self, doc_id: str, source: str, content_id: int) -> None:
        """Point a document id at a content (replacing what it pointed at before)."""

    @abstractmethod
    def remove_doc(self, doc_id: str) -> bool:
        """Forget a document id; drop its content when no other id uses it. False if the id was unknown."""

    @abstractmethod
    def content(self, content_id: int) -> StoredContent | None: ...

    # -- retrieval ----------------------------------------------------------------------------------------------
    @abstractmethod
    def lookup(self, keys: list[int], limit: int) -> list[PassageHit]:
        """Passages sharing the most keys with `keys`, best first."""

    @abstractmethod
    def set_embedding(self, content_id: int, vector: np.ndarray) -> None: ...

    @abstractmethod
    def embeddings(self) -> tuple[np.ndarray, np.ndarray]:
        """(content ids, matrix of unit vectors) of every content that has an embedding."""

    @abstractmethod
    def contents_without_embedding(self, limit: int) -> list[tuple[int, str]]: ...

    # -- housekeeping -------------------------------------------------------------------------------------------
    @abstractmethod
    def stats(self) -> dict: ...

    @abstractmethod
    def transaction(self):
        """A context manager: everything inside is committed together or not at all."""

    @abstractmethod
    def close(self) -> None: ...
