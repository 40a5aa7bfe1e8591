"""Helpers every command shares: turning user errors into one clear line and an exit code."""
from __future__ import annotations

import contextlib
import sys

import typer

from ..errors import UnspinError


def error(message: str) -> None:
    """Print one error line on stderr."""
    typer.echo(f"unspin: error: {message}", err=True)


def warn(message: str) -> None:
    typer.echo(f"unspin: warning: {message}", err=True)


@contextlib.contextmanager
def user_errors():
    """Show UnspinError and interruptions as one line with the error's exit code, never a traceback."""
    try:
        yield
    except UnspinError as exc:
        error(exc.message)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        error("interrupted")
        raise typer.Exit(130) from None
    except BrokenPipeError:
        with contextlib.suppress(Exception):
            sys.stdout.close()
        raise typer.Exit(0) from None
