"""Restoring a copy whose source is known: trace's word alignment says which words were swapped, the source says
what they were (`unspin restore --source FILE`, `--index FILE`).

A run where the copy's words differ from the source's, between text the two share, is restored when it is a swap:
up to MAX_SWAP words on each side (a spinner's 1-4 word phrases run together at high spin rates; a reworded passage
that short is restored whole, with a confidence that falls with its length), or up to MAX_PHRASE words on one side
only (a phrase rule's padding: "is actually" for "is"). Left as they are, and reported: longer runs (text the copy
added, a passage it rewrote), differing runs at either end (a copy that starts or stops elsewhere than its source)
and the swaps next to a rewritten passage or beyond one at an end, where a word shared with the source may be
chance. Source words with no counterpart in the copy are counted. Spintax groups (`{a|b|c}`) are one word to the
alignment, so a leaked group is replaced whole; quotes and punctuation outside swaps stay as the copy has them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import SourceMismatch
from .result import Edit, Restoration
from .spin.spintax import parse_spintax
from .trace.align import ANCHOR_RUN, MAX_PHRASE, Alignment, align
from .trace.index import MIN_ANCHORED, is_copy
from .trace.tokens import FUNCTION_WORDS, Token, tokenize

MAX_SWAP = 24  # words on either side of a restored run: chained spins, or a sentence reworded
SPUN_SHARE = 0.05  # share of copied words swapped at which the spin score reaches 1 (detect calls 5% spun)
WITHOUT_SOURCE = "restore it without a source to read it from the text alone"
SHOWN_PASSAGES = 3  # passages left as they are that a warning quotes


@dataclass(frozen=True)
class Swap:
    """Copy words [i1, i2) stand where the source has words [j1, j2); `changed` words differed before widening."""

    i1: int
    i2: int
    j1: int
    j2: int
    changed: int

    @property
    def confidence(self) -> float:
        """Certain for a spinner's phrase; less so the longer the run, which may be a rewording of its own."""
        return round(min(1.0, MAX_PHRASE / self.changed), 4)


@dataclass
class CopyAlignment:
    """A copy lined up with its source: the swaps to restore, and what the copy added or left out."""

    copy: str
    source: str
    tokens: list[Token]
    source_tokens: list[Token]
    alignment: Alignment
    swaps: list[Swap] = field(default_factory=list)
    kept: list[tuple[int, int]] = field(default_factory=list)  # copy word runs not restored (added or rewritten)
    dropped: int = 0  # source words the copy has no counterpart for

    def words(self, i1: int, i2: int) -> str:
        """The copy's text from word i1 to word i2 - 1."""
        return self.copy[self.tokens[i1].start : self.tokens[i2 - 1].end]

    def spun(self, swap: Swap) -> str:
        return self.words(swap.i1, swap.i2)

    def original(self, swap: Swap) -> str:
        return self.source[self.source_tokens[swap.j1].start : self.source_tokens[swap.j2 - 1].end]

    def bounds(self, swap: Swap) -> tuple[int, int, int, int]:
        """Character bounds of a swap in the copy and in the source, taking in the gap to a neighbouring word where
        one text joins it without a space and the other does not ("worn-out" for "turned out")."""
        q, s = self.tokens, self.source_tokens
        start, end, s_start, s_end = q[swap.i1].start, q[swap.i2 - 1].end, s[swap.j1].start, s[swap.j2 - 1].end
        if swap.i1 and swap.j1 and _joins_differently(self.copy[q[swap.i1 - 1].end : start],
                                                      self.source[s[swap.j1 - 1].end : s_start]):
            start, s_start = q[swap.i1 - 1].end, s[swap.j1 - 1].end
        if swap.i2 < len(q) and swap.j2 < len(s) and _joins_differently(self.copy[end : q[swap.i2].start],
                                                                        self.source[s_end : s[swap.j2].start]):
            end, s_end = q[swap.i2].start, s[swap.j2].start
        return start, end, s_start, s_end

    @property
    def changed_share(self) -> float:
        """Share of the copy's lined-up words that were swapped."""
        changed = sum(s.changed for s in self.swaps)
        return changed / (self.alignment.matched + changed) if changed else 0.0


def _joins_differently(copy_gap: str, source_gap: str) -> bool:
    return copy_gap != source_gap and not (any(c.isspace() for c in copy_gap)
                                           and any(c.isspace() for c in source_gap))


def copy_tokens(text: str) -> list[Token]:
    """The copy's words as trace tokenizes them, with each spintax group `{a|b|c}` as one word."""
    tokens = tokenize(text)
    groups = parse_spintax(text)
    if not groups:
        return tokens
    out: list[Token] = []
    g = 0
    for tok in tokens:
        while g < len(groups) and groups[g][1] <= tok.start:
            g += 1
        if g < len(groups) and groups[g][0] <= tok.start:
            start, end, _ = groups[g]
            if not out or out[-1].start != start:
                out.append(Token(text[start:end], start, end, tok.sentence_start))
            continue
        out.append(tok)
    return out


