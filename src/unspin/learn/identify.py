"""Which known spinner wrote a text? A likelihood ratio of the text's word use under each spinner profile.

A profile learned from a pile says how often its spinner writes each spun key per word of output (count / words of
its pile; for the keys of its signature, the pile's rate beyond English's), and which common words its output all but
lacks (their rate in the pile, below English's: negative). A profile learned from copies with their originals knows
more: the share of each original the spinner rewrites, so a swap occurs at English's rate of its original times that
share, in a text of any topic (a pile of a few pages' rates is mostly their topic).
Under "spinner P wrote this", key s occurs at English's rate plus P's rate; under "none of them", at English's
rate (wordfreq). Occurrence counts are Poisson, so each profile gets a log-likelihood ratio against the same
null; a softmax over the ratios (with "none" at 0) turns them into probabilities that compare across profiles.
A pile's signature keys that are no learned pair count by documents instead: present or absent in the text, against
the share of the pile's documents that hold them, since a pile over-uses its topics' words too ("mrs", 37 times in one
story), and a topic's word comes in bursts where a spinner's habit shows in document after document.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..doc import Doc
from ..errors import ConfigError
from ..profile import Profile, load_profile
from . import phrases
from .estimate import occurrences

FLOOR_FREQ = 1e-7  # a key English never uses still occurs by chance now and then
SCARCE_FLOOR = 0.05  # a word a profile's pile lacks still occurs at this share of English's rate (quotes, names)
MAX_SHARE = 1 - SCARCE_FLOOR  # nor does a spinner rewrite every occurrence of an original, however few pages said so
# A swap learned from pairs is evidence of its spinner once seen on this many pages (or on every page of a smaller
# profile): one seen on a page or two may be an article's revision or a word a formal genre uses anyway, and the
# scientific paragraphs matched a 98-page profile until they were left out (docs/experiments.md, session 16).
MIN_PAGES = 3


@dataclass(frozen=True)
class SpinnerModel:
    """What a text is compared with for one profile: keys counted by occurrences (their rates per word beyond
    English's), and keys counted by documents (the share of the spinner's documents holding them beyond English's,
    for documents of `document_words` words)."""

    rates: dict[str, float]
    shares: dict[str, float] = field(default_factory=dict)
    document_words: float = 1.0

    @cached_property
    def boosts(self) -> dict[str, float]:
        """What one occurrence of each rate-counted key adds to the log-likelihood ratio, log(1 + rate / English's):
        worked out once, so a text costs only the keys it holds (the shipped profile has thousands)."""
        return {key: math.log1p(lam / english_rate(key)) for key, lam in self.rates.items()}

    @cached_property
    def total_rate(self) -> float:
        return sum(self.rates.values())


@dataclass
class Match:
    """How well one profile explains the text."""

    name: str
    llr: float  # log-likelihood ratio against "written by no known spinner"
    probability: float
    evidence: list[tuple[str, int]] = field(default_factory=list)  # the profile's keys found most telling
    path: str = ""

    def to_dict(self, words: int) -> dict:
        return {"profile": self.name, "path": self.path, "probability": round(self.probability, 4),
                "llr": round(self.llr, 3), "llr_per_100_words": round(100 * self.llr / max(words, 1), 3),
                "evidence": [{"spun": k, "count": c} for k, c in self.evidence]}


def english_rate(key: str) -> float:
    """How often English writes `key`, per word (wordfreq; phrases get its combined estimate)."""
    return phrases.english_rate(key, FLOOR_FREQ)


def spinner_rates(profile: Profile) -> dict[str, float]:
    """Spun key -> how often the spinner writes it per word of its output (beyond English's own use of it)."""
    if profile.notes.get("learned_from") == "pairs" and (shares := swap_rates(profile)):
        return shares  # (a profile learned from pairs before they counted their originals has none)
    words = profile.words or 400 * max(profile.documents, 1)  # older profiles lack the pile's size
    rates: dict[str, float] = {}
    for spun, originals in profile.pairs.items():
        count = sum(float(v.get("count", 0) or 0) for v in originals.values())
        if count > 0:
            rates[spun] = count / words
    for spun, count in profile.signature.items():
        if spun in profile.signature_documents and spun not in profile.pairs:
            continue  # counted by documents: signature_shares
        excess = count / words - english_rate(spun)
        if excess > rates.get(spun, 0.0):
            rates[spun] = excess
    for word, count in profile.scarce.items():
        if word not in rates:  # a word the spinner rewrites away: English's rate less what it took
            english = english_rate(word)
            rates[word] = max(max(count, 0.5) / words, SCARCE_FLOOR * english) - english
    return rates


def signature_shares(profile: Profile) -> tuple[dict[str, float], float]:
    """Signature key (no learned pair) -> the share of the pile's documents holding it beyond the share English's rate
    would put there; and the pile's mean document length in words."""
    documents = max(profile.documents, 1)
    length = profile.words / documents if profile.words else 400.0
    shares = {}
    for key, holding in profile.signature_documents.items():
        if key not in profile.pairs:
            english = -math.expm1(-length * english_rate(key))
            share = min(MAX_SHARE, (holding / documents - english) / (1 - english))
            if share > 0:
                shares[key] = share
    return shares, length


def spinner_model(profile: Profile) -> SpinnerModel:
    """The profile as `ranked` compares texts with it."""
    return SpinnerModel(spinner_rates(profile), *signature_shares(profile))


def swap_rates(profile: Profile) -> dict[str, float]:
    """`spinner_rates` from the shares of their originals a profile learned from pairs counted: each spun key at
    English's rate of its originals times their shares, each original at English's rate less what was taken.
    Only swaps seen on MIN_PAGES pages count."""
    rates: dict[str, float] = {}
    taken: dict[str, float] = {}
    pages = min(MIN_PAGES, max(profile.documents, 1))
    for spun, originals in profile.pairs.items():
        for original, v in originals.items():
            count, seen = float(v.get("count", 0) or 0), float(v.get("original_seen", 0) or 0)
            if count > 0 and seen > 0 and v.get("documents", count) >= pages:
                share = min(MAX_SHARE, count / max(seen, count))
                rates[spun] = rates.get(spun, 0.0) + english_rate(original) * share
                taken[original] = taken.get(original, 0.0) + share
    for original, share in taken.items():
        rates[original] = rates.get(original, 0.0) - english_rate(original) * min(MAX_SHARE, share)
    return rates


def log_likelihood_ratio(counts: dict[str, int], words: int, model: SpinnerModel) -> tuple[float, list]:
    """Log-likelihood ratio of the text's keys under the spinner vs English alone, and its top terms: Poisson counts
    for the model's rates, presence or absence for its shares."""
    total, terms = -words * model.total_rate, []  # every key's expected count under the spinner, found or not
    for key, c in counts.items():  # the keys the text holds
        boost = model.boosts.get(key)
        if boost is not None and c:
            total += c * boost
            terms.append((c * boost - words * model.rates[key], key, c))
    documents = words / model.document_words  # how many of the pile's documents this text is worth
    for key, share in model.shares.items():
        absent = documents * math.log1p(-share)  # log P(absent | spinner) - log P(absent | English)
        c = counts.get(key, 0)
        if c:
            english = -math.expm1(-words * english_rate(key))
            term = math.log1p(-math.expm1(absent) * (1 - english) / english)
            terms.append((term, key, c))
        else:
            term = absent
        total += term
    terms.sort(reverse=True)
    return total, [(k, c) for _, k, c in terms[:8]]


def identify(text: str, profiles: dict[str, Profile], paths: dict[str, str] | None = None) -> tuple[list[Match], int]:
    """Profiles ranked by how likely their spinner wrote `text`, and the text's word count."""
    return ranked(text, {name: spinner_model(p) for name, p in profiles.items()}, paths)


def ranked(text: str, models: dict[str, SpinnerModel], paths: dict[str, str] | None = None
           ) -> tuple[list[Match], int]:
    """`identify` from each profile's `spinner_model`, for callers that rank many texts against the same profiles."""
    doc = Doc.from_text(text)
    words = sum(1 for t in doc.tokens if t.is_word)
    keys = set().union(*(set(m.rates) | set(m.shares) for m in models.values())) if models else set()
    counts = {k: c for k, c in occurrences([doc], keys).items() if c} if keys and words else {}
    matches = []
    for name, model in models.items():
        llr, evidence = log_likelihood_ratio(counts, words, model)
        matches.append(Match(name, llr, 0.0, evidence, (paths or {}).get(name, "")))
    top = max([0.0] + [m.llr for m in matches])
    norm = math.exp(-top) + sum(math.exp(m.llr - top) for m in matches)  # "none" has llr 0
    for m in matches:
        m.probability = math.exp(m.llr - top) / norm
    matches.sort(key=lambda m: -m.llr)
    return matches, words


def best_match(matches: list[Match]) -> Match | None:
    """The likeliest spinner, or None when "written by none of them" is likelier."""
    return matches[0] if matches and matches[0].llr > 0 else None


def load_profiles(folder: str | Path) -> tuple[dict[str, Profile], dict[str, str]]:
    """Every *.json profile in a folder, by name (file stem when names clash), with their paths."""
    root = Path(folder)
    if not root.exists():
        raise ConfigError(f"no such folder of profiles: {root}")
    files = sorted(root.glob("*.json")) if root.is_dir() else [root]
    profiles: dict[str, Profile] = {}
    paths: dict[str, str] = {}
    for f in files:
        p = load_profile(f)
        name = p.name if p.name not in profiles else f.stem
        profiles[name], paths[name] = p, str(f)
    if not profiles:
        raise ConfigError(f"{root} holds no profiles (*.json files made by `unspin learn`)")
    return profiles, paths
