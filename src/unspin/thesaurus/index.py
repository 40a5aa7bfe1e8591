"""The reverse thesaurus: for a spun word or phrase, the originals a spinner could have replaced by it.

Built once from Moby, WordNet, MyThes, the spinner rules and the known tortured phrases, saved as compact arrays in
the cache folder, and memory-mapped on later runs so that loading takes a fraction of a second."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..frequency import zipf
from ..paths import cache_dir
from .prior import pair_prior, prior_version
from .sources import (  # noqa: F401 (re-exported: the bits are read as index.MOBY etc.)
    GENERIC,
    MOBY,
    MOBY_REVERSE,
    MYTHES,
    NOT_SYNONYMS,
    RULE,
    TORTURED,
    TORTURED_WORD,
    WORDNET,
)

INDEX_VERSION = 12
MAX_WORDS = 4  # longer thesaurus phrases are left out: spinners replace short phrases
TOP_K = 24  # originals kept per spun key, best prior first: the index stays small

@dataclass(frozen=True)
class Entry:
    """One candidate original for a spun key, with the evidence for the pair."""

    original: str
    sources: int
    fanout: int  # how many synonyms the original has: a spinner picks this one with probability ~ 1/fanout

    @property
    def known_tortured(self) -> bool:
        return bool(self.sources & TORTURED)


class ReverseIndex:
    """Spun key (lowercase word or phrase) -> candidate originals, best prior first."""

    def __init__(self, vocab: list[str], offsets: np.ndarray, originals: np.ndarray, sources: np.ndarray,
                 fanout: np.ndarray, member_offsets: np.ndarray, members: np.ndarray, entry_offsets: np.ndarray,
                 entry_words: np.ndarray, entry_heads: np.ndarray):
        self.vocab = vocab
        self.ids = {w: i for i, w in enumerate(vocab)}
        self.offsets, self.originals, self.sources, self.fanout = offsets, originals, sources, fanout
        self.member_offsets, self.members = member_offsets, members  # word -> thesaurus entries listing it
        self.entry_offsets, self.entry_words = entry_offsets, entry_words  # entry -> the words it lists
        self.entry_heads = entry_heads  # entry -> its head word (-1 if not in the vocabulary)

    def related(self, a: str, b: str) -> bool:
        """True when some thesaurus entry lists both words (a looser tie than a direct synonym pair)."""
        i, j = self.ids.get(a), self.ids.get(b)
        if i is None or j is None:
            return False
        ea = self.members[self.member_offsets[i] : self.member_offsets[i + 1]]
        eb = self.members[self.member_offsets[j] : self.member_offsets[j + 1]]
        return bool(len(ea) and len(eb) and np.intersect1d(ea, eb, assume_unique=True).size)

    def paired(self, key: str) -> list[str]:
        """Every word a thesaurus pairs directly with `key`, either way (its entry's words, and the heads of the
        entries listing it): all of them, where `lookup` keeps the best TOP_K originals."""
        i = self.ids.get(key)
        if i is None:
            return []
        entries = self.members[self.member_offsets[i] : self.member_offsets[i + 1]]
        found = set(self.entry_heads[entries].tolist())
        for e in entries[self.entry_heads[entries] == i].tolist():
            found.update(self.entry_words[self.entry_offsets[e] : self.entry_offsets[e + 1]].tolist())
        found.difference_update((i, -1))
        return sorted(self.vocab[w] for w in found)

    def swapped(self, key: str) -> list[str]:
        """The originals a listed tortured phrase swaps for the word `key` (TORTURED_WORD pairs)."""
        return [e.original for e in self.lookup(key) if e.sources & TORTURED_WORD]

    def neighbours(self, key: str, limit: int) -> list[tuple[str, int]]:
        """Words listed in the same thesaurus entries as `key`, with how many entries they share, most shared
        first. A spinner's dictionary is not ours, but its pair (original -> spun) usually sits together in
        some entry of ours, far more often than it is one of our direct pairs."""
        ids, counts = self.neighbour_ids(key, limit)
        return [(self.vocab[w], int(c)) for w, c in zip(ids.tolist(), counts.tolist())]

    def neighbour_ids(self, key: str, limit: int) -> tuple[np.ndarray, np.ndarray]:
        """`neighbours` as arrays: the words' ids in `vocab` and their shared-entry counts."""
        none = np.zeros(0, dtype=np.int64)
        i = self.ids.get(key)
        if i is None:
            return none, none
        entries = self.members[self.member_offsets[i] : self.member_offsets[i + 1]]
        if not len(entries):
            return none, none
        starts, ends = self.entry_offsets[entries], self.entry_offsets[entries + 1]
        lengths = ends - starts
        flat = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths) + np.arange(lengths.sum())
        words, counts = np.unique(self.entry_words[flat], return_counts=True)
        keep = words != i
        words, counts = words[keep], counts[keep]
        top = np.argsort(-counts, kind="stable")[:limit]
        return words[top], counts[top]

    def lookup(self, key: str) -> list[Entry]:
        i = self.ids.get(key)
        if i is None:
            return []
        lo, hi = int(self.offsets[i]), int(self.offsets[i + 1])
        return [
            Entry(self.vocab[o], int(s), int(self.fanout[o]))
            for o, s in zip(self.originals[lo:hi].tolist(), self.sources[lo:hi].tolist())
        ]

    def __contains__(self, key: str) -> bool:
        i = self.ids.get(key)
        return i is not None and self.offsets[i + 1] > self.offsets[i]

    @classmethod
    def from_tables(cls, tables: dict[int, dict[str, list[str]]], top_k: int = TOP_K) -> "ReverseIndex":
        """Invert forward tables {source bit: {original: [synonyms]}} into a ranked reverse index."""
        pairs, fanout = pair_table(tables)
        by_spun: dict[str, list[tuple[float, str, int]]] = {}
        for (spun, original), bits in pairs.items():
            lengths = phrase_length(original), phrase_length(spun)
            prior = pair_prior(bits, fanout.get(original, 1), zipf(original), *lengths)
            by_spun.setdefault(spun, []).append((prior, original, bits))
        vocab_ids: dict[str, int] = {}
        for spun, original in pairs:
            vocab_ids.setdefault(spun, len(vocab_ids))
            vocab_ids.setdefault(original, len(vocab_ids))
        vocab = list(vocab_ids)
        offsets = np.zeros(len(vocab) + 1, dtype=np.int64)
        origs, srcs = [], []
        for i, key in enumerate(vocab):
            ranked = sorted(by_spun.get(key, []), reverse=True)[:top_k]
            origs.extend(vocab_ids[o] for _, o, _ in ranked)
            srcs.extend(b for _, _, b in ranked)
            offsets[i + 1] = len(origs)
        fan = np.array([fanout.get(w, 1) for w in vocab], dtype=np.int32)
        entries: list[list[int]] = [[] for _ in vocab]
        listed: list[list[int]] = []  # per entry, the vocabulary ids it lists
        heads: list[int] = []
        for bit, table in tables.items():
            if bit in (TORTURED, GENERIC):  # a generic term's neighbours are its whole category
                continue
            for head, synonyms in table.items():
                words = sorted({vocab_ids[w] for w in (head, *synonyms) if w in vocab_ids})
                for i in words:
                    entries[i].append(len(listed))
                listed.append(words)
                heads.append(vocab_ids.get(head, -1))  # -1: a head too long to be a key
        member_offsets, members = _csr(entries)
        entry_offsets, entry_words = _csr(listed)
        return cls(vocab, offsets, np.array(origs, dtype=np.int32), np.array(srcs, dtype=np.uint8), fan,
                   member_offsets, members, entry_offsets, entry_words, np.array(heads, dtype=np.int32))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "vocab.json").write_text(json.dumps(self.vocab))
        np.savez(folder / "arrays.npz", offsets=self.offsets, originals=self.originals, sources=self.sources,
                 fanout=self.fanout, member_offsets=self.member_offsets, members=self.members,
                 entry_offsets=self.entry_offsets, entry_words=self.entry_words, entry_heads=self.entry_heads)

    @classmethod
    def load(cls, folder: Path) -> "ReverseIndex":
        arrays = np.load(folder / "arrays.npz")
        vocab = json.loads((folder / "vocab.json").read_text())
        return cls(vocab, arrays["offsets"], arrays["originals"], arrays["sources"], arrays["fanout"],
                   arrays["member_offsets"], arrays["members"], arrays["entry_offsets"], arrays["entry_words"],
                   arrays["entry_heads"])


