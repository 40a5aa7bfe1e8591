"""Spintax, the spinners' template syntax `{a|b|c}`: writing fragments of it and reading them back."""
from __future__ import annotations

import random
import re

SPINTAX_RE = re.compile(r"\{([^{}|]*(?:\|[^{}|]*)+)\}")


def format_spintax(options: list[str]) -> str:
    """`["a", "b"]` -> `{a|b}`."""
    return "{" + "|".join(options) + "}"


def parse_spintax(text: str) -> list[tuple[int, int, list[str]]]:
    """Every flat spintax group in `text`: (start, end, options)."""
    return [(m.start(), m.end(), m.group(1).split("|")) for m in SPINTAX_RE.finditer(text)]


def resolve_spintax(text: str, rng: random.Random | None = None) -> str:
    """Replace each group by one option: the first, or a random one when `rng` is given."""
    return SPINTAX_RE.sub(lambda m: (rng.choice if rng else (lambda o: o[0]))(m.group(1).split("|")), text)
