"""Overload: each model's line is bounded; past it a request is refused at once with Retry-After, the other model's
line and /health are unaffected, and the bound frees as requests finish."""
from __future__ import annotations

import asyncio
import time

import httpx
from serve_fakes import FakeFactory

from unspin.serve import create_app


async def _burst(app, requests, then=None):
    """Send `requests` together; also time each response, and run `then(client)` while they are in flight."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        async def timed(path, body):
            t0 = time.perf_counter()
            r = await c.post(path, json=body)
            return r, time.perf_counter() - t0

        burst = asyncio.gather(*(timed(p, b) for p, b in requests))
        extra = None
        if then is not None:
            await asyncio.sleep(0.05)
            extra = await then(c)
        return await burst, extra


def test_past_the_bound_the_answer_is_an_immediate_503_with_retry_after():
    app = create_app(restorer_factory=FakeFactory(delay=0.2), max_queue=2)
    results, _ = asyncio.run(_burst(app, [("/v1/restore", {"text": f"grand {i}"}) for i in range(8)]))
    busy = [(r, took) for r, took in results if r.status_code == 503]
    assert sum(r.status_code == 200 for r, _ in results) == 2 and len(busy) == 6
    for r, took in busy:
        assert r.json()["error"]["code"] == "server_busy"
        assert int(r.headers["Retry-After"]) >= 1
        assert took < 0.15  # not after waiting for the model (each job takes 0.2 s)


def test_retry_after_follows_how_long_jobs_take():
    app = create_app(restorer_factory=FakeFactory(delay=0.3), max_queue=3)
    first, _ = asyncio.run(_burst(app, [("/v1/restore", {"text": "grand"})]))
    results, _ = asyncio.run(_burst(app, [("/v1/restore", {"text": f"grand {i}"}) for i in range(6)]))
    waits = {int(r.headers["Retry-After"]) for r, _ in results if r.status_code == 503}
    assert waits == {1}  # 3 waiting x about 0.3 s each: the line empties in about a second


def test_a_full_language_model_line_leaves_the_fast_model_and_health_free():
    app = create_app(restorer_factory=FakeFactory(delay=0.3), max_queue=1)

    async def meanwhile(c):
        t0 = time.perf_counter()
        health = await c.get("/health")
        took = time.perf_counter() - t0
        return await c.post("/v1/restore", json={"text": "grand", "fast": True}), health, took

    results, (fast, health, took) = asyncio.run(_burst(app, [("/v1/restore", {"text": "grand"})] * 3, meanwhile))
    assert [r.status_code for r, _ in results].count(200) == 1
    assert fast.status_code == 200 and health.status_code == 200 and took < 0.1
    assert health.json()["max_queue"] == {"fast": 64, "full": 1} and health.json()["queued"]["full"] == 1


def test_the_trace_index_has_its_own_bounded_line(tmp_path):
    app = create_app(restorer_factory=FakeFactory(), index_path=tmp_path / "none.sqlite", max_queue=1)
    tracer = app.state.tracer
    tracer._trace = lambda text, top: time.sleep(0.2) or {"found": False, "indexed_documents": 0, "matches": []}
    results, _ = asyncio.run(_burst(app, [("/v1/trace", {"text": "some words"})] * 3))
    codes = sorted(r.status_code for r, _ in results)
    assert codes == [200, 503, 503]
    assert all("Retry-After" in r.headers for r, _ in results if r.status_code == 503)
