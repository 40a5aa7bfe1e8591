"""Candidate generation: direct thesaurus pairs first, then entry neighbours when asked for."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspin.doc import Doc
from unspin.pipeline.candidates import CandidateGenerator, abridges
from unspin.thesaurus.index import MOBY, RULE, TORTURED, ReverseIndex


def test_entry_neighbours_reach_originals_no_direct_pair_gives(tiny_index):
    doc = Doc.from_text("The nation voted.")
    direct = CandidateGenerator(tiny_index)(doc)[1]
    assert {c.original for c in direct} == {"country"} and not any(c.related for c in direct)
    wider = CandidateGenerator(tiny_index, related_per_span=5)(doc)[1]
    related = [c for c in wider if c.related]
    assert {c.original for c in related} == {"rural", "land"}
    assert all(c.channel < direct[0].channel for c in related)
    assert wider[: len(direct)] == direct  # direct pairs keep their place at the front


def test_screening_does_not_offer_a_term_in_full_its_own_word_or_initials():
    index = ReverseIndex.from_tables({MOBY: {"heart": ["heart disease", "core"], "ct": ["computed tomography"],
                                             "scan": ["computed tomography"]}})
    doc = Doc.from_text("A computed tomography of heart disease.")
    screening = CandidateGenerator(index, skip_abridged=True)(doc)
    assert {c.original for c in screening[1]} == {"scan"}  # not "ct", its initials
    assert not [c for c in screening[4] if c.end == 6]  # not "heart" for "heart disease"
    restoring = CandidateGenerator(index)(doc)  # restore still may: spinners pad words too
    assert {c.original for c in restoring[1]} == {"scan", "ct"}
    assert {c.original for c in restoring[4] if c.end == 6} == {"heart"}


@pytest.mark.parametrize("spun, original, expected", [
    ("congenital heart disease", "heart", True), ("computerized axial tomography", "ct", True),
    ("computerized axial tomography", "cat", True), ("computerized axial tomography", "tc", False),
    ("big house", "home", False), ("heart", "heart", False), ("is actually", "is", False),
])
def test_abridges(spun, original, expected):
    assert abridges(spun, original) is expected


def test_a_listed_phrase_is_not_offered_inside_its_own_expected_wording():
    index = ReverseIndex.from_tables({MOBY: {"web": ["net"]}})
    generate = CandidateGenerator(index, tortured={"cloud platform": ["the cloud platform"]})
    inside = generate(Doc.from_text("We ran it on the cloud platform."))
    assert not any(c.known_tortured for cs in inside.values() for c in cs)
    alone = generate(Doc.from_text("We ran it on a cloud platform."))
    assert [c.original for c in alone[5] if c.known_tortured] == ["the cloud platform"]


def test_a_listed_phrase_in_the_index_is_not_offered_inside_its_own_expected_wording():
    index = ReverseIndex.from_tables({TORTURED: {"the cloud platform": ["cloud platform"]}})
    generate = CandidateGenerator(index)
    assert not generate(Doc.from_text("We ran it on the cloud platform."))
    assert [c.original for c in generate(Doc.from_text("We ran it on a cloud platform."))[5]] == ["the cloud platform"]


def test_a_known_term_takes_the_number_of_the_span_it_replaces():
    from unspin.pipeline.candidates import _in_number_of

    assert _in_number_of("organization", "deep neural networks") == "deep neural network"
    assert _in_number_of("organizations", "neural network") == "neural networks"
    assert _in_number_of("techniques", "machine learning") == "machine learning"  # no "machine learnings"
    assert _in_number_of("data", "big data") == "big data"  # a word of either number leaves the term alone


def test_a_word_swap_of_a_listed_phrase_weighs_more_where_the_generator_asks_for_it():
    from unspin.thesaurus.index import TORTURED_WORD

    index = ReverseIndex.from_tables({MOBY: {"deep": ["profound"], "wise": ["profound"]},
                                      TORTURED_WORD: {"deep": ["profound"]}})
    doc = Doc.from_text("Profound learning.")
    plain = {c.original: c.channel for c in CandidateGenerator(index, tortured_word_channel=0.0)(doc)[0]}
    weighed = {c.original: c.channel for c in CandidateGenerator(index, tortured_word_channel=6.0)(doc)[0]}
    assert plain["Deep"] == plain["Wise"]
    assert weighed["Deep"] == plain["Deep"] + 6.0 and weighed["Wise"] == plain["Wise"]


def test_a_known_spinners_sure_swaps_are_marked_among_its_pairs():
    learned = {"rural": [("country", 5.0)], "combat": [("war", 5.0)]}
    generator = CandidateGenerator(ReverseIndex.from_tables({MOBY: {"country": ["rural"]}}))
    found = generator.with_learned(learned, frozenset({("rural", "country")}))(Doc.from_text("Rural combat."))
    assert [(c.original, c.sure) for c in found[0]] == [("Country", True)] and not found[1][0].sure
    assert not generator(Doc.from_text("Rural combat."))[0][0].sure


def test_a_known_spinners_pairs_reach_spans_with_numbers_and_thesauri_do_not():
    learned = {"12 months": [("year", 5.0)], "4": [("four", 5.0)]}
    generator = CandidateGenerator(ReverseIndex.from_tables({MOBY: {"months": ["4"], "year": ["months"]}}))
    found = generator.with_learned(learned, frozenset())(Doc.from_text("Up 4 in 12 months."))
    assert [(c.original, c.end) for c in found[1]] == [("four", 2)]
    assert ("year", 5) in [(c.original, c.end) for c in found[3]]
    assert 1 not in generator(Doc.from_text("Up 4 in 12 months."))
    listed = CandidateGenerator(ReverseIndex.from_tables({MOBY: {}}), tortured={"boa constrictor 3": ["python 3"]})
    assert [c.original for c in listed(Doc.from_text("In boa constrictor 3 code."))[1]] == ["python 3"]


def _neighbours_reference(generator, key, forms, have):
    """The plain loop `CandidateGenerator._neighbours` replaced: every neighbour's prior, one by one."""
    import math

    from unspin.frequency import zipf
    from unspin.pipeline.candidates import RELATED_CHANNEL, RELATED_POOL
    from unspin.thesaurus.inflect import inflect

    pool = []
    for lemma, tag in forms:
        for word, shared in generator.index.neighbours(lemma, RELATED_POOL):
            prior = math.log(shared) + zipf(word) - 3.0 * word.replace("-", " ").count(" ")
            pool.append((prior, RELATED_CHANNEL + 0.5 * math.log2(shared), word, tag))
    pool.sort(key=lambda x: -x[0])
    out = []
    for prior, channel, word, tag in pool:
        original = word if tag is None else inflect(word, tag)
        if original and original not in have and not generator._abridged(key, original):
            have.add(original)
            out.append((original, channel, prior, False, True))
            if len(out) == generator.related_per_span:
                break
    return out


