"""JSON error responses with stable codes for every failure the API can meet, so clients never see HTML or a 500."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import UnspinError

log = logging.getLogger("unspin.serve")

# Stable codes for the HTTP statuses Starlette raises by itself (routing, methods).
_HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "input_too_large",
    415: "unsupported_media_type",
}


class ApiError(Exception):
    """An error the API reports as `{"error": {"code", "message"}}` with the given HTTP status."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def error_response(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def _describe_validation(exc: RequestValidationError) -> tuple[int, str, str]:
    """Turn pydantic's error list into (status, code, one-line message); broken JSON is a 400, not a 422."""
    errors = exc.errors()
    for err in errors:
        if err.get("type") == "json_invalid":
            ctx = err.get("ctx") or {}
            detail = ctx.get("error") or "malformed JSON"
            return 400, "invalid_json", f"the request body is not valid JSON ({detail})"
    if not errors:
        return 422, "invalid_request", "the request is not valid"
    first = errors[0]
    loc = [str(p) for p in first.get("loc", ()) if p != "body"]
    where = ".".join(loc) if loc else "body"
    kind = first.get("type", "")
    if kind == "missing":
        return 422, "missing_field", f"the field '{where}' is required"
    if kind == "extra_forbidden":
        return 422, "unknown_field", f"unknown field '{where}'"
    if where == "body" and kind in ("model_attributes_type", "dict_type", "model_type"):
        return 422, "invalid_request", "the request body must be a JSON object"
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return 422, "invalid_field", f"'{where}': {first.get('msg', 'invalid value')}{more}"


def install_error_handlers(app: FastAPI) -> None:
    """Register handlers so every error — ours, FastAPI's, Starlette's, or a bug — answers in the same JSON shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, headers=exc.headers)

    @app.exception_handler(UnspinError)
    async def _unspin_error(request: Request, exc: UnspinError):
        return error_response(exc.http_status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        status, code, message = _describe_validation(exc)
        return error_response(status, code, message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 400 and "parsing the body" in message:  # FastAPI's words when decoding fails
            code, message = "invalid_json", "the request body is not valid JSON (it must be UTF-8 text)"
        elif exc.status_code == 404:
            message = f"no such endpoint: {request.method} {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(exc.status_code, code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "the server failed to process this request; it has been logged")
