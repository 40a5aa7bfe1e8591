"""End-to-end scans with the local engine and a fake restorer: rows, errors, resume and settings checks."""
import json

import pyarrow.parquet as pq
import pytest
from scan_fakes import FailingFactory, FakeFactory

from unspin.errors import ConfigError, ResourceMissing
from unspin.scan import RunSettings, ScanOptions, run_scan
from unspin.scan.store import ScanStore


def write_corpus(path, n=20, extra=()):
    with path.open("w") as fh:
        for i in range(n):
            text = " ".join(["plain"] * 6 + ["spunzz"] * (i % 4))
            fh.write(json.dumps({"id": f"doc{i}", "text": text}) + "\n")
        for record in extra:
            fh.write(json.dumps(record) + "\n")
    return path


def settings(**kw):
    base = dict(workers=2, progress=False, restorer_factory=FakeFactory(), part_rows=4)
    base.update(kw)
    return RunSettings(**base)


def rows_of(out):
    return pq.read_table(out).to_pylist()


def test_scan_writes_one_row_per_document_with_errors_recorded(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", extra=[{"id": "boom", "text": "EXPLODE now"},
                                                       {"id": "empty", "text": ""}])
    out = tmp_path / "out.parquet"
    summary = run_scan(corpus, out, ScanOptions(top_spans=2), settings())
    rows = {r["id"]: r for r in rows_of(out)}
    assert len(rows) == 22 and summary.rows_new == 22 and summary.rows_total == 22
    assert rows["doc0"]["probability"] == 0.0 and rows["doc0"]["spans"] == 0 and rows["doc0"]["error"] is None
    doc3 = rows["doc3"]
    assert doc3["spans"] == 3 and doc3["words"] == 9 and doc3["spun"] is True
    top = json.loads(doc3["top_spans"])
    assert len(top) == 2 and top[0]["confidence"] >= top[1]["confidence"] and top[0]["original"] == "spun"
    assert doc3["restored"] is None
    assert rows["boom"]["error"].startswith("internal: RuntimeError") and rows["empty"]["error"].startswith("empty")
    assert summary.bands["error"] == 2 and sum(summary.bands.values()) == 22
    assert len(ScanStore(out).parts()) >= 3  # part_rows=4: a part is written once 4 rows are waiting
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["rows"] == 22


