"""Pre-selection: the ranker's scores, its fallback to hand-set weights, and the decoder's use of it."""
import json

import numpy as np

import unspin.pipeline.preselect as preselect
from unspin.pipeline.preselect import DEFAULT_MARGIN, OPTION_FEATURES, Ranker, option_features


def _x(**kw):
    base = dict(left_gain=0.0, right_gain=0.0, channel=0.0, related=False, proposed=False, zipf_original=4.0,
                zipf_spun=3.0, extra_words=0, width=1, name=False, spun_logp=-8.0, pieces=1, spun_pieces=2)
    return option_features(**(base | kw))


def test_hand_set_weights_rank_by_gains_and_channel_and_penalise_names():
    ranker = Ranker.load("a scorer never fitted")
    x = np.concatenate([_x(left_gain=2.0, right_gain=1.0, channel=-0.5), _x(left_gain=2.0, name=True)])
    assert np.allclose(ranker.scores(x), [2.5, -2.0])
    assert ranker.margin == DEFAULT_MARGIN
    assert x.shape == (2, len(OPTION_FEATURES))


def test_weights_fitted_for_another_feature_set_fall_back_to_hand_set(tmp_path, monkeypatch):
    (tmp_path / "preselect.json").write_text(json.dumps({"s": {"weights": {"change": 1.0}, "margin": 9.0}}))
    monkeypatch.setattr(preselect, "DATA_DIR", tmp_path)
    ranker = Ranker.load("s")
    assert ranker.margin == DEFAULT_MARGIN
    assert ranker.scores(_x(left_gain=1.0))[0] == 1.0


def test_features_of_many_options_at_once_equal_those_of_each_alone():
    lefts, pieces = np.array([-1.0, 0.5, 3.0]), np.array([1, 2, 3])
    together = _x(left_gain=lefts, pieces=pieces)
    alone = np.concatenate([_x(left_gain=g, pieces=p) for g, p in zip(lefts, pieces)])
    assert np.array_equal(together, alone)
    assert together.shape == (3, len(OPTION_FEATURES))


def test_decoder_records_every_span_it_ranks_and_tries_only_those_above_the_margin(fake_restorer):
    decoder = fake_restorer.decoder
    text = "The rural went to combat."
    try:
        decoder.record = []
        assert fake_restorer.restore(text).restored == "The country went to war."
        assert [i for _, i, _, _ in decoder.record] == [1, 4]  # "rural" and "combat"
        for _doc, _i, cands, x in decoder.record:
            assert x.shape == (len(cands), len(OPTION_FEATURES))
        decoder.record = None
        ranker = decoder.ranker
        decoder.ranker = Ranker(ranker.weights, margin=1e9)
        assert fake_restorer.restore(text).restored == text
    finally:
        decoder.record, decoder.ranker = None, ranker
