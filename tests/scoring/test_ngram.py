from unspin.scoring.base import Hypothesis
from unspin.scoring.ngram import NgramScorer


def test_common_bigrams_beat_spun_ones():
    scorer = NgramScorer()
    base = Hypothesis(("the", "country", "went", "to", "war"), ("", " ", " ", " ", " "))
    spun = base.replace(1, 2, "rural")
    clean_lp, spun_lp = scorer.score([base, spun])
    assert clean_lp[:3].sum() > spun_lp[:3].sum()
    assert len(clean_lp) == 5


def test_hypothesis_replace_keeps_spacing():
    h = Hypothesis(("a", "b", "c", "."), ("", " ", "  ", ""))
    r = h.replace(1, 3, "x y")
    assert r.text == "a x y." and r.units == ("a", "x y", ".")
    assert [r.text[a:b] for a, b in r.unit_spans()] == list(r.units)
