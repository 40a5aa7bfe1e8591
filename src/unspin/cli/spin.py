"""`unspin spin`: rewrite text the way an article spinner does, with a gold alignment for benchmarks."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from .common import user_errors, write_output


def spin_command(
    file: str = typer.Argument(..., help="Text file to spin, or - for standard input."),
    thesaurus: str = typer.Option("moby", "--thesaurus", help="moby, wordnet, or a TSV pair file."),
    rate: float = typer.Option(0.25, "--rate", min=0.0, max=1.0, help="Share of words to replace."),
    phrase_rules: bool = typer.Option(True, "--phrase-rules/--no-phrase-rules",
                                      help="Also spin function words and fixed phrases."),
    spintax: bool = typer.Option(False, "--spintax", help="Write substitutions as {a|b|c} spintax groups."),
    seed: int = typer.Option(0, "--seed", help="Random seed; the same seed gives the same output."),
    gold: Path = typer.Option(None, "--gold", help="Write the gold alignment (JSON) to this file."),
    max_bytes: int = typer.Option(5 * 1024 * 1024, "--max-bytes", help="Refuse larger inputs."),
) -> None:
    """Spin FILE (or - for stdin) and print the spun text; --gold writes what was replaced and where."""
    from ..errors import ConfigError
    from ..spin import Spinner
    from ..textio import read_text

    with user_errors():
        if thesaurus not in ("moby", "wordnet") and not Path(thesaurus).is_file():
            raise ConfigError(f"--thesaurus must be moby, wordnet or an existing pair file, not {thesaurus!r}")
        text = read_text(file, max_bytes=max_bytes)
        spinner = Spinner(thesaurus=thesaurus, rate=rate, phrase_rules=phrase_rules, spintax=spintax, seed=seed)
        result = spinner.spin(text)
        if gold is not None:
            payload = {"original": text, "spun": result.text, "gold": [g.to_dict() for g in result.gold],
                       "settings": {"thesaurus": thesaurus, "rate": rate, "phrase_rules": phrase_rules,
                                    "spintax": spintax, "seed": seed}}
            write_output(gold, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        typer.echo(result.text, nl=False)


def register(app: typer.Typer) -> None:
    app.command("spin")(spin_command)
