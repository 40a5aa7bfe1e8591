from unspin.learn.discover import DiscoverParams, pile_keys


def _pile() -> list[str]:
    filler = "Officials said it was cold here and the country went to war. "
    pets = ["dogs", "cats", "birds", "fish", "mice", "rats"]
    return [f"The {pets[k]} as respects {pets[k + 1]} slept. " + filler * 3 for k in range(5)] + [filler * 4]


def test_over_used_phrases_are_found_and_their_parts_are_not_counted_twice():
    found = dict(pile_keys(_pile()).keys)
    assert "as respects" in found and found["as respects"] > 8
    assert "respects" not in found  # over-used only inside "as respects"


def test_signature_keeps_keys_of_several_documents_with_their_counts():
    keys = pile_keys(_pile())
    assert keys.signature()["as respects"] == 5
    rustic = " ".join(f"{a} rustic {b}." for a, b in zip(["One", "Two", "Old", "New", "Big"],
                                                           ["barn", "cart", "mill", "farm", "shed"]))
    lone = pile_keys([rustic + " It was cold here and the country went to war." * 3,
                      "It was cold here and the country went to war. " * 4], DiscoverParams(min_documents=1))
    assert "rustic" in dict(lone.keys) and "rustic" not in lone.signature()  # one document: not a fingerprint


def test_a_proposal_must_fit_the_form_of_the_key():
    from unspin.learn.discover import same_form

    assert same_form("was", "became") and same_form("has", "possesses") and same_form("and", "plus")
    assert not same_form("is", "became") and not same_form("and", "persisted")
    assert same_form("of", "with respect to")  # phrases are not inflected forms
    assert same_form("within", "inside")  # base forms of different parts of speech say nothing
    assert not same_form("man", "males")  # one plural, the other not


def test_words_inflected_alike_are_tied_through_their_lemmas():
    from unspin.learn.discover import tie
    from unspin.thesaurus.index import MOBY, ReverseIndex

    index = ReverseIndex.from_tables({MOBY: {"man": ["male", "gentleman"], "male": ["man", "gentleman"],
                                             "gentleman": ["man", "male"]}})
    assert tie(index, "man", "male") == 1.0
    assert tie(index, "men", "males") == 1.0  # the thesaurus lists neither plural
    assert tie(index, "men", "male") == 0.0  # a plural is not tied to a singular


def test_padding_is_dropped_only_when_it_is_common_and_topics_are_not_habits():
    from unspin.learn.discover import _parts, _spread_evenly

    assert "is" in _parts(["is", "actually"])
    assert "the" not in _parts(["the", "president's"]) and _parts(["plus"]) == []
    habit = [(d, None, None) for d in range(40)]  # once in each of 40 documents
    topic = [(d % 4, None, None) for d in range(40)]  # ten times in each of 4 documents
    assert _spread_evenly(habit, 100) and not _spread_evenly(topic, 100)


def _habit_pile() -> list[str]:
    """'solely' stands for 'only' throughout, in varied company; it is followed by 'the' in half the documents, so
    'solely the' is over-used too, but less strikingly than 'solely' itself."""
    filler = "Officials said it was cold here and the country went to war. "
    verbs, things = ["sold", "kept", "found", "saw", "met", "fed"], ["cats", "dogs", "hay", "corn", "oats", "milk"]
    return [f"They {v} solely {'the ' * (k % 2)}{t}. " + filler * 3
            for k, (v, t) in enumerate(zip(verbs, things))]


def test_a_key_is_not_dropped_for_a_longer_key_that_owes_its_over_use_to_it():
    found = dict(pile_keys(_habit_pile()).keys)
    assert "solely" in found  # before: counted as explained by "solely the" and dropped
    assert found["solely"] > found.get("solely the", 0.0)


