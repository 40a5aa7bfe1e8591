"""Known tortured phrases placed in carrier sentences written for this benchmark, each with a clean control.

Each row of the tortured-phrase list (tortured, expected) becomes two sentences from the same template: one
with the tortured phrase (spun, gold span = the phrase) and one with the expected phrase (clean control).
"""
from __future__ import annotations

import csv
import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

TORTURED_LIST = Path(__file__).resolve().parents[1] / "src" / "unspin" / "data" / "tortured_phrases.tsv"

# Written for this benchmark: neutral scientific prose with one slot for a noun phrase.
TEMPLATES = [
    "In this paper we study {} and report the results of three experiments.",
    "Recent work on {} has focused on larger data sets and simpler models.",
    "The second section reviews earlier approaches to {} in more detail.",
    "We compare our method with {} on two public benchmarks.",
    "Table 2 summarises the main properties of {} for each configuration.",
    "A short introduction to {} is given in the appendix.",
    "Several authors have argued that {} deserves more attention.",
    "The proposed framework relies on {} at every stage of the pipeline.",
    "Our results suggest that {} improves the overall accuracy of the system.",
    "Figure 3 shows how {} changes as the sample size grows.",
    "The role of {} in this setting remains poorly understood.",
    "To evaluate {}, we collected measurements over a period of six months.",
    "These findings are consistent with previous studies of {}.",
    "The main limitation of {} is its cost on large inputs.",
    "We describe {} and discuss its advantages over the baseline.",
    "Further research on {} could extend these results to other domains.",
    "The experiments confirm that {} matters for the final outcome.",
    "Participants were asked about {} during the interviews.",
    "This chapter explains {} with examples from clinical practice.",
    "The survey covers {} as well as related techniques.",
]


@dataclass(frozen=True)
class Carrier:
    """A tortured phrase in a sentence, and the same sentence with the expected phrase."""

    id: str
    spun: str
    clean: str
    spun_span: tuple[int, int]
    clean_span: tuple[int, int]
    tortured: str
    expected: str


def _place(template: str, phrase: str) -> tuple[str, tuple[int, int]]:
    start = template.index("{}")
    text = template.replace("{}", phrase, 1)
    if start == 0:
        text = text[:1].upper() + text[1:]
    return text, (start, start + len(phrase))


def load_carriers(path: Path = TORTURED_LIST) -> list[Carrier]:
    """One carrier pair per row of the list, the template chosen by a stable hash of the row."""
    if not path.exists():
        from unspin.paths import DATA_DIR

        path = DATA_DIR / "tortured_phrases.tsv"
    carriers = []
    with path.open(encoding="utf-8", newline="") as fh:
        for k, row in enumerate(csv.DictReader(fh, delimiter="\t")):
            tortured, expected = " ".join(row["tortured"].split()), " ".join(row["expected"].split())
            if not tortured or not expected or tortured.lower() == expected.lower():
                continue
            h = int(hashlib.sha1(tortured.encode("utf-8")).hexdigest(), 16)
            template = TEMPLATES[h % len(TEMPLATES)]
            spun, spun_span = _place(template, tortured)
            clean, clean_span = _place(template, expected)
            carriers.append(Carrier(f"tp{k}", spun, clean, spun_span, clean_span, tortured, expected))
    return carriers


def held_out(tortured: str) -> bool:
    """Half the list, chosen by a stable hash: the unseen-list benchmark measures unspin on those phrases with only
    the other half as its known list. Keep this half out of any fitting."""
    key = " ".join(tortured.lower().split())
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 2 == 1


def list_half(carriers: list[Carrier], *, held: bool) -> tuple[list[Carrier], frozenset[str]]:
    """The carriers of one half of the list, and that half's tortured phrases (lowercase) to withhold from unspin."""
    chosen = [c for c in carriers if held_out(c.tortured) == held]
    return chosen, frozenset(" ".join(c.tortured.lower().split()) for c in chosen)


def sample_carriers(carriers: list[Carrier], n: int, *, seed: int = 0) -> list[Carrier]:
    """A stable sample of n carriers."""
    if n >= len(carriers):
        return list(carriers)
    return random.Random(seed).sample(carriers, n)


def control_paragraphs(carriers: list[Carrier], n: int, *, seed: int = 0, sentences: int = 12) -> list[str]:
    """`n` clean paragraphs of scientific prose, each of `sentences` carrier controls (our own clean text)."""
    chosen = sample_carriers(carriers, n * sentences, seed=seed)
    return [" ".join(c.clean for c in chosen[k : k + sentences]) for k in range(0, len(chosen), sentences)]
