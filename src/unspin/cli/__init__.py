"""The `unspin` command line. Each command lives in its own module here and registers itself on `app`."""
from __future__ import annotations

import importlib
import pkgutil

import typer

app = typer.Typer(
    name="unspin",
    help="Detect machine-spun text, restore its original wording, and find what it was copied from.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_loaded = False


def load_commands() -> typer.Typer:
    """Import every command module in this package; each calls `register(app)`."""
    global _loaded
    if not _loaded:
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
            if info.name.startswith("_") or info.name == "common":
                continue
            module = importlib.import_module(f"{__name__}.{info.name}")
            if hasattr(module, "register"):
                module.register(app)
        _loaded = True
    return app


def main() -> None:
    load_commands()
    app()