def test_a_word_the_pile_all_but_never_writes_is_missing():
    keys = pile_keys(["It was late. " * 300, "It was cold and it was late. " * 200])
    params = DiscoverParams()
    assert not keys.missing("was", params)  # written as often as English writes it
    rewritten = pile_keys(["It used to be late. " * 300, "It used to be cold and it used to be late. " * 200])
    assert rewritten.missing("was", params)
    assert not rewritten.missing("zygote", params)  # English would not have written it here either: no evidence
    assert "was" in rewritten.scarce() and "was" not in keys.scarce()
    assert "zygote" not in rewritten.scarce()


def test_a_phrase_over_used_only_through_a_far_more_striking_part_is_dropped():
    from unspin.learn.discover import _owes_to_part

    ratio = {"turned into": 30.0, "he turned into": 4.0, "as respects": 9.0, "respects": 8.0}
    assert _owes_to_part("he turned into", 4.0, ratio)  # its original would swallow "he"
    assert not _owes_to_part("as respects", 9.0, ratio)  # the phrase is the more striking
    assert not _owes_to_part("turned into", 30.0, ratio)


def test_padding_must_not_be_a_spun_key_and_rare_words_or_content_phrases_take_no_untied_function_word(
        tiny_index):
    from unspin.learn.discover import _function_for_rare, _without

    assert _without(["throughout", "the"], "the") == "throughout"  # over-used itself: not padding
    params = DiscoverParams()
    assert _function_for_rare("and", "darkish", tiny_index, params)
    assert not _function_for_rare("and", "plus", tiny_index, params)  # a common key may stand for "and"
    assert not _function_for_rare("country", "rural", tiny_index, params)  # not a function word
    assert _function_for_rare("you", "gasoline costs", tiny_index, params)  # a topic's phrase, no function word
    assert not _function_for_rare("was", "used to be", tiny_index, params)  # a spinner's phrase for a function word


def _rewritten_pile(word: str, replacement: str) -> list[str]:
    """A hundred documents of plain prose, `word` in each about as often as English writes it and in varied
    company, a spinner having written `replacement` for every one."""
    before = ["officials", "they", "we", "people", "he", "she", "many", "both", "others", "you"]
    after = ["the talks", "a word", "her coat", "some notes", "his help", "any doubt", "the money", "a plan", "it",
             "us"]
    filler = "The country went to war and prices rose again last year in the north of the land. "
    return [f"Then {before[k % 10]} {replacement} {after[k // 10]} again. " + filler * 30 for k in range(100)]


def test_a_key_whose_tied_original_the_pile_lacks_gets_that_original():
    from unspin.learn.discover import _lost_original
    from unspin.thesaurus.index import MOBY, ReverseIndex

    index = ReverseIndex.from_tables({MOBY: {"said": ["stated", "declared"], "stated": ["said", "declared"],
                                             "declared": ["said", "stated"]}})
    keys = pile_keys(_rewritten_pile("said", "stated"))
    params = DiscoverParams()
    deficits = keys.lacking(params.lost_vocabulary)
    lost = _lost_original(keys, "stated", keys.occ["stated"][:60], deficits, index, params)
    assert lost is not None and lost[2] == "said"
    plain = pile_keys(_rewritten_pile("said", "said"))  # nothing rewritten: "said" is not lacking
    assert "said" not in plain.lacking(params.lost_vocabulary)
    assert _lost_original(keys, "stated", keys.occ["stated"][:60], {}, index, params) is None


def test_a_phrase_english_never_writes_is_over_used_though_wordfreq_rates_it_as_its_rarest_word():
    from unspin.learn.phrases import english_rate, phrase_rate

    assert phrase_rate("with out") < english_rate("with out") / 100
    assert phrase_rate("said") == english_rate("said")
    found = dict(pile_keys(_rewritten_pile("without", "with out")).keys)
    assert "with out" in found and found["with out"] > 100
    assert "the talks in" not in found  # plain English, however often the pile repeats it


def test_a_word_counts_as_lacking_when_it_survives_only_inside_an_over_used_phrase():
    keys = pile_keys(_rewritten_pile("not", "now not"))
    assert any("now not" in key for key, _ in keys.keys)
    assert "not" not in keys.scarce()  # every "not" of the pile sits inside "now not" ...
    assert "not" in keys.lacking(1000)  # ... so the pile lacks the word itself
