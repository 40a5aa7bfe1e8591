"""Screening: the flagger's features and fallback, and the screener's spans and spin rate."""
import json

import numpy as np
import pytest

import unspin.pipeline.flagger as flagger_module
from unspin.pipeline.flagger import DEFAULT_THRESHOLD, FLAG_FEATURES, Flagger, flag_features


def _x(**kw):
    base = dict(logp=-8.0, pieces=2, next_logp=-3.0, prev_logp=-2.0, best_option=0.0, best_left_gain=0.0,
                options=3, zipf=3.0, name=False, width=1, tortured=False, best_channel=0.5, best_zipf_gain=1.0,
                best_extra_words=0, trigram_gain=0.0)
    return flag_features(**(base | kw))


def test_features_of_many_words_at_once_equal_those_of_each_alone():
    best, logp = np.array([-4.0, 1.0, 30.0]), np.array([-50.0, -3.0, -9.0])
    together = _x(best_option=best, logp=logp)
    alone = np.concatenate([_x(best_option=b, logp=lp) for b, lp in zip(best, logp)])
    assert np.array_equal(together, alone)
    assert together.shape == (3, len(FLAG_FEATURES))
    assert together[0, FLAG_FEATURES.index("logp")] == flagger_module.FLOOR


def test_hand_set_flagger_suspects_words_an_option_beats():
    flagger = Flagger.load("a scorer never fitted")
    x = np.concatenate([_x(best_option=8.0), _x(best_option=-8.0), _x(best_option=8.0, name=True)])
    p = flagger.probabilities(x)
    assert p[0] > DEFAULT_THRESHOLD > p[1]
    assert p[2] < p[0]


def test_weights_fitted_for_another_feature_set_fall_back_to_hand_set(tmp_path, monkeypatch):
    (tmp_path / "flagger.json").write_text(json.dumps({"s": {"weights": {"bias": 1.0}, "threshold": 0.9}}))
    monkeypatch.setattr(flagger_module, "DATA_DIR", tmp_path)
    flagger = Flagger.load("s")
    assert flagger.threshold == DEFAULT_THRESHOLD
    assert flagger.weights[FLAG_FEATURES.index("bias")] == -2.0


def test_detect_flags_spun_words_with_their_likely_originals_and_leaves_clean_text_alone(fake_restorer):
    text = "The rural went to combat."
    spun = fake_restorer.detect(text)
    assert [(text[s.start : s.end], s.original) for s in spun.spans] == [("rural", "country"), ("combat", "war")]
    assert all(0.5 <= s.confidence <= 1 for s in spun.spans)
    clean = fake_restorer.detect("The country went to war.")
    assert clean.spans == []
    assert clean.spin_rate < 0.1 < spun.spin_rate


def test_a_known_tortured_phrase_is_flagged_as_one_span(fake_restorer):
    text = "It was counterfeit consciousness here."
    spans = fake_restorer.detect(text).spans
    assert [(text[s.start : s.end], s.original, s.known_tortured, s.expected_wording) for s in spans] == [
        ("counterfeit consciousness", "artificial intelligence", True, "artificial intelligence")]


def test_detect_reports_nothing_for_empty_text(fake_restorer):
    result = fake_restorer.detect("")
    assert (result.probability, result.spans, result.words) == (0.0, [], 0)


def test_likelihood_ratios_are_the_odds_without_the_training_prior():
    x = np.concatenate([_x(best_option=5.0), _x(best_option=-1.0)])
    even, rare = Flagger.load("none"), Flagger.load("none")
    even.prior, rare.prior = 0.5, 0.1
    odds = even.probabilities(x) / (1 - even.probabilities(x))
    assert np.allclose(even.likelihood_ratios(x), odds)
    assert np.allclose(rare.likelihood_ratios(x), 9 * odds)
    extreme = even.likelihood_ratios(np.concatenate([_x(best_option=80.0), _x(best_option=-80.0)]))
    assert np.allclose(np.log(extreme), [flagger_module.LOG_ODDS_CAP, -flagger_module.LOG_ODDS_CAP])


