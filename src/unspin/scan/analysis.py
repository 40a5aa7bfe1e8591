"""The per-document work of a scan, run inside each worker: one row per document, errors included.

A `ScanWorker` loads the restorer (and the trace index) once, on its first batch, then turns documents into
output rows. The same class runs inside a local worker process and inside a Ray actor.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import ResourceMissing, UnspinError
from .documents import Document, ScanOptions

COLUMNS = (
    "id", "words", "probability", "spin_rate", "spun", "spans", "top_spans",
    "restored", "source_id", "source_score", "source", "error", "skipped", "seconds",
)


@dataclass(frozen=True)
class DefaultRestorerFactory:
    """Builds the real restorer (`unspin.get_restorer`), reading with `pairs` learned from the scan's first documents
    (scan/batch.py) when it has any; picklable, so it can travel to worker processes and Ray actors."""

    fast: bool = False
    pairs: tuple[tuple[str, str, float], ...] = ()  # (spun, original, weight)

    def __call__(self):
        try:
            import unspin.pipeline.restorer  # noqa: F401  (the core; absent in a partial install)
        except ImportError as exc:
            raise ResourceMissing(f"the restorer is not available in this installation ({exc})") from None
        import unspin

        restorer = unspin.get_restorer(fast=self.fast)
        if not self.pairs:
            return restorer
        from ..learn.batch import merged, table_of
        from ..learn.em import with_learned

        return with_learned(restorer, merged(restorer.candidates.learned, table_of(self.pairs)))

    def with_pairs(self, table: dict[str, list[tuple[str, float]]]) -> "DefaultRestorerFactory":
        """This factory, its restorers reading with `table`'s pairs too."""
        pairs = tuple((spun, original, weight) for spun, row in table.items() for original, weight in row)
        return DefaultRestorerFactory(self.fast, pairs)


def open_index(path: str, restorer=None):
    """Open a trace index read-only with `unspin.trace.Index`, or say clearly that tracing is not available.

    `restorer` (the worker's fast restorer) is shared with the index, which restores text before matching."""
    try:
        from unspin.trace import Index
    except ImportError:
        raise ResourceMissing("tracing is not available in this installation (unspin.trace.Index is missing), "
                              "so --index cannot be used") from None
    return Index(path, create=False, restorer=restorer)


def empty_row(doc_id: str, error: str | None = None, skipped: str | None = None) -> dict:
    """A row with every column present: the schema is the same whatever the options."""
    row = dict.fromkeys(COLUMNS)
    row.update(id=doc_id, words=0, spans=0, error=error, skipped=skipped, seconds=0.0)
    return row


def prepare(doc: Document) -> Document:
    """The document as the restorer should see it: a web page's main text instead of its markup, and text that is
    not English set aside with its reason (spinners and our thesauri are English-only)."""
    if doc.done:
        return doc
    text = doc.text
    if doc.html:
        from ..webpage import extract_text

        text = extract_text(doc.text)
        if not text.strip():
            return Document(doc.id, error="empty: the web page has no text to examine")
    from ..doc import Doc
    from ..language import looks_english

    if not looks_english(Doc.from_text(text)):
        return Document(doc.id, skipped="not_english: the text does not look like English")
    return Document(doc.id, text=text)


def top_spans_json(edits, limit: int) -> str:
    """The `limit` most confident flagged spans as a compact JSON list (offsets into the document's text); a listed
    tortured phrase or a new disguise of one's wording also gets its `known` kind and `expected_wording`."""
    ranked = sorted(edits, key=lambda e: -float(e.confidence))[: max(0, limit)]
    spans = []
    for e in ranked:
        span = {"start": e.start, "end": e.end, "spun": e.spun, "original": e.original,
                "confidence": round(float(e.confidence), 4)}
        if e.expected_wording:
            span.update(known="listed" if e.known_tortured else "term", expected_wording=e.expected_wording)
        spans.append(span)
    return json.dumps(spans, ensure_ascii=False)


def describe_source(result) -> tuple[str | None, float | None, str | None]:
    """(source id, score, JSON) of the best match a trace returned; tolerant of a list, a dict or a result object."""
    if isinstance(result, (list, tuple)):
        result = result[0] if result else None
    if result is None:
        return None, None, None
    data = result.to_dict() if hasattr(result, "to_dict") else result
    if not isinstance(data, dict):
        data = {"source": str(data)}
    for key in ("best", "match", "source"):
        if isinstance(data.get(key), dict):
            data = data[key]
            break
    source_id = next((data[k] for k in ("source_id", "doc_id", "id", "source", "path") if data.get(k) is not None),
                     None)
    score = next((data[k] for k in ("score", "similarity", "confidence") if isinstance(data.get(k), (int, float))),
                 None)
    return (None if source_id is None else str(source_id), None if score is None else float(score),
            json.dumps(data, ensure_ascii=False, default=str))


