"""The spinner rules as a thesaurus (contractions both ways) and the MyThes reader."""
from unspin.thesaurus.index import GENERIC, MYTHES, RULE, ReverseIndex
from unspin.thesaurus.mythes import load_mythes
from unspin.thesaurus.rules import contractions, load_rules


def test_contractions_go_both_ways():
    table = contractions()
    assert "it's" in table["it is"] and "it is" in table["it's"]
    assert "don't" in table["do not"] and "do not" in table["don't"]
    assert "they're" in table["they are"] and "i'm" in table["i am"]
    assert "we've" in table["we have"] and "she's" in table["she has"]


def test_rules_hold_the_simulators_phrase_rules_and_the_contractions():
    rules = load_rules()
    assert "used to be" in rules["was"]
    assert "it's" in rules["it is"] and "it is actually" in rules["it is"]


def test_reversed_rules_are_originals_of_what_a_spinner_writes():
    index = ReverseIndex.from_tables({RULE: load_rules()})
    assert "was" in [e.original for e in index.lookup("used to be")]
    assert "it is" in [e.original for e in index.lookup("it's")]


def test_mythes_reader_keeps_synonyms_apart_from_generic_terms_and_drops_antonyms(tmp_path):
    path = tmp_path / "th.dat"
    path.write_text("UTF-8\nhot|2\n(adj)|warm (similar term)|cold (antonym)|blistering\n(noun)|temperature (generic "
                    "term)\nwarm|1\n(adj)|hot (similar term)\n", encoding="utf-8")
    load_mythes.cache_clear()
    try:
        assert load_mythes(path=path) == {"hot": ["warm", "blistering"], "warm": ["hot"]}
        assert load_mythes(True, path=path) == {"hot": ["temperature"]}
    finally:
        load_mythes.cache_clear()


def test_generic_terms_are_weak_pairs_that_add_no_neighbours():
    index = ReverseIndex.from_tables({MYTHES: {"car": ["auto"]}, GENERIC: {"car": ["vehicle"]}})
    assert {e.original for e in index.lookup("vehicle")} == {"car"}
    assert [w for w, _ in index.neighbours("car", 10)] == ["auto"]
