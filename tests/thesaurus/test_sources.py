"""The real thesauri ship with the install; these check they load and hold what the restorer relies on."""
from unspin.thesaurus.moby import load_moby
from unspin.thesaurus.tortured import load_tortured
from unspin.thesaurus.wordnet import load_wordnet


def test_moby_is_the_full_thesaurus():
    moby = load_moby()
    assert len(moby) > 30_000
    assert "conflict" in moby["war"]


def test_wordnet_reads_with_the_rebuilt_lexnames():
    wordnet = load_wordnet()
    assert len(wordnet) > 100_000
    assert "car" in wordnet["automobile"]


def test_tortured_list_is_bundled_with_credit():
    from unspin.paths import DATA_DIR

    assert len(load_tortured()) > 3000
    assert "CC BY 4.0" in (DATA_DIR / "NOTICE.md").read_text()


def test_withheld_tortured_phrases_are_left_out_of_the_list_and_the_index_cache_key():
    from unspin.thesaurus.index import _cache_key

    table = load_tortured()
    phrase = next(iter(table))
    assert phrase not in load_tortured(frozenset({phrase}))
    assert len(load_tortured(frozenset({phrase}))) == len(table) - 1
    keys = {_cache_key(frozenset()), _cache_key(frozenset({"war"})), _cache_key(frozenset(), frozenset({phrase})),
            _cache_key(frozenset({"war"}), frozenset({phrase}))}
    assert len(keys) == 4


def test_tortured_word_pairs_align_listed_phrases_word_for_word():
    from unspin.thesaurus.tortured import tortured_word_pairs

    table = {"profound neural organization": ["deep neural network"], "profound learning": ["deep learning"],
             "bosom malignancy": ["breast cancer", "breast carcinoma"],
             "information and realities": ["data"],  # lengths differ: no alignment
             "an of vitality": ["the and energy"]}  # function words do not align
    pairs = tortured_word_pairs(table)
    assert pairs["deep"] == ["profound"] and pairs["network"] == ["organization"]
    assert pairs["breast"] == ["bosom"] and sorted(pairs) == ["breast", "cancer", "carcinoma", "deep", "energy",
                                                               "network"]
    assert pairs["carcinoma"] == ["malignancy"] and pairs["energy"] == ["vitality"]
