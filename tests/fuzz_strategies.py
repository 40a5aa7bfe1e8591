"""Hypothesis strategies shared by the fuzz tests: tag soup that looks like web pages, and bytes that nearly are.

`make test` runs each fuzz test briefly; UNSPIN_FUZZ_SCALE=50 runs fifty times as many examples, for a long search.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


def fuzz(examples: int) -> settings:
    """Hypothesis settings for a fuzz test: `examples` inputs (times UNSPIN_FUZZ_SCALE), no deadline."""
    scale = float(os.environ.get("UNSPIN_FUZZ_SCALE", "1"))
    return settings(max_examples=max(1, int(examples * scale)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TAGS = ["p", "div", "span", "b", "a", "nav", "script", "style", "article", "li", "ul", "h1", "br", "footer", "table",
        "td", "tr", "main", "aside", "header", "svg", "template", "textarea", "title", "head", "body", "html"]
WORDS = ["the", "council", "met", "on", "Tuesday", "rustic", "battle", "café", "profound", "learning", "x", "don't",
         "well-known", "3,000", "a", "Home", "menu", "Ünïcödé", "中文", "naïve"]
ODD = ["&amp;", "&nbsp;", "&#233;", "&#x41;", "&bogus;", "&", "<", ">", "<!-- c -->", "<![CDATA[x]]>", "</p>",
       "<p", "\"", "'", "\r\n", "\t", "<!DOCTYPE html>", "<?xml version='1.0'?>", "</", "<b/>", "\x0c"]


@st.composite
def html_soup(draw, max_nodes: int = 40) -> str:
    """Markup of real and broken tags, words, references and stray characters, nested at random."""
    parts = []
    for _ in range(draw(st.integers(0, max_nodes))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            tag = draw(st.sampled_from(TAGS))
            attrs = draw(st.sampled_from(["", " class='x'", ' href="/a?b=1&c=2"', " data-x=<>", " id=a b"]))
            parts.append(f"<{tag}{attrs}>")
        elif kind == 1:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        elif kind in (2, 3):
            parts.append(" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))) + ". ")
        elif kind == 4:
            parts.append(draw(st.sampled_from(ODD)))
        else:
            parts.append(draw(st.text(max_size=8)))
    return "".join(parts)


def mangled(data: bytes):
    """`data` with bytes flipped, cut short or spliced: what a bad disk, a cut download or a wrong file gives."""
    return st.one_of(
        st.integers(0, max(0, len(data) - 1)).map(lambda k: data[:k]),
        st.tuples(st.integers(0, max(0, len(data) - 1)), st.integers(0, 255)).map(
            lambda kb: data[:kb[0]] + bytes([kb[1]]) + data[kb[0] + 1:]),
        st.tuples(st.integers(0, len(data)), st.binary(max_size=64)).map(
            lambda kb: data[:kb[0]] + kb[1] + data[kb[0]:]),
    )
