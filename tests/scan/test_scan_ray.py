"""The Ray engine on a small local Ray (2 CPUs): every document scanned once, each actor loading once."""
import json

import pyarrow.parquet as pq
import pytest
import scan_fakes
from scan_fakes import FakeFactory

from unspin.scan import RunSettings, ScanOptions, run_scan

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray():
    from ray import cloudpickle

    cloudpickle.register_pickle_by_value(scan_fakes)  # Ray workers cannot import the tests folder
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_engine_scans_every_document_once_and_resumes(local_ray, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "text": "word spunzz " * (i % 3 + 1)}) + "\n" for i in range(40)))
    out = tmp_path / "out.parquet"
    settings = dict(engine="ray", workers=2, progress=False, restorer_factory=FakeFactory(), part_rows=5)
    first = run_scan(corpus, out, ScanOptions(restore=True), RunSettings(limit=15, **settings))
    second = run_scan(corpus, out, ScanOptions(restore=True), RunSettings(**settings))
    rows = pq.read_table(out).to_pylist()
    ids = [r["id"] for r in rows]
    assert (first.rows_new, second.rows_new, second.skipped_done) == (15, 25, 15)
    assert len(ids) == len(set(ids)) == 40
    assert all(r["restored"].startswith("word spun") and r["error"] is None for r in rows)
    assert second.workers == 2 and len(second.worker_memory_mb) == 2
    assert ray.is_initialized()  # the engine leaves a Ray it did not start running


def test_more_workers_than_cluster_cpus_is_refused(local_ray, tmp_path):
    from unspin.errors import ConfigError

    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": 1, "text": "word"}) + "\n")
    with pytest.raises(ConfigError, match="has 2 CPUs: 3 workers"):
        run_scan(corpus, tmp_path / "o", ScanOptions(),
                 RunSettings(engine="ray", workers=3, progress=False, restorer_factory=FakeFactory()))
