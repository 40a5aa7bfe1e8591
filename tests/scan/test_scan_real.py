"""A scan with the real fast restorer: rows are consistent with the documents they describe."""
import importlib.util
import json

import pyarrow.parquet as pq
import pytest

from unspin.scan import RunSettings, ScanOptions, run_scan

pytestmark = [pytest.mark.slow, pytest.mark.skipif(importlib.util.find_spec("unspin.pipeline.restorer") is None,
                                                   reason="the restorer core is not installed")]

TEXTS = {
    "plain": "The council met on Tuesday and agreed to spend more money on the roads next year.",
    "spun": "The committee met on Tuesday and concurred to disburse more cash on the streets following year.",
}


def test_real_fast_scan_rows_match_their_documents(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in TEXTS.items())
                      + json.dumps({"id": "blank", "text": "   "}) + "\n")
    out = tmp_path / "out.parquet"
    summary = run_scan(corpus, out, ScanOptions(fast=True, restore=True), RunSettings(workers=1, progress=False))
    rows = {r["id"]: r for r in pq.read_table(out).to_pylist()}
    assert summary.rows_total == 3 and rows["blank"]["error"].startswith("empty")
    for doc_id, text in TEXTS.items():
        row = rows[doc_id]
        assert row["error"] is None and row["words"] > 10 and 0.0 <= row["probability"] <= 1.0
        assert isinstance(row["restored"], str) and row["restored"]
        for span in json.loads(row["top_spans"]):
            assert text[span["start"]:span["end"]] == span["spun"]
    assert summary.worker_memory_mb and summary.load_seconds > 0
