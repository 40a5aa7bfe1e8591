"""The second pass continues first-pass sentences from cached keys and values, and scores as if it reread them."""
import numpy as np
import pytest

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def scorer():
    """In float32, so that reuse must agree to rounding; bfloat16 differs by up to ~0.2 nats either way."""
    import torch

    from unspin.scoring.llama import Llama
    from unspin.scoring.lm import LMScorer, converted_model_dir

    lm = LMScorer()
    lm.model = Llama(converted_model_dir(), dtype=torch.float32)
    return lm


def _hyp(text: str, context: str = ""):
    from unspin.doc import Doc
    from unspin.scoring.base import Hypothesis

    toks = Doc.from_text(text).tokens
    spaces = ("",) + tuple(text[a.end : b.start] for a, b in zip(toks, toks[1:]))
    return Hypothesis(tuple(t.text for t in toks), spaces, context)


def test_a_sentence_read_after_its_context_scores_as_in_the_whole_text(scorer):
    whole = _hyp("Oil prices rose. The farmer sold his crop.")
    alone = _hyp("The farmer sold his crop.")
    after = _hyp("The farmer sold his crop.", context="Oil prices rose.")
    got, want = scorer.score([after])[0], scorer.score([whole])[0][4:]
    assert np.allclose(got, want, atol=1e-3), (got, want)
    assert not np.allclose(got[:2], scorer.score([alone])[0][:2], atol=0.1)  # the context is read
    options = scorer.first_pass([after], [{0: ["The", "A"]}])[0].option_logp[0]
    assert np.isclose(options[0], want[0], atol=1e-3)  # an option at the first unit is read after a space


@pytest.mark.parametrize("context", ["", "Prices of oil and gas were high across the region last winter."])
def test_variants_scored_from_the_cache_match_a_fresh_read(scorer, context):
    bases = [_hyp("The rustic had until Thanksgiving to sell the crop, officials said.", context),
             _hyp("Russian herbal gasoline prices rose sharply in Japanese Europe this winter.", context)]
    first = scorer.first_pass(bases, [{} for _ in bases])
    variants = [bases[0].replace(1, 2, "farmer"), bases[0].replace(5, 6, "buy"), bases[1].replace(2, 3, "gas"),
                bases[1].replace(0, 1, "Cheap")]
    made_from = [first[0].state, first[0].state, first[1].state, first[1].state]
    read = [set(range(1, 4)), set(range(5, 8)), set(range(2, 5)), set(range(0, 3))]
    fresh = scorer.score(variants, read)
    reused = scorer.score(variants, read, made_from)
    for f, r, units in zip(fresh, reused, read):
        got, want = r[sorted(units)], f[sorted(units)]
        assert np.allclose(got, want, atol=1e-3), (got, want)
        assert np.all(got != 0)


def test_no_reuse_when_the_first_read_position_is_the_first_token(scorer):
    from unspin.scoring.prefix import continuation

    base = scorer.first_pass([_hyp("Oil prices rose.")], [{}])[0]
    cache, i = base.state
    same = cache.sequences[i]
    assert continuation(same, [0, 1], base.state) is None  # the first token's prediction needs BOS only
    assert continuation(same, [2], base.state)[2] == 2
    assert continuation(same[:1] + [0] + same[2:], [3], base.state)[2] == 1  # differs at token 1


def test_pieces_counts_the_tokens_an_option_is_read_as(scorer):
    assert scorer.pieces("the") == 1
    assert scorer.pieces("transversely") > 1
    assert scorer.pieces("as well as") == 3


def test_a_sentence_read_again_within_remembering_takes_its_states_and_scores_the_same(scorer):
    sentences = [_hyp("The rustic had until Thanksgiving to sell the crop."), _hyp("Oil prices rose sharply.")]
    first_options = [{1: ["rustic", "farmer"]}, {}]
    other_options = [{5: ["sell", "buy", "trade"]}, {0: ["Oil", "Gas"]}]
    fresh = scorer.first_pass(sentences, other_options, keep=False)
    runs = []
    real_hidden = scorer.model.hidden
    scorer.model.hidden = lambda *a, **k: runs.append(a[0].shape) or real_hidden(*a, **k)
    try:
        with scorer.remembering():
            scorer.first_pass(sentences, first_options)  # keeps its state: run, and remembered
            again = scorer.first_pass(sentences, other_options, keep=False)
            assert len(runs) == 1
            scorer.first_pass(sentences, other_options, keep=False)  # each is taken once
            assert len(runs) == 2
        scorer.first_pass(sentences, other_options, keep=False)
        assert len(runs) == 3  # nothing is remembered outside
        with scorer.remembering():
            scorer._local.room = len(scorer._encode(sentences[0])[0])  # room for the first sentence only
            scorer.first_pass(sentences, first_options)
            scorer.first_pass(sentences[:1], other_options[:1], keep=False)
            assert len(runs) == 4
            scorer.first_pass(sentences[1:], other_options[1:], keep=False)
            assert len(runs) == 5
    finally:
        scorer.model.hidden = real_hidden
    for f, a in zip(fresh, again):
        assert np.allclose(f.unit_logp, a.unit_logp, atol=1e-3)
        assert f.option_logp.keys() == a.option_logp.keys()
        for u in f.option_logp:
            assert np.allclose(f.option_logp[u], a.option_logp[u], atol=1e-3)
