"""Known spinners: the profiles unspin ships (`data/profiles/`), and which of them, if any, wrote a text.

A shipped profile is learned with `unspin learn --pairs` from real spun pages of the public web with their originals
(its `notes` say which pages and sites). `restore` and `detect` read a text with the profile it matches, as if given
`--profile`; a text it does not match clearly is read without it, since a profile's pairs read into clean text
would rewrite its ordinary words ("mentioned", "costs"). Where a longer text shows some of a spinner's habits,
restore and detect offer that spinner's pairs among their candidates, and the usual decider and flagger keep those
the text bears out.
"""
from __future__ import annotations

from collections.abc import Callable, Container
from functools import lru_cache

from ..paths import DATA_DIR
from ..profile import Profile
from .identify import Match, SpinnerModel, load_profiles, ranked, spinner_model

KNOWN_DIR = DATA_DIR / "profiles"
# The evidence, in nats per word, a text needs before it is read with a known spinner's pairs: with the 354-page
# profile the highest of 1,796 clean texts (every Brown category, fiction, scientific paragraphs, real clean pages) is
# 0.003, and 337 of 354 spun pages reach it with their sites held out in ten folds (docs/experiments.md, session 18).
MIN_EVIDENCE = 0.025
# A shorter text needs the evidence of one of MIN_WORDS words in all: evidence per word varies as 1/words, and a
# 141-word scientific paragraph reached 0.052 through swaps it uses as written.
MIN_WORDS = 200


# From this evidence per word up, a text that does not clearly match shows some of a known spinner's habits: restore
# and detect offer that spinner's pairs among their candidates, decided as any other. Offline on the decider's training
# documents, the dictionaries' net corrections doubled to tripled with the simulator's and clean text's nearly
# unchanged (their documents sit lower: clean at most -0.052, the benchmark's clean texts at most -0.09). Offered in
# short texts too, they rewrote the benchmark's scientific carrier sentences (docs/experiments.md, session 28).
HINT_EVIDENCE = -0.07

# Below this evidence per word a text only shows it keeps the originals a known spinner rewrites, which says nothing of
# spinners unspin does not know: the document calibrations read the evidence from here up (docs/experiments.md,
# session 24).
EVIDENCE_FLOOR = -0.15


# A pair the spinner made for this share of its spun key's occurrences, this many times or more, is all but certain in
# its texts: restore weighs it as a listed tortured phrase (real pages of the news farm, 10 folds by site, --fast:
# matched ER 51.4% -> 54.4%; docs/experiments.md, session 18).
SURE_SHARE = 0.8
SURE_COUNT = 5


@lru_cache(maxsize=1)
def shipped() -> tuple[dict[str, Profile], dict[str, str]]:
    """The shipped profiles by name, and their paths (loaded once)."""
    return load_profiles(KNOWN_DIR) if any(KNOWN_DIR.glob("*.json")) else ({}, {})


def known_profiles() -> dict[str, Profile]:
    """The shipped profiles, by name."""
    return shipped()[0]


@lru_cache(maxsize=1)
def known_models() -> dict[str, SpinnerModel]:
    """The shipped profiles' `spinner_model`s, worked out once: every text restore or detect reads is matched."""
    return {name: spinner_model(p) for name, p in known_profiles().items()}


def best_known(text: str, profiles: dict[str, Profile] | None = None) -> tuple[Match | None, int]:
    """The profile (default: the shipped ones) that best explains `text`, and the text's word count."""
    if profiles is None:
        return _best_shipped(text)
    return _best(text, {name: spinner_model(p) for name, p in profiles.items()})


@lru_cache(maxsize=256)
def _best_shipped(text: str) -> tuple[Match | None, int]:
    """`best_known` with the shipped profiles, kept for the texts just read: detect asks twice (whether to read a text
    with a profile's pairs, and its verdict's evidence)."""
    return _best(text, known_models())


def _best(text: str, models: dict[str, SpinnerModel]) -> tuple[Match | None, int]:
    if not models:
        return None, 0
    matches, words = ranked(text, models)
    return matches[0], words


def known_spinner(text: str, profiles: dict[str, Profile] | None = None) -> Match | None:
    """The known spinner that clearly wrote `text` (evidence of MIN_EVIDENCE per word or more, over at least
    MIN_WORDS words), or None."""
    best, words = best_known(text, profiles)
    return best if best and words and best.llr >= MIN_EVIDENCE * max(words, MIN_WORDS) else None


def hinted_spinner(text: str) -> str | None:
    """The shipped profile whose pairs restore and detect offer in `text` though it does not clearly match
    (HINT_EVIDENCE over MIN_WORDS words or more: a shorter text's evidence is near 0 whoever wrote it), or None."""
    best, words = best_known(text)
    if words < MIN_WORDS or known_spinner(text) is not None:
        return None
    return best.name if best.llr >= HINT_EVIDENCE * words else None


def known_evidence(text: str) -> float:
    """How much better the likeliest shipped profile explains `text` than English alone, in nats per word (over at
    least MIN_WORDS words), from EVIDENCE_FLOOR up: a feature of every text's document probability (detect's verdict,
    restore's spin score)."""
    best, words = best_known(text)
    return EVIDENCE_FLOOR if best is None else max(EVIDENCE_FLOOR, best.llr / max(words, MIN_WORDS))


def sure_swaps(profile: Profile) -> frozenset[tuple[str, str]]:
    """The (spun key, original) pairs a known spinner makes nearly every time (SURE_SHARE, SURE_COUNT)."""
    return frozenset((spun, original) for spun, originals in profile.pairs.items() for original, v in originals.items()
                     if v.get("count", 0) >= SURE_COUNT and v["count"] >= SURE_SHARE * v.get("seen", v["count"]))


def known_proposals(phrases: Container[str], profiles: dict[str, Profile] | None = None,
                    shown: Callable[[str, str], bool] | None = None) -> dict[str, dict[str, dict]]:
    """The known spinners' pairs whose spun key is among `phrases` (a pile's) and, with `shown`, that the pile shows,
    proposed at their profiles' weights: the swaps real spinners were seen to make are the likeliest start for
    another one's dictionary, and the pile's own decoding keeps only those its spinner makes (docs/experiments.md,
    session 23)."""
    out: dict[str, dict[str, dict]] = {}
    for profile in (known_profiles() if profiles is None else profiles).values():
        for spun, originals in profile.pairs.items():
            if spun not in phrases:
                continue
            for original, v in originals.items():
                weight = float(v.get("weight", 0.0))
                if shown is not None and not shown(spun, original):
                    continue
                if original not in out.get(spun, {}) or weight > out[spun][original]["weight"]:
                    out.setdefault(spun, {})[original] = {"count": 0, "weight": weight, "proposed": True}
    return out
