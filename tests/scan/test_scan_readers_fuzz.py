"""Fuzzing the corpus readers (folder, JSONL, Parquet, WARC): whatever the input, every record comes out as exactly
one document (text, error or reason) and nothing raises but a clear InputError when a file cannot be opened at all;
readable text comes out unchanged."""
import json

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given
from hypothesis import strategies as st

from fuzz_strategies import fuzz, html_soup, mangled
from unspin.errors import InputError
from unspin.scan.readers import open_reader
from unspin.scan.warc import write_warc

TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=60).filter(str.strip)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
JSON_VALUES = st.recursive(SCALARS,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                      max_size=3), max_leaves=6)


def _documents(path, **kw):
    try:
        reader = open_reader(path, max_bytes=kw.pop("max_bytes", 2000), **kw)
    except InputError:
        return None
    reader.count()
    return list(reader.documents())


@fuzz(120)
@given(st.lists(st.binary(max_size=80) | JSON_VALUES.map(lambda v: json.dumps(v).encode())
                | st.fixed_dictionaries({"id": JSON_VALUES, "text": JSON_VALUES}).map(lambda d: json.dumps(d).encode()),
                max_size=12))
def test_jsonl_any_lines_give_one_document_per_non_blank_line(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("j") / "c.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines) + b"\n")
    docs = _documents(path)
    assert len(docs) == sum(1 for line in lines if line.replace(b"\n", b" ").strip())


@fuzz(120)
@given(st.lists(st.tuples(st.text(max_size=10), TEXT), min_size=1, max_size=10, unique_by=lambda r: r[0]))
def test_jsonl_text_comes_back_unchanged(tmp_path_factory, records):
    path = tmp_path_factory.mktemp("j") / "c.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in records), encoding="utf-8")
    docs = _documents(path, max_bytes=0)
    assert [d.text for d in docs if not d.html] == [t for _, t in records if not d_is_page(t)]


def d_is_page(text: str) -> bool:
    from unspin.webpage import looks_like_html

    return looks_like_html(text)


COLUMN = st.lists(st.none() | st.text(max_size=30) | st.binary(max_size=30), min_size=1, max_size=8)


@fuzz(100)
@given(COLUMN, st.data())
def test_parquet_any_columns_give_one_document_per_row(tmp_path_factory, texts, data):
    ids = data.draw(st.lists(st.none() | st.text(max_size=5), min_size=len(texts), max_size=len(texts)))
    path = tmp_path_factory.mktemp("p") / "c.parquet"
    text_type = pa.binary() if any(isinstance(t, bytes) for t in texts) else pa.string()
    texts = [t.encode("utf-8", "surrogatepass") if isinstance(t, str) and text_type == pa.binary() else t
             for t in texts]
    pq.write_table(pa.table({"id": pa.array(ids, pa.string()), "text": pa.array(texts, text_type)}), path)
    assert len(_documents(path)) == len(texts)


@fuzz(100)
@given(st.data())
def test_parquet_damaged_files_are_one_clear_error_or_their_rows(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("p") / "c.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "text": ["one text", "two text"]}), path)
    path.write_bytes(data.draw(mangled(path.read_bytes())))
    docs = _documents(path)
    assert docs is None or len(docs) <= 3


PAGES = st.lists(st.tuples(st.sampled_from(["text/html", "text/html; charset=latin-1", "image/png", "text/plain",
                                             "", "application/xhtml+xml", "text/html; charset=bogus"]),
                           html_soup(12).map(lambda h: h.encode("utf-8", "surrogatepass")) | st.binary(max_size=60),
                           st.sampled_from(["200 OK", "404 Not Found", "301 Moved"])), max_size=6)


@fuzz(100)
@given(PAGES)
def test_warc_every_response_is_one_document_with_its_url(tmp_path_factory, pages):
    path = tmp_path_factory.mktemp("w") / "c.warc.gz"
    write_warc(path, [(f"http://x.example/{i}", ct, body, status) for i, (ct, body, status) in enumerate(pages)])
    docs = _documents(path)
    assert [d.id for d in docs] == [f"http://x.example/{i}" for i in range(len(pages))]
    assert all(d.text or d.error or d.skipped for d in docs)


def _small_warc() -> bytes:
    """One fixed crawl of three pages (warcio stamps each record with the time and a random id)."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.warc.gz"
        write_warc(path, [(f"http://x.example/{i}", "text/html", f"<p>Page {i} text.</p>".encode()) for i in range(3)])
        return path.read_bytes()


SMALL_WARC = _small_warc()


@fuzz(120)
@given(mangled(SMALL_WARC))
def test_warc_damaged_files_give_documents_then_one_error_never_a_traceback(tmp_path_factory, damaged):
    path = tmp_path_factory.mktemp("w") / "c.warc.gz"
    path.write_bytes(damaged)
    docs = _documents(path)
    assert docs is not None and len(docs) <= 4
    assert all(d.error is not None for d in docs if d.id.startswith("record:"))


@fuzz(100)
@given(st.lists(st.binary(max_size=100) | html_soup(10).map(lambda h: h.encode("utf-8", "surrogatepass")),
                min_size=1, max_size=5),
       st.permutations(["a.txt", "b.html", "c", "d.htm", "e.md"]))
def test_folder_any_files_give_one_document_per_file(tmp_path_factory, contents, names):
    folder = tmp_path_factory.mktemp("f")
    for name, data in zip(names, contents):
        (folder / name).write_bytes(data)
    assert len(_documents(folder)) == len(contents)
