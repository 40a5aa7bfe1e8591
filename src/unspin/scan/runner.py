"""Runs a scan end to end: read the corpus, skip what is done, fan batches out to an engine, write parts.

Rows are buffered and flushed as a part every `part_rows` rows or `part_seconds` seconds (and on the way out,
also after an interruption), so a killed scan loses at most one buffer of work, which the next run redoes.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError, InputError
from .analysis import DefaultRestorerFactory, empty_row, open_index
from .batch import learned_pairs
from .documents import Document, ScanOptions
from .engines import make_engine
from .progress import ScanProgress
from .readers import open_reader
from .store import ScanStore
from .summary import ScanSummary, band_counts


@dataclass
class RunSettings:
    """How to run a scan (as opposed to `ScanOptions`, what to compute): engine, workers, batching, output."""

    engine: str = "local"
    workers: int | None = None
    address: str | None = None
    threads_per_worker: int | None = None
    batch_size: int | None = None
    part_rows: int = 500
    part_seconds: float = 30.0
    overwrite: bool = False
    progress: bool = True
    limit: int | None = None
    input_format: str = "auto"
    id_field: str = "id"
    text_field: str = "text"
    restorer_factory: Callable[[], object] | None = None


def auto_batch_size(options: ScanOptions, remaining: int, workers: int) -> int:
    """Documents per batch: big enough to amortise the hand-off (a few ms) and, when screening with the language
    model, to let short documents share its forward passes; small enough that the last batches do not leave
    workers idle while one finishes (about 16 batches per worker). Restoring reads each document twice: 4."""
    ceiling = 4 if options.restore and not options.fast else 16
    return max(1, min(ceiling, math.ceil(max(remaining, 1) / (workers * 16))))


class _Batcher:
    """Turns the reader's documents into batches for the workers; unreadable ones become rows right away."""

    def __init__(self, documents: Iterator[Document], size: int, limit: int | None,
                 on_error_row: Callable[[dict], None]):
        self.documents = documents
        self.size = size
        self.limit = limit
        self.on_error_row = on_error_row
        self.taken = 0
        self.stopped_by_limit = False

    def __iter__(self) -> Iterator[list[Document]]:
        batch: list[Document] = []
        for doc in self.documents:
            if self.limit is not None and self.taken >= self.limit:
                self.stopped_by_limit = True
                break
            self.taken += 1
            if doc.done:
                self.on_error_row(empty_row(doc.id, doc.error, doc.skipped))
                continue
            batch.append(doc)
            if len(batch) >= self.size:
                yield batch
                batch = []
        if batch:
            yield batch


def _check_index(options: ScanOptions) -> None:
    if options.index:
        if not Path(options.index).exists():
            raise InputError(f"no such index: {options.index}")
        open_index(options.index).close()  # fails here, once and clearly, rather than in every worker


def run_scan(input_path: str | Path, output: str | Path, options: ScanOptions | None = None,
             settings: RunSettings | None = None) -> ScanSummary:
    """Scan `input_path` into the Parquet directory `output`, resuming if it holds an unfinished scan."""
    options = options or ScanOptions()
    settings = settings or RunSettings()
    if settings.part_rows < 1:
        raise ConfigError("--part-rows must be at least 1")
    reader = open_reader(input_path, fmt=settings.input_format, id_field=settings.id_field,
                         text_field=settings.text_field, max_bytes=options.max_bytes)
    _check_index(options)
    factory = settings.restorer_factory or DefaultRestorerFactory(fast=options.fast)
    source = {"input": str(Path(input_path).resolve()), "format": type(reader).__name__,
              "id_field": settings.id_field, "text_field": settings.text_field}
    store = ScanStore(output)
    resumed = store.open(source=source, options=options.fingerprint(), overwrite=settings.overwrite)
    batch_note = None
    if options.learn_sample and hasattr(factory, "with_pairs"):  # a restorer that can read with learned pairs
        pairs, batch_note = learned_pairs(store, reader, factory, options.learn_sample)
        factory = factory.with_pairs(pairs) if pairs else factory
    engine = make_engine(settings.engine, factory, options, workers=settings.workers, address=settings.address,
                         threads_per_worker=settings.threads_per_worker)
    done = store.done_ids()
    seen: set[str] = set()
    counters = {"skipped_done": 0, "duplicates": 0}

    def skip(doc_id: str) -> bool:
        if doc_id in done:
            counters["skipped_done"] += 1
            return True
        if doc_id in seen:
            counters["duplicates"] += 1
            return True
        seen.add(doc_id)
        return False

    total = max(0, reader.count() - len(done))
    if settings.limit is not None:
        total = min(total, settings.limit)
    summary = ScanSummary(output=str(output), engine=settings.engine, workers=engine.workers, resumed=resumed,
                          batch_note=batch_note)
    buffer: list[dict] = []
    last_flush = time.monotonic()
    started = time.perf_counter()

    def flush() -> None:
        nonlocal last_flush
        store.write_part(buffer)
        summary.rows_new += len(buffer)
        summary.errors_new += sum(1 for r in buffer if r["error"] is not None)
        summary.skipped_new += sum(1 for r in buffer if r["skipped"] is not None)
        summary.words_new += sum(r["words"] or 0 for r in buffer)
        buffer.clear()
        last_flush = time.monotonic()

    batcher = None
    with ScanProgress(total, enabled=settings.progress) as progress:

        def add_rows(rows: list[dict]) -> None:
            buffer.extend(rows)
            progress.advance(len(rows))
            if len(buffer) >= settings.part_rows or time.monotonic() - last_flush >= settings.part_seconds:
                flush()

        try:
            with engine:
                summary.workers = engine.workers
                size = settings.batch_size or auto_batch_size(options, total, engine.workers)
                batcher = _Batcher(reader.documents(skip), size, settings.limit, lambda row: add_rows([row]))
                for result in engine.map_batches(batcher):
                    summary.worker_memory_mb[result.worker] = max(
                        result.memory_mb, summary.worker_memory_mb.get(result.worker, 0.0))
                    summary.load_seconds = max(summary.load_seconds, result.load_seconds)
                    summary.worker_cpu_seconds[result.worker] = round(result.cpu_seconds, 2)
                    add_rows(result.rows)
        finally:
            flush()  # finished rows are kept even when the scan stops early; the rest is redone on resume
            summary.seconds = time.perf_counter() - started
    summary.skipped_done = counters["skipped_done"]
    summary.duplicates = counters["duplicates"]
    table = store.read_columns(["probability", "error", "skipped"])
    summary.rows_total = table.num_rows
    summary.bands = band_counts(*(table.column(c).to_pylist() for c in ("probability", "error", "skipped")))
    store.finish(status="partial" if batcher.stopped_by_limit else "complete", rows=summary.rows_total,
                 last_run=summary.to_dict())
    return summary
