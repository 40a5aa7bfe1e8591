"""The catalogue of user-facing errors: each has a stable code, a clear message and a CLI exit code."""
from __future__ import annotations


class UnspinError(Exception):
    """Base class for errors a user can act on; never shown as a traceback."""

    code = "error"
    exit_code = 1
    http_status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict:
        return {"error": {"code": self.code, "message": self.message}}


class InputError(UnspinError):
    """The input cannot be read as text (missing file, binary, invalid UTF-8)."""

    code = "invalid_input"
    exit_code = 2


class InputTooLarge(InputError):
    code = "input_too_large"
    http_status = 413


class SourceMismatch(InputError):
    """The text given as a copy's source does not line up with the copy (it is not its source)."""

    code = "source_mismatch"
    http_status = 422


class ConfigError(UnspinError):
    """A setting, profile or index file is missing or malformed."""

    code = "bad_config"
    exit_code = 2


class OutputError(UnspinError):
    """A result cannot be written where the user asked (missing folder, no permission, disk full)."""

    code = "cannot_write"
    exit_code = 2


class ResourceMissing(UnspinError):
    """A model or thesaurus the product needs is not installed."""

    code = "resource_missing"
    exit_code = 3
    http_status = 503
