"""The HTTP API fuzzed from its own OpenAPI schema (schemathesis): valid and invalid bodies for every operation give
no 500, and every error is JSON `{"error": {"code", "message"}}`."""
from __future__ import annotations

import schemathesis
from schemathesis.specs.openapi.checks import positive_data_acceptance
from serve_fakes import FakeFactory

from fuzz_strategies import fuzz
from unspin.serve import create_app
from unspin.trace import Index

SOURCE = ("The country council met on Tuesday and agreed to repair the old harbour wall before winter. "
          "Officials said the work would cost four million pounds and take nine months to finish.")


def _app(tmp_dir):
    index = tmp_dir / "refs.sqlite"
    with Index(index) as idx:
        idx.add(SOURCE, doc_id="harbour", embed=False)
    # A body past max_bytes gets 413 before validation; the guard has its own tests, so the fuzzer gets room.
    return create_app(restorer_factory=FakeFactory(), index_path=index, max_bytes=5_000_000)


def _tmp_dir():
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp(prefix="unspin-fuzz-"))


schema = schemathesis.openapi.from_asgi("/openapi.json", _app(_tmp_dir()))


@schemathesis.check
def errors_are_json(ctx, response, case):
    """Every 4xx/5xx answer is `{"error": {"code": str, "message": str}}` and nothing else."""
    if response.status_code < 400:
        return None
    body = response.json()
    assert isinstance(body, dict) and set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message"}, body
    assert all(isinstance(body["error"][k], str) and body["error"][k] for k in ("code", "message")), body
    return None


@schema.parametrize()
@fuzz(100)
def test_api_fuzzed_from_its_schema(case):
    # Markup whose main text is empty ("<b></b>") is a valid request that is rightly refused: no schema can say so.
    excluded = [positive_data_acceptance] if case.path == "/v1/extract" else []
    case.call_and_validate(additional_checks=[errors_are_json], excluded_checks=excluded)
