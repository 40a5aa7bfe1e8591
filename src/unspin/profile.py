"""A spinner profile: the substitution table learned from one spinner's output (readable, editable JSON).

    {"name": "...", "documents": 120, "words": 61000, "pairs": [{"spun": "used to be", "original": "was",
     "count": 41.5, "documents": 30, "seen": 44, "weight": 2.3}, ...]}

`weight` is the log-weight the restorer gives the pair on top of the thesauri (higher = trust more);
`count` the expected number of times the spinner wrote `spun` for `original` in the pile it was learned from,
`seen` how often `spun` occurred there at all, `documents` in how many documents the pair was found.
`words` (the pile's size) lets `unspin identify` turn counts into rates. Extra keys are kept as they are.
The optional `"signature": [{"spun": "plus", "count": 364, "documents": 88}, ...]` lists the words and phrases the pile
used far more often than English does, whether or not an original was learned for them, with the number of the pile's
documents holding each: `identify` reads them too.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError


@dataclass
class Profile:
    name: str = "profile"
    documents: int = 0
    words: int = 0
    notes: dict = field(default_factory=dict)  # how it was learned: settings and what was skipped
    pairs: dict[str, dict[str, dict]] = field(default_factory=dict)  # spun -> original -> {count, weight}
    signature: dict[str, int] = field(default_factory=dict)  # keys the pile over-uses -> count (for identify)
    signature_documents: dict[str, int] = field(default_factory=dict)  # ... -> documents holding it, where known
    scarce: dict[str, int] = field(default_factory=dict)  # common words the pile all but lacks -> count (identify)

    def learned(self) -> dict[str, list[tuple[str, float]]]:
        """spun key -> [(original, weight)], best first: what the candidate generator needs."""
        return {
            spun: sorted(((o, float(v.get("weight", 0.0))) for o, v in originals.items()), key=lambda x: -x[1])
            for spun, originals in self.pairs.items()
        }

    def to_dict(self) -> dict:
        rows = [{"spun": s, "original": o, **v} for s, originals in sorted(self.pairs.items())
                for o, v in sorted(originals.items(), key=lambda kv: -kv[1].get("count", 0))]
        out = {"name": self.name, "documents": self.documents, "words": self.words}
        if self.notes:
            out["notes"] = self.notes
        out["pairs"] = rows
        if self.signature:
            out["signature"] = [{"spun": k, "count": c, **({"documents": self.signature_documents[k]}
                                                          if k in self.signature_documents else {})}
                                for k, c in self.signature.items()]
        if self.scarce:
            out["scarce"] = [{"word": k, "count": c} for k, c in self.scarce.items()]
        return out

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def load_profile(path: str | Path) -> Profile:
    """Read a profile file, with a clear error for anything a person might have broken while editing it."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"no such profile: {p}") from None
    except (OSError, UnicodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read profile {p}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("pairs"), list):
        raise ConfigError(f'{p} is not an unspin profile (expected an object with a "pairs" list)')
    try:
        documents, words = int(data.get("documents", 0)), int(data.get("words", 0))
    except (TypeError, ValueError, OverflowError):
        raise ConfigError(f'{p}: "documents" and "words" must be numbers') from None
    notes = data.get("notes") if isinstance(data.get("notes"), dict) else {}
    profile = Profile(str(data.get("name", p.stem)), documents, words, notes)
    for n, row in enumerate(data["pairs"], start=1):
        if (not isinstance(row, dict) or not isinstance(row.get("spun"), str)
                or not isinstance(row.get("original"), str)):
            raise ConfigError(f'{p}: pair {n} needs "spun" and "original" strings')
        spun, original = _key(row["spun"]), _key(row["original"])
        if spun and original and spun != original:
            extra = {k: v for k, v in row.items() if k not in ("spun", "original")}
            for key in ("weight", "count"):  # the numbers the restorer, identify and saving compute with
                if not isinstance(extra.get(key, 0.0), (int, float)) or isinstance(extra.get(key), bool):
                    raise ConfigError(f'{p}: pair {n} ("{spun}" -> "{original}") has a {key} that is not a number')
            profile.pairs.setdefault(spun, {})[original] = extra
    profile.signature = _counted_words(p, data.get("signature") or [], "signature", "spun")
    for n, row in enumerate(data.get("signature") or [], start=1):
        if "documents" in row:
            if not isinstance(row["documents"], int) or isinstance(row["documents"], bool) or row["documents"] < 0:
                raise ConfigError(f'{p}: signature entry {n} has a "documents" that is not a whole number')
            profile.signature_documents[_key(row["spun"])] = row["documents"]
    profile.scarce = _counted_words(p, data.get("scarce") or [], "scarce", "word")
    return profile


def _counted_words(p: Path, rows, name: str, field_name: str) -> dict[str, int]:
    """A list of {field_name, "count"} entries as a dict, with a clear error for a malformed one."""
    if not isinstance(rows, list):
        raise ConfigError(f'{p}: "{name}" must be a list of {{"{field_name}", "count"}} entries')
    out = {}
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not isinstance(row.get(field_name), str) \
                or not isinstance(row.get("count"), int) or isinstance(row.get("count"), bool):
            raise ConfigError(f'{p}: {name} entry {n} needs a "{field_name}" string and a whole-number "count"')
        out[_key(row[field_name])] = row["count"]
    return out


def _key(text: str) -> str:
    """A spun or original phrase as the restorer looks it up: lowercase words joined by single spaces."""
    return " ".join(text.lower().split())
