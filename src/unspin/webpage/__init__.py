"""Web pages in and out: the main text of an HTML page for every command, and restored words written back into
the page's own markup (`restore --keep-html`)."""
from .charset import charset_of
from .extract import (
    HTML_SUFFIXES,
    Page,
    decode_page,
    extract_text,
    is_html_name,
    is_html_type,
    looks_like_html,
    page_of_string,
    read_input,
    read_page,
)
from .nodes import visible_text
from .writeback import write_back

__all__ = ["HTML_SUFFIXES", "Page", "charset_of", "decode_page", "extract_text", "is_html_name", "is_html_type",
           "looks_like_html", "page_of_string", "read_input", "read_page", "visible_text", "write_back"]
