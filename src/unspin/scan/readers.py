"""Streaming readers for the corpus formats: a folder of text files or web pages, JSONL, Parquet (and WARC crawls,
in warc.py).

Each reader yields `Document`s one at a time (a million documents never sit in memory together), can skip ids
already scanned without reading their text, and can count its documents cheaply for the progress bar's ETA.
Unreadable documents come out with `error` set instead of stopping the scan.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError, UnspinError
from ..textio import decode_text
from ..webpage import decode_page, is_html_name, looks_like_html
from .documents import Document

FORMATS = ("folder", "jsonl", "parquet", "warc")
WARC_SUFFIXES = (".warc", ".warc.gz")
PARQUET_BATCH_ROWS = 512


def detect_format(path: Path) -> str:
    """Guess the input format from the path: a directory, *.jsonl / *.ndjson, *.parquet or *.warc(.gz)."""
    if path.is_dir():
        return "folder"
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    raise InputError(f"cannot tell the format of {path}: give a folder, a .jsonl, a .parquet or a .warc.gz file "
                     "(or --format)")


def text_document(doc_id: str, raw: bytes | str | None, *, max_bytes: int, source: str = "document",
                  html: bool | None = None, charset: str | None = None) -> Document:
    """Validate one document's text: empty, binary, undecodable and oversized texts become error rows. A web page
    (`html`, or by default one that starts like a page) is decoded in its charset and kept as markup."""
    if raw is None:
        return Document(doc_id, error="invalid_input: no text")
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else bytes(raw)
    if html is None:
        html = looks_like_html(data[:4096].decode("utf-8", "replace"))
    try:
        if html:
            text = decode_page(data, source=source, max_bytes=max_bytes, charset=charset)[0]
        else:
            # A BOM opens a file's bytes; at the start of an already decoded string it is the text's own character.
            bom = "utf-8" if isinstance(raw, str) else "utf-8-sig"
            text = decode_text(data, source=source, max_bytes=max_bytes, encoding=charset or bom)
    except UnspinError as exc:
        return Document(doc_id, error=f"{exc.code}: {exc.message}")
    except LookupError:
        return Document(doc_id, error=f"invalid_input: {source} declares an unknown charset '{charset}'")
    if not text.strip():
        return Document(doc_id, error="empty: the document has no text")
    return Document(doc_id, text=text, html=html)


class FolderReader:
    """Every file under a folder, recursively, in sorted order; the id is the path relative to the folder."""

    def __init__(self, root: Path, *, max_bytes: int, include_hidden: bool = False):
        self.root = root
        self.max_bytes = max_bytes
        self.include_hidden = include_hidden

    def _paths(self) -> Iterator[tuple[str, Path]]:
        for dirpath, dirnames, filenames in os.walk(self.root):
            if not self.include_hidden:
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            dirnames.sort()
            for name in sorted(filenames):
                if not self.include_hidden and name.startswith("."):
                    continue
                path = Path(dirpath) / name
                yield path.relative_to(self.root).as_posix(), path

    def count(self) -> int:
        return sum(1 for _ in self._paths())

    def documents(self, skip: Callable[[str], bool] = lambda _id: False) -> Iterator[Document]:
        for doc_id, path in self._paths():
            if skip(doc_id):
                continue
            try:
                with path.open("rb") as fh:
                    data = fh.read(self.max_bytes + 1 if self.max_bytes else -1)
            except OSError as exc:
                yield Document(doc_id, error=f"invalid_input: cannot read {doc_id}: {exc.strerror}")
                continue
            yield text_document(doc_id, data, max_bytes=self.max_bytes, source=doc_id,
                                html=True if is_html_name(doc_id) else None)


class JsonlReader:
    """One JSON object per line with an id field and a text field; a line without an id gets `line:N`."""

    def __init__(self, path: Path, *, id_field: str, text_field: str, max_bytes: int):
        self.path = path
        self.id_field = id_field
        self.text_field = text_field
        self.max_bytes = max_bytes

    def count(self) -> int:
        """Lines in the file (a fast byte count; blank lines make it a slight overestimate)."""
        lines, last = 0, b"\n"
        with self.path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                lines += block.count(b"\n")
                last = block[-1:]
        return lines + (0 if last == b"\n" else 1)

    def documents(self, skip: Callable[[str], bool] = lambda _id: False) -> Iterator[Document]:
        with self.path.open("rb") as fh:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                fallback_id = f"line:{lineno}"
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    if not skip(fallback_id):
                        yield Document(fallback_id, error=f"invalid_input: line {lineno} is not valid JSON ({exc})")
                    continue
                if not isinstance(record, dict):
                    if not skip(fallback_id):
                        yield Document(fallback_id, error=f"invalid_input: line {lineno} is not a JSON object")
                    continue
                raw_id = record.get(self.id_field)
                doc_id = fallback_id if raw_id is None or raw_id == "" else str(raw_id)
                if skip(doc_id):
                    continue
                if self.text_field not in record:
                    yield Document(doc_id, error=f"invalid_input: line {lineno} has no '{self.text_field}' field")
                    continue
                text = record[self.text_field]
                if not isinstance(text, str):
                    yield Document(doc_id, error=f"invalid_input: '{self.text_field}' on line {lineno} is not a string")
                    continue
                yield text_document(doc_id, text, max_bytes=self.max_bytes, source=f"line {lineno}")


class ParquetReader:
    """The id and text columns of a Parquet file, read in record batches (never the whole table)."""

    def __init__(self, path: Path, *, id_field: str, text_field: str, max_bytes: int):
        import pyarrow.parquet as pq

        self.path = path
        self.id_field = id_field
        self.text_field = text_field
        self.max_bytes = max_bytes
        try:
            self._file = pq.ParquetFile(path)
        except Exception as exc:  # pyarrow raises several types for a corrupt or non-Parquet file
            raise InputError(f"{path} is not a readable Parquet file ({exc})") from None
        names = self._file.schema_arrow.names
        for field, option in ((id_field, "--id-field"), (text_field, "--text-field")):
            if field not in names:
                raise InputError(f"{path} has no column '{field}' (columns: {', '.join(names)}); set {option}")

    def count(self) -> int:
        return self._file.metadata.num_rows

    def documents(self, skip: Callable[[str], bool] = lambda _id: False) -> Iterator[Document]:
        row = 0
        batches = self._file.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=[self.id_field, self.text_field])
        while True:
            try:
                batch = next(batches, None)
            except Exception as exc:  # noqa: BLE001 - pyarrow raises OSError, ArrowInvalid and others for bad pages
                yield Document(f"row:{row + 1}", error=f"invalid_input: {self.path.name} is damaged after row {row} "
                                                       f"({type(exc).__name__}: {exc}); the rest is unreadable")
                return
            if batch is None:
                return
            ids = [raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
                   for raw in _as_bytes(batch.column(0)).to_pylist()]
            texts = _as_bytes(batch.column(1)).to_pylist()
            for raw_id, value in zip(ids, texts):
                row += 1
                doc_id = f"row:{row}" if raw_id is None or raw_id == "" else str(raw_id)
                if skip(doc_id):
                    continue
                if value is not None and not isinstance(value, (str, bytes)):
                    yield Document(doc_id, error=f"invalid_input: '{self.text_field}' in row {row} is not text")
                    continue
                yield text_document(doc_id, value, max_bytes=self.max_bytes, source=f"row {row}")


def _as_bytes(column):
    """A string column as its raw bytes: pyarrow does not check UTF-8 when reading, so a damaged file's strings are
    decoded (and refused with a reason) by `text_document`, not by pyarrow in the middle of a batch."""
    import pyarrow as pa

    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return column.cast(pa.large_binary() if pa.types.is_large_string(column.type) else pa.binary())
    return column


def open_reader(path: str | Path, *, fmt: str = "auto", id_field: str = "id", text_field: str = "text",
                max_bytes: int):
    """The reader for `path` in format `fmt` ('auto' guesses from the path)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"no such file or folder: {path}")
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt not in FORMATS:
        raise InputError(f"unknown input format '{fmt}' (choose from: auto, {', '.join(FORMATS)})")
    if fmt == "folder":
        if not path.is_dir():
            raise InputError(f"{path} is not a folder")
        return FolderReader(path, max_bytes=max_bytes)
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a {fmt} file")
    if fmt == "jsonl":
        return JsonlReader(path, id_field=id_field, text_field=text_field, max_bytes=max_bytes)
    if fmt == "warc":
        from .warc import WarcReader

        return WarcReader(path, max_bytes=max_bytes)
    return ParquetReader(path, id_field=id_field, text_field=text_field, max_bytes=max_bytes)
