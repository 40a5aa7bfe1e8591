from unspin.trace.tokens import ngrams, robust_tokens, tokenize


def test_tokens_have_offsets_and_sentence_starts():
    text = "The cat sat. Then it left"
    toks = tokenize(text)
    assert [text[t.start : t.end] for t in toks] == ["The", "cat", "sat", "Then", "it", "left"]
    assert [t.sentence_start for t in toks] == [True, False, False, True, False, False]


def test_robust_tokens_keep_function_words_names_and_numbers():
    toks = tokenize("In 1961 the jury of Fulton County praised the election.")
    assert robust_tokens(toks) == ["in", "1961", "the", "of", "fulton", "county", "the"]


def test_ngrams_short_input_is_one_gram():
    assert ngrams(["a", "b"], 3) == {b"a b"}
    assert ngrams([], 3) == set()
    assert ngrams(["a", "b", "c", "d"], 3) == {b"a b c", b"b c d"}
