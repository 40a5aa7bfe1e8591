"""`unspin identify`: which known spinner (a folder of learned profiles) most likely produced a text."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..textio import DEFAULT_MAX_BYTES
from .common import user_errors, warn


def identify(
    file: str = typer.Argument("-", help="Text file to identify, or - for standard input."),
    profiles: Optional[Path] = typer.Option(
        None, "--profiles", help="A folder of spinner profiles (*.json from `unspin learn`), ranked beside the known "
        "spinners unspin ships."),
    as_json: bool = typer.Option(False, "--json", help="Print the ranking as JSON."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse inputs larger than this."),
) -> None:
    """Rank known spinners by how likely each produced the text (probability and log-likelihood ratio)."""
    with user_errors():
        from ..learn.identify import best_match, load_profiles
        from ..learn.identify import identify as run_identify
        from ..learn.known import shipped
        from ..textio import read_text

        text = read_text(file, max_bytes=max_bytes)
        table, paths = shipped()
        if profiles is not None:
            mine, my_paths = load_profiles(profiles)
            table, paths = table | mine, paths | my_paths
        matches, words = run_identify(text, table, paths)
        none = max(0.0, 1.0 - sum(m.probability for m in matches))
        if words < 300:
            warn(f"only {words} words: identification is unreliable below about 300 words")
        if as_json:
            typer.echo(json.dumps({"words": words, "best": best.name if (best := best_match(matches)) else None,
                                   "none_probability": round(none, 4),
                                   "profiles": [m.to_dict(words) for m in matches]}, ensure_ascii=False))
            return
        for m in matches:
            d = m.to_dict(words)
            evidence = ", ".join(f"{k}×{c}" for k, c in m.evidence[:4])
            typer.echo(f"{m.probability:6.1%}  {m.name}  (LLR {m.llr:.1f}, {d['llr_per_100_words']:.2f} per 100 words)"
                       + (f"  [{evidence}]" if evidence else ""))
        typer.echo(f"{none:6.1%}  none of these")


def register(app: typer.Typer) -> None:
    app.command("identify")(identify)
