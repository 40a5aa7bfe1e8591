"""Reading user text safely: bytes in, validated str out, with clear errors instead of tracebacks."""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import InputError, InputTooLarge

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def decode_text(data: bytes, *, source: str = "input", max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode UTF-8 text, rejecting oversized, binary or undecodable input with a one-line reason."""
    if max_bytes and len(data) > max_bytes:
        raise InputTooLarge(
            f"{source} is {len(data):,} bytes, over the limit of {max_bytes:,} bytes (raise it with --max-bytes)"
        )
    if b"\x00" in data:
        raise InputError(f"{source} looks like a binary file (it contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source} is not valid UTF-8 text (bad byte at offset {exc.start})") from None
    controls = sum(1 for ch in text[:100_000] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text[:100_000]) // 100):
        raise InputError(f"{source} looks like a binary file (many control characters), not text")
    return text


def read_text(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a file, or stdin when path is '-', as validated text."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1 if max_bytes else -1)
        return decode_text(data, source="standard input", max_bytes=max_bytes)
    p = Path(path)
    if not p.exists():
        raise InputError(f"no such file: {p}")
    if p.is_dir():
        raise InputError(f"{p} is a directory, not a file")
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1 if max_bytes else -1)
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror}") from None
    return decode_text(data, source=str(p), max_bytes=max_bytes)
