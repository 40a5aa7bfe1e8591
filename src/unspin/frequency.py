"""How common an English word or phrase is (wordfreq's Zipf scale), and where function words begin."""
from __future__ import annotations

import math
from functools import lru_cache

FUNCTION_WORD_ZIPF = 6.0  # words at least this common ("is", "with", "will", "at") are function words here
_FLOOR = 1e-9  # wordfreq's frequency at Zipf 0, what an unlisted word gets


@lru_cache(maxsize=500_000)
def zipf(phrase: str) -> float:
    """wordfreq's Zipf frequency of an English word or phrase, cached (the decoder asks for the same ones)."""
    if phrase.isascii() and phrase.isalpha() and phrase.islower():
        return _word_zipf(phrase)
    from wordfreq import zipf_frequency

    return zipf_frequency(phrase, "en")


def _word_zipf(word: str) -> float:
    """`zipf` of one lowercase ASCII word, read straight from wordfreq's table: its tokenizer would keep the word
    whole, and tokenizing is most of a cold lookup's cost (tests/test_frequency.py holds the two to agree)."""
    freq = max(_frequencies().get(word, 0.0), _FLOOR)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)  # wordfreq keeps three significant digits
    return round(math.log(freq, 10) + 9, 2)


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", "best")
