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
