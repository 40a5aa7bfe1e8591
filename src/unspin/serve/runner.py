"""One worker thread per model: restorers are loaded once and used by one thread at a time, off the event loop.

Restoration is CPU-bound and the language model is not thread-safe, so each restorer (fast and full) gets a
single-thread executor: requests queue there in arrival order while the event loop stays free for other
clients, health checks and the web page. A bounded line per model (`Admission`) turns overload into an immediate 503
with Retry-After instead of unbounded latency. Single detect requests that wait together are read together
(`DetectQueue`).
"""
from __future__ import annotations

import asyncio
import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Awaitable, Callable

from ..errors import ResourceMissing
from .admission import Admission
from .errors import ApiError

RestorerFactory = Callable[[bool], Any]
DISCONNECT_POLL_SECONDS = 0.25
TOGETHER_TEXTS, TOGETHER_CHARS = 32, 100_000  # at most this many waiting detect requests are read in one go


class DetectQueue:
    """Detect requests waiting for one model. Each request queues a `drain` job behind its text; whichever job
    runs first reads every text then waiting with `detect_many`, so concurrent clients share the model's
    forward passes (short texts run about twice as fast together) and later jobs find their text done."""

    def __init__(self):
        self._waiting: deque[tuple[str, tuple, Future]] = deque()  # (text, its detect options as items, result)
        self._lock = threading.Lock()

    def put(self, text: str, options: dict) -> Future:
        """Queue `text` for `detect_many(..., **options)` with the texts waiting under the same options."""
        result: Future = Future()
        with self._lock:
            self._waiting.append((text, tuple(sorted(options.items())), result))
        return result

    def _take(self, limit: int) -> list[tuple[str, tuple, Future]]:
        taken, size = [], 0
        with self._lock:
            while self._waiting and len(taken) < limit and size < TOGETHER_CHARS:
                item = self._waiting.popleft()
                if item[2].set_running_or_notify_cancel():  # False: its client has gone
                    taken.append(item)
                    size += len(item[0])
        return taken

    def drain(self, restorer) -> None:
        """On the model's thread: detect every waiting text (up to the limits), settings group by group. A model
        that gains nothing by it (the n-gram one) takes one at a time, so no answer waits for the others'."""
        limit = TOGETHER_TEXTS if getattr(restorer, "reads_together", True) else 1
        groups: dict[tuple, list[tuple[str, Future]]] = {}
        for text, options, result in self._take(limit):
            groups.setdefault(options, []).append((text, result))
        for options, items in groups.items():
            try:
                found = restorer.detect_many([t for t, _ in items], **dict(options))
            except Exception:  # noqa: BLE001 - one bad text must not fail the others: each alone, its own error
                found = None
            for n, (text, result) in enumerate(items):
                try:
                    result.set_result(found[n] if found is not None else restorer.detect(text, **dict(options)))
                except Exception as exc:  # noqa: BLE001 - handed to the waiting request, which raises it
                    result.set_exception(exc)


def default_restorer_factory(fast: bool):
    """The real, process-wide cached restorer from the core library."""
    import unspin

    return unspin.get_restorer(fast=fast)


class ModelRunner:
    """Runs `fn(restorer)` for the fast or full restorer on that restorer's own worker thread."""

    def __init__(self, factory: RestorerFactory | None = None, *, max_queue: int = 32, max_queue_fast: int = 64):
        self.factory = factory or default_restorer_factory
        self._executors: dict[bool, ThreadPoolExecutor] = {}
        self._restorers: dict[bool, Any] = {}
        self.lines = {True: Admission(max_queue_fast, "fast model"), False: Admission(max_queue, "language model")}
        self._detects = {True: DetectQueue(), False: DetectQueue()}
        self._lock = threading.Lock()

    def _executor(self, fast: bool) -> ThreadPoolExecutor:
        with self._lock:
            if fast not in self._executors:
                name = "unspin-fast" if fast else "unspin-full"
                self._executors[fast] = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
            return self._executors[fast]

    def _restorer(self, fast: bool):
        """Load on first use; runs on the worker thread, so loading never blocks the event loop."""
        if fast not in self._restorers:
            try:
                self._restorers[fast] = self.factory(fast)
            except ImportError as exc:
                raise ResourceMissing(f"the {'fast' if fast else 'full'} restorer cannot be loaded: {exc}") from None
        return self._restorers[fast]

    def loaded(self, fast: bool) -> bool:
        return fast in self._restorers

    def pending(self, fast: bool) -> int:
        return self.lines[fast].pending

    async def run(self, fast: bool, fn: Callable[[Any], Any],
                  is_disconnected: Callable[[], Awaitable[bool]] | None = None):
        """Queue `fn(restorer)` on the model's thread and await its result; 503 at once when the line is full.

        With `is_disconnected`, a request whose client has gone away while it waited in the queue is dropped
        before the model spends time on it (a web page user pressing Restore again, a client timing out).
        """
        line = self.lines[fast]

        def job():
            restorer = self._restorer(fast)  # loading the model (once) says nothing of the pace of jobs
            return line.timed(lambda: fn(restorer))()

        with line.admit():
            loop = asyncio.get_running_loop()
            future = loop.run_in_executor(self._executor(fast), job)
            if is_disconnected is None:
                return await future
            while True:
                done, _ = await asyncio.wait({future}, timeout=DISCONNECT_POLL_SECONDS)
                if done:
                    return future.result()
                if await is_disconnected():
                    future.cancel()  # never starts if still queued; a running call finishes and is discarded
                    raise ApiError(499, "client_closed", "the client closed the connection before the result")

    async def detect(self, fast: bool, text: str, options: dict,
                     is_disconnected: Callable[[], Awaitable[bool]] | None = None):
        """`restorer.detect(text, **options)`, read together with the other detect requests waiting for this model
        under the same options."""
        result = self._detects[fast].put(text, options)
        try:
            await self.run(fast, self._detects[fast].drain, is_disconnected)
        except BaseException:
            result.cancel()  # not read if still waiting; if already read, the result is dropped
            raise
        return await asyncio.wrap_future(result)  # settled by now: this job or one before it read the text

    def proxy(self, fast: bool) -> "RestorerProxy":
        """A restorer for other worker threads (e.g. trace) whose calls run on this model's own thread."""
        return RestorerProxy(self, fast)

    def call_blocking(self, fast: bool, fn: Callable[[Any], Any]):
        """Run `fn(restorer)` on the model's thread from another (non-event-loop) thread and wait for it."""
        return self._executor(fast).submit(lambda: fn(self._restorer(fast))).result()

    def preload(self, fast: bool) -> None:
        """Start loading a restorer in the background so the first request does not pay for it."""
        self._executor(fast).submit(self._restorer, fast)

    def close(self) -> None:
        with self._lock:
            for executor in self._executors.values():
                executor.shutdown(wait=False, cancel_futures=True)
            self._executors.clear()


class RestorerProxy:
    """Looks like a Restorer; forwards each call to the runner's thread for that model and waits."""

    def __init__(self, runner: ModelRunner, fast: bool):
        self._runner = runner
        self._fast = fast

    def restore(self, text: str):
        return self._runner.call_blocking(self._fast, lambda r: r.restore(text))

    def detect(self, text: str, threshold: float = 0.5):
        return self._runner.call_blocking(self._fast, lambda r: r.detect(text, threshold=threshold))
