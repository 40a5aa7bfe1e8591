"""The decoder's evidence: the trigram model's gain around a swap."""


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
    from unspin.pipeline.decode import CONTEXT_WORDS, Decoder

    words = ["Then"] + ["x" + "abcdefghij"[n // 10] + "abcdefghij"[n % 10] for n in range(CONTEXT_WORDS + 4)]
    long = " ".join(words) + "."
    doc = Doc.from_text(f"Oil prices rose, officials said. {long} He left.")
    assert Decoder.hypothesis(doc, 0).context == ""
    assert Decoder.hypothesis(doc, 1).context == "Oil prices rose, officials said."
    tail = Decoder.hypothesis(doc, 2).context
    assert tail == " ".join(words[-CONTEXT_WORDS:]) + "."
    assert Decoder.hypothesis(doc, 2).replace(0, 1, "Later").context == tail
