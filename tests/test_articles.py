"""Which indefinite article a word takes, from CMU's pronouncing dictionary."""
import pytest

from unspin.articles import disagrees, takes_an


@pytest.mark.parametrize("word, expected", [("hour", True), ("army", True), ("university", False), ("one-time", False),
                                            ("European", False), ("FBI", True), ("lawyer", False),
                                            ("interesting results", True), ("qwxzv", None)])
def test_takes_an_by_the_first_sound_not_the_first_letter(word, expected):
    assert takes_an(word) is expected


def test_disagrees_only_where_the_dictionary_is_sure():
    assert disagrees("a", "attorney") and disagrees("An", "military")
    assert not disagrees("an", "hour") and not disagrees("A", "unique") and not disagrees("a", "qwxzv")
