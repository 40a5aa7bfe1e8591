"""The synonym-group spinner: every match replaced under the engine's rules, gold that restores the text exactly."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from unspin.cli import load_commands
from unspin.errors import ConfigError
from unspin.spin import apply_gold
from unspin.spin.groups import DictionarySpinner, Engine, read_groups

GROUPS = [
    ["quick", "fast", "rapid"],
    ["is", "remains"],
    ["in order to", "so as to"],
    ["order", "command"],
    ["house", "home", "dwelling"],
    ["lonely"],  # malformed: nothing to swap with
    ["fast food", "junk food"],
]


def spin(text, **engine):
    return DictionarySpinner(GROUPS, Engine(**engine), seed=3).spin(text)


def test_every_match_is_replaced_by_another_member_and_gold_restores_the_text():
    text = "The quick fox is home. It went in order to eat."
    result = spin(text)
    assert apply_gold(result.text, result.gold) == text
    assert {g.original for g in result.gold} == {"quick", "is", "home", "in order"}  # "so as to": "to" kept
    for g in result.gold:
        assert g.spun.lower() != g.original.lower() and g.kind == "dictionary"
        assert result.text[g.start : g.end] == g.spun


def test_first_member_only_leaves_the_other_members_alone():
    result = spin("a fast, rapid and quick house; a dwelling", match="first")
    assert sorted(g.original for g in result.gold) == ["house", "quick"]


def test_earlier_line_wins_an_overlap_unless_the_longest_phrase_is_preferred():
    text = "they ate fast food"
    by_line = spin(text)
    assert [g.original for g in by_line.gold] == ["fast"]  # the "quick" line comes first in the file
    longest = spin(text, prefer="longest")
    assert [(g.original, g.spun) for g in longest.gold] == [("fast", "junk")]  # from "fast food", "food" kept
    assert [g.original for g in spin("in order to go").gold] == ["in order"]  # the line before "order"


def test_case_is_kept():
    result = spin("Quick thinking. HOUSE rules.")
    spun = {g.original: g.spun for g in result.gold}
    assert spun["Quick"][0].isupper() and spun["Quick"][1:].islower()
    assert spun["HOUSE"].isupper()


def test_a_phrase_does_not_run_across_punctuation_or_lines():
    assert [g.original for g in spin("in order\nto go").gold] == ["order"]
    assert [g.original for g in spin("fast. food").gold] == ["fast"]


def test_may_keep_sometimes_writes_the_word_back_and_rate_replaces_a_share():
    text = " ".join(["quick house"] * 200)
    kept = spin(text, may_keep=True)
    assert 0.45 < len(kept.gold) / 400 < 0.85  # two of three members differ from the found one
    assert apply_gold(kept.text, kept.gold) == text
    half = spin(text, rate=0.5)
    assert 0.35 < len(half.gold) / 400 < 0.65
    assert spin(text, rate=0.0).gold == []


def test_same_seed_same_output_and_bad_engines_are_config_errors():
    text = "The quick house is fast."
    assert spin(text).text == spin(text).text
    with pytest.raises(ConfigError):
        Engine(match="some")
    with pytest.raises(ConfigError):
        Engine(prefer="shortest")
    with pytest.raises(ConfigError):
        Engine(rate=1.5)


def test_dictionary_files_and_their_errors(tmp_path):
    good = tmp_path / "syn.dat"
    good.write_text("# comment\nquick|fast|rapid\n\nlonely|\nhouse|home\n", encoding="utf-8")
    assert read_groups(good)[0] == ["quick", "fast", "rapid"]
    bad = tmp_path / "bad.dat"
    bad.write_text("lonely|\nalone\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no synonym group"):
        read_groups(bad)
    with pytest.raises(ConfigError, match="no such dictionary"):
        read_groups(tmp_path / "none.dat")


WORDS = ["quick", "Quick", "fast", "food", "is", "in", "order", "to", "house", "HOUSE", "the", "a", "dwelling"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", " ", ", ", ".\n", "  "])), max_size=30),
       st.sampled_from(["any", "first"]), st.sampled_from(["line", "longest"]), st.booleans())
def test_gold_always_restores_the_original(pieces, match, prefer, may_keep):
    text = "".join(w + sep for w, sep in pieces)
    result = spin(text, match=match, prefer=prefer, may_keep=may_keep)
    assert apply_gold(result.text, result.gold) == text
    assert all(result.text[g.start : g.end] == g.spun != g.original for g in result.gold)


def test_cli_spins_with_a_dictionary_and_writes_gold(tmp_path):
    import json

    dictionary = tmp_path / "syn.dat"
    dictionary.write_text("quick|fast|rapid\nhouse|home\n", encoding="utf-8")
    gold = tmp_path / "gold.json"
    runner = CliRunner()
    text = "A quick house.\n"
    result = runner.invoke(load_commands(), ["spin", "-", "--dictionary", str(dictionary), "--gold", str(gold)],
                           input=text)
    assert result.exit_code == 0, result.output
    payload = json.loads(gold.read_text(encoding="utf-8"))
    assert len(payload["gold"]) == 2 and apply_gold(result.stdout, payload["gold"]) == text
    assert payload["settings"]["rate"] == 1.0
    missing = runner.invoke(load_commands(), ["spin", "-", "--dictionary", str(tmp_path / "no.dat")], input=text)
    assert missing.exit_code == 2 and "no such dictionary" in missing.output
    engine = runner.invoke(load_commands(), ["spin", "-", "--dictionary", str(dictionary), "--match", "all"],
                           input=text)
    assert engine.exit_code == 2 and "match" in engine.output


def test_gold_marks_only_the_words_that_changed():
    groups = [["the top", "the highest"], ["in the house", "in the home"]]
    result = DictionarySpinner(groups, Engine(), seed=0).spin("At the top of it, in the house.")
    assert result.text == "At the highest of it, in the home."
    assert [(g.original, g.spun) for g in result.gold] == [("top", "highest"), ("house", "home")]
    assert apply_gold(result.text, result.gold) == "At the top of it, in the house."
