"""Learning a spinner from its output (`learn`) and telling spinners apart (`identify`).

    >>> from unspin.learn import learn
    >>> profile = learn(spun_texts, fast=True)        # doctest: +SKIP
    >>> profile.save("spinner.json")                   # doctest: +SKIP
"""
from .em import learn, with_learned
from .identify import identify, load_profiles

__all__ = ["learn", "with_learned", "identify", "load_profiles"]
