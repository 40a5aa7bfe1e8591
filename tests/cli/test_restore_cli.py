"""`unspin restore` and `unspin detect` through the real CLI, with the fast restorer."""
import json

import pytest
from typer.testing import CliRunner

from unspin.cli import load_commands

SPUN = "The rural went to combat last year, and the authorities stated that raw petroleum costs had risen."


@pytest.fixture(scope="module")
def run():
    app = load_commands()
    runner = CliRunner()
    return lambda args, stdin=None: runner.invoke(app, args, input=stdin)


def test_restore_prints_text_and_json_offsets_match_the_input(run, tmp_path):
    f = tmp_path / "spun.txt"
    f.write_text(SPUN)
    plain = run(["restore", "--fast", str(f)])
    assert plain.exit_code == 0
    data = json.loads(run(["restore", "--fast", "--json", str(f)]).stdout)
    assert plain.stdout.rstrip("\n") == data["restored"]
    assert set(data) >= {"restored", "spin_score", "edits"}
    for e in data["edits"]:
        assert SPUN[e["start"]:e["end"]] == e["spun"]
        assert set(e) >= {"start", "end", "spun", "original", "confidence", "alternatives"}


def test_restore_reads_stdin_and_writes_an_html_report(run, tmp_path):
    out = tmp_path / "r.html"
    result = run(["restore", "--fast", "--html", str(out), "-"], SPUN)
    assert result.exit_code == 0
    page = out.read_text()
    assert page.startswith("<!doctype html>") and "Spin score" in page
    assert "<script src" not in page and "<link" not in page  # self-contained: opens offline


@pytest.mark.parametrize("command", ["restore", "detect"])
def test_jsonl_line_that_is_not_utf8_gets_a_clear_error_record(run, command):
    lines = json.dumps({"id": "a", "text": SPUN}).encode() + b"\n\xff\xfe\n"
    records = [json.loads(x) for x in run([command, "--fast", "--jsonl"], lines).stdout.splitlines()]
    assert records[0]["id"] == "a" and "error" not in records[0]
    assert records[1] == {"id": 2, "error": {"code": "invalid_input",
                                             "message": "line 2 is not valid UTF-8 text (bad byte at offset 0)"}}


def test_an_unwritable_report_is_one_error_line_and_the_restored_text_is_kept(run, tmp_path):
    result = run(["restore", "--fast", "--html", str(tmp_path / "missing" / "r.html"), "-"], SPUN)
    assert result.exit_code == 2
    assert "The" in result.stdout and "Traceback" not in result.output
    assert (result.stderr.strip().splitlines()[-1].startswith("unspin: error: cannot write")
            and "r.html" in result.stderr)


def test_jsonl_batch_keeps_ids_and_reports_bad_lines(run):
    lines = "\n".join([json.dumps({"id": "a", "text": SPUN}), "not json", json.dumps({"id": "c", "text": ""})])
    result = run(["restore", "--fast", "--jsonl", "--quiet"], lines)
    records = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a", 2, "c"]
    assert "error" in records[1] and records[2]["restored"] == ""
    assert result.exit_code == 1


