"""The E-step: one document through the decoder; expected counts of (spun key, original) from its sites.

At each site the decoder gives, per option, the probability that the spinner wrote the spun span for that
original. Summed over a document these are the expected substitution counts under the current profile.
"""
from __future__ import annotations

from ..doc import Doc
from ..language import looks_english

MIN_P = 0.02  # options less likely than this are noise, not evidence (and would bloat the state file)
MIN_WORDS = 20  # shorter texts say too little about a spinner to be worth decoding


def span_key(doc: Doc, start: int, end: int) -> str:
    """The lowercase key of tokens [start, end), as the candidate generator spells learned keys."""
    return " ".join(t.lower for t in doc.tokens[start:end])


def document_counts(restorer, text: str) -> dict:
    """{"status", "words", "rate", "pairs": [[spun, original, expected count], ...]} for one document.

    status is "ok", "short" (too few words) or "not-english"; skipped documents carry no pairs.
    """
    doc = Doc.from_text(text)
    words = sum(1 for t in doc.tokens if t.is_word)
    if words < MIN_WORDS:
        return {"status": "short", "words": words, "rate": 0.0, "pairs": []}
    if not looks_english(doc):
        return {"status": "not-english", "words": words, "rate": 0.0, "pairs": []}
    sites = restorer.decoder.sites(doc, restorer.candidates(doc))
    counts: dict[tuple[str, str], float] = {}
    spun_words = 0.0
    for site in sites:
        if not site.p:
            continue
        total = sum(site.p)
        scale = 1.0 / total if total > 1.0 else 1.0  # the options of a site exclude each other
        spun_words += max(site.p) * (site.end - site.start)
        key = span_key(doc, site.start, site.end)
        for option, p in zip(site.options, site.p):
            p *= scale
            if p < MIN_P or option.known_tortured:
                continue  # known tortured phrases are already restored without a profile
            original = " ".join(option.original.lower().replace("’", "'").split())
            if original and original != key:
                counts[(key, original)] = counts.get((key, original), 0.0) + p
    pairs = [[s, o, round(c, 4)] for (s, o), c in sorted(counts.items())]
    return {"status": "ok", "words": words, "rate": round(min(1.0, spun_words / words), 4), "pairs": pairs}
