import json

import pytest
from trace_fakes import toy_spin
from typer.testing import CliRunner

from unspin.cli import load_commands

runner = CliRunner()


@pytest.fixture
def app():
    return load_commands()


@pytest.fixture
def built(app, tmp_path, corpus):
    folder = tmp_path / "refs"
    folder.mkdir()
    for name, text in corpus.items():
        (folder / f"{name}.txt").write_text(text)
    (folder / "copy_of_json.md").write_text(corpus["json"])
    index = tmp_path / "i.sqlite"
    r = runner.invoke(app, ["index", "add", str(folder), "--index", str(index), "--no-embed", "-q"])
    assert r.exit_code == 0, r.output
    assert "duplicates" in r.output
    return index, folder


def test_index_stats_and_remove(app, built, corpus):
    index, folder = built
    r = runner.invoke(app, ["index", "stats", "--index", str(index), "--json"])
    stats = json.loads(r.stdout)
    assert stats["documents"] == len(corpus) + 1 and stats["duplicate_documents"] == 1
    r = runner.invoke(app, ["index", "remove", str(folder / "csv.txt"), "--index", str(index)])
    assert r.exit_code == 0 and "removed 1" in r.stdout
    r = runner.invoke(app, ["index", "remove", "nope", "--index", str(index)])
    assert r.exit_code == 1 and "not in the index: nope" in r.stderr


def test_trace_json_html_and_stdin(app, built, corpus, tmp_path):
    index, folder = built
    suspect = tmp_path / "suspect.txt"
    suspect.write_text(toy_spin(corpus["gettext"]))
    out_html = tmp_path / "r.html"
    r = runner.invoke(app, ["trace", str(suspect), "--index", str(index), "--json", "--no-restore",
                            "--html", str(out_html)])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["found"] and data["matches"][0]["doc_id"] == str(folder / "gettext.txt")
    assert data["matches"][0]["substitutions"]
    assert "<mark" in out_html.read_text()
    r = runner.invoke(app, ["trace", "-", "--index", str(index), "--no-restore"], input=toy_spin(corpus["json"]))
    assert r.exit_code == 0
    assert "1. " in r.stdout and "identical text also indexed as" in r.stdout


def test_no_source_found_exits_zero(app, built, tmp_path):
    index, _ = built
    r = runner.invoke(app, ["trace", "-", "--index", str(index), "--no-restore"],
                      input="Bananas ripen faster in a paper bag with an apple, my grandmother always said.")
    assert r.exit_code == 0 and "no source found" in r.stdout


def test_bad_input_gives_one_line_errors(app, built, tmp_path):
    index, _ = built
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    r = runner.invoke(app, ["trace", str(binary), "--index", str(index)])
    assert r.exit_code == 2 and "binary" in r.stderr and "Traceback" not in r.output
    r = runner.invoke(app, ["trace", str(tmp_path / "missing.txt"), "--index", str(index)])
    assert r.exit_code == 2 and "no such file" in r.stderr
    r = runner.invoke(app, ["trace", "-", "--index", str(tmp_path / "none.sqlite")], input="text")
    assert r.exit_code == 2 and "no index at" in r.stderr
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    r = runner.invoke(app, ["index", "add", str(tmp_path / "x.pdf"), "--index", str(index), "--no-embed"])
    assert r.exit_code == 2 and "unsupported file type" in r.stderr
    r = runner.invoke(app, ["index", "stats", "--index", str(tmp_path / "none.sqlite")])
    assert r.exit_code == 2
