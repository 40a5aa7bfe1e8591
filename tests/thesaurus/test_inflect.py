from unspin.thesaurus.inflect import inflect, readings


def test_past_tense_is_carried_over_to_the_original():
    tags = {tag for lemma, tag in readings("favored") if lemma == "favor"}
    assert "VBD" in tags
    assert inflect("like", "VBD") == "liked"


def test_phrases_inflect_their_head():
    assert inflect("take off", "VBD") == "took off"
    assert inflect("crude oil", "NNS") == "crude oils"