def pair_table(tables: dict[int, dict[str, list[str]]]) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """Every (spun, original) pair of the forward tables with its source bits, and each original's synonym count."""
    pairs: dict[tuple[str, str], int] = {}
    fanout: dict[str, int] = {}
    for bit, table in tables.items():
        for original, synonyms in table.items():
            if len(original.split()) > MAX_WORDS:
                continue
            syns = [s for s in synonyms if len(s.split()) <= MAX_WORDS]
            if not bit & NOT_SYNONYMS:
                fanout[original] = max(fanout.get(original, 0), len(syns))
            for spun in syns:
                pairs[(spun, original)] = pairs.get((spun, original), 0) | bit
                if bit == MOBY:
                    pairs[(original, spun)] = pairs.get((original, spun), 0) | MOBY_REVERSE
    return pairs, fanout


def _csr(lists: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Offsets and flat values of a list of sorted int lists (row i is values[offsets[i]:offsets[i + 1]])."""
    offsets = np.zeros(len(lists) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(x) for x in lists])
    return offsets, np.fromiter((v for x in lists for v in sorted(x)), dtype=np.int32, count=int(offsets[-1]))


def phrase_length(phrase: str) -> int:
    """Words in a phrase, hyphenated parts counted apart."""
    return len(phrase.replace("-", " ").split())


def _cache_key(withheld_heads: frozenset[str], withheld_phrases: frozenset[str] = frozenset()) -> str:
    digest = "all"
    if withheld_heads or withheld_phrases:
        listed = "\n".join(sorted(withheld_heads))
        if withheld_phrases:
            listed += "\n#phrases\n" + "\n".join(sorted(withheld_phrases))
        digest = hashlib.sha1(listed.encode()).hexdigest()[:12]
    return f"reverse-v{INDEX_VERSION}-{digest}-{prior_version()}"


_loaded: dict[tuple[frozenset[str], frozenset[str]], ReverseIndex] = {}


def load_index(withheld_heads: frozenset[str] = frozenset(), withheld_phrases: frozenset[str] = frozenset()
               ) -> ReverseIndex:
    """The reverse index over all thesauri, minus Moby entries of `withheld_heads` and the listed tortured phrases
    `withheld_phrases` (for unseen-dictionary and unseen-list tests)."""
    key = (withheld_heads, withheld_phrases)
    if key in _loaded:
        return _loaded[key]
    folder = cache_dir() / _cache_key(withheld_heads, withheld_phrases)
    if (folder / "arrays.npz").exists():
        index = ReverseIndex.load(folder)
    else:
        index = ReverseIndex.from_tables(thesaurus_tables(withheld_heads, withheld_phrases))
        tmp = folder.with_suffix(".tmp")
        index.save(tmp)
        tmp.replace(folder) if not folder.exists() else None
        remove_older_versions(folder)
    _loaded[key] = index
    return index


def thesaurus_tables(withheld_heads: frozenset[str] = frozenset(), withheld_phrases: frozenset[str] = frozenset()
                     ) -> dict[int, dict[str, list[str]]]:
    """The forward tables {source bit: {original: [what a spinner may write for it]}} the index inverts."""
    from .moby import load_moby
    from .mythes import load_mythes
    from .rules import load_rules
    from .tortured import load_tortured, tortured_word_pairs
    from .wordnet import load_wordnet

    moby = load_moby()
    if withheld_heads:
        moby = {h: s for h, s in moby.items() if h not in withheld_heads}
    listed = load_tortured(withheld_phrases)
    tortured: dict[str, list[str]] = {}
    for phrase, expected in listed.items():
        for original in expected:
            tortured.setdefault(original, []).append(phrase)
    return {MOBY: moby, WORDNET: load_wordnet(), MYTHES: load_mythes(), GENERIC: load_mythes(generic=True),
            RULE: load_rules(), TORTURED: tortured, TORTURED_WORD: tortured_word_pairs(listed)}


def remove_older_versions(folder: Path) -> None:
    """Delete reverse indexes (tens of MB each) an earlier INDEX_VERSION built, or that rank the same tables with
    other prior weights than `folder`, once `folder` is saved."""
    import shutil

    same_tables = folder.name.rsplit("-", 1)[0] + "-"
    for old in folder.parent.glob("reverse-v*"):
        version = old.name.split("-")[1][1:]
        stale = version.isdigit() and int(version) < INDEX_VERSION
        reranked = old.name.startswith(same_tables) and old.suffix != ".tmp" and old.name != folder.name
        if stale or reranked:
            shutil.rmtree(old, ignore_errors=True)
