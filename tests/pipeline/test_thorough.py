import pytest

from unspin.pipeline.candidates import Candidate
from unspin.pipeline.decode import Ranked, Site
from unspin.pipeline.thorough import averaged_flags


def cand(start, end, original):
    return Candidate(start, end, original, 1.0, 1.0)


def span(start, p, *originals, end=None):
    end = end or start + 1
    return Ranked(start, [(1.0, 0.0, 0.0, cand(start, end, o)) for o in originals], False), p


def site(start, ps, *originals, end=None):
    end = end or start + 1
    return Site(start, end, 0, [cand(start, end, o) for o in originals], [0.0] * len(ps), [0.0] * len(ps), [],
                False, p=list(ps))


def test_both_readers_average_per_span():
    [flag] = averaged_flags([span(2, 0.6, "deep")], [site(2, [0.2, 0.8], "profound", "deep")], 0.6)
    assert (flag.start, flag.end, flag.original) == (2, 3, "deep")
    assert flag.confidence == 0.7  # the site's best 0.8 with the flagger's 0.6; the span's own 0.6 with 0.8 ties
    assert flag.alternatives == ["profound"]


def test_one_reader_alone_counts_half():
    assert averaged_flags([span(0, 0.9, "big")], [], 0.5) == []
    [flag] = averaged_flags([span(0, 0.9, "big")], [], 0.45)
    assert flag.confidence == 0.45 and flag.original == "big"
    [flag] = averaged_flags([], [site(4, [0.95], "small")], 0.45)
    assert flag.original == "small"


def test_a_span_the_flagger_flags_alone_stays_flagged_when_asked():
    assert averaged_flags([span(0, 0.9, "big")], [], 0.5, own=0.95) == []
    [flag] = averaged_flags([span(0, 0.9, "big")], [], 0.5, own=0.8)
    assert flag.confidence == 0.9
    [flag] = averaged_flags([span(0, 0.9, "big")], [site(0, [0.99], "large")], 0.5, own=0.8)
    assert flag.original == "large" and flag.confidence == pytest.approx(0.945)  # averaged: the likelier reading


def test_a_site_the_other_reader_is_sure_of_flags_alone_lifted_onto_the_averaged_scale():
    assert averaged_flags([], [site(4, [0.5], "small")], 0.56) == []  # averaged with nothing: 0.25
    [flag] = averaged_flags([], [site(4, [0.5], "small")], 0.56, site_lift=0.09)  # its own from 0.47
    assert flag.original == "small" and flag.confidence == pytest.approx(0.59)
    assert averaged_flags([], [site(4, [0.5], "small")], 0.7, site_lift=0.09) == []  # a stricter cut still holds
    assert averaged_flags([], [site(4, [0.99], "small")], 0.1, site_lift=0.09)[0].confidence == 1.0


def test_overlaps_keep_the_most_probable():
    flags = averaged_flags([span(0, 0.8, "machine learning", end=2), span(1, 0.6, "learning")], [], 0.1)
    assert [(f.start, f.end, f.original) for f in flags] == [(0, 2, "machine learning")]


def test_ties_go_to_the_longer_span_then_to_restores_reading():
    # each reader's span takes the other's probability: overlapping spans of both readers tie
    flags = averaged_flags([span(0, 0.9, "artificial intelligence", end=2)], [site(1, [0.5], "brains")], 0.1)
    assert [(f.start, f.end) for f in flags] == [(0, 2)]
    [flag] = averaged_flags([span(1, 0.9, "mind")], [site(1, [0.5], "brains")], 0.1)
    assert flag.original == "brains"


def test_threshold_is_inclusive_and_output_in_text_order():
    flags = averaged_flags([span(5, 0.5, "a"), span(1, 0.5, "b")], [site(5, [0.5], "a"), site(1, [0.5], "b")], 0.5)
    assert [f.start for f in flags] == [1, 5]


def test_the_look_lift_puts_the_looks_own_threshold_at_the_averaged_one():
    from unspin.pipeline.flagger import Flagger

    flagger = Flagger(weights=None, look_threshold=0.56, look_own_threshold=0.47)
    assert flagger.look_lift == pytest.approx(0.09) and Flagger(weights=None).look_lift is None
