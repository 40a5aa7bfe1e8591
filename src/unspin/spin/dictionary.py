"""The spinner's dictionary: a thesaurus (Moby, WordNet or a pair file), optionally restricted to some head words.

Spinner dictionaries list a handful of common synonyms per word across all its senses, so options are filtered
to 1-4 word phrases of ordinary frequency (wordfreq); which sense fits the context is never considered.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import ConfigError

PHRASE_RE = re.compile(r"^[a-z][a-z'\-]*(?: [a-z][a-z'\-]*){0,3}$")
SPUN_FIRST_HEADERS = {("tortured", "expected"), ("spun", "original")}
ORIGINAL_FIRST_HEADERS = {("original", "spun"), ("original", "synonym"), ("head", "synonym")}


def load_pair_file(path: str | Path) -> dict[str, list[str]]:
    """Read a TSV of `original<TAB>synonym[<TAB>synonym...]` lines into head -> synonyms.

    A header `tortured<TAB>expected` or `spun<TAB>original` flips the columns, so the known-phrase list works too.
    """
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"no such pair file: {p}")
    table: dict[str, list[str]] = {}
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read pair file {p}: {exc}") from None
    spun_first = False
    if lines:
        header = tuple(c.strip().lower() for c in lines[0].split("\t")[:2])
        if header in SPUN_FIRST_HEADERS or header in ORIGINAL_FIRST_HEADERS:
            spun_first = header in SPUN_FIRST_HEADERS
            lines = lines[1:]
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [" ".join(c.lower().split()) for c in line.split("\t")]
        if len(cells) < 2 or not all(cells[:2]):
            raise ConfigError(f"{p}, line {number}: expected two tab-separated columns")
        if spun_first:
            cells = [cells[1], cells[0]]
        head, syns = cells[0], [c for c in cells[1:] if c and c != cells[0]]
        bucket = table.setdefault(head, [])
        bucket.extend(s for s in syns if s not in bucket)
    if not table:
        raise ConfigError(f"pair file {p} holds no pairs")
    return table


def load_thesaurus(thesaurus: str | Path | Mapping[str, list[str]]) -> Mapping[str, list[str]]:
    """`"moby"`, `"wordnet"`, a pair-file path, or a ready mapping -> head -> synonyms."""
    if isinstance(thesaurus, Mapping):
        return thesaurus
    name = str(thesaurus)
    if name == "moby":
        from ..thesaurus.moby import load_moby

        return load_moby()
    if name == "wordnet":
        from ..thesaurus.wordnet import load_wordnet

        return load_wordnet()
    return load_pair_file(name)


class SpinDictionary:
    """Head word -> the synonyms this spinner may write for it (filtered, cached)."""

    def __init__(self, table: Mapping[str, list[str]], *, heads: Iterable[str] | None = None,
                 min_zipf: float = 2.5, max_synonyms: int | None = None):
        self.table = table
        self.heads = None if heads is None else frozenset(h.lower() for h in heads)
        self.min_zipf = min_zipf
        self.max_synonyms = max_synonyms
        self._cache: dict[str, list[str]] = {}

    def __contains__(self, head: str) -> bool:
        return bool(self.options(head))

    def options(self, head: str) -> list[str]:
        """The synonyms the spinner may choose for `head` (empty if the head is not in its dictionary)."""
        if head in self._cache:
            return self._cache[head]
        options: list[str] = []
        if head in self.table and (self.heads is None or head in self.heads):
            options = [s for s in self.table[head] if s != head and PHRASE_RE.match(s)]
            if self.min_zipf > 0:
                options = [s for s in options if _zipf(s) >= self.min_zipf]
            if self.max_synonyms:
                options = sorted(options, key=_zipf, reverse=True)[: self.max_synonyms]
        self._cache[head] = options
        return options


def _zipf(phrase: str) -> float:
    """The rarest word's Zipf frequency: a phrase is as ordinary as its least ordinary word."""
    from wordfreq import zipf_frequency

    return min(zipf_frequency(w, "en") for w in phrase.split())
