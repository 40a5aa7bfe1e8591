"""A scan learns its crawl's spinner pairs from the first documents, reads every document with them, and a resumed
scan reads with the same pairs (kept in the manifest) without learning again."""
import json

import pyarrow.parquet as pq
from scan_fakes import FakeFactory, PairsFakeFactory

import unspin.learn.batch as batch
from unspin.profile import Profile
from unspin.scan import RunSettings, ScanOptions, run_scan


def corpus(path, n=12):
    with path.open("w") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"d{i}", "text": "plain words used to be here"}) + "\n")
    return path


def test_the_first_documents_teach_the_scan_and_a_resume_reuses_what_they_taught(tmp_path, monkeypatch):
    seen = []

    def fake_learn_batch(restorer, texts, alone=None, learner=None):
        seen.append(len(texts))
        profile = Profile(pairs={"used": {"was": {"count": 9, "weight": 3.0}}})
        return batch.BatchReading(restorer, len(texts), 0.4, profile, profile.learned())

    monkeypatch.setattr(batch, "learn_batch", fake_learn_batch)
    out = tmp_path / "out.parquet"
    settings = RunSettings(workers=1, progress=False, restorer_factory=PairsFakeFactory(), part_rows=5)
    summary = run_scan(corpus(tmp_path / "c.jsonl"), out, ScanOptions(learn_sample=8), settings)
    assert seen == [8] and "learned 1 spinner pairs from the first 8 documents of this scan" in summary.render()
    rows = pq.read_table(out).to_pylist()
    assert len(rows) == 12 and all(r["spans"] == 1 and json.loads(r["top_spans"])[0]["spun"] == "used" for r in rows)
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["batch_learning"]["pairs"] == [["used", "was", 3.0]]

    summary = run_scan(corpus(tmp_path / "c.jsonl", n=14), out, ScanOptions(learn_sample=8), settings)
    assert seen == [8] and summary.rows_new == 2 and "learned 1 spinner pairs" in summary.render()
    assert all(r["spans"] == 1 for r in pq.read_table(out).to_pylist())


def test_no_learning_when_turned_off_or_when_the_restorer_cannot_read_pairs(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "learn_batch", lambda *a, **k: (_ for _ in ()).throw(AssertionError("learned")))
    settings = RunSettings(workers=1, progress=False, restorer_factory=PairsFakeFactory())
    summary = run_scan(corpus(tmp_path / "c.jsonl"), tmp_path / "a", ScanOptions(learn_sample=0), settings)
    assert summary.batch_note is None and all(r["spans"] == 0 for r in pq.read_table(tmp_path / "a").to_pylist())
    plain = RunSettings(workers=1, progress=False, restorer_factory=FakeFactory())  # no with_pairs
    assert run_scan(corpus(tmp_path / "c.jsonl"), tmp_path / "b", ScanOptions(), plain).batch_note is None
