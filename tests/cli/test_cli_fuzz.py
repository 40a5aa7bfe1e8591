"""Fuzzing the command line's readers end to end with the fast restorer: any file, web page or JSON line gives a
result or one error line with exit code 1 or 2, never a traceback."""
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from fuzz_strategies import fuzz, html_soup
from unspin.cli import load_commands
from unspin.cli.common import jsonl_records

FILES = st.binary(max_size=300) | html_soup(25).map(lambda h: h.encode("utf-8", "surrogatepass"))


@pytest.fixture(scope="module")
def run():
    app = load_commands()
    runner = CliRunner()
    return lambda args, stdin=None: runner.invoke(app, args, input=stdin)


def _clean(result):
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert all(line.startswith("unspin: ") for line in result.stderr.splitlines()), result.stderr


@fuzz(40)
@given(FILES, st.sampled_from(["page.html", "notes.txt", "-"]))
def test_restore_and_detect_of_any_file_never_show_a_traceback(run, tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("c") / ("in" if name == "-" else name)
    path.write_bytes(data)
    arg, stdin = ("-", data) if name == "-" else (str(path), None)
    for args in (["restore", "--fast", "--json", "--quiet", arg], ["detect", "--fast", "--json", "--quiet", arg],
                 ["restore", "--fast", "--keep-html", "--quiet", arg]):
        _clean(run(args, stdin))


@fuzz(150)
@given(st.lists(st.binary(max_size=60) | st.fixed_dictionaries({"id": st.integers() | st.text(max_size=4),
                                                                 "text": html_soup(8) | st.text(max_size=30)}).map(
    lambda d: json.dumps(d).encode()), max_size=8))
def test_jsonl_records_give_one_item_per_non_blank_line(lines):
    lines = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
    stream = (b"\n".join(lines) + b"\n").splitlines(keepends=True)
    items = list(jsonl_records(iter(stream), max_bytes=10_000))
    assert len(items) == sum(1 for line in lines if line.strip())
