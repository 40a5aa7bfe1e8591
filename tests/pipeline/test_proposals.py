"""The model's proposals as originals: kept when a thesaurus ties them to a word of the span they replace."""
from unspin.pipeline.proposals import FUNCTION_CHANNEL, KEPT_CHANNEL, NEIGHBOUR_CHANNEL, PAIRED_CHANNEL, Ties
from unspin.thesaurus.index import MOBY, ReverseIndex


def ties():
    return Ties(ReverseIndex.from_tables({MOBY: {"individual": ["person", "being"], "person": ["human"],
                                                 "come": ["arrive", "get"]}}))


def test_a_proposal_paired_with_a_word_of_the_span_is_tied():
    assert ties().channel("individual", ["particular", "person"]) == PAIRED_CHANNEL
    assert ties().channel("came", ["got", "here"]) == PAIRED_CHANNEL  # through the lemmas "come" and "get"


def test_entry_neighbours_and_kept_words_are_looser_ties():
    assert ties().channel("being", ["person"]) == NEIGHBOUR_CHANNEL  # both listed under "individual"
    assert ties().channel("doctors", ["medical", "doctors"]) == KEPT_CHANNEL
    assert ties().channel("doctors", ["doctors"]) is None  # that would change nothing


def test_function_words_stand_for_function_words_and_untied_words_are_dropped():
    assert ties().channel("on", ["at"]) == FUNCTION_CHANNEL
    assert ties().channel("on", ["meadow"]) is None
    assert ties().channel("banana", ["person"]) is None
