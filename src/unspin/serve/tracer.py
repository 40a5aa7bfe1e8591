"""The `/v1/trace` helper: opens `unspin.trace.Index(path)` once, on its own thread, and answers in the same JSON
shape as `unspin trace --json` ({"found", "indexed_documents", "matches"})."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .admission import Admission
from .errors import ApiError


class Tracer:
    """Finds the source of a spun text in the configured index. SQLite connections belong to one thread, so the
    index lives on a single worker thread; its restorer is a proxy onto the runner's fast-model thread, so the
    restorer is still never used by two threads at once."""

    def __init__(self, index_path: str | Path | None, restorer: Any = None, max_queue: int = 32):
        self.index_path = Path(index_path) if index_path else None
        self.restorer = restorer
        self.line = Admission(max_queue, "trace index")
        self._index = None
        self._executor: ThreadPoolExecutor | None = None  # made on first use, so the app outlives a restart

    @property
    def configured(self) -> bool:
        return self.index_path is not None

    def _open(self):
        if self._index is None:
            try:
                from ..trace import Index
            except ImportError:
                raise ApiError(501, "trace_not_available",
                               "source tracing is not available in this version of unspin") from None
            self._index = Index(self.index_path, create=False, restorer=self._usable_restorer())
        return self._index

    def _usable_restorer(self):
        """The shared fast restorer when it loads; otherwise None, and the index traces the raw text."""
        if self.restorer is None:
            return None
        try:
            self.restorer.restore("warm up")
        except Exception:  # a missing model must not stop tracing: Index falls back to the raw text
            return None
        return self.restorer

    def _trace(self, text: str, top: int) -> dict:
        index = self._open()
        matches = index.trace(text, top=top)
        return {
            "found": bool(matches),
            "indexed_documents": index.storage.stats()["documents"],
            "matches": [m.to_dict() for m in matches],
        }

    async def trace(self, text: str, top: int = 5) -> dict:
        if not self.configured:
            raise ApiError(501, "trace_not_configured",
                           "no reference index is configured; start the server with --index FILE")
        with self.line.admit():
            loop = asyncio.get_running_loop()
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="unspin-trace")
            return await loop.run_in_executor(self._executor, self.line.timed(lambda: self._trace(text, top)))

    def close(self) -> None:
        index, executor = self._index, self._executor
        self._index = self._executor = None
        if executor is not None:
            executor.submit(lambda: index.close() if index is not None else None)  # on the thread that owns it
            executor.shutdown(wait=False, cancel_futures=False)
