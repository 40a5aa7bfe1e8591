"""The API around the real fast restorer (`unspin.get_restorer(fast=True)`): shapes and offsets hold for real output."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import unspin
from unspin.serve import create_app

# Written for this test: ordinary sentences with hand-made thesaurus swaps.
SPUN = ("The town council voted on Monday to construct a brand new bridge throughout the river. "
        "The mayor stated the undertaking would create many jobs and assist small companies develop.")


@pytest.fixture(scope="module")
def real_client():
    app = create_app(restorer_factory=lambda fast: unspin.get_restorer(fast=fast), fast_default=True)
    with TestClient(app) as c:
        yield c


def test_restore_with_the_real_fast_restorer(real_client):
    r = real_client.post("/v1/restore", json={"text": SPUN})
    assert r.status_code == 200, r.text
    body = r.json()
    assert 0.0 <= body["spin_score"] <= 1.0 and body["words"] > 20
    rebuilt, pos = "", 0
    for e in body["edits"]:
        assert SPUN[e["start"]:e["end"]] == e["spun"]
        rebuilt += SPUN[pos:e["start"]] + e["original"]
        pos = e["end"]
    assert rebuilt + SPUN[pos:] == body["restored"]  # the page rebuilds the text from edits the same way


def test_detect_with_the_real_fast_restorer(real_client):
    r = real_client.post("/v1/detect", json={"text": SPUN, "threshold": 0.5})
    assert r.status_code == 200, r.text
    body = r.json()
    assert isinstance(body["spun"], bool) and 0.0 <= body["probability"] <= 1.0
    assert all(SPUN[s["start"]:s["end"]] == s["spun"] for s in body["spans"])


def test_clean_text_round_trips(real_client):
    clean = "The committee will meet again next week to discuss the budget."
    body = real_client.post("/v1/restore", json={"text": clean}).json()
    assert len(body["restored"]) > 0 and body["spin_score"] <= 1.0


def test_detect_batch_with_the_real_fast_restorer_matches_one_by_one(real_client):
    texts = [SPUN, "The committee met on Monday.", SPUN.split(". ")[1]]
    r = real_client.post("/v1/detect/batch", json={"texts": texts})
    assert r.status_code == 200, r.text
    assert r.json()["results"] == [real_client.post("/v1/detect", json={"text": t}).json() for t in texts]


def test_a_clean_batch_of_five_is_read_text_by_text_and_says_so(real_client):
    texts = ["The committee met on Monday to discuss the budget.", "Rain is expected later in the week.",
             "The school opened a new library last year.", "Prices at the market rose slightly in March.",
             "The mayor said the bridge would reopen soon."]
    body = real_client.post("/v1/detect/batch", json={"texts": texts}).json()
    assert "do not look like one spinner's output" in body["batch_note"]
    alone = real_client.post("/v1/detect/batch", json={"texts": texts, "learn_batch": False}).json()
    assert alone["batch_note"] is None and alone["results"] == body["results"]