@pytest.mark.parametrize("content, message", [
    (b"\x00\x01\x02binary", "binary"),
    (b"caf\xe9 au lait", "not valid UTF-8"),
])
def test_bad_input_is_one_clear_line_and_exit_2(run, tmp_path, content, message):
    f = tmp_path / "bad"
    f.write_bytes(content)
    result = run(["restore", "--fast", str(f)])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_size_limit_and_missing_file(run, tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("word " * 100)
    assert run(["restore", "--fast", "--max-bytes", "100", str(f)]).exit_code == 2
    missing = run(["restore", "--fast", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_empty_input_gives_empty_output(run):
    result = run(["restore", "--fast", "-"], "")
    assert result.exit_code == 0 and result.stdout == ""


def test_detect_folder_reports_unreadable_files_and_goes_on(run, tmp_path):
    (tmp_path / "a.txt").write_text(SPUN)
    (tmp_path / "b.bin").write_bytes(b"\x00\x00")
    (tmp_path / "c.txt").write_text("The weather was cold in the city today, and people stayed at home.")
    result = run(["detect", "--fast", str(tmp_path)])
    assert result.exit_code == 1  # the others are answered, but a script must notice the one it could not read
    assert "a.txt" in result.stdout and "c.txt" in result.stdout and "b.bin" in result.stderr
    data = [json.loads(x) for x in run(["detect", "--fast", "--json", str(tmp_path / "a.txt")]).stdout.splitlines()]
    assert 0 <= data[0]["probability"] <= 1 and "spans" in data[0]


def test_detect_writes_one_html_report_for_a_folder(run, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "spun.txt").write_text("The method uses bolster vector machines to label the samples.")
    (docs / "clean.txt").write_text("The city council met on Monday.")
    out = tmp_path / "report.html"
    result = run(["detect", "--fast", "--html", str(out), str(docs)])
    assert result.exit_code == 0
    page = out.read_text()
    assert page.count("<tr><td>") >= 3  # a summary row per document, and the flagged span's row
    assert "clean.txt" in page and 'href="#doc1"' in page  # spun.txt (second in order) has a section
    assert "bolster vector</mark>" in page and "listed tortured phrase" in page
    assert "<script src" not in page and "<link" not in page


def test_detect_refuses_an_unwritable_report_before_reading(run, tmp_path):
    result = run(["detect", "--fast", "--html", str(tmp_path / "missing" / "r.html"), "-"], SPUN)
    assert result.exit_code == 2 and result.stdout == ""
    assert "cannot write" in result.stderr and "Traceback" not in result.output


def test_detect_of_only_unreadable_input_exits_2_like_restore(run, tmp_path):
    missing = run(["detect", "--fast", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    assert run(["detect", "--fast", str(tmp_path)]).exit_code == 0  # an empty folder is nothing to read, not an error


def test_detect_reads_many_documents_together_and_answers_in_input_order(run, tmp_path, monkeypatch):
    import unspin.cli.detect as detect_cli

    monkeypatch.setattr(detect_cli, "CHUNK_DOCS", 3)
    texts = [SPUN, "The weather was cold in the city today.", SPUN.upper(), "", "Short one.", SPUN]
    lines = "\n".join(json.dumps({"id": f"d{n}", "text": t}) for n, t in enumerate(texts))
    lines += '\n{"id": "bad"}\n'
    result = run(["detect", "--fast", "--jsonl"], lines)
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == [f"d{n}" for n in range(len(texts))] + [7]
    assert "error" in rows[-1] and "probability" not in rows[-1] and result.exit_code == 1
    alone = [json.loads(run(["detect", "--fast", "--json", "-"], t).stdout) for t in texts]
    assert [{k: v for k, v in r.items() if k != "id"} for r in rows[:-1]] == [
        {k: v for k, v in a.items() if k != "id"} for a in alone]


def test_detect_shows_progress_for_long_input_unless_quiet(run, monkeypatch):
    import unspin.cli.detect as detect_cli
    from unspin.cli.common import LONG_INPUT_CHARS

    quiet_flags = []

    def spy(label, quiet):
        quiet_flags.append(quiet)
        return real(label, True)

    real = detect_cli.progress_bar
    monkeypatch.setattr(detect_cli, "progress_bar", spy)
    long = (SPUN + "\n") * (LONG_INPUT_CHARS // len(SPUN) + 1)
    for args, text in ([[], long], [["--quiet"], long], [[], SPUN]):
        assert run(["detect", "--fast", *args, "-"], text).exit_code == 0
    assert quiet_flags == [False, True, True]


def test_detect_span_threshold_sets_how_sure_a_flag_must_be(run):
    def spans(*extra):
        result = run(["detect", "--fast", "--json", *extra, "-"], SPUN)
        assert result.exit_code == 0
        return json.loads(result.stdout)["spans"]

    every, default, none = spans("--span-threshold", "0"), spans(), spans("--span-threshold", "1")
    assert len(every) > len(default) >= len(none) == 0
    assert all(SPUN[s["start"]:s["end"]] == s["spun"] for s in every)
    assert run(["detect", "--fast", "--span-threshold", "1.5", "-"], SPUN).exit_code == 2


def test_detect_thorough_needs_the_language_model(run):
    result = run(["detect", "--fast", "--thorough", "-"], SPUN)
    assert result.exit_code == 2
    assert "needs the language model" in result.output and "Traceback" not in result.output


def test_detect_names_listed_tortured_phrases_and_new_disguises(run):
    from unspin.cli.detect import _marker
    from unspin.result import Edit

    text = "The method uses bolster vector machines to label the samples from the trial."
    assert "'bolster vector'→'support vector' [known]" in run(["detect", "--fast", "-"], text).stdout
    assert run(["detect", "--fast", "--no-read-terms", "-"], text).exit_code == 0  # the n-gram path has none anyway
    [span] = json.loads(run(["detect", "--fast", "--json", "-"], text).stdout)["spans"]
    assert (span["known_tortured"], span["expected_wording"]) == (True, "support vector")
    disguise = Edit(4, 13, "illness", "disease", 0.8, known_term=True, expected_wording="congenital heart disease")
    assert _marker(disguise) == " [term: congenital heart disease]"


@pytest.mark.parametrize("command", ["restore", "detect"])
def test_a_jsonl_batch_says_whether_it_was_learned_from_and_can_be_read_text_by_text(run, command):
    texts = ["The weather was cold in the city today, and the officials said the roads were closed.",
             "Prices rose again this year, and the country went to war over crude oil.",
             "It was here that the council met to talk about the new school budget.",
             "Officials said the rain would stop by the end of the week.", SPUN]
    lines = "\n".join(json.dumps({"id": n, "text": t}) for n, t in enumerate(texts))
    batch = run([command, "--fast", "--jsonl"], lines)
    alone = run([command, "--fast", "--jsonl", "--no-learn-batch"], lines)
    assert batch.exit_code == alone.exit_code == 0
    assert "the 5 documents of this batch do not look like one spinner's output" in batch.stderr
    assert "batch" not in alone.stderr and batch.stdout == alone.stdout  # mostly clean news: each text read alone


def test_restore_and_detect_name_the_known_spinner_they_read_a_text_with(run, tmp_path, news_farm_paragraph):
    f = tmp_path / "farm.txt"
    f.write_text(news_farm_paragraph[1])
    for command in ("restore", "detect"):
        found = json.loads(run([command, "--fast", "--json", str(f)]).stdout.splitlines()[0])
        assert found["known_spinner"] == "news-farm"
        plain = json.loads(run([command, "--fast", "--json", "--no-known-spinners", str(f)]).stdout.splitlines()[0])
        assert "known_spinner" not in plain
    assert "[spinner: news-farm]" in run(["detect", "--fast", str(f)]).stdout
