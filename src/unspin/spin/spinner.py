"""The spinner simulator: replaces 1-4 word phrases the way real article spinners do, and records the gold.

What it imitates (DESIGN.md, "What real spinners do"): sense-blind synonym choice from a thesaurus; function
words and fixed phrases spun by phrase rules (one word to several and back, contractions changed); names partly
spun; numbers spelled out or turned into digits; inflection and case kept; quoted speech spun or left alone;
spintax fragments leaking; straight and curly quotes swapped. Text outside the substituted spans is unchanged.
"""
from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .case import match_case
from .dictionary import SpinDictionary, load_thesaurus
from .gold import GoldSpan, SpinResult
from .inflection import analyses, inflect_phrase
from .numbers import NUMBER_RULES
from .rules import PHRASE_RULES
from .spintax import format_spintax
from .tokens import joined_by_space, sentence_initial, word_spans

MAX_PHRASE = 4
CURLY = {"\u201c": '"', "\u201d": '"'}


@dataclass
class _Choice:
    """A substitution the spinner has decided on, in original-text offsets."""

    start: int
    end: int
    replacement: str
    kind: str


class Spinner:
    """A simulated article spinner with a Python API; `spin(text)` returns the spun text and its gold spans.

    thesaurus: "moby", "wordnet", a pair-file path (TSV original<TAB>synonym) or a mapping head -> synonyms.
    rate: target share of the original's words that are replaced.
    phrase_rules: also spin function words and fixed phrases (rules.PHRASE_RULES, or a mapping of your own).
    spintax: leak substitutions as `{a|b|c}` groups: True for all, a float for that share of them.
    heads: restrict the thesaurus to these head words (for spinning with a dictionary the restorer lacks).
    numbers: spell out small numbers and ordinals, or turn them into digits.
    names: relative chance that a capitalised word inside a sentence (part of a name) is spun.
    quoted: spin inside quotation marks too (some spinners leave quoted speech alone).
    quote_swap: chance that each double quote outside the spun spans is swapped straight <-> curly.
    min_zipf / max_synonyms: keep synonyms of ordinary frequency / only the most frequent few.
    """

    def __init__(
        self,
        thesaurus: str | Path | Mapping[str, list[str]] = "moby",
        rate: float = 0.25,
        phrase_rules: bool | Mapping[str, list[str]] = True,
        spintax: bool | float = False,
        seed: int = 0,
        heads: Iterable[str] | None = None,
        *,
        numbers: bool = True,
        names: float = 0.5,
        quoted: bool = True,
        quote_swap: float = 0.0,
        min_zipf: float = 2.5,
        max_synonyms: int | None = None,
    ):
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"rate must be between 0 and 1, not {rate}")
        self.dictionary = SpinDictionary(load_thesaurus(thesaurus), heads=heads, min_zipf=min_zipf,
                                         max_synonyms=max_synonyms)
        self.rate = rate
        if phrase_rules is True:
            self.rules: Mapping[str, list[str]] = PHRASE_RULES
        else:
            self.rules = phrase_rules or {}
        self.spintax = float(spintax)
        self.seed = seed
        self.numbers = NUMBER_RULES if numbers else {}
        self.names = names
        self.quoted = quoted
        self.quote_swap = quote_swap
        self._known: dict[str, list[tuple[str, list[str]]]] = {}

    # -- public API -------------------------------------------------------------------------------------------
    def spin(self, text: str, *, seed: int | None = None) -> SpinResult:
        """Spin `text`; the same text, settings and seed always give the same result."""
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        rng = random.Random(f"{self.seed if seed is None else seed}:{digest}")
        choices = self._choose(text, rng)
        choices += self._swap_quotes(text, choices, rng)
        return _assemble(text, sorted(choices, key=lambda c: c.start))

    # -- choosing what to replace -----------------------------------------------------------------------------
    def _choose(self, text: str, rng: random.Random) -> list[_Choice]:
        spans = word_spans(text)
        if not spans or self.rate <= 0:
            return []
        quoted = _inside_quotes(text, spans)
        target = round(self.rate * len(spans))
        starts = list(range(len(spans)))
        rng.shuffle(starts)
        covered = [False] * len(spans)
        chosen: list[_Choice] = []
        count = 0
        for i in starts:
            if count >= target:
                break
            if covered[i] or (quoted[i] and not self.quoted):
                continue
            token = text[spans[i][0] : spans[i][1]]
            if token[:1].isupper() and not sentence_initial(text, spans[i][0]) and rng.random() >= self.names:
                continue
            lengths = [n for n in range(min(MAX_PHRASE, len(spans) - i), 0, -1)
                       if not any(covered[i : i + n]) and (n == 1 or joined_by_space(text, spans, i, n))]
            options_by_length = [(n, self._sources(text[spans[i][0] : spans[i + n - 1][1]])) for n in lengths]
            options_by_length = [(n, s) for n, s in options_by_length if s]
            if not options_by_length:
                continue
            # real spinners match the longest phrase they know, most of the time
            n, sources = options_by_length[0] if rng.random() < 0.7 else rng.choice(options_by_length)
            if count + n > target + 1 and any(m == 1 for m, _ in options_by_length):
                n, sources = next((m, s) for m, s in options_by_length if m == 1)
            original = text[spans[i][0] : spans[i + n - 1][1]]
            replacement = self._replacement(original, sources, rng)
            if replacement is None:
                continue
            chosen.append(_Choice(spans[i][0], spans[i + n - 1][1], replacement[0], replacement[1]))
            for k in range(i, i + n):
                covered[k] = True
            count += n
        return chosen

    def _sources(self, phrase: str) -> list[tuple[str, list[str]]]:
        """Every (kind, synonyms) the spinner knows for `phrase` (already inflected to its form)."""
        key = phrase.lower().replace("\u2019", "'")
        if key in self._known:
            return self._known[key]
        sources = []
        if key in self.rules:
            sources.append(("rule", list(self.rules[key])))
        if key in self.numbers:
            sources.append(("number", list(self.numbers[key])))
        direct = self.dictionary.options(key)
        if direct:
            sources.append(("thesaurus", direct))
        elif " " not in key:
            inflected = self._inflected_options(key)
            if inflected:
                sources.append(("thesaurus", inflected))
        self._known[key] = sources
        return sources

    def _inflected_options(self, word: str) -> list[str]:
        """Synonyms of the word's lemma put into the word's form; possessives keep their "'s"."""
        if word.endswith("'s") and len(word) > 2:
            return [o + "'s" for o in (self.dictionary.options(word[:-2]) or self._inflected_options(word[:-2]))
                    if " " not in o]
        for lemma, upos, tag in analyses(word):
            base = self.dictionary.options(lemma)
            if not base:
                continue
            forms = [inflect_phrase(o, upos, tag) for o in base]
            forms = [f for f in forms if f and f != word]
            if forms:
                return forms
        return []

    def _replacement(self, original: str, sources, rng: random.Random) -> tuple[str, str] | None:
        """Pick a source and a synonym blindly, keep case and apostrophe style; maybe leak it as spintax."""
        kind, options = rng.choice(sources)
        options = [o for o in options if o.lower() != original.lower().replace("\u2019", "'")]
        if not options:
            return None
        chosen = rng.choice(options)
        rendered = [chosen]
        if self.spintax and rng.random() < self.spintax:
            others = [o for o in options if o != chosen]
            rendered += rng.sample(others, min(2, len(others)))
            if rng.random() < 0.5:
                rendered.insert(rng.randrange(len(rendered) + 1), original.lower())
            kind = "spintax"
        if "\u2019" in original:
            rendered = [r.replace("'", "\u2019") for r in rendered]
        rendered = [match_case(original, r) for r in rendered]
        return (format_spintax(rendered) if kind == "spintax" else rendered[0]), kind

    def _swap_quotes(self, text: str, chosen: list[_Choice], rng: random.Random) -> list[_Choice]:
        """Swap straight and curly double quotes outside the spun spans."""
        if not self.quote_swap:
            return []
        taken = [(c.start, c.end) for c in chosen]
        swaps = []
        for pos, ch in enumerate(text):
            if ch not in '"\u201c\u201d' or any(s <= pos < e for s, e in taken) or rng.random() >= self.quote_swap:
                continue
            if ch == '"':
                opening = pos == 0 or text[pos - 1].isspace() or text[pos - 1] in "([{"
                new = "\u201c" if opening else "\u201d"
            else:
                new = CURLY[ch]
            swaps.append(_Choice(pos, pos + 1, new, "quote"))
        return swaps


def _inside_quotes(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """For each word, whether it sits inside double quotation marks."""
    inside, flags, k = False, [], 0
    for pos, ch in enumerate(text):
        while k < len(spans) and spans[k][0] == pos:
            flags.append(inside)
            k += 1
        if ch == "\u201c":
            inside = True
        elif ch == "\u201d":
            inside = False
        elif ch == '"':
            inside = not inside
    flags.extend([inside] * (len(spans) - len(flags)))
    return flags


def _assemble(text: str, choices: list[_Choice]) -> SpinResult:
    """Write the spun text and the gold spans from the chosen substitutions."""
    out: list[str] = []
    gold: list[GoldSpan] = []
    pos = length = 0
    for c in choices:
        keep = text[pos : c.start]
        out.append(keep)
        length += len(keep)
        out.append(c.replacement)
        gold.append(GoldSpan(length, length + len(c.replacement), c.replacement, text[c.start : c.end],
                             c.start, c.end, c.kind))
        length += len(c.replacement)
        pos = c.end
    out.append(text[pos:])
    return SpinResult(text="".join(out), gold=gold, original=text)
