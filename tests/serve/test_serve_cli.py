"""`unspin serve` on the command line: options reach uvicorn, bad settings are one clear line and exit code."""
from __future__ import annotations

from typer.testing import CliRunner

from unspin.cli import load_commands

runner = CliRunner()


def test_help_lists_the_options():
    r = runner.invoke(load_commands(), ["serve", "--help"])
    assert r.exit_code == 0
    for opt in ("--host", "--port", "--fast", "--index", "--max-bytes"):
        assert opt in r.output


def test_options_reach_uvicorn(monkeypatch, tmp_path):
    import uvicorn

    seen = {}

    def fake_run(app, **kwargs):
        seen["app"] = app
        seen.update(kwargs)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    index = tmp_path / "refs.sqlite"
    index.write_bytes(b"")
    r = runner.invoke(load_commands(), ["serve", "--host", "0.0.0.0", "--port", "9123", "--fast",
                                        "--index", str(index), "--max-bytes", "5000"])
    assert r.exit_code == 0, r.output
    assert seen["host"] == "0.0.0.0" and seen["port"] == 9123
    app = seen["app"]
    assert app.state.max_bytes == 5000 and app.state.tracer.configured


def test_missing_index_is_a_one_line_error(tmp_path):
    r = runner.invoke(load_commands(), ["serve", "--index", str(tmp_path / "nope.sqlite")])
    assert r.exit_code == 2
    assert "no such index" in r.output and "Traceback" not in r.output


def test_bad_port_is_rejected():
    r = runner.invoke(load_commands(), ["serve", "--port", "70000"])
    assert r.exit_code == 2
