"""Is this English? Spinners and our thesauri are English-only; other languages get a warning and no edits."""
from __future__ import annotations

from functools import lru_cache

from .doc import Doc

MIN_WORDS = 8
MIN_ENGLISH_SHARE = 0.6


@lru_cache(maxsize=100_000)
def _is_english_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= 2.5


def looks_english(doc: Doc) -> bool:
    """True when most words are common English words (or the text is too short to tell)."""
    words = [t.lower for t in doc.tokens[:3000] if t.is_word and t.text[0].islower()]
    if len(words) < MIN_WORDS:
        return True
    known = sum(1 for w in words if _is_english_word(w))
    return known / len(words) >= MIN_ENGLISH_SHARE
