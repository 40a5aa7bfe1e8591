"""The decoder's evidence: the trigram model's gain around a swap, the context it reads, the fluency it reports."""


def test_trigram_gain_reads_two_words_each_side_of_the_swap():
    from unspin.doc import Doc
    from unspin.pipeline.decode import TRIGRAM_GAIN_CAP, trigram_gain
    from unspin.scoring.trigram import shared_trigram

    doc = Doc.from_text("He said that the man used to be here. Then he left.")
    i = next(n for n, t in enumerate(doc.tokens) if t.text == "used")
    sentence = doc.sentence_of(i)
    assert sentence == doc.sentences[0] and doc.sentence_of(len(doc.tokens) - 1) == doc.sentences[1]
    restored = trigram_gain(shared_trigram(), doc, sentence, i, i + 3, "was")
    assert 0 < restored <= TRIGRAM_GAIN_CAP
    assert trigram_gain(shared_trigram(), doc, sentence, i, i + 3, "banana") < 0


def test_a_sentence_is_read_after_the_end_of_the_one_before():
    from unspin.doc import Doc
    from unspin.pipeline.decode import context_before

    words = ["Then"] + ["x" + "abcdefghij"[n // 10] + "abcdefghij"[n % 10] for n in range(44)]
    doc = Doc.from_text(f"Oil prices rose, officials said. {' '.join(words)}. He left.")
    assert context_before(doc, 0, 40) == ""
    assert context_before(doc, 1, 40) == "Oil prices rose, officials said."
    assert context_before(doc, 2, 40) == " ".join(words[-40:]) + "."
    assert context_before(doc, 1, 0) == ""


def test_a_hypothesis_keeps_its_context_through_edits():
    from unspin.scoring.base import Hypothesis

    h = Hypothesis(("He", "left", "."), ("", " ", ""), "Oil rose.")
    assert h.replace(0, 1, "She").context == "Oil rose." and h.head(2).context == "Oil rose."
    assert h.spaced(0) and not Hypothesis(("He",), ("",)).spaced(0)


def test_a_reading_gives_the_mean_log_probability_of_the_words_as_written(fake_restorer):
    from unspin.doc import Doc

    # The fake scorer gives a fluent word -1, any other word -9, punctuation 0 (which a word mean leaves out).
    doc = Doc.from_text("The rural went to combat. Officials said it was cold.")
    sites, fluency = fake_restorer.decoder.read(doc, fake_restorer.candidates(doc))
    assert fluency == (8 * -1.0 + 2 * -9.0) / 10
    assert [(s.start, s.end) for s in sites] == [(s.start, s.end) for s in
                                                 fake_restorer.decoder.sites(doc, fake_restorer.candidates(doc))]


def test_a_less_fluent_text_reads_as_more_likely_spun():
    from unspin.pipeline.calibration import DocCalibration

    calibration = DocCalibration(bias=0.0, rate_weight=1.0, fluency_weight=-0.1)
    assert calibration.probability(0.05, 400, 0.0, -6.0) > calibration.probability(0.05, 400, 0.0, -5.0)
    assert DocCalibration(bias=0.0).probability(0.05, 400) == DocCalibration(bias=0.0).probability(0.05, 400, 0.0, -6.0)
