"""Is this English? Spinners and our thesauri are English-only; other languages get a warning and no edits."""
from __future__ import annotations

from .doc import Doc
from .frequency import zipf

MIN_WORDS = 8  # fewer lowercase words are too few to tell a language by, and are taken as English
ENGLISH_WORD_ZIPF = 2.5  # at least this common in English
MIN_ENGLISH_SHARE = 0.6  # common English words among lowercase words, less the share of foreign function words:
# between what clean English (scientific sentences included) and the six languages below score
# Function words of German, French, Spanish, Italian, Portuguese and Dutch that English text rarely contains. Many
# of those languages' commonest words also pass as English ("die", "auf", "um"), so the English share alone lets
# them through; names ("Luis de la Cruz") only cost a little.
FOREIGN_FUNCTION_WORDS = frozenset("""
der das und ist nicht ein eine mit sich auf dem den des von für auch wird werden wir ich sie zu über noch nach bei
oder aber sind wie le la les est des du une dans pour que qui pas sur avec ce il elle nous vous sont au aux mais ou
par cette été être el los las del es una por con para se su como pero muy está lo más fue sus entre della di che è
gli nel anche più alla degli questo os da não em um uma dos das pelo pela foi seu sua de het een en van niet op te
dat zijn voor ook maar wij bij werd worden
""".split())


def looks_english(doc: Doc) -> bool:
    """True when most words are common English words and few are other languages' function words (or the text
    is too short to tell)."""
    words = [t for t in doc.tokens[:3000] if t.is_word]
    lower = [t.lower for t in words if t.text[0].islower()]
    if len(lower) < MIN_WORDS:
        return True
    english = sum(1 for w in lower if zipf(w) >= ENGLISH_WORD_ZIPF) / len(lower)
    foreign = sum(1 for t in words if t.lower in FOREIGN_FUNCTION_WORDS) / len(words)
    return english - foreign >= MIN_ENGLISH_SHARE
