"""A spinner simulator: rewrites text the way article spinners do and records aligned gold for benchmarks.

    >>> from unspin.spin import Spinner
    >>> result = Spinner(thesaurus="moby", rate=0.25, seed=0).spin("The country was at war.")  # doctest: +SKIP
    >>> result.text, result.gold                                                                # doctest: +SKIP
"""
from .gold import GoldSpan, SpinResult, apply_gold
from .spinner import Spinner
from .spintax import parse_spintax, resolve_spintax

__all__ = ["Spinner", "SpinResult", "GoldSpan", "apply_gold", "parse_spintax", "resolve_spintax"]
