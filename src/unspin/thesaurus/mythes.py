"""MyThes, LibreOffice's English thesaurus (Debian `mythes-en-us`, 145,000 head words, many of them phrases).

Its meanings list synonyms, similar and related terms, generic terms (hypernyms) and antonyms. Spinners write a
synonym or a near one, so antonyms are left out; generic terms ("vehicle" for "car") are kept apart, as weaker
pairs, since a spinner's group sometimes holds them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceMissing

MYTHES_FILE = Path("/usr/share/mythes/th_en_US_v2.dat")
_LABEL = re.compile(r"\s*\(([a-z ]+)\)$")
CLOSE_LABELS = {"", "similar term", "related term"}


def _entries(path: Path):
    """(head, [(term, label)]) per head word of a MyThes data file; label is "" for a plain synonym."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        fh.readline()  # the encoding line
        for line in fh:
            head, _, count = line.rstrip("\n").rpartition("|")
            if not count.isdigit():
                continue
            terms = []
            for _ in range(int(count)):
                for part in fh.readline().rstrip("\n").split("|")[1:]:
                    m = _LABEL.search(part)
                    term = part[: m.start()] if m else part
                    terms.append((term.strip().lower(), m.group(1) if m else ""))
            yield head.strip().lower(), terms


@lru_cache(maxsize=2)
def load_mythes(generic: bool = False, path: Path = MYTHES_FILE) -> dict[str, list[str]]:
    """Head -> its synonyms, similar and related terms (`generic`: its generic terms instead), lowercase."""
    if not path.exists():
        raise ResourceMissing(f"MyThes is not installed ({path}; Debian package mythes-en-us, run `make install`)")
    wanted = {"generic term"} if generic else CLOSE_LABELS
    table: dict[str, list[str]] = {}
    for head, terms in _entries(path):
        syns = [t for t, label in terms if label in wanted and t and t != head]
        if syns:
            bucket = table.setdefault(head, [])
            bucket.extend(s for s in dict.fromkeys(syns) if s not in bucket)
    return table
