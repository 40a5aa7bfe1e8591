"""Learning from spun texts with their originals: aligned swaps counted, bad pairs skipped with a reason."""
import pytest

from unspin.errors import ConfigError
from unspin.learn.pairs import TextPair, learn_pairs
from unspin.profile import Profile, load_profile

ORIGINALS = [
    "The country faced a long war in the north and the army was tired. It is cold here, and the officials said "
    "that crude oil prices rose in order to pay for the war.",
    "The old man was tired of the war and said so to everyone in the village. His country had changed, and the "
    "prices of bread and oil were higher than they had ever been.",
    "Nobody knew how long the winter would last, but the farmers were ready for it and the towns had stored "
    "enough grain and oil to feed the country until spring.",
]
SPUN = [
    "The rural faced a long combat in the north and the army used to be tired. It is actually cold here, plus the "
    "officials stated that raw petroleum prices rose to pay for the combat.",
    "The old man used to be tired of the combat and stated so to everyone in the village. His rural had changed, "
    "plus the prices of bread and petroleum were higher than they had ever been.",
    "Nobody knew how long the winter would last, but the farmers were ready for it plus the towns had stored "
    "enough grain and petroleum to feed the rural until spring.",
]
OTHER = ("Compilers translate source code into machine code, and linkers join the object files that result into "
         "one program that the operating system can load and run on the processor.")


def pairs():
    return [TextPair(f"p{k}", s, o) for k, (s, o) in enumerate(zip(SPUN, ORIGINALS))]


def _table(profile):
    return {(s, o): v for s, originals in profile.pairs.items() for o, v in originals.items()}


def test_swaps_are_counted_with_their_provenance():
    profile, warnings = learn_pairs(pairs(), name="farm")
    table = _table(profile)
    assert warnings == [] and profile.name == "farm" and profile.documents == 3
    assert table["rural", "country"]["count"] == 3 and table["rural", "country"]["documents"] == 3
    assert table["plus", "and"]["count"] == 3 and table["plus", "and"]["examples"] == ["p0", "p1", "p2"]
    assert table["used to be", "was"]["count"] == 2
    assert table["to", "in order to"]["count"] == 1  # one word spun: kept after one sighting
    assert ("is actually", "is") not in table and profile.notes["phrases_seen_once"] == 1  # a phrase: not
    # "to" stays "to" four times out of five in the spun texts: the pair's weight says so
    assert table["to", "in order to"]["seen"] == 5 and table["to", "in order to"]["weight"] < 4
    assert table["rural", "country"]["seen"] == 3 and table["rural", "country"]["weight"] == 5.0
    assert profile.notes["used_documents"] == 3 and profile.notes["learned_from"] == "pairs"
    # how often each original occurs in the originals, swapped or kept: "and" was swapped three times of seven
    assert table["plus", "and"]["original_seen"] == 7 and table["rural", "country"]["original_seen"] == 3


def test_a_chained_swap_is_counted_as_the_swaps_seen_on_their_own():
    table = _table(learn_pairs(pairs())[0])
    assert ("raw petroleum", "crude oil") not in table
    assert table["petroleum", "oil"]["count"] == 3 and table["petroleum", "oil"]["documents"] == 3
    assert table["raw", "crude"]["count"] == 1 and learn_pairs(pairs())[0].notes["swaps_split"] == 1


def test_unspun_mismatched_empty_and_duplicate_pairs_are_skipped_with_a_warning():
    bad = [TextPair("same", ORIGINALS[0], ORIGINALS[0]), TextPair("wrong", SPUN[1] + " Again.", OTHER),
           TextPair("blank", "", ORIGINALS[0]), TextPair("again", SPUN[0], ORIGINALS[0]),
           TextPair("broken", "", "", "not a valid JSON line")]
    profile, warnings = learn_pairs(pairs() + bad)
    assert [w.split(":")[0] for w in warnings] == ["same", "wrong", "blank", "broken"]
    assert "not spun" in warnings[0] and "does not look like the source" in warnings[1]
    notes = profile.notes
    assert (notes["unspun"], notes["mismatched"], notes["empty"], notes["duplicates"], notes["unreadable"]) == \
        (1, 1, 1, 1, 1)
    assert notes["skipped"]["mismatched"] == ["wrong"] and _table(profile)["rural", "country"]["count"] == 3


