"""`unspin serve`: run the HTTP API and the web page with uvicorn (FastAPI is imported only when it runs)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import ConfigError
from .common import user_errors

DEFAULT_MAX_BYTES = 1024 * 1024  # mirrors unspin.serve.DEFAULT_MAX_BYTES without importing FastAPI at CLI start


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (0.0.0.0 for all)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="TCP port to listen on."),
    fast: bool = typer.Option(False, "--fast",
                              help="Use the fast n-gram scorer by default instead of the language model."),
    index: Optional[Path] = typer.Option(None, "--index",
                                         help="Reference index for /v1/trace (from `unspin index add`)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1,
                                  help="Largest request body accepted, in bytes."),
    max_queue: int = typer.Option(32, "--max-queue", min=1,
                                  help="Requests that may wait for the language model (and for the trace index); "
                                       "past it they get 503 with Retry-After at once."),
    max_queue_fast: int = typer.Option(64, "--max-queue-fast", min=1,
                                       help="Requests that may wait for the fast model."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level (debug, info, warning, error)."),
) -> None:
    """Serve the HTTP API (POST /v1/restore, /v1/detect, /v1/trace, /v1/extract; GET /health, /docs) and the web page
    at /."""
    with user_errors():
        if index is not None:
            if not index.exists():
                raise ConfigError(f"no such index: {index} (build one with `unspin index add`)")
            if index.is_dir():
                raise ConfigError(f"{index} is a directory, not an index file")
        import uvicorn

        from ..serve import create_app

        app = create_app(index_path=index, max_bytes=max_bytes, fast_default=fast, preload=True, max_queue=max_queue,
                         max_queue_fast=max_queue_fast)
        typer.echo(f"unspin: serving on http://{host}:{port}/ (API docs at /docs); press Ctrl+C to stop", err=True)
        try:
            uvicorn.run(app, host=host, port=port, log_level=log_level, workers=1)
        except OSError as exc:
            raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
