"""Fuzzing what `index add` and `trace` read: reference files of any content, and index files that are damaged or
not indexes at all. Nothing escapes but one InputError or ConfigError."""
import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from fuzz_strategies import fuzz, html_soup, mangled
from unspin.errors import ConfigError, InputError, UnspinError
from unspin.trace import Index
from unspin.trace.readers import iter_documents

CONTENT = st.binary(max_size=200) | html_soup(12).map(lambda h: h.encode("utf-8", "surrogatepass")) | st.lists(
    st.binary(max_size=40) | st.sampled_from([b'{"id": 1, "text": "x"}', b'{"text": 5}', b'{"id": [], "text": "y"}',
                                              b"[]", b"null", b'{"text": "\\ud800"}']), max_size=5).map(b"\n".join)


@fuzz(80)
@given(CONTENT, st.sampled_from(["a.txt", "b.html", "c.jsonl", "d.md", "e.htm"]))
def test_any_reference_file_gives_documents_or_one_input_error(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("r") / name
    path.write_bytes(data)
    try:
        docs = list(iter_documents([str(path)]))
    except InputError as exc:
        assert "\n" not in exc.message
    else:
        assert all(isinstance(d.text, str) and isinstance(d.doc_id, str) for d in docs)


def _index_bytes() -> bytes:
    """A small real index file, made once (its bytes are what the fuzzer damages)."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "refs.sqlite"
        with Index(path) as idx:
            idx.add("The country council met on Tuesday and agreed to repair the old harbour wall before winter.",
                    doc_id="harbour", embed=False)
        return path.read_bytes()


INDEX = _index_bytes()


def _use(path) -> None:
    """Open an index as `unspin trace` does and search it; only a user-facing error may come out."""
    try:
        with Index(path, create=False, restorer=False) as idx:
            idx.stats()
            idx.trace("The rural council met on Tuesday and agreed to fix the old harbour wall.", restore=False)
    except (ConfigError, InputError):
        pass


@fuzz(120)
@given(mangled(INDEX) | st.binary(max_size=300))
def test_a_damaged_or_foreign_index_file_is_one_clear_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("i") / "refs.sqlite"
    path.write_bytes(data)
    _use(path)


@fuzz(100)
@given(st.sampled_from(["format", "signature_params"]),
       st.none() | st.text(max_size=30) | st.sampled_from(['{"num_perm": "x"}', "{}", "[]", '{"bogus": 1}', "2"]))
def test_an_index_with_edited_settings_is_one_clear_error(tmp_path_factory, key, value):
    path = tmp_path_factory.mktemp("i") / "refs.sqlite"
    path.write_bytes(INDEX)
    with sqlite3.connect(path) as db:
        if value is None:
            db.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            db.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
    try:
        _use(path)
    except UnspinError as exc:
        raise AssertionError(f"not a ConfigError: {exc!r}") from None
