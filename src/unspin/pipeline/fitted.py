"""Reading a fitted model's entry (weights by feature name, and its other fields) from a shipped JSON file."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np


def fitted_entry(path: Path, key: str, features: tuple[str, ...], defaults: dict[str, float]
                 ) -> tuple[dict, np.ndarray]:
    """The entry for `key` and its weights in `features` order; an empty entry and `defaults` where the file has
    none, or where it was fitted for another feature set (then it must be refitted)."""
    entry = (json.loads(path.read_text()) if path.exists() else {}).get(key, {})
    weights = entry.get("weights", defaults)
    if set(weights) != set(features):
        entry, weights = {}, defaults
    return entry, np.array([weights[f] for f in features], dtype=np.float64)
