"""`--index`: each row names the indexed document it was most likely copied from (real trace index, no embeddings)."""
import json

import pyarrow.parquet as pq
import pytest
from scan_fakes import FakeFactory

from unspin.scan import RunSettings, ScanOptions, run_scan
from unspin.scan.analysis import describe_source

trace = pytest.importorskip("unspin.trace")

SOURCES = {
    "harbour": "The harbour authority said on Monday that the new container terminal would open in March 2027, "
               "two years later than planned, because dredging the channel had cost far more than expected.",
    "orchard": "Apple growers in the valley reported their smallest harvest in thirty years after a late frost in "
               "April destroyed most of the blossom across 4,000 hectares of orchards.",
}


def test_rows_carry_the_best_source_from_the_index(tmp_path):
    index_path = tmp_path / "refs.sqlite"
    with trace.Index(index_path, restorer=False) as index:
        for doc_id, text in SOURCES.items():
            index.add(text, doc_id=doc_id, embed=False)
    corpus = tmp_path / "c.jsonl"
    copy = SOURCES["orchard"].replace("smallest", "tiniest").replace("destroyed", "wrecked")
    corpus.write_text(json.dumps({"id": "copy", "text": copy}) + "\n"
                      + json.dumps({"id": "other", "text": "Nothing here resembles any indexed text at all."}) + "\n")
    out = tmp_path / "out.parquet"
    run_scan(corpus, out, ScanOptions(index=str(index_path)),
             RunSettings(workers=1, progress=False, restorer_factory=FakeFactory()))
    rows = {r["id"]: r for r in pq.read_table(out).to_pylist()}
    assert rows["copy"]["source_id"] == "orchard" and rows["copy"]["source_score"] > 0.5
    assert json.loads(rows["copy"]["source"])["doc_id"] == "orchard"
    assert rows["other"]["source_id"] is None and rows["other"]["error"] is None


def test_describe_source_reads_lists_dicts_and_nothing():
    assert describe_source([]) == (None, None, None)
    assert describe_source([{"doc_id": "a", "score": 0.9}])[:2] == ("a", 0.9)
    assert describe_source({"best": {"id": 3, "similarity": 0.5}})[:2] == ("3", 0.5)
