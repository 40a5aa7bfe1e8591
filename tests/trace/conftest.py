"""Fixtures for trace tests: a corpus of stdlib docstrings and indexes built with fake restorer/embedder."""
from __future__ import annotations

import pytest
from trace_fakes import FakeEmbedder, FakeRestorer, docstring_corpus


@pytest.fixture(scope="session")
def corpus() -> dict[str, str]:
    docs = docstring_corpus()
    assert len(docs) >= 20
    return docs


@pytest.fixture
def make_index(tmp_path):
    from unspin.trace import Index

    opened = []

    def make(name="idx.sqlite", **kw):
        kw.setdefault("restorer", FakeRestorer())
        kw.setdefault("embedder", FakeEmbedder())
        idx = Index(tmp_path / name, **kw)
        opened.append(idx)
        return idx

    yield make
    for idx in opened:
        try:
            idx.close()
        except Exception:
            pass
