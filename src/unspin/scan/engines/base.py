"""The engine interface: batches of documents in, `BatchResult`s out (in completion order), bounded in flight."""
from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator

from ..analysis import BatchResult
from ..documents import Document


def available_cpus() -> int:
    """CPUs this process may use (respects affinity masks, unlike os.cpu_count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def limit_threads(threads: int) -> None:
    """Cap the math libraries' threads in a worker so N workers do not fight over the same cores."""
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(threads)
    import sys

    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)


class Engine(ABC):
    """Runs batches on `workers` parallel workers, each of which loads the restorer once."""

    name = "engine"
    workers = 1

    def __enter__(self) -> Engine:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @abstractmethod
    def start(self) -> None:
        """Start the workers (processes or actors)."""

    @abstractmethod
    def map_batches(self, batches: Iterable[list[Document]]) -> Iterator[BatchResult]:
        """Process batches, pulling new ones only as workers free up; yield results as they complete."""

    @abstractmethod
    def close(self) -> None:
        """Stop the workers; pending work is dropped (a resumed scan redoes it)."""

    def in_flight_limit(self) -> int:
        return 2 * self.workers
