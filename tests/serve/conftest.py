"""Shared fixtures for the serve tests: an app built around the fake restorer."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from serve_fakes import FakeFactory

from unspin.serve import create_app


@pytest.fixture
def factory() -> FakeFactory:
    return FakeFactory()


@pytest.fixture
def client(factory) -> TestClient:
    app = create_app(restorer_factory=factory, max_bytes=10_000)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