def analyse(restorer, index, doc: Document, options: ScanOptions, screened=None) -> dict:
    """One document's row; an exception from the restorer becomes the row's error, never a failed scan.
    `screened` = (detection, seconds) when the document was already screened with others (`screen_together`)."""
    if doc.done:
        return empty_row(doc.id, doc.error, doc.skipped)
    row = empty_row(doc.id)
    started = time.perf_counter() - (screened[1] if screened else 0.0)
    try:
        if options.restore:
            result = restorer.restore(doc.text)
            probability, rate, edits = result.spin_score, result.spin_rate, result.edits
            row["restored"] = result.restored
        else:
            if screened:
                result = screened[0]
            else:
                result = restorer.detect(doc.text, threshold=options.threshold, read_terms=options.read_terms)
            probability, rate, edits = result.probability, result.spin_rate, result.spans
        row.update(words=int(result.words), probability=float(probability), spin_rate=float(rate),
                   spun=float(probability) >= options.threshold, spans=len(edits),
                   top_spans=top_spans_json(edits, options.top_spans))
        if index is not None:
            row["source_id"], row["source_score"], row["source"] = describe_source(index.trace(doc.text))
    except MemoryError:
        raise
    except UnspinError as exc:
        row["error"] = f"{exc.code}: {exc.message}"
    except Exception as exc:  # one bad document must not stop a corpus-wide scan
        row["error"] = f"internal: {type(exc).__name__}: {exc}"
    row["seconds"] = round(time.perf_counter() - started, 4)
    return row


def screen_together(restorer, docs: list[Document], options: ScanOptions) -> dict[int, tuple[object, float]]:
    """Screen a batch's readable documents in one call (short documents share the model's forward passes): their
    position -> (detection, share of the time by words). Empty when restoring, or when the batch call fails, so
    that each document is then analysed alone and a failure stays its own row's error."""
    todo = [k for k, doc in enumerate(docs) if not doc.done]
    if options.restore or len(todo) < 2 or not hasattr(restorer, "detect_many"):
        return {}
    started = time.perf_counter()
    try:
        found = restorer.detect_many([docs[k].text for k in todo], threshold=options.threshold,
                                     read_terms=options.read_terms)
    except MemoryError:
        raise
    except Exception:
        return {}
    seconds = time.perf_counter() - started
    words = sum(max(1, d.words) for d in found)
    return {k: (d, seconds * max(1, d.words) / words) for k, d in zip(todo, found)}


def resident_memory_mb() -> float:
    """This process's resident memory in MB (what a worker really holds: model, thesauri, buffers)."""
    try:
        import psutil

        return psutil.Process().memory_info().rss / 2**20
    except Exception:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class BatchResult:
    """What a worker sends back for one batch: the rows, and who computed them with how much memory."""

    rows: list[dict]
    worker: str
    memory_mb: float
    load_seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time the worker has used so far (with the cores shared, can lag wall time)


class ScanWorker:
    """Holds one restorer (and index) for the life of a worker process or actor; loads them on first use."""

    def __init__(self, restorer_factory: Callable[[], object], options: ScanOptions):
        self.restorer_factory = restorer_factory
        self.options = options
        self.restorer = None
        self.index = None
        self.load_seconds = 0.0

    def load(self) -> float:
        """Load the model and index now (idempotent); returns the seconds loading took."""
        if self.restorer is None:
            started = time.perf_counter()
            self.restorer = self.restorer_factory()
            if self.options.index:
                self.index = open_index(self.options.index, self.restorer if self.options.fast else None)
            self.load_seconds = time.perf_counter() - started
        return self.load_seconds

    def process(self, docs: list[Document]) -> BatchResult:
        first = self.restorer is None
        self.load()
        docs = [prepare(doc) for doc in docs]
        screened = screen_together(self.restorer, docs, self.options)
        rows = [analyse(self.restorer, self.index, doc, self.options, screened.get(k)) for k, doc in enumerate(docs)]
        return BatchResult(rows, worker=f"{os.uname().nodename}:{os.getpid()}", memory_mb=resident_memory_mb(),
                           load_seconds=self.load_seconds if first else 0.0, cpu_seconds=time.process_time())