def align_copy(copy: str, source: str) -> CopyAlignment:
    """Line the copy up with its source and sort the runs that differ into swaps and passages left alone."""
    q, s = copy_tokens(copy), tokenize(source)
    a = align(copy, source, query_tokens=q, source_tokens=s)
    out = CopyAlignment(copy, source, q, s, a)

    def restorable(run: tuple) -> bool:
        _, i1, i2, j1, j2 = run
        return _restorable(i2 - i1, j2 - j1, edge=i1 == j1 == 0 or (i2, j2) == (len(q), len(s)))

    for region, lead, trail in _regions(a.opcodes):
        runs = _joined([op for op in region if op[0] != "equal"], restorable)
        for run, trusted in zip(runs, _trusted(runs, [restorable(run) for run in runs], lead, trail)):
            _record(out, run, trusted)
    out.swaps = _overlaps_joined(out.swaps)
    return out


def _overlaps_joined(swaps: list[Swap]) -> list[Swap]:
    """Swaps widened onto the same shared word ("seeing as how" <- "as") made one."""
    out: list[Swap] = []
    for s in swaps:
        if out and s.i1 < out[-1].i2:
            prev = out.pop()
            s = Swap(prev.i1, max(prev.i2, s.i2), prev.j1, max(prev.j2, s.j2), prev.changed + s.changed)
        out.append(s)
    return out


def _joined(runs: list[tuple], restorable, reach: int = 2) -> list[tuple]:
    """The runs, each one too long to restore joined with up to `reach` neighbours on either side when together they
    make a swap: a word shared by chance ("in", "the") can split a spinner's run into an addition and an omission."""
    out: list[tuple] = []
    floor = k = 0  # runs before `floor` are inside a joined run already
    while k < len(runs):
        window = None if restorable(runs[k]) else _window(runs, k, floor, restorable, reach)
        if window is None:
            out.append(runs[k])
            k += 1
            continue
        lo, hi = window
        del out[len(out) - (k - lo):]
        out.append(_merged(runs[lo], runs[hi]))
        k = floor = hi + 1
    return out


def _window(runs: list[tuple], k: int, floor: int, restorable, reach: int) -> tuple[int, int] | None:
    """The smallest stretch of runs (lo, hi) around run k, within reach, that joined is a swap."""
    for size in range(1, 2 * reach + 1):
        for lo in range(max(floor, k - min(size, reach)), k + 1):
            hi = lo + size
            if hi < len(runs) and hi - k <= reach and restorable(_merged(runs[lo], runs[hi])):
                return lo, hi
    return None


def _merged(a: tuple, b: tuple) -> tuple:
    return ("replace", a[1], b[2], a[3], b[4])


def _trusted(runs: list[tuple], restorable: list[bool], lead: bool, trail: bool) -> list[bool]:
    """Which restorable runs of a region to restore: not those next to a passage the copy rewrote (its own words where
    the source has others), where the word they share with the source may be chance ("said that" matched in "early
    that year"); nor, at an end of the copy, those beyond a passage left alone, where the copy starts or stops
    elsewhere than its source."""
    rewritten = [not r and run[2] > run[1] and run[4] > run[3] for run, r in zip(runs, restorable)]
    ok = [r and not (k and rewritten[k - 1]) and not (k + 1 < len(runs) and rewritten[k + 1])
          for k, r in enumerate(restorable)]
    if lead and False in restorable:
        cut = len(ok) - restorable[::-1].index(False)
        ok[:cut] = [False] * cut
    if trail and False in restorable:
        cut = restorable.index(False)
        ok[cut:] = [False] * (len(ok) - cut)
    return ok


def _regions(opcodes: list[tuple]) -> list[tuple[list[tuple], bool, bool]]:
    """The opcodes between verbatim runs of ANCHOR_RUN+ words, each with whether it is the copy's first or last."""
    regions: list[list[tuple]] = [[]]
    for op in opcodes:
        if op[0] == "equal" and op[2] - op[1] >= ANCHOR_RUN:
            regions.append([])
        else:
            regions[-1].append(op)
    last = len(regions) - 1
    return [(r, k == 0, k == last) for k, r in enumerate(regions) if r]


def _record(out: CopyAlignment, op: tuple, restorable: bool) -> None:
    """Add one differing run to the swaps, or to what the copy added and left out."""
    _, i1, i2, j1, j2 = op
    n, m = i2 - i1, j2 - j1
    if restorable:
        out.swaps.append(Swap(i1, i2, j1, j2, max(n, m)) if n and m else _widen(out.tokens, i1, i2, j1, j2))
        return
    if n:
        out.kept.append((i1, i2))
    out.dropped += m


