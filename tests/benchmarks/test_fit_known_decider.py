"""fit_known_decider's labels and threshold: gold swaps from a page's alignment; net corrections per site."""
import numpy as np
from benchmarks.fit_decider import KNOWN_PHRASE_WEIGHT
from benchmarks.fit_known_decider import fit, gold_swaps, net_corrections

from unspin.pipeline.decider import FEATURES


def test_gold_swaps_are_the_spun_spans_with_the_original_words_there():
    spun = "The officials stated the rustic plan would fail next yr, the corporate\u2019s head added."
    original = "The officials said the country plan would fail next year, the company\u2019s head added."
    gold = gold_swaps(spun, original)
    assert {spun[a:b]: o for (a, b), o in gold.items()} == {
        "stated": "said", "rustic": "country", "yr": "year", "corporate\u2019s": "company's"}  # as options are written


def test_net_corrections_take_each_sites_likeliest_option_at_the_threshold():
    # (group, page, site, spun there, width) per option row. Site A: spun, its right option 0.6 over a wrong 0.3.
    # Site B: spun, a wrong option at 0.5 (no change in errors). Site C: the original's word, changed at 0.4.
    meta = [(0, "p", "A", True, 1), (0, "p", "A", True, 1), (0, "p", "B", True, 1), (0, "p", "C", False, 2)]
    p, y = np.array([0.6, 0.3, 0.5, 0.4]), np.array([1, 0, 0, 0])
    assert net_corrections(p, y, meta, 0.35) == (1, 2)
    assert net_corrections(p, y, meta, 0.45) == (1, 0)
    assert net_corrections(p, y, meta, 0.7) == (0, 0)


def test_the_fit_learns_from_the_evidence_and_sets_a_listed_phrases_weight():
    rng = np.random.default_rng(0)
    n = 400
    x = np.zeros((n, len(FEATURES)))
    x[:, 0] = 1.0
    x[:, FEATURES.index("gain")] = gain = rng.normal(0, 3, n)
    y = (gain + rng.normal(0, 1, n) > 2).astype(int)  # the spinner's pair where the model gains most
    meta = [(k % 2, f"p{k}", "s", bool(y[k]) or k % 3 == 0, 1) for k in range(n)]  # one option per site
    result = fit(x, y, meta, errors=int(y.sum()))
    assert result["weights"]["gain"] > 0.5 and result["weights"]["tortured"] == KNOWN_PHRASE_WEIGHT
    assert result["fit"]["groups"] == 2 and result["fit"]["error_reduction_held_out"] > 0.5
