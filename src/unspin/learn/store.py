"""Per-document expected counts persisted in SQLite, so an interrupted `unspin learn` continues where it stopped.

A row is keyed by (round, the fingerprint of the profile that round decoded with, the document's content hash):
a resumed run with the same pile and settings reuses every finished document; changed settings recompute.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ..errors import ConfigError

SCHEMA = """
CREATE TABLE IF NOT EXISTS doc_counts (
    round INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    doc TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (round, fingerprint, doc)
)
"""
COMMIT_EVERY = 16  # documents per commit: a stopped run loses little, and commits stay rare


class CountStore:
    """Document counts of each EM round; an in-memory store when `path` is None."""

    def __init__(self, path: str | Path | None):
        self.path = Path(path) if path else None
        try:
            self.db = sqlite3.connect(str(self.path) if self.path else ":memory:")
            self.db.execute(SCHEMA)
            self.db.commit()
        except sqlite3.Error as exc:
            raise ConfigError(f"cannot use the learning state file {self.path}: {exc}") from None
        self._pending = 0

    def get(self, round_: int, fingerprint: str, doc: str) -> dict | None:
        row = self.db.execute("SELECT data FROM doc_counts WHERE round=? AND fingerprint=? AND doc=?",
                              (round_, fingerprint, doc)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, round_: int, fingerprint: str, doc: str, data: dict) -> None:
        self.db.execute("INSERT OR REPLACE INTO doc_counts VALUES (?, ?, ?, ?)",
                        (round_, fingerprint, doc, json.dumps(data, ensure_ascii=False)))
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self.flush()

    def flush(self) -> None:
        self.db.commit()
        self._pending = 0

    def close(self) -> None:
        self.flush()
        self.db.close()
