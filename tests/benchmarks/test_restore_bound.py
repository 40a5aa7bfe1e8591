"""The restore bound's bookkeeping: gold spans on token edges, and which picks restore the original."""
from collections import Counter

from benchmarks.restore_bound import count_picks, gold_spans

from unspin.doc import Doc
from unspin.spin.gold import GoldSpan


def test_gold_spans_become_token_ranges_and_spans_off_token_edges_are_skipped():
    doc = Doc.from_text("The rustic had till Thanksgiving.")
    gold = [GoldSpan(4, 10, "rustic", "country", 4, 11), GoldSpan(15, 19, "till", "until", 16, 21),
            GoldSpan(5, 10, "ustic", "x", 5, 6)]
    assert gold_spans(doc, gold) == [(1, 2, "country"), (3, 4, "until")]


def test_picks_count_the_models_choice_among_the_rankers_best():
    tally = Counter()
    # ranker's order: a wrong option first, the original second; the model likes the original best
    count_picks([(0, -12.0, False), (1, -10.0, True), (2, -11.0, False)], tally)
    assert tally["lm_top1"] == 0 and tally["lm_top2"] == 1 and tally["lm_top4"] == 1
    assert tally["lm2_top1"] == 0 and tally["lm2_top2"] == 1
    # the model ranks the original second among three: only its two likeliest include it
    count_picks([(0, -9.0, False), (1, -10.0, True), (2, -11.0, False)], tally)
    assert tally["lm_top4"] == 1 and tally["lm2_top4"] == 2
