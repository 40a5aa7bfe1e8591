"""The `local` engine: a pool of worker processes on this machine, one restorer loaded per process."""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from ..analysis import BatchResult, ScanWorker
from ..documents import Document, ScanOptions
from .base import Engine, available_cpus, limit_threads

_worker: ScanWorker | None = None


def _exit_with_parent(parent_pid: int) -> None:
    """Worker-side watchdog: a worker whose scan process was killed exits instead of lingering as an orphan."""
    while True:
        if os.getppid() != parent_pid:
            os._exit(1)
        time.sleep(1.0)


def _init_worker(restorer_factory, options: ScanOptions, threads: int, parent_pid: int) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it saves rows, then stops us
    limit_threads(threads)
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    _worker = ScanWorker(restorer_factory, options)


def _process(docs: list[Document]) -> BatchResult:
    return _worker.process(docs)


class LocalEngine(Engine):
    """`workers` processes (default: every CPU); fresh interpreters (spawn), so no state leaks from the parent."""

    name = "local"

    def __init__(self, restorer_factory, options: ScanOptions, *, workers: int | None = None,
                 threads_per_worker: int | None = None):
        cpus = available_cpus()
        self.workers = max(1, workers or cpus)
        self.threads_per_worker = max(1, threads_per_worker or cpus // self.workers)
        self.restorer_factory = restorer_factory
        self.options = options
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker,
            initargs=(self.restorer_factory, self.options, self.threads_per_worker, os.getpid()))

    def map_batches(self, batches: Iterable[list[Document]]) -> Iterator[BatchResult]:
        pending = set()
        source = iter(batches)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.in_flight_limit():
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                else:
                    pending.add(self._pool.submit(_process, batch))
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
