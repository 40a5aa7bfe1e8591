"""Source bits: how a pair (original -> spun) is attested, one bit per table of the reverse thesaurus.

TORTURED_WORD: one word of a listed tortured phrase swapped for the word of its expected wording.
MYTHES: a synonym, similar or related term; GENERIC: a MyThes generic term; RULE: a spinner rule or contraction.
"""
MOBY, MOBY_REVERSE, WORDNET, TORTURED, TORTURED_WORD, MYTHES, GENERIC, RULE = 1, 2, 4, 8, 16, 32, 64, 128
NOT_SYNONYMS = TORTURED | TORTURED_WORD | GENERIC | RULE  # tables that say nothing of an original's synonym count
