"""What flows through a scan: an input document and the options that decide what is computed for it."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from ..textio import DEFAULT_MAX_BYTES


@dataclass
class Document:
    """One input document. `error` is set (and `text` empty) when it could not be read as text; `skipped` says why
    a readable record is not screened (not a web page or text, an HTTP error page, not English). With `html`, `text`
    is a page's markup, whose main text the worker extracts."""

    id: str
    text: str = ""
    error: str | None = None
    html: bool = False
    skipped: str | None = None

    @property
    def done(self) -> bool:
        """True when the document already has its row's outcome (an error or a reason to skip it)."""
        return self.error is not None or self.skipped is not None


@dataclass(frozen=True)
class ScanOptions:
    """What the scan computes per document; stored in the manifest so a resumed scan cannot mix settings."""

    fast: bool = False
    restore: bool = False
    index: str | None = None
    threshold: float = 0.5
    top_spans: int = 5
    max_bytes: int = DEFAULT_MAX_BYTES
    read_terms: bool = True  # screening also reads known terms in disguise in place (termcheck.py)
    learn_sample: int = 100  # learn the crawl's spinner pairs from this many first documents (scan/batch.py); 0: off

    def fingerprint(self) -> dict:
        """The settings that change the rows' content (a resume must use the same ones)."""
        data = asdict(self)
        data.pop("max_bytes")
        return data
