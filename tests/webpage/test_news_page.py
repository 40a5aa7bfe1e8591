"""A saved news page (a spun Brown news story inside navigation, ads, scripts, comments and a footer) reads as its
plain text: the same extracted text, detection and restoration, through the library and the CLI."""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import unspin
from unspin.cli import load_commands
from unspin.webpage import extract_text, read_page

HERE = Path(__file__).parent
PAGE = HERE / "news_page.html"
PLAIN = (HERE / "news_page.txt").read_text(encoding="utf-8").rstrip("\n")


def test_the_main_text_is_the_story_alone():
    assert extract_text(PAGE.read_text(encoding="utf-8")) == PLAIN


def _same_detection(fast: bool) -> None:
    page, plain = unspin.detect(read_page(PAGE.read_bytes()).text, fast=fast), unspin.detect(PLAIN, fast=fast)
    assert page.to_dict() == plain.to_dict()
    assert plain.is_spun and plain.spans


def _same_restoration(fast: bool) -> None:
    page, plain = unspin.restore(read_page(PAGE.read_bytes()).text, fast=fast), unspin.restore(PLAIN, fast=fast)
    assert page.to_dict() == plain.to_dict()
    assert plain.edits


def test_fast_detection_and_restoration_are_those_of_the_plain_text():
    _same_detection(fast=True)
    _same_restoration(fast=True)


@pytest.mark.model
def test_language_model_detection_and_restoration_are_those_of_the_plain_text():
    _same_detection(fast=False)
    _same_restoration(fast=False)


@pytest.fixture(scope="module")
def run():
    app = load_commands()
    runner = CliRunner()
    return lambda args: runner.invoke(app, args)


def test_cli_json_gives_the_extracted_text_its_offsets_refer_to(run, tmp_path):
    (tmp_path / "story.txt").write_text(PLAIN)
    for command in ("detect", "restore"):
        from_page = json.loads(run([command, "--fast", "--json", str(PAGE)]).stdout)
        from_text = json.loads(run([command, "--fast", "--json", str(tmp_path / "story.txt")]).stdout)
        assert from_page.pop("extracted_text") == PLAIN
        from_page.pop("id", None), from_text.pop("id", None)
        assert from_page == from_text
        for span in from_page.get("spans", from_page.get("edits")):
            assert PLAIN[span["start"]:span["end"]] == span["spun"]


def test_keep_html_changes_only_the_restored_words(run):
    result = run(["restore", "--fast", "--keep-html", str(PAGE)])
    assert result.exit_code == 0, result.output
    restored = unspin.restore(PLAIN, fast=True)
    written = result.stdout_bytes
    assert extract_text(written.decode("utf-8")) == restored.restored
    original = PAGE.read_bytes()
    assert written.count(b"<") == original.count(b"<")  # every tag kept
    assert written.startswith(original[:original.index(b"<h1>")])  # head, menus and ads untouched
    assert written.endswith(original[original.index(b"</article>"):])


def test_keep_html_of_plain_text_is_a_clear_error(run, tmp_path):
    (tmp_path / "story.txt").write_text(PLAIN)
    result = run(["restore", "--fast", "--keep-html", str(tmp_path / "story.txt")])
    assert result.exit_code == 2
    assert "--keep-html needs a web page" in result.stderr and "Traceback" not in result.output


def test_trace_of_the_page_finds_the_story_and_gives_its_text(run, tmp_path):
    (tmp_path / "story.txt").write_text(PLAIN)
    index = str(tmp_path / "refs.sqlite")
    assert run(["index", "add", "--index", index, "--no-embed", "--quiet", str(tmp_path / "story.txt")]).exit_code == 0
    found = json.loads(run(["trace", "--index", index, "--json", str(PAGE)]).stdout)
    assert found["found"] and found["matches"][0]["doc_id"].endswith("story.txt")
    assert found["extracted_text"] == PLAIN
