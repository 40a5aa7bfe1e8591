"""Result types shared by every stage and interface: what was changed, where, and how sure we are."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Edit:
    """One restored span: `start`/`end` are character offsets into the input text. `known_tortured`: a listed
    tortured phrase; `known_term`: a listed phrase's expected wording reached word by word (a new disguise of it).
    `expected_wording`: for either, the listed wording in full (a known term's first words may be left standing, so
    `original` can be only the part replaced); empty otherwise."""

    start: int
    end: int
    spun: str
    original: str
    confidence: float
    alternatives: list[str] = field(default_factory=list)
    known_tortured: bool = False
    known_term: bool = False
    expected_wording: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Restoration:
    """The output of `unspin.restore`: restored text, document spin score and the edits made."""

    text: str
    restored: str
    spin_score: float
    spin_rate: float
    edits: list[Edit]
    words: int = 0
    warnings: list[str] = field(default_factory=list)
    source: dict | None = None  # restored from a known source: which, and what the copy added or left out
    known_spinner: str = ""  # the shipped profile the text was read with (learn/known.py), if any
    hinted_spinner: str = ""  # the shipped profile whose pairs were offered: the text shows some of its habits

    def to_dict(self) -> dict:
        out = {
            "restored": self.restored,
            "spin_score": round(self.spin_score, 4),
            "spin_rate": round(self.spin_rate, 4),
            "words": self.words,
            "edits": [e.to_dict() for e in self.edits],
            "warnings": list(self.warnings),
        }
        if self.source is not None:
            out["source"] = self.source
        out.update(_spinners(self))
        return out


@dataclass
class Detection:
    """The output of `unspin.detect`: is the text spun (calibrated probability), and where."""

    probability: float
    spin_rate: float
    spans: list[Edit]
    words: int
    threshold: float = 0.5
    warnings: list[str] = field(default_factory=list)
    known_spinner: str = ""  # the shipped profile the text was read with (learn/known.py), if any
    hinted_spinner: str = ""  # the shipped profile whose pairs were offered: the text shows some of its habits

    @property
    def is_spun(self) -> bool:
        return self.probability >= self.threshold

    def to_dict(self) -> dict:
        out = {
            "spun": self.is_spun,
            "probability": round(self.probability, 4),
            "spin_rate": round(self.spin_rate, 4),
            "words": self.words,
            "spans": [s.to_dict() for s in self.spans],
            "warnings": list(self.warnings),
        }
        out.update(_spinners(self))
        return out


def _spinners(result: Restoration | Detection) -> dict[str, str]:
    """The known spinner a result was read with and the one whose pairs were offered, where there is one."""
    return {k: getattr(result, k) for k in ("known_spinner", "hinted_spinner") if getattr(result, k)}
