"""A request whose client gave up while it waited in the queue never reaches the model (real uvicorn, loopback)."""
from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest
import uvicorn
from serve_fakes import FakeFactory

from unspin.serve import create_app


@pytest.fixture
def live_server():
    factory = FakeFactory(delay=1.0)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(restorer_factory=factory), host="127.0.0.1", port=port,
                                           log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}", factory
    server.should_exit = True
    thread.join(timeout=10)


def test_abandoned_request_is_dropped_from_the_queue(live_server):
    base, factory = live_server
    results = {}

    def occupy():
        results["first"] = httpx.post(base + "/v1/restore", json={"text": "grand"}, timeout=10).status_code

    t = threading.Thread(target=occupy)
    t.start()
    time.sleep(0.2)  # the first request now holds the model for a second
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(base + "/v1/restore", json={"text": "rural"}, timeout=0.3)
    t.join()
    time.sleep(0.6)
    assert results["first"] == 200
    assert factory.restorers[False].calls == 1, "the abandoned request still ran the model"
    assert httpx.get(base + "/health").json()["queued"]["full"] == 0
