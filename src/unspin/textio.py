"""Reading user text safely: bytes in, validated str out, with clear errors instead of tracebacks."""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import InputError, InputTooLarge

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def decode_text(data: bytes, *, source: str = "input", max_bytes: int = DEFAULT_MAX_BYTES,
                encoding: str = "utf-8-sig", errors: str = "strict") -> str:
    """Decode text (UTF-8 unless a web page declares otherwise), rejecting oversized, binary or undecodable input
    with a one-line reason."""
    if max_bytes and len(data) > max_bytes:
        raise InputTooLarge(
            f"{source} is {len(data):,} bytes, over the limit of {max_bytes:,} bytes (raise it with --max-bytes)"
        )
    if b"\x00" in data:
        raise InputError(f"{source} looks like a binary file (it contains NUL bytes), not text")
    try:
        text = data.decode(encoding, errors)
    except UnicodeDecodeError as exc:
        shown = "UTF-8" if encoding.startswith("utf-8") else encoding
        raise InputError(f"{source} is not valid {shown} text (bad byte at offset {exc.start})") from None
    controls = sum(1 for ch in text[:100_000] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text[:100_000]) // 100):
        raise InputError(f"{source} looks like a binary file (many control characters), not text")
    return text


def read_text(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a file, or stdin when path is '-', as validated text."""
    data, source = read_bytes(path, max_bytes=max_bytes)
    return decode_text(data, source=source, max_bytes=max_bytes)


def read_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, str]:
    """The bytes of a file, or of stdin when path is '-', read up to one byte past the limit; and their name."""
    if str(path) == "-":
        return sys.stdin.buffer.read(max_bytes + 1 if max_bytes else -1), "standard input"
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
    return data, str(p)
