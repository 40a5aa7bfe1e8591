"""The fast Zipf lookup of plain words agrees with wordfreq's own `zipf_frequency`."""
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import top_n_list, zipf_frequency

from unspin.frequency import _word_zipf, zipf


def test_listed_words_agree():
    words = [w for w in top_n_list("en", 200_000)[::7] if w.isascii() and w.isalpha() and w.islower()]
    assert len(words) > 20_000
    assert [w for w in words if _word_zipf(w) != zipf_frequency(w, "en")] == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12))
def test_any_plain_word_agrees(word):
    assert _word_zipf(word) == zipf_frequency(word, "en")


def test_other_strings_take_wordfreqs_path():
    for phrase in ("New York", "don't", "3,000", "well-known", "café", "big data"):
        assert zipf(phrase) == zipf_frequency(phrase, "en")
