"""The JSON API with a fake restorer: happy paths, the response shapes, and the model loaded once."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from unspin.serve import create_app


def test_restore_returns_restoration_dict(client, factory):
    r = client.post("/v1/restore", json={"text": "The rural faced a combat."})
    assert r.status_code == 200
    body = r.json()
    assert body["restored"] == "The country faced a war."
    assert [(e["spun"], e["original"]) for e in body["edits"]] == [("rural", "country"), ("combat", "war")]
    assert body["edits"][0]["start"] == 4 and body["edits"][0]["end"] == 9
    assert set(body) >= {"restored", "spin_score", "spin_rate", "words", "edits", "warnings"}
    assert factory.built == {True: 0, False: 1}


def test_fast_flag_picks_the_fast_restorer(client, factory):
    assert client.post("/v1/restore", json={"text": "grand", "fast": True}).status_code == 200
    assert factory.built[True] == 1 and factory.restorers[True].calls == 1


def test_server_default_mode_applies_when_request_does_not_say(factory):
    app = create_app(restorer_factory=factory, fast_default=True)
    with TestClient(app) as c:
        c.post("/v1/restore", json={"text": "grand"})
        c.post("/v1/restore", json={"text": "grand", "fast": False})
    assert factory.built == {True: 1, False: 1}


def test_model_built_once_across_requests(client, factory):
    for _ in range(5):
        assert client.post("/v1/restore", json={"text": "a grand day"}).status_code == 200
    assert client.post("/v1/detect", json={"text": "a grand day"}).status_code == 200
    assert factory.built[False] == 1
    assert factory.restorers[False].calls == 6


def test_detect_returns_detection_dict(client):
    r = client.post("/v1/detect", json={"text": "rural combat grand", "threshold": 0.9})
    assert r.status_code == 200
    body = r.json()
    assert body["spun"] is True and body["probability"] == 1.0
    assert len(body["spans"]) == 3
    r = client.post("/v1/detect", json={"text": "a plain sentence with nothing odd in it at all"})
    assert r.json()["spun"] is False


def test_detect_passes_the_span_threshold_on(client):
    text = "rural combat grand"
    assert client.post("/v1/detect", json={"text": text, "span_threshold": 0.95}).json()["spans"] == []
    assert len(client.post("/v1/detect", json={"text": text, "span_threshold": 0.5}).json()["spans"]) == 3
    assert client.post("/v1/detect", json={"text": text, "span_threshold": 2}).status_code == 422


def test_detect_reads_terms_unless_asked_not_to(client, factory):
    assert client.post("/v1/detect", json={"text": "rural combat", "read_terms": False}).status_code == 200
    assert client.post("/v1/detect/batch", json={"texts": ["rural", "grand"], "read_terms": False}).status_code == 200
    assert client.post("/v1/detect", json={"text": "rural combat"}).status_code == 200
    assert factory.restorers[False].read_terms == [False, False, True]


def test_detect_reads_thoroughly_only_when_asked(client, factory):
    assert client.post("/v1/detect", json={"text": "rural combat", "thorough": True}).status_code == 200
    assert client.post("/v1/detect/batch", json={"texts": ["rural", "grand"], "thorough": True}).status_code == 200
    assert client.post("/v1/detect", json={"text": "rural combat"}).status_code == 200
    assert factory.restorers[False].thorough == [True, True, False]


def test_known_spinners_are_read_unless_asked_not_to(client, factory):
    for path, body in [("/v1/restore", {"text": "rural"}), ("/v1/detect", {"text": "rural"}),
                       ("/v1/detect/batch", {"texts": ["rural", "grand"]})]:
        assert client.post(path, json={**body, "known_spinners": False}).status_code == 200
        assert client.post(path, json=body).status_code == 200
    assert factory.restorers[False].known_spinners == [False, True] * 3


def test_unicode_offsets_are_code_points(client):
    text = "😀 rural"
    body = client.post("/v1/restore", json={"text": text}).json()
    e = body["edits"][0]
    assert text[e["start"]:e["end"]] == "rural"
    assert body["restored"] == "😀 country"


def test_health_reports_state(client):
    h = client.get("/health").json()
    assert h["status"] == "ok" and h["models"] == {"fast": False, "full": False}
    assert h["trace"] is False and h["max_bytes"] == 10_000
    client.post("/v1/restore", json={"text": "grand"})
    assert client.get("/health").json()["models"]["full"] is True


def test_openapi_documents_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    assert {"/v1/restore", "/v1/detect", "/v1/detect/batch", "/v1/trace", "/health"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 200


def test_web_page_and_assets_are_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "/static/app.js" in page.text and "/static/app.css" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert "http://" not in page.text and "https://" not in page.text  # no CDN: works offline
    for asset in ("/static/app.js", "/static/app.css"):
        r = client.get(asset)
        assert r.status_code == 200
        assert "https://" not in r.text and "http://" not in r.text


def test_preload_builds_the_default_model_at_startup(factory):
    app = create_app(restorer_factory=factory, preload=True)
    with TestClient(app) as c:
        c.get("/health")
        c.post("/v1/restore", json={"text": "grand"})
    assert factory.built == {True: 0, False: 1}


def test_api_docs_are_served_from_local_assets(client):
    pytest.importorskip("fastapi_offline", reason="fastapi-offline provides the local Swagger UI/ReDoc assets")
    for page in ("/docs", "/redoc"):
        r = client.get(page)
        assert r.status_code == 200
        assert "cdn." not in r.text and "fonts.googleapis" not in r.text
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_detect_batch_answers_each_text_in_order_as_detect_would(client):
    texts = ["rural combat grand", "a plain sentence with nothing odd in it at all", "rural"]
    r = client.post("/v1/detect/batch", json={"texts": texts, "threshold": 0.9})
    assert r.status_code == 200
    results = r.json()["results"]
    assert results == [client.post("/v1/detect", json={"text": t, "threshold": 0.9}).json() for t in texts]
    assert [x["spun"] for x in results] == [True, False, True]
