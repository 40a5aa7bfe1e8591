import json

from learn_fixtures import FRENCH, pile_with_pairs
from typer.testing import CliRunner

from unspin.cli import app, load_commands

load_commands()
runner = CliRunner()


def _jsonl(path, texts):
    path.write_text("".join(json.dumps({"id": f"d{k}", "text": t}) + "\n" for k, t in enumerate(texts)))
    return path


def test_learn_writes_a_readable_profile_and_reports_what_it_skipped(fake_learner_restorer, tmp_path):
    pile = _jsonl(tmp_path / "pile.jsonl", pile_with_pairs() + [pile_with_pairs()[0], FRENCH])
    out = tmp_path / "spinner.json"
    result = runner.invoke(app, ["learn", str(pile), "-o", str(out), "--fast", "--name", "farm", "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["name"] == "farm" and data["documents"] == 5
    assert any(p["spun"] == "rural" and p["original"] == "country" for p in data["pairs"])
    assert "1 duplicate" in result.output and "1 not English" in result.output
    assert not (tmp_path / "spinner.json.learn-state.sqlite").exists()  # removed after a finished run


def test_learn_reads_a_folder(fake_learner_restorer, tmp_path):
    folder = tmp_path / "pile"
    folder.mkdir()
    for k, text in enumerate(pile_with_pairs()):
        (folder / f"{k}.txt").write_text(text)
    result = runner.invoke(app, ["learn", str(folder), "-o", str(tmp_path / "p.json"), "--fast"])
    assert result.exit_code == 0, result.output
    assert "pairs learned from 5 documents" in result.output


def test_learn_refuses_an_empty_or_missing_pile_in_one_line(fake_learner_restorer, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    for pile in (empty, tmp_path / "missing.jsonl"):
        result = runner.invoke(app, ["learn", str(pile), "-o", str(tmp_path / "p.json"), "--fast"])
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert result.output.count("unspin: error:") == 1
    assert not (tmp_path / "p.json").exists()


def test_learn_with_only_foreign_documents_explains_why_nothing_was_learned(fake_learner_restorer, tmp_path):
    pile = _jsonl(tmp_path / "fr.jsonl", [FRENCH, FRENCH + " Encore."])
    result = runner.invoke(app, ["learn", str(pile), "-o", str(tmp_path / "p.json"), "--fast"])
    assert result.exit_code == 2 and "2 not English" in result.output


def test_identify_ranks_profiles_and_prints_json(tmp_path):
    from test_identify import TEXT_A, A, B

    A.save(tmp_path / "a.json")
    B.save(tmp_path / "b.json")
    text = tmp_path / "t.txt"
    text.write_text(TEXT_A)
    result = runner.invoke(app, ["identify", str(text), "--profiles", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.splitlines()[-1])
    assert data["best"] == "alpha" and data["profiles"][0]["probability"] > 0.9
    plain = runner.invoke(app, ["identify", str(text), "--profiles", str(tmp_path)])
    ranked = [line.split()[1] for line in plain.output.splitlines() if "%" in line]
    assert plain.exit_code == 0 and ranked[0] == "alpha" and ranked[-1] == "none"
    assert "news-farm" in ranked  # the shipped known spinners are ranked beside a user's profiles ...
    alone = runner.invoke(app, ["identify", str(text), "--json"])  # ... and alone without --profiles
    assert alone.exit_code == 0 and "news-farm" in {p["profile"] for p in json.loads(alone.output.splitlines()[-1])[
        "profiles"]}


def test_identify_errors_are_one_line(tmp_path):
    (tmp_path / "bad.json").write_text("{not json")
    text = tmp_path / "t.txt"
    text.write_text("hello")
    for args in (["identify", str(text), "--profiles", str(tmp_path)],
                 ["identify", str(tmp_path / "none.txt"), "--profiles", str(tmp_path)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "Traceback" not in result.output
