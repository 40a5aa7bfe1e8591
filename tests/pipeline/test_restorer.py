from hypothesis import given, settings
from hypothesis import strategies as st


def test_restores_thesaurus_spins_and_keeps_everything_else(fake_restorer):
    text = "The rural went to combat,  and  raw petroleum prices rose."
    r = fake_restorer.restore(text)
    assert r.restored == "The country went to war,  and  crude oil prices rose."
    assert [(text[e.start:e.end], e.original) for e in r.edits][:2] == [("rural", "country"), ("combat", "war")]
    assert all(0 < e.confidence <= 1 for e in r.edits)


def test_known_tortured_phrase_is_restored_and_flagged(fake_restorer):
    r = fake_restorer.restore("Counterfeit consciousness is here.")
    assert r.restored == "Artificial intelligence is here."
    assert r.edits[0].known_tortured and r.edits[0].expected_wording == "artificial intelligence"
    assert r.to_dict()["edits"][0]["expected_wording"] == "artificial intelligence"


def test_names_are_left_alone(fake_restorer):
    r = fake_restorer.restore("It was cold in Rural today.")
    assert "Rural" in r.restored


def test_empty_and_non_english_text_are_returned_unchanged(fake_restorer):
    assert fake_restorer.restore("").restored == ""
    german = "Der Krieg in Europa hat die Preise für Gas und Strom in diesem Winter stark erhöht, sagten Beamte."
    r = fake_restorer.restore(german)
    assert r.restored == german and not r.edits and r.warnings


PIECES = ["The", "rural", "combat", "raw", "petroleum", "stated", "went", "to", "Rural", "counterfeit",
          "consciousness", " ", "  ", "\n", "\n\n", "\t", ",", ".", "!", '"', "“", "”", "’", "'", "-", "3,000", "é"]
texts = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_text_without_edits_comes_back_byte_identical(fake_restorer, text):
    r = fake_restorer.restore(text)
    pieces, pos = [], 0
    for e in r.edits:
        assert text[e.start:e.end] == e.spun
        pieces += [text[pos:e.start], e.original]
        pos = e.end
    assert r.restored == "".join(pieces) + text[pos:]
    if not r.edits:
        assert r.restored == text


def test_restorer_sees_only_the_text_it_is_given(fake_restorer):
    fake_restorer.scorer.seen.clear()
    fake_restorer.restore("The rural went to combat.")
    assert all(set(t.split()) <= {"The", "rural", "country", "went", "to", "combat.", "war.", "nation", "land",
                                  "conflict.", "combat", "war", "conflict", "."} for t in fake_restorer.scorer.seen)


def test_second_pass_over_runner_up_options_gives_the_same_restoration(fake_restorer):
    from dataclasses import replace

    text = "The rural went to combat, and raw petroleum prices rose."
    params = fake_restorer.decoder.params
    try:
        fake_restorer.decoder.params = replace(params, options=3, second_look=0.0, runner_up_look=0.0)
        assert fake_restorer.restore(text).restored == "The country went to war, and crude oil prices rose."
    finally:
        fake_restorer.decoder.params = params


LONG_SPUN = "The rural went to combat. Counterfeit consciousness is here. " * 7 + "It was cold."


def test_decider_cut_gates_long_texts_by_their_spin_score():
    import numpy as np

    from unspin.pipeline.decider import FEATURES, Decider
    from unspin.pipeline.trees import Logistic

    zeros = Logistic(np.zeros(len(FEATURES)))
    plain, gated = Decider(zeros, 0.4), Decider(zeros, 0.4, gated_threshold=0.25)
    assert plain.cut(0.1, 500) == plain.cut(0.9, 500) == 0.4
    assert gated.cut(0.1, 30) == gated.cut(0.9, 30) == 0.4  # too short for the calibration to say much
    assert gated.cut(0.9, 500) == 0.25
    assert gated.cut(0.1, 500) is None  # read as clean: listed tortured phrases only


def test_a_long_text_read_as_clean_keeps_its_words_but_listed_phrases(fake_restorer, monkeypatch):
    from unspin.pipeline.calibration import DocCalibration

    monkeypatch.setattr(fake_restorer.decoder.decider, "gated_threshold", 0.5)
    monkeypatch.setattr(fake_restorer, "calibration", DocCalibration(bias=-50.0))
    clean = fake_restorer.restore(LONG_SPUN)
    assert clean.spin_score < 0.5 and clean.edits and all(e.known_tortured for e in clean.edits)
    assert "rural" in clean.restored and "Counterfeit" not in clean.restored
    assert any("doubtful swap(s) left as written" in w for w in clean.warnings)
    monkeypatch.setattr(fake_restorer, "calibration", DocCalibration(bias=50.0))
    spun = fake_restorer.restore(LONG_SPUN)
    assert spun.spin_score > 0.5 and "rural" not in spun.restored and "combat" not in spun.restored
    assert not spun.warnings


def test_a_restored_word_takes_the_texts_own_apostrophe(fake_restorer):
    from unspin.learn.em import with_learned

    reader = with_learned(fake_restorer, {"combat's": [("war's", 6.0)]}, frozenset({("combat's", "war's")}))
    curly = reader.restore("The rural went to the combat’s end. It’s cold.")
    assert [e.original for e in curly.edits] == ["country", "war’s"] and "war’s end. It’s" in curly.restored
    assert reader.restore("The rural went to the combat's end.").edits[1].original == "war's"
