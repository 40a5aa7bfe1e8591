"""A bounded waiting line in front of one worker thread: past its bound a request is refused at once (503 with
Retry-After) instead of waiting without limit, so an overloaded server stays quick to answer and to recover."""
from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable
from typing import Any

from .errors import ApiError

SMOOTHING = 0.2  # weight of the newest job in the running mean of how long a job takes
MAX_RETRY_AFTER = 120


class Admission:
    """Counts the requests waiting for (or running on) one worker and how long a job takes there. Used from the
    event loop only, so the count needs no lock; jobs report their time from the worker thread."""

    def __init__(self, limit: int, what: str):
        self.limit = limit
        self.what = what
        self.pending = 0
        self.job_seconds: float | None = None

    def retry_after(self) -> int:
        """Seconds until the line has about emptied at the pace of recent jobs (at least 1)."""
        if self.job_seconds is None:
            return 1
        return max(1, min(MAX_RETRY_AFTER, math.ceil(self.job_seconds * self.pending)))

    @contextlib.contextmanager
    def admit(self):
        """Hold a place in the line for the duration of the block; 503 at once when the line is full."""
        if self.pending >= self.limit:
            wait = self.retry_after()
            raise ApiError(503, "server_busy", f"{self.pending} requests are already waiting for the {self.what}; "
                                               f"retry in {wait} s", headers={"Retry-After": str(wait)})
        self.pending += 1
        try:
            yield
        finally:
            self.pending -= 1

    def timed(self, fn: Callable[[], Any]) -> Callable[[], Any]:
        """`fn`, reporting how long each call took into the running mean."""
        def job():
            started = time.perf_counter()
            try:
                return fn()
            finally:
                took = time.perf_counter() - started
                last = self.job_seconds
                self.job_seconds = took if last is None else (1 - SMOOTHING) * last + SMOOTHING * took

        return job
