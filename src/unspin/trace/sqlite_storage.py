"""SQLite backend for the trace index: one file, incremental adds and removes, no rebuilds."""
from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from ..errors import ConfigError
from .storage import PassageHit, Storage, StoredContent

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS contents (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    word_count INTEGER NOT NULL,
    embedding BLOB
);
CREATE TABLE IF NOT EXISTS docs (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    content_id INTEGER NOT NULL REFERENCES contents(id),
    added_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS docs_content ON docs(content_id);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY,
    content_id INTEGER NOT NULL REFERENCES contents(id),
    start_word INTEGER NOT NULL,
    end_word INTEGER NOT NULL,
    signature BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_content ON passages(content_id);
CREATE TABLE IF NOT EXISTS bands (
    key INTEGER NOT NULL,
    passage_id INTEGER NOT NULL,
    PRIMARY KEY (key, passage_id)
) WITHOUT ROWID;
"""


# What reading a damaged file, or a file that is no unspin index, raises from SQLite, numpy and our own decoding.
DAMAGE = (sqlite3.DatabaseError, UnicodeDecodeError, ValueError, TypeError)


def _damage_is_config_error(cls):
    """Every public method of the storage (but the transaction context) turns a damaged file into one ConfigError."""
    def guard(method):
        @functools.wraps(method)
        def guarded(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except DAMAGE as exc:
                raise ConfigError(f"the index {self.path} is damaged or is not an unspin index ({exc}); "
                                  "build a new one with `unspin index add`") from None
        return guarded

    for name, value in list(vars(cls).items()):
        if callable(value) and not name.startswith("_") and name not in ("transaction", "close"):
            setattr(cls, name, guard(value))
    return cls


@_damage_is_config_error
class SQLiteStorage(Storage):
    """Index storage in one SQLite file (WAL mode, so readers do not block a writer)."""

    def __init__(self, path: str | os.PathLike, *, create: bool = True):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise ConfigError(f"no index at {self.path} (build one with `unspin index add PATH...`)")
        if self.path.is_dir():
            raise ConfigError(f"{self.path} is a directory, not an index file")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False, timeout=60)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
        except DAMAGE as exc:
            raise ConfigError(f"{self.path} is not a usable index file ({exc})") from None
        self._depth = 0

    # -- metadata -----------------------------------------------------------------------------------------------
    def get_meta(self, key):
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key, value):
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- documents ----------------------------------------------------------------------------------------------
    def content_by_hash(self, content_hash):
        row = self.db.execute("SELECT id FROM contents WHERE hash=?", (content_hash,)).fetchone()
        return row[0] if row else None

    def add_content(self, content_hash, text, word_count, passages: Iterable[tuple[int, int, bytes, list[int]]]):
        cur = self.db.execute(
            "INSERT INTO contents(hash, text, word_count) VALUES (?, ?, ?)", (content_hash, text, word_count)
        )
        content_id = cur.lastrowid
        for start, end, signature, keys in passages:
            pid = self.db.execute(
                "INSERT INTO passages(content_id, start_word, end_word, signature) VALUES (?, ?, ?, ?)",
                (content_id, start, end, signature),
            ).lastrowid
            self.db.executemany("INSERT OR IGNORE INTO bands(key, passage_id) VALUES (?, ?)", [(k, pid) for k in keys])
        return content_id

    def doc_content(self, doc_id):
        row = self.db.execute("SELECT content_id FROM docs WHERE id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def put_doc(self, doc_id, source, content_id):
        old = self.doc_content(doc_id)
        self.db.execute("INSERT OR REPLACE INTO docs(id, source, content_id) VALUES (?, ?, ?)",
                        (doc_id, source, content_id))
        if old is not None and old != content_id:
            self._drop_if_orphan(old)

    def remove_doc(self, doc_id):
        old = self.doc_content(doc_id)
        if old is None:
            return False
        self.db.execute("DELETE FROM docs WHERE id=?", (doc_id,))
        self._drop_if_orphan(old)
        return True

    def _drop_if_orphan(self, content_id):
        if self.db.execute("SELECT 1 FROM docs WHERE content_id=? LIMIT 1", (content_id,)).fetchone():
            return
        pids = [r[0] for r in self.db.execute("SELECT id FROM passages WHERE content_id=?", (content_id,))]
        for pid in pids:
            sig = self.db.execute("SELECT signature FROM passages WHERE id=?", (pid,)).fetchone()[0]
            keys = self._keys_of(sig)
            self.db.executemany("DELETE FROM bands WHERE key=? AND passage_id=?", [(k, pid) for k in keys])
        self.db.execute("DELETE FROM passages WHERE content_id=?", (content_id,))
        self.db.execute("DELETE FROM contents WHERE id=?", (content_id,))

    def _keys_of(self, signature_blob: bytes) -> list[int]:
        from .signature import SignatureParams, band_keys

        params = SignatureParams(**_json_meta(self.get_meta("signature_params")))
        return band_keys(np.frombuffer(signature_blob, dtype=np.uint32), params)

    def content(self, content_id):
        row = self.db.execute("SELECT id, text, word_count, hash FROM contents WHERE id=?", (content_id,)).fetchone()
        if not row:
            return None
        docs = self.db.execute("SELECT id, source FROM docs WHERE content_id=? ORDER BY id", (content_id,)).fetchall()
        return StoredContent(row[0], row[1], row[2], row[3], [d[0] for d in docs], [d[1] for d in docs])

    # -- retrieval ----------------------------------------------------------------------------------------------
    def lookup(self, keys, limit):
        if not keys:
            return []
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS query_keys (key INTEGER PRIMARY KEY)")
        self.db.execute("DELETE FROM query_keys")
        self.db.executemany("INSERT OR IGNORE INTO query_keys(key) VALUES (?)", [(k,) for k in keys])
        # CROSS JOIN pins the join order: walk the query's keys and seek each in the bands index (without it
        # SQLite's planner may scan the whole bands table, far slower on a large index).
        rows = self.db.execute(
            """SELECT b.passage_id, p.content_id, COUNT(*) AS votes
               FROM query_keys q CROSS JOIN bands b ON b.key = q.key JOIN passages p ON p.id = b.passage_id
               GROUP BY b.passage_id ORDER BY votes DESC LIMIT ?""",
            (limit,),
        ).fetchall()
        return [PassageHit(*r) for r in rows]

    def set_embedding(self, content_id, vector):
        self.db.execute(
            "UPDATE contents SET embedding=? WHERE id=?", (np.asarray(vector, dtype=np.float32).tobytes(), content_id)
        )

    def embeddings(self):
        rows = self.db.execute("SELECT id, embedding FROM contents WHERE embedding IS NOT NULL").fetchall()
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), -1)
        return ids, matrix

    def contents_without_embedding(self, limit):
        return self.db.execute(
            "SELECT id, text FROM contents WHERE embedding IS NULL ORDER BY id LIMIT ?", (limit,)
        ).fetchall()

    # -- housekeeping -------------------------------------------------------------------------------------------
    def stats(self):
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "path": str(self.path),
            "documents": one("SELECT COUNT(*) FROM docs"),
            "distinct_texts": one("SELECT COUNT(*) FROM contents"),
            "duplicate_documents": one("SELECT COUNT(*) FROM docs") - one("SELECT COUNT(*) FROM contents"),
            "words": one("SELECT COALESCE(SUM(word_count), 0) FROM contents"),
            "passages": one("SELECT COUNT(*) FROM passages"),
            "lsh_keys": one("SELECT COUNT(*) FROM bands"),
            "embedded_texts": one("SELECT COUNT(*) FROM contents WHERE embedding IS NOT NULL"),
            "size_bytes": self.size_bytes(),
        }

    def size_bytes(self) -> int:
        total = 0
        for suffix in ("", "-wal"):
            p = Path(str(self.path) + suffix)
            if p.exists():
                total += p.stat().st_size
        return total

    @contextlib.contextmanager
    def transaction(self):
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise ConfigError(f"cannot write to the index {self.path} ({exc})") from None
        self._depth = 1
        try:
            yield
        except sqlite3.OperationalError as exc:
            self.db.execute("ROLLBACK")
            raise ConfigError(f"cannot write to the index {self.path} ({exc})") from None
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._depth = 0

    def close(self):
        with contextlib.suppress(Exception):
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()


def _json_meta(value: str | None) -> dict:
    import json

    return json.loads(value) if value else {}
