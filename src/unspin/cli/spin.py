"""`unspin spin`: rewrite text the way an article spinner does, with a gold alignment for benchmarks."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from .common import user_errors, write_output

SIMULATOR_RATE = 0.25


def spin_command(
    file: str = typer.Argument(..., help="Text file to spin, or - for standard input."),
    thesaurus: str = typer.Option("moby", "--thesaurus", help="Simulator: moby, wordnet, or a TSV pair file."),
    dictionary: Path = typer.Option(None, "--dictionary", help="Spin with a synonym-group file instead (a|b|c per "
                                    "line), as real spinner engines do: every match, sense-blind."),
    match: str = typer.Option("any", "--match", help="Dictionary: search for every member of a line (any) or its "
                              "first member only (first)."),
    prefer: str = typer.Option("line", "--prefer", help="Dictionary: where matches overlap, the earlier line wins "
                               "(line) or the longer phrase (longest)."),
    may_keep: bool = typer.Option(False, "--may-keep", help="Dictionary: write a random member of the line, "
                                  "possibly the found word itself (by default always another one)."),
    rate: float = typer.Option(None, "--rate", min=0.0, max=1.0, help="Share of words to replace (simulator, "
                               f"default {SIMULATOR_RATE}) or of dictionary matches (default 1: every match)."),
    phrase_rules: bool = typer.Option(True, "--phrase-rules/--no-phrase-rules",
                                      help="Simulator: also spin function words and fixed phrases."),
    spintax: bool = typer.Option(False, "--spintax", help="Simulator: write substitutions as {a|b|c} spintax."),
    seed: int = typer.Option(0, "--seed", help="Random seed; the same seed gives the same output."),
    gold: Path = typer.Option(None, "--gold", help="Write the gold alignment (JSON) to this file."),
    max_bytes: int = typer.Option(5 * 1024 * 1024, "--max-bytes", help="Refuse larger inputs."),
) -> None:
    """Spin FILE (or - for stdin) and print the spun text; --gold writes what was replaced and where."""
    from ..errors import ConfigError
    from ..textio import read_text

    with user_errors():
        if dictionary is not None:
            from ..spin.groups import DictionarySpinner, Engine

            engine = Engine(match=match, prefer=prefer, may_keep=may_keep, rate=1.0 if rate is None else rate)
            spinner = DictionarySpinner(dictionary, engine, seed=seed)
            settings = {"dictionary": str(dictionary), "match": match, "prefer": prefer, "may_keep": may_keep,
                        "rate": engine.rate, "seed": seed}
        else:
            from ..spin import Spinner

            if thesaurus not in ("moby", "wordnet") and not Path(thesaurus).is_file():
                raise ConfigError(f"--thesaurus must be moby, wordnet or an existing pair file, not {thesaurus!r}")
            rate = SIMULATOR_RATE if rate is None else rate
            spinner = Spinner(thesaurus=thesaurus, rate=rate, phrase_rules=phrase_rules, spintax=spintax, seed=seed)
            settings = {"thesaurus": thesaurus, "rate": rate, "phrase_rules": phrase_rules, "spintax": spintax,
                        "seed": seed}
        text = read_text(file, max_bytes=max_bytes)
        result = spinner.spin(text)
        if gold is not None:
            payload = {"original": text, "spun": result.text, "gold": [g.to_dict() for g in result.gold],
                       "settings": settings}
            write_output(gold, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        typer.echo(result.text, nl=False)


def register(app: typer.Typer) -> None:
    app.command("spin")(spin_command)
