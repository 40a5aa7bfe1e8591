"""Thesauri (forward: original -> synonyms) and the reverse index that proposes originals for spun words."""
