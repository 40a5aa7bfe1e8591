"""`unspin serve`: the HTTP API and the offline web page, built by `create_app`."""
from .app import DEFAULT_MAX_BYTES, create_app

__all__ = ["create_app", "DEFAULT_MAX_BYTES"]
