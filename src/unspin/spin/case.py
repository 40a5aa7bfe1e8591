"""Keep the case pattern of the replaced words (spinners write "Rustic" for "Country", "WAR" for "WAR")."""
from __future__ import annotations


def match_case(template: str, replacement: str) -> str:
    """Give `replacement` the case pattern of `template`: upper, title-initial or lower."""
    letters = [c for c in template if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and letters[0].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
