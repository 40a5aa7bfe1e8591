"""The pair prior: a fitted score over how the thesauri attest a pair, ranking each spun key's originals."""
import math

import numpy as np

from unspin.thesaurus.index import MOBY, MYTHES, TORTURED, WORDNET, ReverseIndex
from unspin.thesaurus.prior import DEFAULT_WEIGHTS, FEATURES, pair_features, pair_prior, prior_version

HAND = np.array([DEFAULT_WEIGHTS[f] for f in FEATURES])


def test_hand_set_weights_score_frequency_fanout_and_sources():
    common = pair_prior(MOBY, 10, 5.0, 1, 1, HAND)
    assert math.isclose(common - pair_prior(MOBY, 10, 4.0, 1, 1, HAND), math.log(10))
    assert math.isclose(pair_prior(MOBY, 20, 5.0, 1, 1, HAND), common - math.log(2))
    assert math.isclose(pair_prior(MOBY | WORDNET, 10, 5.0, 1, 1, HAND), common + 1.5)
    assert pair_prior(MOBY, 10, 5.0, 2, 1, HAND) == common - 2.5 - 1.5  # a longer original, and a length change


def test_a_listed_tortured_phrase_outranks_any_thesaurus_pair():
    assert pair_prior(TORTURED, 1, 1.0, 2, 2, HAND) > pair_prior(MOBY | WORDNET | MYTHES, 1, 7.0, 1, 1, HAND)


def test_features_follow_the_declared_order():
    x = pair_features(MYTHES, 4, 3.5, 2, 1)
    assert len(x) == len(FEATURES)
    assert x[FEATURES.index("mythes")] == 1.0 and x[FEATURES.index("moby")] == 0.0
    assert x[FEATURES.index("log_fanout")] == math.log(4) and x[FEATURES.index("extra_words")] == 1.0


def test_the_index_ranks_a_keys_originals_by_the_prior():
    from wordfreq import zipf_frequency

    index = ReverseIndex.from_tables({MOBY: {"large": ["big"], "great": ["big"], "bulky": ["big"]},
                                      MYTHES: {"bulky": ["big"]}})
    entries = index.lookup("big")
    score = {e.original: pair_prior(e.sources, e.fanout, zipf_frequency(e.original, "en"), 1, 1) for e in entries}
    assert [e.original for e in entries] == sorted(score, key=lambda o: -score[o])
    assert entries[[e.original for e in entries].index("bulky")].sources == MOBY | MYTHES


def test_the_version_names_the_weights():
    assert len(prior_version()) == 8 and prior_version() == prior_version()