def test_restore_option_fills_restored_text(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", n=4)
    out = tmp_path / "out.parquet"
    run_scan(corpus, out, ScanOptions(restore=True), settings(workers=1))
    rows = {r["id"]: r for r in rows_of(out)}
    assert rows["doc2"]["restored"] == "plain plain plain plain plain plain spun spun"


def test_rerun_resumes_without_loss_or_duplicates(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", n=30)
    out = tmp_path / "out.parquet"
    first = run_scan(corpus, out, ScanOptions(), settings(limit=11))
    assert first.rows_new == 11
    assert json.loads((out / "_manifest.json").read_text())["status"] == "partial"
    (out / ".part-000099.tmp").write_bytes(b"half a part from a killed run")
    second = run_scan(corpus, out, ScanOptions(), settings())
    ids = [r["id"] for r in rows_of(out)]
    assert second.rows_new == 19 and second.skipped_done == 11 and second.resumed
    assert len(ids) == len(set(ids)) == 30
    assert not list(out.glob(".part-*"))
    third = run_scan(corpus, out, ScanOptions(), settings())
    assert third.rows_new == 0 and third.rows_total == 30


def test_duplicate_ids_in_input_are_scanned_once(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", n=3, extra=[{"id": "doc1", "text": "again"}])
    out = tmp_path / "out.parquet"
    summary = run_scan(corpus, out, ScanOptions(), settings(workers=1))
    assert summary.duplicates == 1 and len(rows_of(out)) == 3


def test_resume_with_other_settings_is_refused_unless_overwrite(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", n=3)
    out = tmp_path / "out.parquet"
    run_scan(corpus, out, ScanOptions(), settings(workers=1))
    with pytest.raises(ConfigError, match="other settings.*restore"):
        run_scan(corpus, out, ScanOptions(restore=True), settings(workers=1))
    summary = run_scan(corpus, out, ScanOptions(restore=True), settings(workers=1, overwrite=True))
    assert summary.rows_new == 3


def test_output_of_an_older_format_is_not_resumed_into_mixed_parts(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", n=3)
    out = tmp_path / "out.parquet"
    run_scan(corpus, out, ScanOptions(), settings(workers=1, limit=1))
    manifest = json.loads((out / "_manifest.json").read_text())
    (out / "_manifest.json").write_text(json.dumps({**manifest, "version": 1}))
    with pytest.raises(ConfigError, match="another version of unspin scan.*--overwrite"):
        run_scan(corpus, out, ScanOptions(), settings(workers=1))
    assert run_scan(corpus, out, ScanOptions(), settings(workers=1, overwrite=True)).rows_new == 3


def test_output_that_is_not_a_scan_is_never_touched(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", n=2)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "precious.txt").write_text("keep")
    with pytest.raises(ConfigError, match="not a scan output"):
        run_scan(corpus, tmp_path / "mine", ScanOptions(), settings(workers=1, overwrite=True))
    assert (tmp_path / "mine" / "precious.txt").read_text() == "keep"


def test_model_that_cannot_load_stops_the_scan_clearly(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", n=2)
    with pytest.raises(ResourceMissing, match="fake model"):
        run_scan(corpus, tmp_path / "out.parquet", ScanOptions(),
                 settings(workers=1, restorer_factory=FailingFactory()))


def test_index_without_tracing_or_file_is_a_clear_error(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", n=2)
    with pytest.raises(Exception, match="no such index"):
        run_scan(corpus, tmp_path / "out.parquet", ScanOptions(index=str(tmp_path / "none.db")), settings())


def test_unreadable_documents_are_written_in_parts_as_they_come(tmp_path):
    folder = tmp_path / "bin"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.bin").write_bytes(b"\x00" * 10)
    out = tmp_path / "out.parquet"
    summary = run_scan(folder, out, ScanOptions(), settings(workers=1, part_rows=2))
    assert summary.bands["error"] == 5 and len(ScanStore(out).parts()) == 3


def test_screening_batches_are_larger_than_restoring_ones_with_the_language_model():
    from unspin.scan.runner import auto_batch_size

    many = 1_000_000
    assert auto_batch_size(ScanOptions(), many, 2) == 16  # short texts share the model's forward passes
    assert auto_batch_size(ScanOptions(restore=True), many, 2) == 4
    assert auto_batch_size(ScanOptions(fast=True, restore=True), many, 2) == 16
    assert auto_batch_size(ScanOptions(), 20, 2) == 1  # a small corpus still spreads over the workers


def test_top_spans_name_listed_phrases_and_disguises_with_their_wording():
    from unspin.result import Edit
    from unspin.scan.analysis import top_spans_json

    edits = [Edit(0, 5, "rural", "country", 0.6),
             Edit(6, 20, "bolster vector", "support vector", 1.0, known_tortured=True,
                  expected_wording="support vector"),
             Edit(21, 28, "illness", "disease", 0.8, known_term=True, expected_wording="congenital heart disease")]
    spans = json.loads(top_spans_json(edits, 3))
    assert [(s["spun"], s.get("known"), s.get("expected_wording")) for s in spans] == [
        ("bolster vector", "listed", "support vector"), ("illness", "term", "congenital heart disease"),
        ("rural", None, None)]


def test_reading_terms_is_a_setting_a_resume_must_share(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", n=3)
    out = tmp_path / "out.parquet"
    run_scan(corpus, out, ScanOptions(read_terms=False), settings(workers=1))
    assert len(rows_of(out)) == 3
    with pytest.raises(ConfigError, match="other settings.*read_terms"):
        run_scan(corpus, out, ScanOptions(), settings(workers=1))
