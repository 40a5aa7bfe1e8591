"""WARC crawls in (the format of Common Crawl and of web archives), read as a stream with warcio.

Every response or resource record is one document whose id is its URL: HTML pages and plain text are screened,
other content types and HTTP error pages get a row that says why they were not. Request, metadata, revisit and
warcinfo records describe a crawl rather than a page and are passed over. A file damaged part-way gives every
record before the damage, then one error row.
"""
from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from ..webpage import charset_of, is_html_type
from .documents import Document
from .readers import text_document

DOCUMENT_RECORDS = ("response", "resource")
TEXT_TYPES = ("text/plain",)


def _records(path: Path):
    """warcio's records of the file, one at a time; a gzipped file cut short raises EOFError at its end (warcio
    would stop there without a word, and the cut record would be lost unreported)."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        yield from records
        end = records.offset  # where the last whole record ends
    if path.name.lower().endswith(".gz") and not _gzip_complete(path, end):
        raise EOFError("the file ends in the middle of a record (an interrupted download?)")


def _gzip_complete(path: Path, offset: int) -> bool:
    """True when every gzip member from `offset` to the end of the file ends with its end-of-stream marker."""
    with path.open("rb") as fh:
        fh.seek(offset)
        data = fh.read()
    while data:
        member = zlib.decompressobj(31)
        try:
            while data and not member.eof:
                member.decompress(data, 1 << 20)
                data = member.unconsumed_tail
        except zlib.error:
            return False
        if not member.eof:
            return False
        data = member.unused_data
    return True


def _content_type(record) -> str:
    headers = record.http_headers if record.rec_type == "response" and record.http_headers else record.rec_headers
    return (headers.get_header("Content-Type") or "").strip()


def _why_not_screened(record, content_type: str) -> str | None:
    """The reason a record is not screened (an HTTP error, a content type that is no page), or None."""
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return f"http_status: the server answered {status or 'nothing'}, not a page"
    media = content_type.split(";", 1)[0].strip().lower()
    if media and not is_html_type(media) and media not in TEXT_TYPES:
        return f"not_html: the record is {media}, not a web page or text"
    return None


class WarcReader:
    """The pages of a WARC file (.warc or .warc.gz), in file order; the id of each is its target URL."""

    def __init__(self, path: Path, *, max_bytes: int):
        self.path = path
        self.max_bytes = max_bytes

    def count(self) -> int:
        """Records that become rows (a pass over the headers; the payloads are not decoded)."""
        try:
            return sum(1 for record in _records(self.path) if record.rec_type in DOCUMENT_RECORDS)
        except Exception:  # noqa: BLE001 - a damaged file is reported, with its readable records, by documents()
            return 0

    def documents(self, skip: Callable[[str], bool] = lambda _id: False) -> Iterator[Document]:
        n = 0
        records = _records(self.path)
        while True:
            try:
                record = next(records, None)
            except Exception as exc:  # noqa: BLE001 - warcio, gzip and zlib each raise their own kind
                yield Document(f"record:{n + 1}", error=f"invalid_input: {self.path.name} is damaged after record "
                                                        f"{n} ({type(exc).__name__}: {exc}); the rest is unreadable")
                return
            if record is None:
                return
            if record.format != "warc":  # warcio would read any text as an old ARC file's records
                yield Document(f"record:{n + 1}", error=f"invalid_input: {self.path.name} is not a WARC file (its "
                                                        f"record {n + 1} does not start with a WARC/1.x header)")
                return
            if record.rec_type not in DOCUMENT_RECORDS:
                continue
            n += 1
            url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>") or f"record:{n}"
            if not skip(url):
                yield self._document(url, record)

    def _document(self, url: str, record) -> Document:
        content_type = _content_type(record)
        reason = _why_not_screened(record, content_type)
        if reason is not None:
            return Document(url, skipped=reason)
        try:
            data = record.content_stream().read(self.max_bytes + 1 if self.max_bytes else -1)
        except Exception as exc:  # noqa: BLE001 - a bad chunked or gzip body spoils this record only
            return Document(url, error=f"invalid_input: the record's body cannot be decoded ({exc})")
        html = is_html_type(content_type) or None  # no type given: told by how the payload starts
        return text_document(url, data, max_bytes=self.max_bytes, source=url, html=html,
                             charset=charset_of(content_type))


def write_warc(path: Path, pages) -> int:
    """Write (url, content type, body bytes[, HTTP status]) pages as a gzipped WARC of response records, each after
    its request record as crawlers write them; returns the number of responses. For tests and benchmarks."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    count = 0
    with Path(path).open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, content_type, body, *rest in pages:
            status = rest[0] if rest else "200 OK"
            request = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                          http_headers=headers))
            count += 1
    return count
