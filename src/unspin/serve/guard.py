"""Request guard: enforce the body size limit and the JSON content type before any parsing happens."""
from __future__ import annotations

import json

from .errors import error_body

JSON_TYPES = ("application/json",)


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def is_json_type(content_type: str | None) -> bool:
    """True for `application/json` (with any parameters) and `application/<x>+json`."""
    if not content_type:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media in JSON_TYPES or (media.startswith("application/") and media.endswith("+json"))


class RequestGuard:
    """ASGI middleware for POST requests under `prefix`: 415 unless JSON, 413 once the body passes `max_bytes`.

    The body is read here, counted as it arrives (so chunked uploads are cut off too), and replayed to the app
    only when it is within the limit; an oversized body is never buffered beyond the limit nor parsed.
    """

    def __init__(self, app, *, max_bytes: int, prefix: str = "/v1/"):
        self.app = app
        self.max_bytes = max_bytes
        self.prefix = prefix

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        content_type = _header(scope, b"content-type")
        if not is_json_type(content_type):
            shown = content_type or "none"
            await self._reject(send, 415, "unsupported_media_type",
                               f"send the request as JSON (Content-Type: application/json), not {shown}")
            return
        declared = _header(scope, b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await self._reject(send, 400, "bad_request", "the Content-Length header is not a number")
                return
            if size > self.max_bytes:
                await self._reject(send, 413, "input_too_large", self._too_large(size))
                return
        chunks: list[bytes] = []
        received = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            received += len(body)
            if received > self.max_bytes:
                await self._reject(send, 413, "input_too_large", self._too_large(received, at_least=True))
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replayed = False
        data = b"".join(chunks)

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": data, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _too_large(self, size: int, at_least: bool = False) -> str:
        amount = f"over {self.max_bytes:,}" if at_least else f"{size:,}"
        return (f"the request body is {amount} bytes, over the limit of {self.max_bytes:,} bytes "
                "(split the text, or start the server with a larger --max-bytes)")

    @staticmethod
    async def _reject(send, status: int, code: str, message: str) -> None:
        payload = json.dumps(error_body(code, message)).encode()
        await send({
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                        (b"connection", b"close")],
        })
        await send({"type": "http.response.body", "body": payload})
