"""Engines run `ScanWorker`s in parallel behind one small interface (see `base.Engine`).

`local` is a process pool on this machine; `ray` is a set of Ray actors on a local or remote Ray cluster.
"""
from __future__ import annotations

from .base import Engine

ENGINES = ("local", "ray")


def make_engine(name: str, restorer_factory, options, *, workers: int | None = None, address: str | None = None,
                threads_per_worker: int | None = None) -> Engine:
    """The engine called `name`, not yet started (use it as a context manager)."""
    from ...errors import ConfigError

    if name == "local":
        if address:
            raise ConfigError("--address only applies to --engine ray")
        from .local import LocalEngine

        return LocalEngine(restorer_factory, options, workers=workers, threads_per_worker=threads_per_worker)
    if name == "ray":
        from .ray_actors import RayEngine

        return RayEngine(restorer_factory, options, workers=workers, address=address,
                         threads_per_worker=threads_per_worker)
    raise ConfigError(f"unknown engine '{name}' (choose from: {', '.join(ENGINES)})")


__all__ = ["ENGINES", "Engine", "make_engine"]
