"""Helpers for trace tests: real English texts from stdlib docstrings, a toy spinner, and fakes for the
restorer and the embedding model (the real ones run in the benchmark and in one slow test)."""
from __future__ import annotations

import hashlib
import importlib

import numpy as np

from unspin.trace.tokens import FUNCTION_WORDS, tokenize

MODULES = ["json", "csv", "textwrap", "argparse", "logging", "pickle", "shelve", "sqlite3", "unittest", "doctest",
           "tarfile", "zipfile", "socket", "subprocess", "threading", "queue", "heapq", "bisect", "fractions",
           "decimal", "statistics", "random", "string", "difflib", "pprint", "inspect", "ast", "dis", "tokenize",
           "configparser", "email", "mailbox", "base64", "uuid", "locale", "gettext", "calendar", "datetime"]


def docstring_corpus() -> dict[str, str]:
    """Module docstrings of the standard library with 40+ words (first 220 words), by module name."""
    out = {}
    for name in MODULES:
        doc = importlib.import_module(name).__doc__ or ""
        if len(doc.split()) >= 40:
            out[name] = " ".join(doc.split()[:220])
    return out


def toy_spin(text: str, every: int = 3) -> str:
    """Replace every `every`-th content word with a nonsense stand-in (reversed), like a spinner would."""
    out, pos, n = [], 0, 0
    for tok in tokenize(text):
        if tok.lower in FUNCTION_WORDS or len(tok.text) < 4 or tok.text[0].isupper():
            continue
        n += 1
        if n % every == 0:
            out.append(text[pos : tok.start])
            out.append(tok.text[::-1])
            pos = tok.end
    out.append(text[pos:])
    return "".join(out)


class FakeRestorer:
    """Stands in for unspin.get_restorer(fast=True): returns the text unchanged."""

    calls = 0

    def restore(self, text):
        FakeRestorer.calls += 1

        class R:
            restored = text

        return R()


class FakeEmbedder:
    """Hashed bag-of-words vectors: cheap, deterministic, similar texts get similar vectors."""

    name = "fake"

    def embed_texts(self, texts):
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, t in enumerate(texts):
            for tok in tokenize(t):
                out[i, int(hashlib.md5(tok.lower.encode()).hexdigest(), 16) % 64] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1
        return out / norms
