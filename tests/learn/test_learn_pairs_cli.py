"""`unspin learn --pairs`: JSON lines, two folders, a trace index; bad pairs are warnings, nothing usable is exit 2."""
import json

import pytest
from test_pairs import ORIGINALS, OTHER, SPUN
from typer.testing import CliRunner

from unspin.cli import app, load_commands

load_commands()
runner = CliRunner()


def _learn(*args):
    return runner.invoke(app, ["learn", *map(str, args)])


def _pairs_file(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _rows():
    return [{"id": f"p{k}", "spun": s, "original": o} for k, (s, o) in enumerate(zip(SPUN, ORIGINALS))]


def test_jsonl_pairs_make_a_profile_restore_and_identify_read(tmp_path):
    pairs = _pairs_file(tmp_path / "pairs.jsonl", _rows())
    out = tmp_path / "profiles" / "farm.json"
    r = _learn("--pairs", pairs, "-o", out)
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text())
    assert data["name"] == "farm" and data["documents"] == 3 and data["notes"]["learned_from"] == "pairs"
    row = next(p for p in data["pairs"] if p["spun"] == "rural")
    assert (row["original"], row["count"], row["documents"], row["examples"]) == ("country", 3, 3, ["p0", "p1", "p2"])
    assert "pairs learned from 3 documents" in r.output
    spun = tmp_path / "spun.txt"
    spun.write_text(SPUN[0])
    plain = runner.invoke(app, ["restore", "--fast", str(spun)])
    restored = runner.invoke(app, ["restore", "--fast", "--profile", str(out), str(spun)])
    assert restored.exit_code == 0 and "petroleum" in plain.stdout and "petroleum" not in restored.stdout
    identified = runner.invoke(app, ["identify", str(spun), "--profiles", str(out.parent), "--json"])
    assert identified.exit_code == 0 and json.loads(identified.stdout.splitlines()[-1])["best"] == "farm"


def test_bad_pairs_are_one_warning_each_and_the_rest_are_learned(tmp_path):
    rows = _rows() + [{"id": "same", "spun": ORIGINALS[0], "original": ORIGINALS[0]},
                      {"id": "wrong", "spun": SPUN[1] + " Again.", "original": OTHER}, {"id": "half"}]
    pairs = _pairs_file(tmp_path / "pairs.jsonl", rows)
    pairs.write_text(pairs.read_text() + "not json\n")
    r = _learn("--pairs", pairs, "-o", tmp_path / "p.json")
    assert r.exit_code == 0 and "Traceback" not in r.output
    for expected in ("same: the spun text is the same as its original", "wrong: its original does not look like",
                     'half: line 6 has no "spun" text', "line 7: not a valid JSON line"):
        assert f"unspin: warning: {expected}" in r.output
    assert json.loads((tmp_path / "p.json").read_text())["notes"]["skipped"]["mismatched"] == ["wrong"]


@pytest.mark.parametrize("rows", [[], [{"id": "same", "spun": ORIGINALS[0], "original": ORIGINALS[0]},
                                       {"id": "wrong", "spun": SPUN[0], "original": OTHER}]])
def test_nothing_usable_is_one_error_line_and_no_profile(tmp_path, rows):
    pairs = _pairs_file(tmp_path / "pairs.jsonl", rows)
    r = _learn("--pairs", pairs, "-o", tmp_path / "p.json")
    assert r.exit_code == 2 and r.output.count("unspin: error:") == 1
    assert ("holds no pairs" if not rows else "none of the 2 pairs could be used (1 unspun, 1 mismatched)") in r.output
    assert not (tmp_path / "p.json").exists()


def _folders(tmp_path, original_suffix):
    """A folder of the spun texts and one of their originals, file k in each."""
    spun, originals = tmp_path / "spun", tmp_path / "originals"
    for folder, texts, suffix in ((spun, SPUN, ".txt"), (originals, ORIGINALS, original_suffix)):
        folder.mkdir()
        for k, text in enumerate(texts):
            (folder / f"{k}{suffix}").write_text(text)
    return spun, originals


def test_two_folders_are_matched_by_file_name(tmp_path):
    spun, originals = _folders(tmp_path, ".md")
    (spun / "lonely.txt").write_text(SPUN[0])
    r = _learn("--pairs", spun, "--originals", originals, "-o", tmp_path / "p.json", "-q")
    assert r.exit_code == 0, r.output
    assert "lonely.txt: no original named like it" in r.output
    assert json.loads((tmp_path / "p.json").read_text())["documents"] == 3


def test_an_index_finds_the_originals(tmp_path):
    pile, refs = _folders(tmp_path, ".txt")
    index = tmp_path / "i.sqlite"
    assert runner.invoke(app, ["index", "add", str(refs), "--index", str(index), "--no-embed", "-q"]).exit_code == 0
    r = _learn("--pairs", pile, "--index", index, "-o", tmp_path / "p.json", "-q")
    assert r.exit_code == 0, r.output
    data = json.loads((tmp_path / "p.json").read_text())
    assert data["documents"] == 3 and data["notes"]["index"] == str(index)


@pytest.mark.parametrize("extra", [["pile.jsonl"], ["--fast"], ["--originals", "a", "--index", "b"]])
def test_options_that_do_not_go_with_pairs_are_refused(tmp_path, extra):
    pairs = _pairs_file(tmp_path / "pairs.jsonl", _rows())
    r = _learn("--pairs", pairs, *extra, "-o", tmp_path / "p.json")
    assert r.exit_code == 2 and r.output.count("unspin: error:") == 1


def test_missing_pairs_file_or_folder_is_one_error_line(tmp_path):
    for args in (["--pairs", tmp_path / "none.jsonl"], ["--pairs", tmp_path, "--originals", tmp_path / "none"]):
        r = _learn(*args, "-o", tmp_path / "p.json")
        assert r.exit_code == 2 and r.output.count("unspin: error:") == 1 and "no such" in r.output


def test_base_adds_new_pairs_to_a_profile_learned_from_pairs(tmp_path):
    first, grown = tmp_path / "first.json", tmp_path / "grown.json"
    assert _learn("--pairs", _pairs_file(tmp_path / "a.jsonl", _rows()[:2]), "-o", first).exit_code == 0
    r = _learn("--pairs", _pairs_file(tmp_path / "b.jsonl", _rows()[2:]), "--base", first, "-o", grown)
    assert r.exit_code == 0, r.output
    data = json.loads(grown.read_text())
    row = next(p for p in data["pairs"] if p["spun"] == "rural")
    assert data["name"] == "first" and data["documents"] == 3 and (row["count"], row["documents"]) == (3, 3)
    again = _learn("--pairs", _pairs_file(tmp_path / "c.jsonl", [_rows()[0] | {"spun": ORIGINALS[0]}]),
                   "--base", first, "-o", tmp_path / "none.json")
    assert again.exit_code == 2 and "none of the 1 pairs could be used (1 unspun)" in again.output


def test_base_learned_from_a_pile_is_refused_with_pairs(tmp_path):
    pile_profile = tmp_path / "pile.json"
    pile_profile.write_text(json.dumps({"name": "pile", "notes": {"learned_from": "pile"}, "pairs": []}))
    r = _learn("--pairs", _pairs_file(tmp_path / "a.jsonl", _rows()), "--base", pile_profile, "-o", tmp_path / "p.json")
    assert r.exit_code == 2 and r.output.count("unspin: error:") == 1 and "not learned from pairs" in r.output
