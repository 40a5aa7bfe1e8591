"""A spinner profile: the substitution table learned from one spinner's output (readable, editable JSON).

    {"name": "...", "documents": 120, "pairs": [{"spun": "used to be", "original": "was", "count": 41.5,
     "weight": 2.3}, ...]}

`weight` is the log-weight the restorer gives the pair on top of the thesauri (higher = trust more).
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
    pairs: dict[str, dict[str, dict]] = field(default_factory=dict)  # spun -> original -> {count, weight}

    def learned(self) -> dict[str, list[tuple[str, float]]]:
        """spun key -> [(original, weight)], best first: what the candidate generator needs."""
        return {
            spun: sorted(((o, float(v.get("weight", 0.0))) for o, v in originals.items()), key=lambda x: -x[1])
            for spun, originals in self.pairs.items()
        }

    def to_dict(self) -> dict:
        rows = [{"spun": s, "original": o, **v} for s, originals in sorted(self.pairs.items())
                for o, v in sorted(originals.items(), key=lambda kv: -kv[1].get("count", 0))]
        return {"name": self.name, "documents": self.documents, "pairs": rows}

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
    profile = Profile(str(data.get("name", p.stem)), int(data.get("documents", 0)))
    for n, row in enumerate(data["pairs"], start=1):
        if not isinstance(row, dict) or not isinstance(row.get("spun"), str) or not isinstance(row.get("original"), str):
            raise ConfigError(f'{p}: pair {n} needs "spun" and "original" strings')
        spun, original = " ".join(row["spun"].lower().split()), " ".join(row["original"].lower().split())
        if spun and original and spun != original:
            extra = {k: v for k, v in row.items() if k not in ("spun", "original")}
            profile.pairs.setdefault(spun, {})[original] = extra
    return profile
