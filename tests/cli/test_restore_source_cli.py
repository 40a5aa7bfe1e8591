"""`unspin restore --source` and `--index`: restoring from a known source through the real CLI."""
import json

import pytest
from typer.testing import CliRunner

from test_source import SOURCE, SPUN
from unspin.cli import load_commands

OTHER = ("Compilers translate source code into machine code, and linkers join the object files that result into one "
         "program that the operating system can load and run.")


@pytest.fixture(scope="module")
def run():
    app = load_commands()
    runner = CliRunner()
    return lambda args, stdin=None: runner.invoke(app, args, input=stdin)


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, text in (("source", SOURCE), ("spun", SPUN), ("other", OTHER)):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text)
    return paths


def test_source_restores_the_copy_and_json_says_what_changed(run, files):
    plain = run(["restore", "--source", str(files["source"]), str(files["spun"])])
    assert plain.exit_code == 0 and plain.stdout.rstrip("\n") == SOURCE
    data = json.loads(run(["restore", "--source", str(files["source"]), "--json", str(files["spun"])]).stdout)
    assert data["restored"] == SOURCE and data["source"]["name"] == str(files["source"])
    assert ("raw petroleum", "crude oil") in [(e["spun"], e["original"]) for e in data["edits"]]
    for e in data["edits"]:
        assert SPUN[e["start"] : e["end"]] == e["spun"]


def test_a_source_that_does_not_match_is_one_error_line_and_exit_2(run, files):
    r = run(["restore", "--source", str(files["other"]), str(files["spun"])])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert r.stderr.count("unspin: error:") == 1
    assert "does not look like the source" in r.stderr and "without a source" in r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("extra", [["--index", "x.sqlite"], ["--profile", "p.json"]])
def test_conflicting_options_are_refused(run, files, extra):
    r = run(["restore", "--source", str(files["source"]), *extra, str(files["spun"])])
    assert r.exit_code == 2 and r.stderr.startswith("unspin: error:")


def test_missing_source_file_is_one_error_line(run, files, tmp_path):
    r = run(["restore", "--source", str(tmp_path / "none.txt"), str(files["spun"])])
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_index_finds_the_source_and_restores_from_it(run, files, tmp_path):
    index = tmp_path / "i.sqlite"
    assert run(["index", "add", str(files["source"]), str(files["other"]), "--index", str(index), "--no-embed",
                "-q"]).exit_code == 0
    r = run(["restore", "--index", str(index), "--json", str(files["spun"])])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["restored"] == SOURCE and data["source"]["name"] == str(files["source"])
    lines = json.dumps({"id": "a", "text": SPUN}) + "\n" + json.dumps({"id": "b", "text": "Short and unrelated."})
    records = [json.loads(x) for x in run(["restore", "--index", str(index), "--jsonl"], lines).stdout.splitlines()]
    assert records[0]["restored"] == SOURCE
    assert records[1]["error"]["code"] == "source_mismatch"


def test_missing_index_is_one_error_line(run, files, tmp_path):
    r = run(["restore", "--index", str(tmp_path / "none.sqlite"), str(files["spun"])])
    assert r.exit_code == 2 and r.stderr.count("unspin: error:") == 1
