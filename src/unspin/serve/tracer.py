"""The `/v1/trace` helper: opens `unspin.trace.Index(path)` once, on its own thread, and turns results into JSON."""
from __future__ import annotations

import asyncio
import dataclasses
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .errors import ApiError


def to_jsonable(value: Any) -> Any:
    """Best-effort conversion of a trace result (objects with to_dict, dataclasses, lists) to JSON types."""
    if hasattr(value, "to_dict") and callable(value.to_dict):
        return to_jsonable(value.to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


class Tracer:
    """Finds the source of a spun text in the configured index; SQLite likes one thread, so it gets one."""

    def __init__(self, index_path: str | Path | None):
        self.index_path = Path(index_path) if index_path else None
        self._index = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="unspin-trace")

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
            self._index = Index(self.index_path)
        return self._index

    def _trace(self, text: str):
        if isinstance(result := self._open().trace(text), dict):
            return to_jsonable(result)
        converted = to_jsonable(result)
        return converted if isinstance(converted, dict) else {"matches": converted}

    async def trace(self, text: str) -> dict:
        if not self.configured:
            raise ApiError(501, "trace_not_configured",
                           "no reference index is configured; start the server with --index FILE")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._trace, text)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
