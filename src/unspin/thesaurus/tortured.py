"""Known tortured phrases (Problematic Paper Screener, Cabanac, Labbé, Magazinov; CC BY 4.0; see data/NOTICE.md)."""
from __future__ import annotations

import csv
from functools import lru_cache

from ..paths import DATA_DIR


@lru_cache(maxsize=4)
def load_tortured(withheld: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """Tortured phrase (lowercase) -> expected wordings, in list order; `withheld` phrases left out (to measure
    how unspin does on tortured phrases it does not know)."""
    table: dict[str, list[str]] = {}
    with (DATA_DIR / "tortured_phrases.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            tortured = " ".join(row["tortured"].lower().split())
            expected = " ".join(row["expected"].lower().split())
            if tortured and expected and tortured not in withheld and expected not in table.get(tortured, []):
                table.setdefault(tortured, []).append(expected)
    return table


def tortured_word_pairs(table: dict[str, list[str]]) -> dict[str, list[str]]:
    """Original word -> the words the list's spinners wrote for it, where a listed phrase and its expected wording
    differ word for word ("corrosive" for "acid"). Those spinners reuse their dictionary, so a new tortured phrase
    often repeats a known word swap. Function words are left out: where they differ the phrases do not align."""
    from ..frequency import FUNCTION_WORD_ZIPF, zipf

    pairs: dict[str, list[str]] = {}
    for phrase, wordings in table.items():
        for expected in wordings:
            spun_words, words = phrase.split(), expected.split()
            if len(spun_words) != len(words):
                continue
            for spun, original in zip(spun_words, words):
                if (spun != original and spun.replace("-", "").isalpha() and original.isalpha()
                        and max(zipf(spun), zipf(original)) < FUNCTION_WORD_ZIPF
                        and spun not in pairs.setdefault(original, [])):
                    pairs[original].append(spun)
    return pairs
