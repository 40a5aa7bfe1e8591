import math

from unspin.scoring.base import Hypothesis
from unspin.scoring.ngram import NgramScorer
from unspin.scoring.trigram import shared_trigram


def test_two_words_of_history_tell_a_phrase_apart():
    lm = shared_trigram()
    assert lm.logp("states", "united", "the") > lm.logp("states", "united") > lm.logp("states")


def test_unknown_words_get_a_finite_fallback():
    lm = shared_trigram()
    unknown = lm.logp("zqxjv", "the")
    assert math.isfinite(unknown) and -40 < unknown < lm.logp("cat", "the")
    assert math.isfinite(lm.logp("said", "zqxjv"))  # an unknown history backs off


def test_phrase_carries_the_history():
    lm = shared_trigram()
    total, history = lm.phrase(("<s>", None), ["the", "united", "states"])
    assert history == ("states", "united")
    assert math.isclose(total, lm.logp("the", "<s>") + lm.logp("united", "the", "<s>")
                        + lm.logp("states", "united", "the"), rel_tol=1e-6)


def test_the_fast_scorer_prefers_the_original_over_a_dictionary_swap():
    scorer = NgramScorer()
    spaces = ("", " ", " ", " ", " ", "")
    clean = Hypothesis(("The", "man", "was", "not", "there", "."), spaces)
    spun = clean.replace(2, 4, "used to be no longer")
    clean_lp, spun_lp = scorer.score([clean, spun])
    assert clean_lp[:4].sum() > spun_lp[:3].sum()
    first = scorer.first_pass([spun], [{2: ["used to be no longer", "was not"]}])[0]
    assert first.option_logp[2][1] > first.option_logp[2][0]  # "was" after "the man" beats "used"
