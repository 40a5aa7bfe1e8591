"""Known terms reached word by word through the thesaurus (tiny index: crude - raw, oil - petroleum, war - combat)."""
import pytest

from unspin.doc import Doc
from unspin.pipeline.candidates import TERM_CHANNEL, CandidateGenerator
from unspin.thesaurus.index import MOBY, ReverseIndex
from unspin.thesaurus.terms import TermMatcher, with_parts


@pytest.fixture(scope="module")
def terms(tiny_index):
    return TermMatcher(["crude oil", "combat zone", "artificial intelligence", "oil", "a b c d e"], tiny_index)


@pytest.mark.parametrize("words, expected", [
    (["raw", "petroleum"], ["crude oil"]),  # every word a synonym of the term's
    (["raw", "oil"], ["crude oil"]),  # words the term shares count as themselves
    (["raw", "petroleums"], ["crude oil"]),  # an inflected form through its lemma
    (["war", "zone"], ["combat zone"]),  # the term's word is the spinner's rewrite of the span's
    (["crude", "oil"], []),  # the term itself is not its own disguise
    (["raw", "water"], []),  # one word reaches nothing
    (["petroleum", "raw"], []),  # positions matter
    (["petroleum"], []),  # single words are the thesaurus's business
])
def test_spans_reach_the_terms_their_words_reach(terms, words, expected):
    assert terms(words) == expected


def test_every_direct_pair_counts_not_only_the_best_originals_the_index_keeps():
    thesaurus = {"crude": ["raw", "unrefined", "rough"], "hard": ["rough"], "oil": ["petroleum"]}
    index = ReverseIndex.from_tables({MOBY: thesaurus}, top_k=1)
    assert TermMatcher(["crude oil"], index)(["rough", "petroleum"]) == ["crude oil"]


def test_single_words_and_long_phrases_are_not_terms(terms):
    assert "oil" not in terms.terms and "a b c d e" not in terms.terms


def test_a_run_of_content_words_inside_several_terms_is_a_term_too(tiny_index):
    terms = ["explainable artificial intelligence", "human centered artificial intelligence", "sense of touch",
             "sense of smell"]
    assert with_parts(terms) == set(terms) | {"artificial intelligence"}  # not "sense of", nor a run in one term
    assert TermMatcher(["refined crude oil", "crude oil supply"], tiny_index)(["raw", "petroleum"]) == ["crude oil"]


def _generator(tiny_index, terms, similarity):
    return CandidateGenerator(index=tiny_index, terms=terms, similarity=similarity)


def test_a_term_in_disguise_becomes_a_candidate_of_the_whole_span(tiny_index, terms):
    doc = Doc.from_text("Raw petroleum prices rose.")
    cands = _generator(tiny_index, terms, lambda pairs: [1.0] * len(pairs))(doc)
    [term] = [c for c in cands[0] if c.end == 2]
    assert term.original == "Crude oil" and term.channel == TERM_CHANNEL
    assert term.known_term and not term.known_tortured  # reported as a disguise of a known term, not a listed phrase


def test_a_term_unlike_its_span_is_dropped(tiny_index, terms):
    seen = []

    def unlike(pairs):
        seen.extend(pairs)
        return [0.0] * len(pairs)

    cands = _generator(tiny_index, terms, unlike)(Doc.from_text("Raw petroleum prices rose."))
    assert seen == [("raw", "crude"), ("petroleum", "oil")]  # word by word where they differ
    assert not [c for c in cands[0] if c.end == 2]


def test_a_word_swap_the_list_makes_is_alike_whatever_the_scorer_says():
    from unspin.thesaurus.index import TORTURED_WORD

    index = ReverseIndex.from_tables({MOBY: {"crude": ["raw"], "oil": ["petroleum"]},
                                      TORTURED_WORD: {"crude": ["raw"], "oil": ["petroleum"]}})
    terms = TermMatcher(["crude oil", "combat zone"], index)
    cands = _generator(index, terms, lambda pairs: [0.0] * len(pairs))(Doc.from_text("Raw petroleum prices rose."))
    assert [c.original for c in cands[0] if c.known_term] == ["Crude oil"]


