"""A web page's charset: from its BOM, its HTTP header or its <meta> tag, read and written back as browsers do."""
from __future__ import annotations

import codecs
import re

SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)

C1 = "unspin-c1"


def _c1_bytes(exc: UnicodeError):
    """For windows-1252 only: the bytes it leaves unassigned are read as the C1 controls of the same number, as
    browsers do, and written back the same way; other characters it lacks are written as character references."""
    if isinstance(exc, UnicodeDecodeError):
        return "".join(map(chr, exc.object[exc.start:exc.end])), exc.end
    if isinstance(exc, UnicodeEncodeError):
        piece = exc.object[exc.start:exc.end]
        if all(0x80 <= ord(c) < 0xA0 for c in piece):
            return piece.encode("latin-1"), exc.end
        return codecs.xmlcharrefreplace_errors(exc)
    raise exc


codecs.register_error(C1, _c1_bytes)


def decode_errors(encoding: str) -> str:
    """The codec error handler for reading a page: strict, but for windows-1252's unassigned bytes."""
    return C1 if encoding == "cp1252" else "strict"


def encode_errors(encoding: str) -> str:
    """The codec error handler for writing a page back: characters its encoding lacks become references."""
    return C1 if encoding == "cp1252" else "xmlcharrefreplace"


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header, if any."""
    match = re.search(r"charset\s*=\s*[\"']?([a-zA-Z0-9_.:-]+)", content_type or "", re.IGNORECASE)
    return match.group(1) if match else None


def page_encoding(data: bytes, declared: str | None = None) -> tuple[str, bytes]:
    """(Python codec, BOM) for a page's bytes: a BOM wins, then the HTTP header's charset, then a <meta> charset,
    then UTF-8. Unknown charset names fall back to UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8", codecs.BOM_UTF8
    if declared is None:
        match = _META_CHARSET.search(data[:SNIFF_BYTES])
        declared = match.group(1).decode("ascii") if match else None
    try:
        name = codecs.lookup(declared).name if declared else "utf-8"
    except LookupError:
        name = "utf-8"
    # Browsers read latin-1 and ASCII labels as windows-1252, a superset whose extra bytes are common in pages.
    return ("cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name), b""
