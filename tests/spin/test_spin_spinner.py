"""The spinner simulator: determinism, exact gold alignment, rate, inflection, case, rules, spintax, quotes."""
from hypothesis import given, settings
from hypothesis import strategies as st
from spin_fixtures import TEXT, TINY

from unspin.spin import Spinner, apply_gold, parse_spintax, resolve_spintax
from unspin.spin.tokens import words


def check_alignment(original, result):
    assert apply_gold(result.text, result.gold) == original
    for g in result.gold:
        assert result.text[g.start : g.end] == g.spun
        assert original[g.orig_start : g.orig_end] == g.original
    starts = [g.start for g in result.gold]
    assert starts == sorted(starts)


def test_same_seed_same_output_and_other_seed_differs():
    a = Spinner(TINY, rate=0.5, seed=1).spin(TEXT)
    b = Spinner(TINY, rate=0.5, seed=1).spin(TEXT)
    c = Spinner(TINY, rate=0.5, seed=2).spin(TEXT)
    assert a.text == b.text and a.gold == b.gold
    assert c.text != a.text


def test_gold_gives_back_the_original_exactly_in_every_mode():
    for seed in range(20):
        for kwargs in ({}, {"spintax": True}, {"quote_swap": 1.0}, {"phrase_rules": False}, {"quoted": False}):
            result = Spinner(TINY, rate=0.6, seed=seed, **kwargs).spin(TEXT)
            assert result.gold
            check_alignment(TEXT, result)


def test_text_outside_spans_is_unchanged():
    result = Spinner(TINY, rate=0.5, seed=3).spin(TEXT)
    pos_s = pos_o = 0
    for g in result.gold:
        assert result.text[pos_s : g.start] == TEXT[pos_o : g.orig_start]
        pos_s, pos_o = g.end, g.orig_end
    assert result.text[pos_s:] == TEXT[pos_o:]


def test_rate_is_roughly_respected():
    text = " ".join(["country war city dog house red"] * 40)
    for rate in (0.1, 0.25, 0.4):
        result = Spinner(TINY, rate=rate, phrase_rules=False, seed=0).spin(text)
        share = result.spun_words / len(words(text))
        assert abs(share - rate) <= 0.03, (rate, share)


def test_inflection_and_case_are_kept():
    spinner = Spinner({"report": ["account"], "like": ["favor"], "country": ["nation"]}, rate=1.0,
                      phrase_rules=False, numbers=False)
    result = spinner.spin("Country reports liked")
    assert result.text == "Nation accounts favored"
    assert spinner.spin("COUNTRY").text == "NATION"


def test_possessive_is_spun_around_its_apostrophe():
    result = Spinner({"country": ["nation"]}, rate=1.0, phrase_rules=False).spin("the country's war")
    assert result.text == "the nation's war"


def test_phrase_rules_spin_function_words_and_multiword_phrases():
    result = Spinner({}, rate=1.0, phrase_rules={"was": ["used to be"], "in order to": ["so as to"]},
                     numbers=False, seed=0).spin("It was made in order to help")
    assert result.text == "It used to be made so as to help"
    assert {g.kind for g in result.gold} == {"rule"}
    assert [g.original for g in result.gold] == ["was", "in order to"]


def test_multiword_thesaurus_heads_are_spun_whole():
    result = Spinner({"crude oil": ["raw petroleum"]}, rate=1.0, phrase_rules=False).spin("cheap crude oil")
    assert result.text == "cheap raw petroleum"


def test_heads_restrict_the_dictionary():
    result = Spinner(TINY, rate=1.0, phrase_rules=False, numbers=False, heads={"war"}).spin("country war city")
    assert [g.original for g in result.gold] == ["war"]


def test_quoted_speech_can_be_left_alone():
    text = 'The country said "the war in the city" today.'
    result = Spinner(TINY, rate=1.0, phrase_rules=False, quoted=False).spin(text)
    assert '"the war in the city"' in result.text


def test_spintax_groups_parse_and_resolve():
    result = Spinner(TINY, rate=0.5, spintax=True, seed=4).spin(TEXT)
    groups = parse_spintax(result.text)
    assert len(groups) == len(result.gold)
    for (start, end, options), g in zip(groups, result.gold):
        assert (start, end) == (g.start, g.end) and len(options) >= 2
    assert "{" not in resolve_spintax(result.text)
    assert resolve_spintax("a {b|c} d") == "a b d"


def test_quote_swap_only_touches_quotes():
    result = Spinner({}, rate=0.0, quote_swap=1.0).spin('He said "yes" and \u201cno\u201d.')
    assert result.text == 'He said \u201cyes\u201d and "no".'
    check_alignment('He said "yes" and \u201cno\u201d.', result)


def test_numbers_spelled_out_and_turned_to_digits():
    result = Spinner({}, rate=1.0, phrase_rules=False, numbers=True).spin("3 dogs came first")
    assert result.text == "three dogs came 1st"


def test_empty_and_wordless_text():
    assert Spinner(TINY).spin("").text == ""
    assert Spinner(TINY).spin("  ...\n").text == "  ...\n"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["country", "war", "Big", "city", "crude oil", "was", "is", "3", "first",
                                 "reports", "the", ",", ".", '"', "\u201c", "\n", "  ", "\t", "don't", "it\u2019s"]),
                max_size=40),
       st.integers(0, 5))
def test_gold_alignment_holds_for_any_text(pieces, seed):
    text = " ".join(pieces)
    result = Spinner(TINY, rate=0.5, seed=seed, spintax=0.3, quote_swap=0.3).spin(text)
    check_alignment(text, result)
