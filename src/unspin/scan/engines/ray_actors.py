"""The `ray` engine: one Ray actor per worker, each loading the restorer once; Ray places and restarts them.

Works on a local Ray started here (`address=None`) or on a running cluster (`address="auto"` or `ray://...` /
`host:port`). Every node needs unspin installed in the same Python environment as the driver.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ...errors import ConfigError, UnspinError
from ..analysis import BatchResult, ScanWorker
from ..documents import Document, ScanOptions
from .base import Engine, available_cpus, limit_threads


class RayScanActor:
    """The actor body: a `ScanWorker` living in a Ray worker process (wrapped by `ray.remote` at start)."""

    def __init__(self, restorer_factory, options: ScanOptions, threads: int):
        limit_threads(threads)
        self.worker = ScanWorker(restorer_factory, options)

    def process(self, docs: list[Document]) -> BatchResult:
        return self.worker.process(docs)


def check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail in seconds, not minutes, when a `host:port` cluster address does not answer (Ray retries for long)."""
    import socket

    if address == "auto":
        return
    hostport = address.split("://", 1)[-1]
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(f"'{address}' is not a Ray cluster address (use auto, HOST:PORT or ray://HOST:PORT)")
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as exc:
        raise ConfigError(f"cannot reach the Ray cluster at {address} ({exc.strerror or exc}); "
                          "is `ray start --head` running there?") from None


class RayEngine(Engine):
    """`workers` actors (default: one per CPU of the cluster), fed batches as they free up."""

    name = "ray"

    def __init__(self, restorer_factory, options: ScanOptions, *, workers: int | None = None,
                 address: str | None = None, threads_per_worker: int | None = None):
        self.restorer_factory = restorer_factory
        self.options = options
        self.requested_workers = workers
        self.address = None if address in (None, "", "local") else address
        self.threads_per_worker = max(1, threads_per_worker or 1)
        self.workers = workers or 1
        self._actors: list = []
        self._started_ray = False

    def start(self) -> None:
        import ray

        if not ray.is_initialized():
            try:
                if self.address is None:
                    ray.init(num_cpus=self.requested_workers or available_cpus(), include_dashboard=False,
                             log_to_driver=False, configure_logging=False)
                else:
                    check_reachable(self.address)
                    ray.init(address=self.address, log_to_driver=False, configure_logging=False)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise ConfigError(f"cannot connect to the Ray cluster at {self.address or 'a new local Ray'}: "
                                  f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
            self._started_ray = True
        cluster_cpus = int(ray.cluster_resources().get("CPU", 1))
        self.workers = max(1, self.requested_workers or cluster_cpus // self.threads_per_worker)
        if self.workers * self.threads_per_worker > cluster_cpus:
            self.close()
            raise ConfigError(f"the Ray cluster has {cluster_cpus} CPUs: {self.workers} workers x "
                              f"{self.threads_per_worker} threads do not fit (actors beyond that would never start)")
        # Ray restarts a lost actor (node failure) and retries its task, so a dead node costs time, not rows
        actor_class = ray.remote(num_cpus=self.threads_per_worker, max_restarts=2, max_task_retries=2)(RayScanActor)
        self._actors = [actor_class.remote(self.restorer_factory, self.options, self.threads_per_worker)
                        for _ in range(self.workers)]

    def map_batches(self, batches: Iterable[list[Document]]) -> Iterator[BatchResult]:
        import ray

        idle = list(self._actors) * 2  # two batches queued per actor keeps each busy while results travel back
        pending: dict = {}
        source = iter(batches)
        exhausted = False
        while True:
            while not exhausted and idle:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                    break
                actor = idle.pop()
                pending[actor.process.remote(batch)] = actor
            if not pending:
                return
            done, _ = ray.wait(list(pending), num_returns=1)
            for ref in done:
                idle.append(pending.pop(ref))
                try:
                    yield ray.get(ref)
                except ray.exceptions.RayTaskError as exc:
                    if isinstance(exc.cause, UnspinError):
                        raise exc.cause from None
                    raise

    def close(self) -> None:
        import ray

        for actor in self._actors:
            try:
                ray.kill(actor)
            except Exception:
                pass
        self._actors = []
        if self._started_ray and ray.is_initialized():
            ray.shutdown()
        self._started_ray = False
