"""The FastAPI application: JSON endpoints for restore/detect/trace, a health check, and the offline web page."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from .docs import docs_urls, install_offline_docs
from .errors import ApiError, error_body, install_error_handlers
from .guard import RequestGuard
from .runner import ModelRunner, RestorerFactory
from .schemas import (
    DetectBatchRequest,
    DetectRequest,
    ExtractRequest,
    RestoreRequest,
    TraceRequest,
    checked_text,
    checked_texts,
)
from .tracer import Tracer

log = logging.getLogger("unspin.serve")

DEFAULT_MAX_BYTES = 1024 * 1024
STATIC_DIR = Path(str(resources.files("unspin.serve") / "static"))

_ERROR_SCHEMA = {
    "description": "Error",
    "content": {"application/json": {"example": error_body("empty_text", "the text is empty; send some words")}},
}
# The page may load and talk to this server only: the browser itself then enforces "works offline, sends nothing
# elsewhere", and injected markup could not run scripts.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_ERRORS = {status: _ERROR_SCHEMA for status in (400, 413, 415, 422, 503)}


def create_app(
    restorer_factory: RestorerFactory | None = None,
    index_path: str | Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    fast_default: bool = False,
    preload: bool = False,
    max_queue: int = 32,
    max_queue_fast: int = 64,
) -> FastAPI:
    """Build the app. `restorer_factory(fast) -> Restorer` defaults to `unspin.get_restorer`; the restorer is
    loaded once per mode and used by one thread at a time. `max_bytes` caps the request body before parsing;
    `max_queue` (language model and trace index) and `max_queue_fast` bound the requests waiting for each."""
    from .. import __version__

    runner = ModelRunner(restorer_factory, max_queue=max_queue, max_queue_fast=max_queue_fast)
    tracer = Tracer(index_path, restorer=runner.proxy(True), max_queue=max_queue)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if preload:
            runner.preload(fast_default)
        yield
        runner.close()
        tracer.close()

    app = FastAPI(
        title="unspin",
        version=__version__,
        description="Detect machine-spun text, restore its original wording, and find its source. "
                    "Errors are JSON: `{\"error\": {\"code\": ..., \"message\": ...}}`.",
        lifespan=lifespan,
        **docs_urls(),
    )
    app.state.runner = runner
    app.state.tracer = tracer
    app.state.max_bytes = max_bytes
    install_error_handlers(app)
    app.add_middleware(RequestGuard, max_bytes=max_bytes)

    def mode(fast: bool | None) -> bool:
        return fast_default if fast is None else fast

    @app.post("/v1/restore", responses=_ERRORS, tags=["unspin"],
              summary="Restore the original wording of a spun text")
    async def restore(req: RestoreRequest, request: Request) -> dict:
        text = checked_text(req.text)
        result = await runner.run(mode(req.fast), lambda r: r.restore(text, known_spinners=req.known_spinners),
                                  request.is_disconnected)
        return result.to_dict()

    @app.post("/v1/detect", responses=_ERRORS, tags=["unspin"],
              summary="Say whether a text is spun (probability) and where")
    async def detect(req: DetectRequest, request: Request) -> dict:
        text = checked_text(req.text)
        options = dict(threshold=req.threshold, span_threshold=req.span_threshold, read_terms=req.read_terms,
                       thorough=req.thorough, known_spinners=req.known_spinners)
        result = await runner.detect(mode(req.fast), text, options, request.is_disconnected)
        return result.to_dict()

    @app.post("/v1/detect/batch", responses=_ERRORS, tags=["unspin"],
              summary="Detect for many texts at once, in order (short texts run several times faster)")
    async def detect_batch(req: DetectBatchRequest, request: Request) -> dict:
        from ..learn.batch import detect_as_batch

        texts = checked_texts(req.texts)
        options = dict(threshold=req.threshold, span_threshold=req.span_threshold, read_terms=req.read_terms,
                       thorough=req.thorough, known_spinners=req.known_spinners)
        results, reading = await runner.run(mode(req.fast),
                                            lambda r: detect_as_batch(r, texts, req.learn_batch, **options),
                                            request.is_disconnected)
        return {"results": [r.to_dict() for r in results], "batch_note": reading.note() if reading else None}

    @app.post("/v1/trace", responses={**_ERRORS, 501: _ERROR_SCHEMA}, tags=["unspin"],
              summary="Find the source of a spun text in the configured reference index")
    async def trace(req: TraceRequest) -> dict:
        return await tracer.trace(checked_text(req.text), top=req.top)

    @app.post("/v1/extract", responses=_ERRORS, tags=["unspin"],
              summary="The main text of a web page (menus, ads, scripts and other boilerplate dropped)")
    async def extract(req: ExtractRequest) -> dict:
        from ..webpage import extract_text

        text = await run_in_threadpool(extract_text, checked_text(req.html))
        if not text.strip():
            raise ApiError(422, "empty_text", "the page has no text to examine")
        return {"text": text}

    @app.get("/health", tags=["service"], summary="Liveness and what the server has loaded")
    async def health() -> dict:
        return {
            "status": "ok",
            "version": __version__,
            "default_mode": "fast" if fast_default else "full",
            "models": {"fast": runner.loaded(True), "full": runner.loaded(False)},
            "queued": {"fast": runner.pending(True), "full": runner.pending(False)},
            "max_queue": {"fast": runner.lines[True].limit, "full": runner.lines[False].limit},
            "trace": tracer.configured,
            "max_bytes": max_bytes,
        }

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_offline_docs(app)
    return app
