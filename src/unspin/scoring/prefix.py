"""Reusing the first pass in the second: a restored variant of a sentence is run only from where it branches off.

The first pass keeps each layer's keys and values (`Cache`); a variant takes its leading tokens from there
(`continuation`) and its suffix attends to them through a `llama.Past` (`past_for`). Tested to agree with a
fresh read (tests/scoring/test_lm_continue.py).
"""
from __future__ import annotations

from dataclasses import dataclass


def continuation(ids: list[int], targets: list[int] | None, base) -> tuple | None:
    """(cache, sequence, n): how many leading tokens `ids` can take from its base sentence's first pass.

    Up to the first token where they differ, and not past the first position read (its hidden state is needed)."""
    if base is None or not targets:
        return None
    cache, i = base
    n = 0
    for a, b in zip(ids, cache.sequences[i]):
        if a != b:
            break
        n += 1
    n = min(n, min(targets), len(ids) - 1)
    return (cache, i, n) if n > 0 else None


@dataclass
class Cache:
    """Keys and values of one first-pass batch: the second pass continues its sentences instead of rereading."""

    kv: list  # per layer (keys, values), [rows, kv_heads, width, head_dim]
    place: list[tuple[int, int]]  # (row, offset) of each sequence
    sequences: list[list[int]]


def past_for(cont, skip: list[int], lengths: list[int], place, n_rows: int, width: int):
    """The `Past` that lets each packed suffix attend to its own cached prefix. Suffixes of one sentence in one
    row share a single copy of its cached keys (a sentence's variants differ only in where they branch off).

    lengths[r]: tokens of sequence r that are run (after its skip[r] cached ones)."""
    import torch  # here, not at import: the fast path never loads torch

    from .llama import Past

    blocks: dict[tuple[int, int, int], list] = {}  # (row, cache, sequence) -> [first slot, tokens, cache, i]
    used = [0] * n_rows
    for r, c in enumerate(cont):
        if c and skip[r]:
            block = blocks.setdefault((place[r][0], id(c[0]), c[1]), [0, 0, c[0], c[1]])
            block[1] = max(block[1], skip[r])
    for (row, _, _), block in blocks.items():
        block[0] = used[row]
        used[row] += block[1]
    offset = torch.zeros((n_rows, width), dtype=torch.long)
    mask = torch.zeros((n_rows, width, max(used)), dtype=torch.bool)
    for r, c in enumerate(cont):
        if c and skip[r]:
            row, off = place[r]
            first = blocks[(row, id(c[0]), c[1])][0]
            offset[row, off : off + lengths[r]] = skip[r]
            mask[row, off : off + lengths[r], first : first + skip[r]] = True
    by_cache: dict[int, tuple] = {}
    for (row, _, _), (first, n, cache, i) in blocks.items():
        src_row, src_off = cache.place[i]
        _, dst_rows, dst_slots, src_rows, src_cols = by_cache.setdefault(id(cache), (cache, [], [], [], []))
        dst_rows.extend([row] * n)
        dst_slots.extend(range(first, first + n))
        src_rows.extend([src_row] * n)
        src_cols.extend(range(src_off, src_off + n))
    moves = [(cache, *(torch.tensor(x) for x in idx)) for cache, *idx in by_cache.values()]

    def layer(n: int):
        keys = values = None
        for cache, dst_rows, dst_slots, src_rows, src_cols in moves:
            k, v = cache.kv[n]
            if keys is None:
                keys = k.new_zeros((n_rows, k.shape[1], max(used), k.shape[3]))
                values = torch.zeros_like(keys)
            keys[dst_rows, :, dst_slots] = k[src_rows, :, src_cols]
            values[dst_rows, :, dst_slots] = v[src_rows, :, src_cols]
        return keys, values

    return Past(offset, mask, layer)