def test_nothing_usable_gives_an_empty_profile_that_says_why():
    profile, warnings = learn_pairs([TextPair("wrong", SPUN[0], OTHER)])
    assert profile.pairs == {} and profile.notes["used_documents"] == 0 and len(warnings) == 1


def test_the_profile_round_trips_and_feeds_the_restorer(tmp_path):
    profile, _ = learn_pairs(pairs())
    profile.save(tmp_path / "p.json")
    loaded = load_profile(tmp_path / "p.json")
    learned = loaded.learned()
    assert learned["rural"][0][0] == "country" and loaded.words == profile.words > 0


def test_a_function_word_swap_of_one_pair_is_dropped_once_there_are_many_pairs(monkeypatch):
    import unspin.learn.pairs as pairs_module

    texts = pairs()
    texts[0] = TextPair("p0", SPUN[0].replace("in the north", "within the north"), ORIGINALS[0])
    assert ("within", "in") in _table(learn_pairs(texts)[0])  # three pairs: too few to tell
    monkeypatch.setattr(pairs_module, "MANY_PAIRS", 3)
    profile = learn_pairs(texts)[0]
    table = _table(profile)
    assert ("within", "in") not in table and profile.notes["function_swaps_seen_once"] == 1
    assert ("to", "in order to") in table  # one pair too, but of content words: a rule seen once


def test_a_swap_the_spinner_rarely_makes_of_its_key_is_dropped(monkeypatch):
    import unspin.learn.pairs as pairs_module

    assert ("to", "in order to") in _table(learn_pairs(pairs())[0])  # one "to" of five spun: kept
    monkeypatch.setattr(pairs_module, "MIN_SHARE", 0.3)
    profile = learn_pairs(pairs())[0]
    assert ("to", "in order to") not in _table(profile) and profile.notes["rare_swaps"] == 1
    assert ("rural", "country") in _table(profile)


def test_a_number_key_is_counted_where_the_restorer_reads_it():
    original = "Sales rose 2 percent in a year and 2 stores closed, two of them last year."
    spun = "Sales rose 2 percent in a 12 months and 2 stores closed, 2 of them final 12 months."
    table = _table(learn_pairs([TextPair("p0", spun, original)])[0])
    assert table["12 months", "year"]["count"] == 2 and table["12 months", "year"]["seen"] == 2
    assert table["2", "two"]["seen"] == 3  # kept as "2" twice: a share of one in three


def test_pairs_added_onto_a_profile_count_as_if_learned_together():
    at_once = _table(learn_pairs(pairs())[0])
    first = learn_pairs(pairs()[:2], name="farm")[0]
    grown = learn_pairs(pairs()[2:], onto=first)[0]
    table = _table(grown)
    assert grown.documents == 3 and grown.notes["pairs_read"] == 3 and grown.words == learn_pairs(pairs())[0].words
    for key in [("rural", "country"), ("plus", "and"), ("used to be", "was"), ("petroleum", "oil")]:
        for field in ("count", "documents", "seen", "original_seen", "weight"):
            assert table[key][field] == at_once[key][field], (key, field)
    # "to" <- "in order to" was learned from the first texts; the later text's plain "to" still counts against it
    assert table["to", "in order to"]["seen"] == at_once["to", "in order to"]["seen"] == 5


def test_pairs_cannot_be_added_onto_a_profile_learned_from_a_pile():
    with pytest.raises(ConfigError, match="not learned from pairs"):
        learn_pairs(pairs(), onto=Profile(name="pile", notes={"learned_from": "pile"}))


def test_a_word_the_spinner_adds_is_keyed_with_the_neighbour_that_makes_one_rule():
    contexts = enumerate(["store", "annual", "quarterly", "online"])
    rows = [TextPair(f"p{k}", f"Its {c} gross sales fell again in {k + 2} weeks of the winter season.",
                     f"Its {c} sales fell again in {k + 2} weeks of the winter season.") for k, c in contexts]
    table = _table(learn_pairs(rows)[0])
    assert table["gross sales", "sales"]["count"] == 4
    assert not any(spun.endswith("gross") for spun, _ in table)
