"""How common an English word or phrase is (wordfreq's Zipf scale), and where function words begin."""
from __future__ import annotations

from functools import lru_cache

FUNCTION_WORD_ZIPF = 6.0  # words at least this common ("is", "with", "will", "at") are function words here


@lru_cache(maxsize=500_000)
def zipf(phrase: str) -> float:
    """wordfreq's Zipf frequency of an English word or phrase, cached (the decoder asks for the same ones)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(phrase, "en")
