"""WordNet 3.0 from Debian's `wordnet-base`, read with nltk; we supply the `lexnames` file Debian omits."""
from __future__ import annotations

import gzip
import re
import shutil
import warnings
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceMissing
from ..paths import cache_dir

WORDNET_DIR = Path("/usr/share/wordnet")
LEXNAMES_MAN = Path("/usr/share/man/man5/lexnames.5WN.gz")


def _lexnames_text() -> str:
    """Rebuild the lexnames file from the table in the lexnames(5WN) man page of the same package."""
    categories = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}
    rows = []
    if LEXNAMES_MAN.exists():
        man = gzip.open(LEXNAMES_MAN, "rt", encoding="utf-8", errors="replace").read()
        for num, name in re.findall(r"^(\d\d)\t(\w+\.\w+)", man, flags=re.M):
            rows.append(f"{num}\t{name}\t{categories[name.split('.')[0]]}")
    if len(rows) != 45:
        raise ResourceMissing("cannot rebuild WordNet's lexnames table from lexnames(5WN); reinstall wordnet-base")
    return "\n".join(rows) + "\n"


def wordnet_root() -> Path:
    """A folder nltk can read: copies of Debian's WordNet files (nltk refuses symlinks) plus `lexnames`."""
    if not (WORDNET_DIR / "data.noun").exists():
        raise ResourceMissing("WordNet 3.0 is not installed (Debian package wordnet-base; run `make install`)")
    root = cache_dir() / "wordnet"
    if not (root / "lexnames").exists():
        root.mkdir(parents=True, exist_ok=True)
        for f in WORDNET_DIR.iterdir():
            shutil.copyfile(f, root / f.name)
        (root / "lexnames").write_text(_lexnames_text())
    return root


@lru_cache(maxsize=1)
def wordnet_reader():
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    root = wordnet_root()
    if str(root) not in nltk.data.path:  # nltk only reads folders on its data path
        nltk.data.path.append(str(root))
    class _Reader(WordNetCorpusReader):
        def map_wn(self, version="wordnet"):
            return None  # the mapping to other WordNet versions is for multilingual data we do not use

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "multilingual functions are not available": we need none
        return _Reader(str(root), None)


@lru_cache(maxsize=1)
def load_wordnet() -> dict[str, list[str]]:
    """Lemma (lowercase, spaces for underscores) -> lemmas sharing a synset with it, plus similar adjectives."""
    wn = wordnet_reader()
    table: dict[str, dict[str, None]] = {}
    for synset in wn.all_synsets():
        names = [n.replace("_", " ").lower() for n in synset.lemma_names()]
        related = names[:]
        if synset.pos() in "as":
            for sim in synset.similar_tos():
                related.extend(n.replace("_", " ").lower() for n in sim.lemma_names())
        for head in names:
            bucket = table.setdefault(head, {})
            for syn in related:
                if syn != head:
                    bucket[syn] = None
    return {head: list(syns) for head, syns in table.items() if syns}
