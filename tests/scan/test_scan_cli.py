"""`unspin scan` on the command line: summary, JSON summary, and one-line errors with exit codes."""
import json

import pyarrow.parquet as pq
import pytest
from scan_fakes import FakeFactory
from typer.testing import CliRunner

import unspin.cli.scan as scan_cli
from unspin.cli import load_commands


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setattr(scan_cli, "restorer_factory_for", lambda fast: FakeFactory())
    return load_commands()


def make_folder(root):
    (root / "sub").mkdir(parents=True)
    (root / "one.txt").write_text("a clean plain text")
    (root / "sub" / "two.txt").write_text("spunzz spunzz words here")
    (root / "bad.bin").write_bytes(b"\x00\x00\x00")
    return root


def test_scan_folder_prints_summary_and_writes_parquet(app, tmp_path):
    corpus = make_folder(tmp_path / "corpus")
    out = tmp_path / "out.parquet"
    result = CliRunner().invoke(app, ["scan", str(corpus), "-o", str(out), "-w", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "scanned 3 documents" in result.output and "error" in result.output
    rows = {r["id"]: r for r in pq.read_table(out).to_pylist()}
    assert set(rows) == {"one.txt", "sub/two.txt", "bad.bin"}
    assert rows["sub/two.txt"]["spans"] == 2 and "binary" in rows["bad.bin"]["error"]


def test_scan_json_summary_and_resume(app, tmp_path):
    corpus = make_folder(tmp_path / "corpus")
    out = tmp_path / "out.parquet"
    args = ["scan", str(corpus), "-o", str(out), "-w", "1", "--quiet", "--json"]
    first = json.loads(CliRunner().invoke(app, args + ["--limit", "1"]).output)
    second = json.loads(CliRunner().invoke(app, args).output)
    assert (first["rows_new"], second["rows_new"], second["skipped_done"], second["rows_total"]) == (1, 2, 1, 3)
    assert set(second["bands"]) >= {"clean (<0.2)", "spun (>=0.8)", "error"}


def test_bad_input_is_one_line_and_exit_2(app, tmp_path):
    result = CliRunner().invoke(app, ["scan", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.output.strip().startswith("unspin: error: no such file") and "Traceback" not in result.output


def test_unknown_engine_and_address_without_ray_are_config_errors(app, tmp_path):
    corpus = make_folder(tmp_path / "corpus")
    result = CliRunner().invoke(app, ["scan", str(corpus), "-o", str(tmp_path / "o"), "--engine", "spark"])
    assert result.exit_code == 2 and "unknown engine 'spark'" in result.output
    result = CliRunner().invoke(app, ["scan", str(corpus), "-o", str(tmp_path / "p"), "--address", "auto"])
    assert result.exit_code == 2 and "--address only applies to --engine ray" in result.output


def test_bad_or_unreachable_ray_address_fails_fast(app, tmp_path):
    corpus = make_folder(tmp_path / "corpus")
    for address, message in (("nonsense", "is not a Ray cluster address"),
                             ("127.0.0.1:1", "cannot reach the Ray cluster")):
        result = CliRunner().invoke(app, ["scan", str(corpus), "-o", str(tmp_path / "o"), "--engine", "ray",
                                          "--address", address, "--quiet"])
        assert result.exit_code == 2 and message in result.output, result.output