WORDS = ["large", "big", "huge", "vast", "wide", "great", "grand", "broad", "ample", "bulky", "mass", "size",
         "great deal", "walk-in", "lot", "vastness"]


@given(st.dictionaries(st.sampled_from(WORDS), st.lists(st.sampled_from(WORDS), min_size=1, max_size=8, unique=True),
                       min_size=1, max_size=10),
       st.sampled_from(WORDS), st.integers(1, 6))
def test_ranked_neighbours_agree_with_the_plain_loop(table, key, keep):
    from unspin.thesaurus.inflect import readings

    generator = CandidateGenerator(ReverseIndex.from_tables({MOBY: table}), related_per_span=keep)
    forms = [(key, None)] + [(lemma, tag) for lemma, tag in readings(key) if lemma != key]
    assert generator._neighbours(key, forms, {key}) == _neighbours_reference(generator, key, forms, {key})


@pytest.mark.model
def test_ranked_neighbours_agree_with_the_plain_loop_on_the_real_thesauri():
    import unspin
    from unspin.thesaurus.inflect import readings

    generator = unspin.get_restorer().candidates
    for key in ["set", "run", "management", "officers", "quickly", "buildings", "stated", "petroleum", "nation"]:
        forms = [(key, None)] + [(lemma, tag) for lemma, tag in readings(key) if lemma != key]
        assert generator._neighbours(key, forms, {key}) == _neighbours_reference(generator, key, forms, {key}), key


def test_an_option_the_article_before_it_cannot_precede_is_offered_with_the_article_it_takes():
    generator = CandidateGenerator(ReverseIndex.from_tables({MOBY: {"lawyer": ["counsel"], "attorney": ["counsel"],
                                                                    "armed": ["army"], "military": ["army"]}}))
    found = generator(Doc.from_text("See a counsel about An army assault."))
    assert [c.original for c in found[2]] == ["lawyer"]  # not "a attorney" ...
    assert [(c.end, c.original) for c in found[1]] == [(3, "an attorney")]  # ... but "a counsel" may be "an attorney"
    assert [c.original for c in found[5]] == ["armed"]
    assert [(c.end, c.original) for c in found[4]] == [(6, "A military")]
    assert {c.original for c in generator(Doc.from_text("The counsel met."))[1]} == {"lawyer", "attorney"}
    learned = generator.with_learned({"counsel": [("attorney", 2.0)]})
    assert 1 not in learned(Doc.from_text("See a counsel."))  # a profile's pair is a word pair: not moved
    screening = CandidateGenerator(generator.index, article_phrases=False)
    assert 1 not in screening(Doc.from_text("See a counsel."))


def test_the_commonest_words_are_offered_the_spinner_rules_pairs_alone():
    index = ReverseIndex.from_tables({RULE: {"it is": ["it's"], "could": ["can"]}, MOBY: {"may": ["can"]}})
    generator = CandidateGenerator(index, skip_words=frozenset({"it's", "can"}))
    found = generator(Doc.from_text("It's late and we can go."))
    assert [c.original for c in found[0]] == ["It is"]  # an expansion, where one common word for another is noise
    assert 4 not in found
    assert {c.original for c in CandidateGenerator(index)(Doc.from_text("we can go"))[1]} == {"could", "may"}
