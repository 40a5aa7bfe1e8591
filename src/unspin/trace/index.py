"""The trace index: add reference documents, then find which one a (spun) text was copied from.

    >>> from unspin.trace import Index
    >>> idx = Index("refs.sqlite")                       # doctest: +SKIP
    >>> idx.add("The country faced a war.", doc_id="a")  # doctest: +SKIP
    >>> idx.trace("The rustic faced a battle.")          # doctest: +SKIP

Retrieval runs in three steps: MinHash LSH over spin-robust and restored-word shingles proposes passages,
sentence embeddings add and rerank candidates, and a word alignment verifies the best few and lists the
substitutions.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ConfigError, ResourceMissing
from .align import Alignment, align
from .match import Match
from .readers import SourceDoc, iter_documents
from .signature import SignatureParams, Signer
from .sqlite_storage import SQLiteStorage
from .storage import Storage
from .tokens import tokenize

INDEX_FORMAT = "1"
# Acceptance: a source must hold this share of the suspect text in verbatim runs of 3+ words, a share between what
# spun copies and the best unrelated documents score.
MIN_ANCHORED = 0.15
MIN_MATCHED_WORDS = 8
DECISIVE_ANCHORED = 0.3  # first-pass answers need this much anchored text ...
DECISIVE_MARGIN = 0.2  # ... and this lead in score over the runner-up


def _decisive(matches: list[Match]) -> bool:
    """A first-pass answer that needs no second opinion: most of the text lines up with one source, and
    that source is far ahead of any other."""
    if not matches or matches[0].anchored_share < DECISIVE_ANCHORED:
        return False
    return len(matches) == 1 or matches[0].score - matches[1].score >= DECISIVE_MARGIN


def is_copy(a: Alignment, min_anchored: float = MIN_ANCHORED) -> bool:
    """Whether an alignment shows a copy of its source: enough of the text in verbatim runs, enough words kept."""
    return a.anchored_share >= min_anchored and a.matched >= min(MIN_MATCHED_WORDS, a.query_words // 2 + 1)


def default_index_path() -> Path:
    """UNSPIN_INDEX, or index.sqlite under the user's data directory."""
    env = os.environ.get("UNSPIN_INDEX")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("unspin")) / "index.sqlite"


