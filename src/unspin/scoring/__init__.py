"""Scorers: how plausible each unit of a sentence is given what precedes it (a language model or n-grams)."""
from .base import Hypothesis, Scorer

__all__ = ["Hypothesis", "Scorer"]
