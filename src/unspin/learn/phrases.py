"""Word phrases of a Doc as the candidate generator sees them: words joined by single plain spaces."""
from __future__ import annotations

from ..doc import Token


def joinable(text: str, span: list[Token]) -> bool:
    """Tokens form one phrase when they are words separated by exactly one space."""
    if not all(t.is_word for t in span):
        return False
    return all(text[a.end : b.start] == " " for a, b in zip(span, span[1:]))