def content_hash(text: str) -> str:
    """Identity of a text for duplicate detection: SHA-256 of its whitespace-normalised form."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


@dataclass
class AddReport:
    """What an `add` did: new texts, duplicates of stored texts, ids that already had this text, empties."""

    added: int = 0
    duplicates: int = 0
    unchanged: int = 0
    replaced: int = 0
    empty: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.added + self.duplicates + self.unchanged

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["documents"] = self.documents
        d["docs_per_second"] = round(self.documents / self.seconds, 1) if self.seconds else None
        return d


class Index:
    """A reference corpus on disk (SQLite by default) that spun texts can be traced back to."""

    def __init__(self, path: str | os.PathLike | None = None, *, storage: Storage | None = None,
                 create: bool = True, embedder=None, restorer=None, params: SignatureParams | None = None):
        self.storage = storage or SQLiteStorage(path if path is not None else default_index_path(), create=create)
        self.params = self._settle_params(params)
        try:
            self.signer = Signer(self.params)
        except (ValueError, TypeError, OverflowError):
            raise ConfigError(f"the index's signature settings are unusable ({self.params}); "
                              "build a new index with `unspin index add`") from None
        self._embedder = embedder
        self._restorer = restorer
        self._emb_cache: tuple[np.ndarray, np.ndarray] | None = None
        self.last_trace: dict = {}

    # -- setup --------------------------------------------------------------------------------------------------
    def _settle_params(self, params: SignatureParams | None) -> SignatureParams:
        stored = self.storage.get_meta("signature_params")
        fmt = self.storage.get_meta("format")
        if fmt is not None and fmt != INDEX_FORMAT:
            raise ConfigError(f"index format {fmt} is not supported by this version (expected {INDEX_FORMAT})")
        if stored:
            try:
                existing = SignatureParams(**json.loads(stored))
            except (ValueError, TypeError):
                raise ConfigError(f"the index's signature settings are unreadable ({stored[:80]!r}); "
                                  "build a new index with `unspin index add`") from None
            if params is not None and params != existing:
                raise ConfigError("this index was built with other signature settings; use a new index file")
            return existing
        params = params or SignatureParams()
        with self.storage.transaction():
            self.storage.set_meta("format", INDEX_FORMAT)
            self.storage.set_meta("signature_params", json.dumps(params.to_dict()))
        return params

    @property
    def embedder(self):
        if self._embedder is None:
            from .embedder import default_embedder

            self._embedder = default_embedder()
        return self._embedder

    @property
    def restorer(self):
        """The fast restorer of the core (`unspin.get_restorer(fast=True)`); None when it is not installed."""
        if self._restorer is None:
            try:
                import unspin

                self._restorer = unspin.get_restorer(fast=True)
            except (ImportError, ResourceMissing):
                self._restorer = False
        return self._restorer or None

    # -- adding and removing ------------------------------------------------------------------------------------
    def add(self, text: str, doc_id: str | None = None, source: str | None = None, *, embed: bool = True) -> AddReport:
        """Add one text; the id defaults to its content hash."""
        doc_id = doc_id if doc_id is not None else content_hash(text)[:16]
        return self.add_documents([SourceDoc(doc_id, source or doc_id, text)], embed=embed)

    def add_paths(self, paths: list[str], *, embed: bool = True, progress=None) -> AddReport:
        """Add every document found in files and folders (.txt, .md, .html, .jsonl)."""
        skipped: list[tuple[str, str]] = []
        report = self.add_documents(
            iter_documents(paths, on_skip=lambda p, why: skipped.append((p, why))), embed=embed, progress=progress
        )
        report.skipped.extend(skipped)
        return report

    def add_documents(self, docs: Iterable[SourceDoc], *, embed: bool = True, batch_size: int = 256,
                      progress=None) -> AddReport:
        """Add documents in batches, each batch one transaction: texts already stored are not indexed again."""
        report = AddReport()
        start = time.perf_counter()
        batch: list[SourceDoc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                self._add_batch(batch, report, embed)
                batch = []
                if progress:
                    progress(report)
        if batch:
            self._add_batch(batch, report, embed)
            if progress:
                progress(report)
        report.seconds = time.perf_counter() - start
        self._emb_cache = None
        return report

    def _add_batch(self, batch: list[SourceDoc], report: AddReport, embed: bool) -> None:
        prepared = []
        for doc in batch:
            if not tokenize(doc.text):
                report.empty.append(doc.doc_id)
                continue
            prepared.append((doc, content_hash(doc.text)))
        new_texts: dict[str, str] = {}
        for doc, h in prepared:
            if self.storage.content_by_hash(h) is None:
                new_texts.setdefault(h, doc.text)
        signed = {h: self.signer.passages(t) for h, t in new_texts.items()}
        vectors = {}
        if embed and new_texts:
            hashes = list(new_texts)
            matrix = self.embedder.embed_texts([new_texts[h] for h in hashes])
            vectors = dict(zip(hashes, matrix))
        with self.storage.transaction():
            for doc, h in prepared:
                cid = self.storage.content_by_hash(h)
                before = self.storage.doc_content(doc.doc_id)
                if cid is None:
                    passages = [
                        (p.start_word, p.end_word, p.signature.tobytes(), p.keys(self.params)) for p in signed[h]
                    ]
                    cid = self.storage.add_content(h, doc.text, sum(p.end_word - p.start_word for p in signed[h]),
                                                   passages)
                    if h in vectors:
                        self.storage.set_embedding(cid, vectors[h])
                    report.added += 1
                elif before == cid:
                    report.unchanged += 1
                    continue
                else:
                    report.duplicates += 1
                if before is not None and before != cid:
                    report.replaced += 1
                self.storage.put_doc(doc.doc_id, doc.source, cid)

    def remove(self, doc_ids: Iterable[str]) -> list[str]:
        """Remove documents by id; returns the ids that were not in the index."""
        missing = []
        with self.storage.transaction():
            for doc_id in doc_ids:
                if not self.storage.remove_doc(doc_id):
                    missing.append(doc_id)
        self._emb_cache = None
        return missing

    def embed_missing(self, batch_size: int = 64, progress=None) -> int:
        """Compute embeddings for texts added with embed=False; returns how many were embedded."""
        done = 0
        while True:
            rows = self.storage.contents_without_embedding(batch_size)
            if not rows:
                break
            matrix = self.embedder.embed_texts([t for _, t in rows])
            with self.storage.transaction():
                for (cid, _), vec in zip(rows, matrix):
                    self.storage.set_embedding(cid, vec)
            done += len(rows)
            if progress:
                progress(done)
        self._emb_cache = None
        return done

    def stats(self) -> dict:
        out = self.storage.stats()
        out["signature_params"] = self.params.to_dict()
        return out

    def close(self) -> None:
        self.storage.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- tracing ------------------------------------------------------------------------------------------------
    def trace(self, text: str, *, top: int = 5, restore: bool = True, verify: int = 10,
              min_anchored: float = MIN_ANCHORED, cascade: bool = True) -> list[Match]:
        """Rank the indexed documents `text` was most likely copied from; an empty list means no source found.

        With `cascade`, a first pass looks up the text as it is; when its best candidate lines up with most of
        the text and clearly beats the rest, that answer stands and the costly steps (restoring the text,
        embedding it) are skipped. Otherwise the full pipeline runs: restored-text shingles, embeddings, and
        alignment of the merged candidates. `last_trace` tells which path answered.
        """
        query_tokens = tokenize(text)
        self.last_trace = {"stage": "empty"}
        if not query_tokens:
            return []
        checked: dict[int, Match | None] = {}
        candidates: dict[int, float] = {}
        if cascade:
            candidates = self._lsh_candidates(text, text)
            matches = self._verify(text, query_tokens, candidates, {}, checked, min(verify, 3), min_anchored)
            if _decisive(matches):
                self.last_trace = {"stage": "raw"}
                return matches[:top]
        restored = text
        restoring = restore and self.restorer is not None
        if restoring:
            restored = self.restorer.restore(text).restored
        for cid, share in self._lsh_candidates(restored, text).items():
            candidates[cid] = max(share, candidates.get(cid, 0.0))
        emb_scores = self._embedding_scores(restored)
        emb_lookup: dict[int, float] = {}
        if emb_scores is not None:
            ids, sims = emb_scores
            for i in np.argsort(-sims)[:verify]:
                candidates.setdefault(int(ids[i]), 0.0)
            emb_lookup = dict(zip(ids.tolist(), sims.tolist()))
        matches = self._verify(text, query_tokens, candidates, emb_lookup, checked, max(verify, top), min_anchored)
        self.last_trace = {"stage": "full", "restored": restoring, "embedded": emb_scores is not None}
        return matches[:top]

    def _verify(self, text, query_tokens, candidates: dict[int, float], emb_lookup: dict[int, float],
                checked: dict[int, Match | None], limit: int, min_anchored: float) -> list[Match]:
        """Align the `limit` most promising candidates (LSH share + embedding cosine) and keep those that hold."""

        def prelim(cid: int) -> float:
            return candidates[cid] + max(0.0, emb_lookup.get(cid, 0.0))

        for cid in sorted(candidates, key=prelim, reverse=True)[:limit]:
            if cid not in checked:
                checked[cid] = self._check(text, query_tokens, cid, min_anchored)
            m = checked[cid]
            if m is not None:
                m.lsh_similarity = max(m.lsh_similarity, candidates[cid])
                if cid in emb_lookup:
                    m.embedding_similarity = emb_lookup[cid]
        matches = [m for m in checked.values() if m is not None]
        matches.sort(key=lambda m: (m.score, m.coverage), reverse=True)
        return matches

    def _check(self, text: str, query_tokens, cid: int, min_anchored: float) -> Match | None:
        """Align the text with one stored text; a Match when enough of the text lines up, else None."""
        stored = self.storage.content(cid)
        if stored is None or not stored.doc_ids:
            return None
        a = align(text, stored.text, query_tokens=query_tokens)
        if not is_copy(a, min_anchored):
            return None
        return Match(
            doc_id=stored.doc_ids[0], doc_ids=stored.doc_ids, sources=stored.sources, score=a.score,
            coverage=a.coverage, substituted_share=a.substituted_share, source_coverage=a.source_coverage,
            anchored_share=a.anchored_share, lsh_similarity=0.0, embedding_similarity=None, matched_words=a.matched,
            substituted_words=a.substituted, query_words=a.query_words, source_words=a.source_words,
            substitutions=a.substitutions, source_text=stored.text,
        )

    def _lsh_candidates(self, restored: str, raw: str, limit: int = 30) -> dict[int, float]:
        """Content id -> best share of LSH bands any query passage shares with one of its passages."""
        best: dict[int, float] = {}
        for passage in self.signer.passages(restored, robust_text=raw):
            keys = passage.keys(self.params)
            if not keys:
                continue
            for hit in self.storage.lookup(keys, limit):
                share = hit.votes / len(keys)
                if share > best.get(hit.content_id, 0.0):
                    best[hit.content_id] = share
        return best

    def _embedding_scores(self, restored: str) -> tuple[np.ndarray, np.ndarray] | None:
        """Cosine similarity of the query to every embedded text, or None when the index has no embeddings."""
        if self._emb_cache is None:
            self._emb_cache = self.storage.embeddings()
        ids, matrix = self._emb_cache
        if len(ids) == 0:
            return None
        query = self.embedder.embed_texts([restored])[0]
        return ids, matrix @ query
