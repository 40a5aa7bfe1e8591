import pytest


@pytest.fixture()
def fake_learner_restorer(fake_restorer, monkeypatch):
    """Make `learn` and the CLI decode with the fake restorer instead of building the real one."""
    import unspin.pipeline.restorer

    monkeypatch.setattr(unspin.pipeline.restorer, "get_restorer", lambda **kwargs: fake_restorer)
    return fake_restorer
