"""`/v1/trace` against a real (tiny) SQLite index: same JSON shape as `unspin trace --json`."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from serve_fakes import FakeFactory

from unspin.serve import create_app

# Reference documents written for this test.
SOURCE = ("The country council met on Tuesday and agreed to repair the old harbour wall before winter. "
          "Officials said the work would cost four million pounds and take nine months to finish.")
OTHER = ("A small bakery in the north of the town has won a national prize for its rye bread, "
         "beating more than two hundred entries from across the region this year.")


@pytest.fixture
def index_path(tmp_path):
    from unspin.trace import Index

    path = tmp_path / "refs.sqlite"
    with Index(path) as idx:
        idx.add(SOURCE, doc_id="harbour", embed=False)
        idx.add(OTHER, doc_id="bakery", embed=False)
    return path


def test_trace_finds_the_source(index_path):
    factory = FakeFactory()
    app = create_app(restorer_factory=factory, index_path=index_path)
    spun = SOURCE.replace("country", "rural").replace("repair", "mend").replace("finish", "complete")
    with TestClient(app) as c:
        assert c.get("/health").json()["trace"] is True
        r = c.post("/v1/trace", json={"text": spun, "top": 3})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["found"] is True and body["indexed_documents"] == 2
        assert body["matches"][0]["doc_id"] == "harbour"
        assert body["matches"][0]["substituted_words"] >= 1
        # the index restored through the shared fast restorer, on the fast model's thread
        assert factory.built[True] == 1 and factory.restorers[True].calls >= 1


def test_trace_no_source_is_an_answer_not_an_error(index_path):
    with TestClient(create_app(restorer_factory=FakeFactory(), index_path=index_path)) as c:
        r = c.post("/v1/trace", json={"text": "Completely unrelated words about spacecraft engines and orbits."})
    assert r.status_code == 200 and r.json()["found"] is False


def test_trace_validates_input(index_path):
    with TestClient(create_app(restorer_factory=FakeFactory(), index_path=index_path)) as c:
        assert c.post("/v1/trace", json={"text": " "}).json()["error"]["code"] == "empty_text"
        assert c.post("/v1/trace", json={"text": "a", "top": 0}).status_code == 422