def test_a_term_sharing_its_first_words_with_the_span_starts_where_they_differ(tiny_index, terms):
    doc = Doc.from_text("Crude petroleum prices rose.")
    cands = _generator(tiny_index, terms, lambda pairs: [1.0] * len(pairs))(doc)
    assert not [c for c in cands.get(0, ()) if c.known_term]
    [term] = [c for c in cands[1] if c.original.lower() == "oil"]  # one candidate: the term's replaces the pair's
    assert term.known_term and term.end == 2 and term.channel == TERM_CHANNEL
    assert term.expected_wording == "crude oil"  # the term in full, though only its second word is replaced


def test_a_term_alike_on_average_is_kept(tiny_index, terms):
    doc = Doc.from_text("Raw petroleum prices rose.")
    cands = _generator(tiny_index, terms, lambda pairs: [0.6, 0.2][: len(pairs)])(doc)
    assert [c.original for c in cands[0] if c.known_term] == ["Crude oil"]  # mean 0.4 >= TERM_MIN_SIMILARITY


def test_words_not_joined_by_one_space_are_not_a_span(tiny_index, terms):
    cands = _generator(tiny_index, terms, lambda pairs: [1.0] * len(pairs))(Doc.from_text("Raw. Petroleum rose."))
    assert all(c.end - c.start == 1 for cs in cands.values() for c in cs)


def test_a_number_ends_a_terms_span(tiny_index, terms):
    seen = []
    generator = _generator(tiny_index, terms, lambda pairs: [1.0] * len(pairs))
    generator.terms = lambda words: seen.append(list(words)) or []
    generator(Doc.from_text("Raw petroleum 2 rose."))
    assert seen == [["raw", "petroleum"]]


def test_without_phrase_similarity_only_the_lists_word_swaps_make_a_disguise(fake_restorer):
    from unspin.thesaurus.index import TORTURED_WORD

    assert not fake_restorer.scorer.has_similarity and fake_restorer.scorer.similarity([("a", "b")]) is None
    assert fake_restorer.screen_candidates.similarity is None
    terms = ["crude oil", "combat zone"]
    doc = Doc.from_text("Raw petroleum prices rose.")
    for swaps, expected in [({}, []), ({"crude": ["raw"]}, ["Crude oil"])]:  # one of two words: mean 0.5
        index = ReverseIndex.from_tables({MOBY: {"crude": ["raw"], "oil": ["petroleum"]}, TORTURED_WORD: swaps})
        cands = CandidateGenerator(index=index, terms=TermMatcher(terms, index))(doc)
        assert [c.original for c in cands[0] if c.known_term] == expected


def test_without_embeddings_terms_are_reached_only_through_the_lists_word_swaps():
    from unspin.thesaurus.index import TORTURED_WORD

    index = ReverseIndex.from_tables({MOBY: {"crude": ["raw"], "oil": ["petroleum"]},
                                      TORTURED_WORD: {"oil": ["petroleum"]}})
    assert TermMatcher(["crude oil"], index)(["raw", "petroleum"]) == ["crude oil"]
    swaps = TermMatcher(["crude oil"], index, swaps_only=True)
    assert swaps(["raw", "petroleum"]) == [] and swaps(["crude", "petroleum"]) == ["crude oil"]


def test_a_listed_phrase_keeps_its_candidate_when_it_also_reaches_a_term():
    from unspin.thesaurus.index import TORTURED

    index = ReverseIndex.from_tables({MOBY: {"smart": ["clever"], "city": ["town"]},
                                      TORTURED: {"smart city": ["clever town"]}})
    terms = TermMatcher(["smart cities"], index)  # taken in the span's number: "smart city"
    cands = CandidateGenerator(index, tortured={"clever town": ["smart city"]}, terms=terms,
                               similarity=lambda pairs: [1.0] * len(pairs))(Doc.from_text("A clever town grew."))
    [listed] = [c for c in cands[1] if c.end == 3]
    assert listed.known_tortured and not listed.known_term


def test_inflection_and_function_words_alone_do_not_disguise_a_term(tiny_index):
    terms = TermMatcher(["mean square error", "journal on physics"], tiny_index)
    assert not terms.disguises(["mean", "squared", "error"], ["mean", "square", "error"])
    assert not terms.disguises(["journal", "at", "physics"], ["journal", "on", "physics"])
    assert not terms.disguises(["features", "extracted"], ["feature", "extraction"])  # one family, other endings
    assert terms.disguises(["raw", "oil"], ["crude", "oil"])

