"""Gold alignment between spun and original text: what the spinner replaced, where, and with what."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class GoldSpan:
    """One substitution: `spun` sits at [start, end) of the spun text; `original` sat at [orig_start, orig_end)."""

    start: int
    end: int
    spun: str
    original: str
    orig_start: int
    orig_end: int
    kind: str = "thesaurus"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SpinResult:
    """The spun text and its gold spans (sorted, non-overlapping)."""

    text: str
    gold: list[GoldSpan] = field(default_factory=list)
    original: str = ""

    @property
    def spun_words(self) -> int:
        """How many original words the spinner replaced (words of the original inside gold spans)."""
        from .tokens import word_spans

        return sum(len(word_spans(g.original)) for g in self.gold)

    def to_dict(self) -> dict:
        return {"text": self.text, "gold": [g.to_dict() for g in self.gold]}


def apply_gold(spun: str, gold: list[GoldSpan] | list[dict]) -> str:
    """Put the originals back into the spun text; with correct gold this gives the original text exactly."""
    out, pos = [], 0
    for span in sorted((g if isinstance(g, GoldSpan) else GoldSpan(**g) for g in gold), key=lambda g: g.start):
        if span.start < pos:
            raise ValueError(f"overlapping gold spans at {span.start}")
        out.append(spun[pos : span.start])
        out.append(span.original)
        pos = span.end
    out.append(spun[pos:])
    return "".join(out)