def test_spun_text_carries_more_evidence_than_clean_text(fake_restorer):
    from unspin.doc import Doc

    def evidence(text):
        doc = Doc.from_text(text)
        return fake_restorer.screener(doc, fake_restorer.screen_candidates(doc))[2]

    assert evidence("The rural went to combat.") > 0 > evidence("The country went to war.")


@pytest.mark.parametrize("shared", [True, False])
def test_texts_screened_together_get_the_results_each_gets_alone(fake_restorer, monkeypatch, shared):
    monkeypatch.setattr(fake_restorer.scorer, "shares_passes", shared)
    texts = ["The rural went to combat.", "", "It was counterfeit consciousness here.", "The country went to war.",
             "Das ist kein Englisch, und es bleibt so wie es ist."]
    together = fake_restorer.detect_many(texts)
    assert [d.to_dict() for d in together] == [fake_restorer.detect(t).to_dict() for t in texts]


@pytest.mark.parametrize("shared", [True, False])
def test_screening_many_documents_reports_progress_over_all_their_sentences(fake_restorer, monkeypatch, shared):
    monkeypatch.setattr(fake_restorer.scorer, "shares_passes", shared)  # read together or one by one
    short, long = "The rural went to combat. The country went to war. ", LONG_TEXT
    seen = []
    fake_restorer.detect_many([short] * 40, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (80, 80) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    seen.clear()  # a text long enough for the look that gives its verdict is read twice
    fake_restorer.detect_many([short, long] * 20, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (560, 560) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert not shared or (300, 560) in seen  # read together, screening reads every text first


LONG_TEXT = "The rural went to combat. The country went to war. " * 6 + "It was cold here."


def test_detect_judges_a_long_enough_document_on_the_look_beside_screening(fake_restorer):
    from unspin.pipeline.calibration import CALIBRATED_MIN_WORDS
    from unspin.pipeline.decode import spin_rate
    from unspin.pipeline.screen import look_rate

    doc = fake_restorer._read(LONG_TEXT)[0]
    assert doc.word_count >= CALIBRATED_MIN_WORDS
    detection = fake_restorer.detect(LONG_TEXT)
    sites, fluency = fake_restorer.look.read(doc, fake_restorer.look_candidates(doc))
    _, _, screened = fake_restorer.screener(doc, fake_restorer.screen_candidates(doc))
    assert detection.spin_rate == spin_rate(sites, doc.word_count) > look_rate(doc, sites) > 0  # "rural" repeats
    assert detection.probability == fake_restorer.look_calibration.probability(look_rate(doc, sites), doc.word_count,
                                                                               screened, fluency)
    short = fake_restorer._read("The rural went to combat. The country went to war.")[0]
    _, _, screened = fake_restorer.screener(short, fake_restorer.screen_candidates(short))
    assert fake_restorer.detect(short.text).probability == fake_restorer.screen_calibration.probability(screened, 10)


def test_a_long_enough_documents_spans_average_screening_with_the_look(fake_restorer, monkeypatch):
    from unspin.pipeline.thorough import SecondReading

    doc = fake_restorer._read(LONG_TEXT)[0]
    sites, _ = fake_restorer.look.read(doc, fake_restorer.look_candidates(doc))
    candidates = fake_restorer.screen_candidates(doc)
    [(averaged, _, _)] = fake_restorer.screener.many([(doc, candidates)], threshold=0.3,
                                                     second_reading=SecondReading(lambda d: sites, 0.9))
    got = fake_restorer.detect(LONG_TEXT, span_threshold=0.3).spans
    assert got and [(s.start, s.end, s.original, s.confidence) for s in got] == [
        (doc.tokens[d.start].start, doc.tokens[d.end - 1].end, d.original, round(d.confidence, 4)) for d in averaged]
    monkeypatch.setattr(fake_restorer.screener.flagger, "look_threshold", 1.01)  # cut at the look's own threshold
    assert fake_restorer.detect(LONG_TEXT).spans == []
    short = "The rural went to combat. The country went to war."  # too short for the look: the flagger alone
    flags, _, _ = fake_restorer.screener(fake_restorer._read(short)[0], fake_restorer.screen_candidates(
        fake_restorer._read(short)[0]))
    assert len(fake_restorer.detect(short).spans) == len(flags) > 0


def test_a_text_repeated_in_a_document_counts_less_than_each_time_in_its_evidence():
    from unspin.pipeline.screen import repeats_discounted

    total = repeats_discounted(np.array([1.0, 3.0, -0.5, 2.0, 2.0, 2.0, 2.0]), ["a", "a", "b", "c", "c", "c", "c"])
    assert total == pytest.approx(4.0 / 2**0.5 - 0.5 + 8.0 / 2)
    assert repeats_discounted(np.array([]), []) == 0.0


def test_a_flagged_span_offers_alternatives_for_the_same_words_only():
    from unspin.pipeline.candidates import Candidate
    from unspin.pipeline.decode import Ranked
    from unspin.pipeline.screen import Screener

    options = [Candidate(0, 2, "artificial intelligence", 6.0, 100.0, True), Candidate(0, 1, "fake", 0.5, 1.0),
               Candidate(0, 2, "synthetic intellect", 0.5, 1.0)]
    [flag] = Screener._flags([(Ranked(0, [(1.0, 0.0, 0.0, c) for c in options], False), 0.9)], 0.5)
    assert (flag.original, flag.alternatives) == ("artificial intelligence", ["synthetic intellect"])


def test_a_long_text_reads_only_the_terms_that_could_change_a_flag():
    from unspin.pipeline.candidates import Candidate
    from unspin.pipeline.decode import Ranked
    from unspin.pipeline.screen import TERM_READ_FROM, Screener

    class Fixed:
        def probabilities(self, rows):
            return rows[:, 0]

    def term(start):
        return Candidate(start, start + 2, "crude oil", 6.0, 20.0, known_term=True, expected_wording="crude oil")

    likely, ranked_second, unlikely = term(0), term(3), term(6)
    pair = Candidate(3, 4, "hard", 0.5, 1.0)
    ranked = [Ranked(0, [(1.0, 0.0, 0.0, likely)], False), Ranked(3, [(2.0, 0.0, 0.0, pair), (1.0, 0.0, 0.0,
              ranked_second)], False), Ranked(6, [(1.0, 0.0, 0.0, unlikely)], False)]
    rows = np.array([[TERM_READ_FROM], [0.9], [TERM_READ_FROM / 2]])
    variants = [(c, f"variant {i}") for i, c in enumerate([likely, ranked_second, unlikely])]
    assert Screener(None, Fixed())._decisive(variants, ranked, rows) == [(likely, "variant 0")]


def test_a_lower_span_threshold_reads_terms_from_a_lower_probability():
    from unspin.pipeline.screen import TERM_READ_FROM, Screener

    screener = Screener(None, Flagger(np.zeros(1), threshold=0.8))
    assert screener.read_from(None) == screener.read_from(0.9) == TERM_READ_FROM
    assert screener.read_from(0.4) == pytest.approx(TERM_READ_FROM / 2)


def test_thorough_detection_averages_restores_reading_in_and_takes_its_document_verdict(fake_restorer):
    text = "The rural went to combat."
    thorough = fake_restorer.detect(text, span_threshold=0.3, thorough=True)
    assert [(text[s.start : s.end], s.original) for s in thorough.spans] == [("rural", "country"), ("combat", "war")]
    restored = fake_restorer.restore(text)
    assert (thorough.probability, thorough.spin_rate) == (restored.spin_score, restored.spin_rate)
    assert fake_restorer.detect("The country went to war.", span_threshold=0.3, thorough=True).spans == []
    together = fake_restorer.detect_many([text, "The country went to war."], span_threshold=0.3, thorough=True)
    assert together[0].to_dict() == thorough.to_dict()


def test_thorough_progress_counts_both_readings_of_every_sentence(fake_restorer, monkeypatch):
    monkeypatch.setattr(fake_restorer.scorer, "shares_passes", True)  # as the language model: read together
    seen = []
    texts = ["The rural went to combat. It was counterfeit consciousness here.", "The country went to war."]
    fake_restorer.detect_many(texts, progress=lambda done, total: seen.append((done, total)), thorough=True)
    assert {total for _, total in seen} == {6} and (3, 6) in seen  # screening done, restore reading next
    assert [done for done, _ in seen] == sorted(done for done, _ in seen) and seen[-1] == (6, 6)
