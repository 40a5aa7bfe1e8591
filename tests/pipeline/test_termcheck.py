"""Known terms read in place: the gain of each term option, and how it moves the span's probability."""
import numpy as np
import pytest

from unspin.doc import Doc
from unspin.pipeline.candidates import Candidate
from unspin.pipeline.decode import Ranked, sentence_hypothesis
from unspin.pipeline.termcheck import TERM_GAIN, TERM_VETO, rechecked, set_term_gains, term_variants

THRESHOLD = 0.76


def _ranked(*options: Candidate) -> Ranked:
    return Ranked(options[0].start, [(1.0, 0.0, 0.0, c) for c in options], False)


def _term(start=2, end=4, original="crude oil"):
    return Candidate(start, end, original, 6.0, 20.0, known_term=True, expected_wording="crude oil")


def _pair(start=2, end=3, original="hard"):
    return Candidate(start, end, original, 0.5, 1.0)


def test_variants_put_each_term_in_place_of_the_words_it_replaces():
    doc = Doc.from_text("Prices of raw petroleum rose.")
    term = _term()
    [(c, hyp)] = term_variants(sentence_hypothesis(doc, 0), 0, len(doc.tokens), {2: [_pair(), term]})
    assert c is term and hyp.text == "Prices of crude oil rose."


def test_gain_is_the_sentence_read_with_the_term_minus_without_from_the_span_on():
    term, pair = _term(), _pair()
    r = _ranked(pair, term)
    spun = np.array([-1.0, -2.0, -9.0, -9.0, -3.0, -1.0])
    with_term = np.array([-1.0, -2.0, -4.0, -2.0, -1.0])  # the term is one unit
    set_term_gains([r], 0, spun, [(term, with_term)])
    assert r.term_gain == (pytest.approx(22.0 - 7.0), 1)


def test_a_term_reading_much_better_in_place_is_flagged_and_put_first():
    term, pair = _term(), _pair()
    r = _ranked(pair, term)
    r.term_gain = (TERM_GAIN + 1.0, 1)
    checked, p = rechecked(r, 0.1, THRESHOLD)
    assert p > THRESHOLD and checked.options[0][3] is term and r.options[0][3] is pair  # r itself unchanged
    r.term_gain = (TERM_GAIN - 1.0, 1)
    assert rechecked(r, 0.1, THRESHOLD)[1] < THRESHOLD


def test_a_flagged_term_that_reads_no_better_than_the_spun_words_is_not_flagged():
    r = _ranked(_term(), _pair())
    r.term_gain = (TERM_VETO - 0.5, 0)
    assert rechecked(r, 0.95, THRESHOLD)[1] < THRESHOLD
    r.term_gain = (TERM_VETO + 3.0, 0)  # reads better, not enough alone: the flagger's word stands
    assert rechecked(r, 0.95, THRESHOLD)[1] == 0.95


def test_a_span_without_terms_keeps_its_probability():
    r = _ranked(_pair())
    assert rechecked(r, 0.42, THRESHOLD) == (r, 0.42)