def _restorable(n: int, m: int, edge: bool) -> bool:
    """Whether a differing run of n copy words and m source words is a spinner's swap."""
    if n and m:
        return max(n, m) <= (MAX_PHRASE if edge else MAX_SWAP)
    return not edge and n + m <= MAX_PHRASE


def _widen(q: list[Token], i1: int, i2: int, j1: int, j2: int) -> Swap:
    """A one-sided run joined to a shared neighbour word ("is actually" <- "is"), so that both sides have words:
    the next word when only it is a function word ("to" <- "in order to"), else the one before."""
    changed = max(i2 - i1, j2 - j1)
    if q[i2].lower in FUNCTION_WORDS and q[i1 - 1].lower not in FUNCTION_WORDS:
        return Swap(i1, i2 + 1, j1, j2 + 1, changed)
    return Swap(i1 - 1, i2, j1 - 1, j2, changed)


def mismatch(found: CopyAlignment, name: str) -> str | None:
    """Why `name` is not the source of the copy (trace's test for a copy), or None when it is."""
    if is_copy(found.alignment):
        return None
    return (f"{name} does not look like the source of this text: {found.alignment.anchored_share:.0%} of the text "
            f"lines up with it in verbatim runs of {ANCHOR_RUN}+ words (a copy has at least {MIN_ANCHORED:.0%})")


def restore_from_source(text: str, source: str, *, name: str = "the source") -> Restoration:
    """Restore `text` from the `source` it was copied from; SourceMismatch when `source` is not its source."""
    if not tokenize(text):
        return Restoration(text, text, 0.0, 0.0, [], 0)
    found = align_copy(text, source)
    reason = mismatch(found, name)
    if reason:
        raise SourceMismatch(f"{reason}; {WITHOUT_SOURCE}")
    edits = []
    for swap in found.swaps:
        start, end, s_start, s_end = found.bounds(swap)
        edits.append(Edit(start, end, text[start:end], source[s_start:s_end], swap.confidence))
    pieces, pos = [], 0
    for e in edits:
        pieces += [text[pos : e.start], e.original]
        pos = e.end
    pieces.append(text[pos:])
    rate = found.changed_share
    return Restoration(text, "".join(pieces), min(1.0, rate / SPUN_SHARE), rate, edits, len(found.tokens),
                       _warnings(found), _summary(found, name))


def _passages(found: CopyAlignment) -> list[dict]:
    return [{"start": found.tokens[i1].start, "end": found.tokens[i2 - 1].end, "text": found.words(i1, i2)}
            for i1, i2 in found.kept]


def _summary(found: CopyAlignment, name: str) -> dict:
    """The JSON `source` block: which source, how much lined up, what was left as it is."""
    a = found.alignment
    return {"name": name, "coverage": round(a.coverage, 4), "anchored_share": round(a.anchored_share, 4),
            "kept": _passages(found), "dropped_words": found.dropped}


def _warnings(found: CopyAlignment) -> list[str]:
    out = []
    if found.kept:
        words = sum(i2 - i1 for i1, i2 in found.kept)
        shown = "; ".join(f'{p["start"]}-{p["end"]} "{_preview(p["text"])}"' for p in _passages(found)[:SHOWN_PASSAGES])
        more = f" and {len(found.kept) - SHOWN_PASSAGES} more" if len(found.kept) > SHOWN_PASSAGES else ""
        out.append(f"{words} words in {len(found.kept)} passage(s) differ from the source by more than a spinner's "
                   f"swaps (text added or rewritten) and were left as they are: {shown}{more}")
    if found.dropped:
        out.append(f"the copy has no counterpart for {found.dropped} words of the source (left out or rewritten)")
    return out


def _preview(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


class SourceRestorer:
    """Restores every text from one known source (`restore --source`), as a restorer does from the text alone."""

    def __init__(self, source: str, name: str = "the source"):
        self.source, self.name = source, name

    def restore(self, text: str, progress=None) -> Restoration:
        return restore_from_source(text, self.source, name=self.name)


class IndexRestorer:
    """Restores each text from its source found in a trace index (`restore --index`)."""

    def __init__(self, index):
        self.index = index

    def restore(self, text: str, progress=None) -> Restoration:
        if not tokenize(text):
            return Restoration(text, text, 0.0, 0.0, [], 0)
        matches = self.index.trace(text, top=1)
        if not matches:
            raise SourceMismatch(f"no source of this text was found in the index; {WITHOUT_SOURCE}")
        return restore_from_source(text, matches[0].source_text or "", name=matches[0].doc_id)
