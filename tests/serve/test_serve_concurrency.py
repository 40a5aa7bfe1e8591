"""Many simultaneous requests: the restorer is never run by two threads at once, and the event loop stays free."""
from __future__ import annotations

import asyncio
import time

import httpx
from serve_fakes import FakeFactory

from unspin.serve import create_app


async def _gather(app, requests):
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        return await asyncio.gather(*(c.post(path, json=body) for path, body in requests))


def test_concurrent_requests_are_serialised_per_model():
    factory = FakeFactory(delay=0.01)
    app = create_app(restorer_factory=factory, max_queue=64)  # all 40 language-model requests wait their turn
    requests = [("/v1/restore", {"text": f"rural {i}"}) for i in range(20)]
    requests += [("/v1/detect", {"text": f"combat {i}"}) for i in range(20)]
    requests += [("/v1/restore", {"text": f"grand {i}", "fast": True}) for i in range(20)]
    responses = asyncio.run(_gather(app, requests))
    assert all(r.status_code == 200 for r in responses)
    assert [r.json()["restored"] for r in responses[:3]] == ["country 0", "country 1", "country 2"]
    assert factory.built == {True: 1, False: 1}
    assert not factory.restorers[False].overlapped and not factory.restorers[True].overlapped
    assert factory.restorers[False].calls == 40 and factory.restorers[True].calls == 20


def test_health_answers_while_the_model_is_busy():
    factory = FakeFactory(delay=0.5)
    app = create_app(restorer_factory=factory)

    async def scenario():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            slow = asyncio.create_task(c.post("/v1/restore", json={"text": "grand"}))
            await asyncio.sleep(0.05)
            t0 = time.perf_counter()
            h = await c.get("/health")
            took = time.perf_counter() - t0
            assert h.json()["queued"]["full"] == 1
            assert (await slow).status_code == 200
            return took

    assert asyncio.run(scenario()) < 0.3


def test_queue_limit_turns_overload_into_503():
    factory = FakeFactory(delay=0.05)
    app = create_app(restorer_factory=factory, max_queue=2)
    responses = asyncio.run(_gather(app, [("/v1/restore", {"text": "grand"})] * 6))
    codes = sorted(r.status_code for r in responses)
    assert codes.count(200) >= 2 and set(codes) <= {200, 503}
    busy = [r for r in responses if r.status_code == 503]
    assert busy and all(r.json()["error"]["code"] == "server_busy" for r in busy)


def test_detect_requests_waiting_together_are_read_together():
    factory = FakeFactory(delay=0.02)
    app = create_app(restorer_factory=factory)
    texts = [f"combat number {i}" for i in range(12)]
    responses = asyncio.run(_gather(app, [("/v1/detect", {"text": t}) for t in texts]))
    assert all(r.status_code == 200 for r in responses)
    assert [r.json()["words"] for r in responses] == [3] * 12
    assert [r.json()["spans"][0]["start"] for r in responses] == [0] * 12
    batches = factory.restorers[False].batches
    assert sum(batches) == 12 and max(batches) > 1  # the first runs alone; the rest waited and went together


def test_detect_thresholds_are_kept_per_request_in_a_shared_batch():
    factory = FakeFactory(delay=0.02)
    app = create_app(restorer_factory=factory)
    bodies = [{"text": "combat and grand", "span_threshold": t} for t in (None, 0.95, None, 0.95)]
    responses = asyncio.run(_gather(app, [("/v1/detect", b) for b in bodies]))
    assert [len(r.json()["spans"]) for r in responses] == [2, 0, 2, 0]


def test_one_unreadable_text_fails_alone_in_a_shared_batch():
    factory = FakeFactory(delay=0.02)
    app = create_app(restorer_factory=factory)
    texts = ["combat one", "grand two", "unreadable three", "rural four"]
    responses = asyncio.run(_gather(app, [("/v1/detect", {"text": t}) for t in texts]))
    assert [r.status_code for r in responses] == [200, 200, 400, 200]
    assert "cannot read" in responses[2].json()["error"]["message"]


def test_a_model_that_gains_nothing_from_batches_detects_one_text_at_a_time():
    factory = FakeFactory(delay=0.02)
    app = create_app(restorer_factory=factory)
    factory.reads_together = False
    responses = asyncio.run(_gather(app, [("/v1/detect", {"text": f"combat {i}"}) for i in range(6)]))
    assert all(r.status_code == 200 for r in responses)
    assert factory.restorers[False].batches == [1] * 6
