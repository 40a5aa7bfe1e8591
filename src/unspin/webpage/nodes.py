"""The text nodes of a page with their place in the markup: what a reader sees, character by character, and where
each character came from, so restored words can be written back without touching anything else."""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"})
BOILERPLATE = frozenset({"nav", "header", "footer", "aside", "form", "button", "select", "label"})
BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section",
                   "article", "blockquote", "pre", "title", "header", "footer", "nav", "aside", "main", "ul", "ol",
                   "dl", "dt", "dd", "table", "hr", "figure", "figcaption", "form"})
_REF = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);?")


@dataclass(frozen=True)
class Piece:
    """A run of visible text: `text` as a reader sees it (references decoded), from `html[start:end]`.
    `block` says a block element (a paragraph, a list item) opened or closed before it."""

    start: int
    end: int
    text: str
    block: bool = False

    @property
    def literal(self) -> bool:
        """True when the text is the markup itself (no character reference), so offsets map one to one."""
        return self.end - self.start == len(self.text)


class _Collector(HTMLParser):
    """Collects `Piece`s outside scripts, styles and other non-text elements, with their source offsets."""

    def __init__(self, source: str, skip: frozenset[str] = SKIP):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.skip = skip
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.pieces: list[Piece] = []
        self.skipping: list[str] = []
        self.block = False

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in self.skip:
            self.skipping.append(tag)
        self.block = self.block or tag in BLOCK

    def handle_startendtag(self, tag, attrs):
        self.block = self.block or tag in BLOCK

    def handle_endtag(self, tag):
        if tag in self.skipping:
            del self.skipping[self.skipping.index(tag):]
        self.block = self.block or tag in BLOCK

    def handle_data(self, data):
        start = self._offset()
        if self.source.startswith(data, start):
            self._add(start, start + len(data), data)

    def _reference(self):
        start = self._offset()
        match = _REF.match(self.source, start)
        if match:
            self._add(start, match.end(), html_lib.unescape(match.group()))

    def handle_charref(self, name):
        self._reference()

    def handle_entityref(self, name):
        self._reference()

    def _add(self, start: int, end: int, text: str) -> None:
        if not self.skipping and text:
            self.pieces.append(Piece(start, end, text, self.block))
            self.block = False


def text_pieces(html: str, skip: frozenset[str] = SKIP) -> list[Piece]:
    """The visible text of `html` as pieces in document order, leaving out the elements in `skip` (empty when the
    markup cannot be parsed)."""
    collector = _Collector(html, skip)
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # noqa: BLE001 - the standard parser rarely gives up; then there is nothing to map
        return []
    return collector.pieces


def visible_text(html: str) -> str:
    """The visible text of a page but its menus, headers and footers, paragraphs separated by blank lines (the
    fallback when trafilatura finds no main text)."""
    raw = "".join(("\n\n" if p.block else "") + p.text for p in text_pieces(html, SKIP | BOILERPLATE))
    paragraphs = (" ".join(p.split()) for p in raw.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


@dataclass
class CharMap:
    """The visible characters of a page joined into one string, each with the span of markup it came from.
    Pieces that are not next to each other in the markup are joined by a space that maps nowhere."""

    text: str
    starts: list[int]  # per character: where its markup starts (-1 for the joining spaces)
    ends: list[int]

    @classmethod
    def of(cls, html: str) -> CharMap:
        chars, starts, ends = [], [], []
        last_end = None
        for piece in text_pieces(html):
            if last_end is not None and piece.start != last_end:
                chars.append(" ")
                starts.append(-1)
                ends.append(-1)
            if piece.literal:
                chars.append(piece.text)
                starts.extend(range(piece.start, piece.end))
                ends.extend(range(piece.start + 1, piece.end + 1))
            else:  # a character reference: each character it stands for maps to the whole reference
                chars.append(piece.text)
                starts.extend([piece.start] * len(piece.text))
                ends.extend([piece.end] * len(piece.text))
            last_end = piece.end
        return cls("".join(chars), starts, ends)

    def contiguous(self, first: int, last: int) -> bool:
        """True when characters first..last came from one stretch of markup with no tag in between."""
        return all(self.starts[k] >= 0 for k in range(first, last + 1))
