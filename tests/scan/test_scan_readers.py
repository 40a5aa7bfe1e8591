"""Readers stream documents from folders, JSONL and Parquet, turning unreadable ones into error documents."""
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from unspin.errors import InputError
from unspin.scan.readers import open_reader


def test_folder_reads_recursively_with_relative_ids_and_flags_bad_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("first document")
    (tmp_path / "b" / "c.txt").write_text("second document")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "bin.dat").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "big.txt").write_text("word " * 100)
    (tmp_path / ".hidden").write_text("skip me")
    reader = open_reader(tmp_path, max_bytes=200)
    docs = {d.id: d for d in reader.documents()}
    assert reader.count() == 6
    assert sorted(docs) == ["a.txt", "b/c.txt", "big.txt", "bin.dat", "empty.txt", "latin1.txt"]
    assert docs["b/c.txt"].text == "second document" and docs["b/c.txt"].error is None
    assert docs["empty.txt"].error.startswith("empty")
    assert "binary" in docs["bin.dat"].error
    assert "UTF-8" in docs["latin1.txt"].error
    assert docs["big.txt"].error.startswith("input_too_large")


def test_folder_skip_avoids_reading_done_files(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"doc {i}")
    ids = [d.id for d in open_reader(tmp_path, max_bytes=100).documents(skip=lambda i: i == "1.txt")]
    assert ids == ["0.txt", "2.txt"]


def test_jsonl_custom_fields_and_bad_lines(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [json.dumps({"key": 7, "body": "some text"}), "not json", json.dumps({"key": "x"}),
             "", json.dumps({"body": "no id here"}), json.dumps(["a list"]), json.dumps({"key": "n", "body": 3})]
    path.write_text("\n".join(lines))
    reader = open_reader(path, id_field="key", text_field="body", max_bytes=1000)
    docs = list(reader.documents())
    assert [(d.id, d.text) for d in docs if d.error is None] == [("7", "some text"), ("line:5", "no id here")]
    errors = {d.id: d.error for d in docs if d.error}
    assert "not valid JSON" in errors["line:2"] and "no 'body' field" in errors["x"]
    assert "not a JSON object" in errors["line:6"] and "not a string" in errors["n"]
    assert reader.count() == 7


def test_parquet_in_batches_with_named_columns(tmp_path):
    path = tmp_path / "c.parquet"
    table = pa.table({"doc": [f"d{i}" for i in range(1200)], "content": [f"text {i}" for i in range(1199)] + [None]})
    pq.write_table(table, path)
    reader = open_reader(path, id_field="doc", text_field="content", max_bytes=1000)
    docs = list(reader.documents(skip=lambda i: i == "d0"))
    assert reader.count() == 1200 and len(docs) == 1199
    assert docs[0].id == "d1" and docs[0].text == "text 1"
    assert docs[-1].error == "invalid_input: no text"


def test_parquet_missing_column_is_a_clear_error(tmp_path):
    path = tmp_path / "c.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": ["t"]}), path)
    with pytest.raises(InputError, match="no column 'text'.*--text-field"):
        open_reader(path, max_bytes=100)


def test_unknown_format_and_missing_path(tmp_path):
    (tmp_path / "x.csv").write_text("a,b")
    with pytest.raises(InputError, match="cannot tell the format"):
        open_reader(tmp_path / "x.csv", max_bytes=100)
    with pytest.raises(InputError, match="no such file"):
        open_reader(tmp_path / "nope.jsonl", max_bytes=100)
