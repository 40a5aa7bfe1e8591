"""Writing restored words back into a page: each edit of the extracted text is found again in the page's text
nodes and only those characters of the markup are replaced, so the rest of the page stays byte for byte."""
from __future__ import annotations

import bisect
import html as html_lib
import re
from collections import Counter
from difflib import SequenceMatcher

from ..result import Edit
from .nodes import CharMap

_WORD = re.compile(r"\w+")
_SEP = "\x1f"  # joins words into one searchable string; never part of a word
MAX_WINDOW_WORDS = 4000  # a paragraph not found verbatim is aligned against at most this many page words


def _words(text: str) -> list[re.Match]:
    return list(_WORD.finditer(text))


def _paragraphs(text: str, words: list[re.Match]) -> list[range]:
    """Index ranges of `words`, one per paragraph (blank-line separated) of the extracted text."""
    breaks = [m.start() for m in re.finditer(r"\n\s*\n", text)]
    groups: dict[int, list[int]] = {}
    for i, w in enumerate(words):
        groups.setdefault(bisect.bisect_right(breaks, w.start()), []).append(i)
    return [range(g[0], g[-1] + 1) for g in groups.values()]


def align(extracted: str, page_text: str) -> tuple[list[re.Match], list[re.Match], dict[int, int]]:
    """Words of both texts and a map from extracted word to page word: each paragraph is looked up verbatim (in
    order, then anywhere), and one that trafilatura changed is matched word by word near where it should be. A page
    word two extracted words map to (a paragraph the extractor repeated) is left out: neither place is certain."""
    ext, page = _words(extracted), _words(page_text)
    key = _SEP + _SEP.join(w.group() for w in page) + _SEP
    offsets, pos = [], 1
    for w in page:
        offsets.append(pos)
        pos += len(w.group()) + 1
    mapping: dict[int, int] = {}
    found: list[tuple[range, int | None]] = []
    cursor = 0
    for para in _paragraphs(extracted, ext):
        needle = _SEP + _SEP.join(ext[i].group() for i in para) + _SEP
        at = key.find(needle, cursor)
        at = at if at >= 0 else key.find(needle)
        if at < 0:
            found.append((para, None))
            continue
        first = bisect.bisect_left(offsets, at + 1)
        mapping.update((i, first + k) for k, i in enumerate(para))
        cursor = offsets[first + len(para) - 1]
        found.append((para, first))
    _align_rest(found, ext, page, mapping)
    claims = Counter(mapping.values())
    return ext, page, {i: j for i, j in mapping.items() if claims[j] == 1}


def _align_rest(found, ext, page, mapping: dict[int, int]) -> None:
    """Word-by-word alignment of the paragraphs not found verbatim, within the page words between the paragraphs
    found before and after them."""
    for n, (para, first) in enumerate(found):
        if first is not None:
            continue
        low = max((f + len(p) for p, f in found[:n] if f is not None), default=0)
        high = min((f for p, f in found[n + 1:] if f is not None and f >= low), default=len(page))
        high = min(high, low + MAX_WINDOW_WORDS)
        a = [ext[i].group() for i in para]
        b = [w.group() for w in page[low:high]]
        for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
            mapping.update((para[block.a + k], low + block.b + k) for k in range(block.size))


def write_back(html: str, extracted: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """The page with every edit's original put in place of its spun words, and the edits that could not be placed
    (their words not found in the page's text, or split by markup in a way that has no clear place)."""
    chars = CharMap.of(html)
    ext, page, mapping = align(extracted, chars.text)
    starts = [w.start() for w in ext]
    replacements: list[tuple[int, int, str]] = []
    unplaced = []
    for edit in edits:
        spans = _markup_spans(edit, ext, starts, page, mapping, chars)
        if spans is None:
            unplaced.append(edit)
        else:
            replacements.extend(spans)
    out = html
    for start, end, new in sorted(replacements, reverse=True):
        if start > 0 and out[start - 1] in "<&":  # a stray "<" or "&" in the text would join the new word as markup
            start -= 1
            new = html_lib.escape(out[start], quote=False) + new
        out = out[:start] + new + out[end:]
    return out, unplaced


def _markup_spans(edit: Edit, ext, starts, page, mapping, chars: CharMap) -> list[tuple[int, int, str]] | None:
    """(start, end, replacement) in the markup for one edit, or None when it cannot be placed."""
    first = bisect.bisect_right(starts, edit.start) - 1
    last = bisect.bisect_right(starts, edit.end - 1) - 1
    if first < 0 or edit.start >= ext[first].end() or edit.end > ext[last].end():
        return None  # the edit does not begin and end inside words
    targets = [mapping.get(i) for i in range(first, last + 1)]
    if None in targets or targets != list(range(targets[0], targets[0] + len(targets))):
        return None
    lo = page[targets[0]].start() + (edit.start - ext[first].start())
    hi = page[targets[-1]].start() + (edit.end - 1 - ext[last].start())
    original = html_lib.escape(edit.original, quote=False)
    if chars.contiguous(lo, hi):
        return [(chars.starts[lo], chars.ends[hi], original)]
    # Markup inside the span (<b>big</b> data): word by word when the counts agree, else all in the first word.
    words = [(max(lo, page[j].start()), min(hi + 1, page[j].end()) - 1) for j in targets]
    if not all(chars.contiguous(a, b) for a, b in words):
        return None
    news = edit.original.split()
    if len(news) != len(words):
        news = [edit.original] + [""] * (len(words) - 1)
    return [(chars.starts[a], chars.ends[b], html_lib.escape(new, quote=False)) for (a, b), new in zip(words, news)]
