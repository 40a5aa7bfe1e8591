"""The main text of a web page: told apart from plain text, decoded in its declared charset, and extracted with
trafilatura (menus, ads, scripts and other boilerplate dropped), paragraphs separated by blank lines."""
from __future__ import annotations

import copy
import functools
import logging
import re
from dataclasses import dataclass

from ..errors import InputError
from ..textio import DEFAULT_MAX_BYTES, decode_text, read_bytes
from .charset import decode_errors, encode_errors, page_encoding
from .nodes import visible_text

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
HTML_TYPES = ("text/html", "application/xhtml+xml")
SNIFF_CHARS = 4096
# A page starts with these (after a BOM, an XML declaration or comments); prose that does is vanishingly rare.
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])",
                         re.IGNORECASE | re.DOTALL)

# trafilatura reports pages it cannot parse on its logger; without a handler Python would print them on stderr.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())


@dataclass
class Page:
    """An HTML page as read: its markup (decoded), the main text extracted from it, and how to encode it back."""

    html: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""

    def encode(self, html: str) -> bytes:
        """`html` in the page's own encoding (with its BOM), so an unchanged page comes back byte for byte."""
        return self.bom + html.encode(self.encoding, errors=encode_errors(self.encoding))


def looks_like_html(text: str) -> bool:
    """True when a text starts the way web pages do (a doctype, <html> or <head>)."""
    return bool(_HTML_START.match(text[:SNIFF_CHARS].lstrip("\ufeff")))


def is_html_name(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)


def is_html_type(content_type: str | None) -> bool:
    """True for an HTTP Content-Type of an HTML page (parameters such as charset ignored)."""
    return (content_type or "").split(";", 1)[0].strip().lower() in HTML_TYPES


@functools.cache
def _settings():
    """trafilatura's settings, but a short main text is kept as found: below its default minimum (250 characters)
    trafilatura falls back to every text of the page, one line per text node, menus and inline tags included."""
    from trafilatura.settings import DEFAULT_CONFIG

    config = copy.deepcopy(DEFAULT_CONFIG)
    config["DEFAULT"]["MIN_EXTRACTED_SIZE"] = "1"
    return config


def extract_text(html: str) -> str:
    """The main text of a page, paragraphs separated by blank lines; the visible text when trafilatura finds no
    main text (a bare fragment, a page of one line); empty when the page has no text at all."""
    import trafilatura

    try:
        found = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True,
                                    config=_settings())
    except Exception:  # noqa: BLE001 - a page lxml or trafilatura cannot parse still has its visible text
        found = None
    lines = [" ".join(line.split()) for line in (found or "").splitlines()]
    text = "\n\n".join(line for line in lines if line)
    return text or visible_text(html)


def decode_page(data: bytes, *, source: str = "input", max_bytes: int = DEFAULT_MAX_BYTES,
                charset: str | None = None) -> tuple[str, str, bytes]:
    """(markup, encoding, BOM) of a page's bytes, with the size, binary and charset checks text gets."""
    encoding, bom = page_encoding(data, charset)
    html = decode_text(data[len(bom):], source=source, max_bytes=max_bytes, encoding=encoding,
                       errors=decode_errors(encoding))
    return html, encoding, bom


def read_page(data: bytes, *, source: str = "input", max_bytes: int = DEFAULT_MAX_BYTES,
              charset: str | None = None) -> Page:
    """Decode a page and extract its main text; a page with no text at all is an InputError."""
    html, encoding, bom = decode_page(data, source=source, max_bytes=max_bytes, charset=charset)
    text = extract_text(html)
    if not text.strip():
        raise InputError(f"{source} is a web page with no text to examine")
    return Page(html, text, encoding, bom)


def page_of_string(text: str, *, source: str = "input") -> Page | None:
    """The page when an already decoded text (a JSON line's, a form's) is a whole HTML page; otherwise None."""
    if not looks_like_html(text):
        return None
    return read_page(text.encode("utf-8", "surrogatepass"), source=source, max_bytes=0, charset="utf-8")


def read_input(path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, Page | None]:
    """The text to examine in a file (or stdin for '-'): a web page's main text and the page, or plain text and
    None. A page is told by its name (.html, .htm) or by how it starts."""
    data, source = read_bytes(path, max_bytes=max_bytes)
    if is_html_name(source) or looks_like_html(data[:SNIFF_CHARS].decode("utf-8", "replace")):
        page = read_page(data, source=source, max_bytes=max_bytes)
        return page.text, page
    return decode_text(data, source=source, max_bytes=max_bytes), None
