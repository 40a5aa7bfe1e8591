"""SmolLM2's forward pass (the Llama architecture) in plain torch, reading the cached model folder.

Why not transformers: importing it takes seconds, longer than loading and running the model, and a scorer
needs only the final hidden states; `logits_at` then projects just the positions it is asked about.
Tested to agree with transformers' own implementation (tests/scoring/test_llama.py).
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F


def fast_dtype(cpuinfo: str | None = None) -> torch.dtype:
    """bfloat16 where the CPU multiplies it natively (AVX-512 BF16 or AMX), else float32: without those, torch
    emulates bfloat16 matrix products about nine times slower than float32 ones (an AMD EPYC without AVX-512)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text()
        except OSError:
            return torch.float32
    flags = next((line.split(":", 1)[1].split() for line in cpuinfo.splitlines() if line.startswith("flags")), [])
    return torch.bfloat16 if {"avx512_bf16", "amx_bf16"} & set(flags) else torch.float32


@dataclass(frozen=True)
class LlamaConfig:
    hidden: int
    layers: int
    heads: int
    kv_heads: int
    head_dim: int
    rope_theta: float
    eps: float

    @classmethod
    def read(cls, folder: Path) -> "LlamaConfig":
        c = json.loads((folder / "config.json").read_text())
        rope = c.get("rope_parameters") or {}
        return cls(c["hidden_size"], c["num_hidden_layers"], c["num_attention_heads"], c["num_key_value_heads"],
                   c.get("head_dim") or c["hidden_size"] // c["num_attention_heads"],
                   float(rope.get("rope_theta", c.get("rope_theta", 10000.0))), float(c["rms_norm_eps"]))


JOINED_FILE = "joined-v1.pt"


def joined_weights(folder: Path, layers: int) -> dict[str, torch.Tensor]:
    """The weights as the forward pass reads them, each layer's q/k/v and gate/up projections joined into one
    matrix (`layers.{i}.qkv`, `layers.{i}.gate_up`). Joined once and saved beside the model; later loads map that
    file into memory instead of copying it (a quicker load, above all on a busy machine)."""
    path = folder / JOINED_FILE
    if not path.exists():
        from safetensors.torch import load_file

        w = {k.removeprefix("model."): v for k, v in load_file(str(folder / "model.safetensors")).items()}
        for i in range(layers):
            p = f"layers.{i}."
            w[p + "qkv"] = torch.cat([w.pop(p + f"self_attn.{x}_proj.weight") for x in "qkv"])
            w[p + "gate_up"] = torch.cat([w.pop(p + "mlp.gate_proj.weight"), w.pop(p + "mlp.up_proj.weight")])
        tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
        torch.save(w, tmp)
        os.replace(tmp, path)
    return torch.load(path, mmap=True, weights_only=True)


@dataclass
class Past:
    """Cached keys and values of earlier tokens that the rows of a `hidden` call continue.

    offset: [batch, length] how many earlier tokens the segment of each token continues (its positions start there);
    mask: [batch, length, P] which of the P cached slots each token may attend to;
    layer: layer number -> (keys, values) of the cached slots, [batch, kv_heads, P, head_dim], already rotated."""

    offset: torch.Tensor
    mask: torch.Tensor
    layer: Callable[[int], tuple[torch.Tensor, torch.Tensor]]


class Llama:
    """Causal LM on CPU. `hidden(ids)` -> final normalised hidden states; `logits(h)` -> vocabulary scores.

    Rows are either one right-padded sequence each (under the causal mask no real token attends to padding,
    so no mask is needed), or several sequences packed end to end, told apart by `segments`.
    """

    def __init__(self, folder: Path, dtype: torch.dtype | None = None):
        dtype = dtype or fast_dtype()
        self.config = cfg = LlamaConfig.read(folder)
        w = {k: v.to(dtype) for k, v in joined_weights(folder, cfg.layers).items()}
        self.embed = w["embed_tokens.weight"]
        self.head = w.get("lm_head.weight", self.embed)
        self.norm = w["norm.weight"]
        self.blocks = []
        for i in range(cfg.layers):
            p = f"layers.{i}."
            self.blocks.append((w[p + "input_layernorm.weight"], w[p + "qkv"], w[p + "self_attn.o_proj.weight"],
                                w[p + "post_attention_layernorm.weight"], w[p + "gate_up"],
                                w[p + "mlp.down_proj.weight"]))
        self.dtype = dtype
        self._rope_cache: tuple[int, torch.Tensor, torch.Tensor] | None = None

    def _rope(self, length: int, positions: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        if self._rope_cache is None or self._rope_cache[0] < length:
            cfg = self.config
            size = max(length, 256)
            inv = 1.0 / cfg.rope_theta ** (torch.arange(0, cfg.head_dim, 2, dtype=torch.float32) / cfg.head_dim)
            angles = torch.outer(torch.arange(size, dtype=torch.float32), inv)
            angles = torch.cat([angles, angles], dim=-1)
            self._rope_cache = (size, angles.cos().to(self.dtype), angles.sin().to(self.dtype))
        _, cos, sin = self._rope_cache
        if positions is not None:  # [batch, length] -> [batch, 1 (heads), length, head_dim]
            return cos[positions].unsqueeze(1), sin[positions].unsqueeze(1)
        return cos[:length], sin[:length]

    def _rms(self, x: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
        # normalised in float32 and scaled in the model's dtype, exactly as transformers does it
        return weight * F.rms_norm(x.float(), (x.shape[-1],), None, self.config.eps).to(self.dtype)

    @torch.inference_mode()
    def hidden(self, ids: torch.Tensor, segments: torch.Tensor | None = None, *, keep: list | None = None,
               past: Past | None = None) -> torch.Tensor:
        """Final hidden states [batch, length, hidden] for token ids [batch, length].

        `segments` ([batch, length], ints): tokens attend only to earlier tokens of the same segment, and
        positions restart at each segment, so packed sequences score exactly as if run alone.
        `keep`: a list that receives each layer's rotated (keys, values), to continue these tokens later.
        `past`: cached earlier tokens the segments continue (their text is not run again)."""
        cfg = self.config
        batch, length = ids.shape
        mask = None
        if segments is None and past is None:
            cos, sin = self._rope(length)
        else:
            if segments is None:
                segments = torch.zeros_like(ids)
            starts = torch.ones_like(segments, dtype=torch.bool)
            starts[:, 1:] = segments[:, 1:] != segments[:, :-1]
            index = torch.arange(length).expand(batch, length)
            positions = index - torch.cummax(torch.where(starts, index, 0), dim=1).values
            if past is not None:
                positions = positions + past.offset
            cos, sin = self._rope(int(positions.max()) + 1, positions)
            causal = torch.ones(length, length, dtype=torch.bool).tril()
            mask = causal & (segments[:, :, None] == segments[:, None, :])
            if past is not None:
                mask = torch.cat([mask, past.mask], dim=-1)
            mask = mask.unsqueeze(1)
        q_size, kv_size = cfg.heads * cfg.head_dim, cfg.kv_heads * cfg.head_dim
        x = F.embedding(ids, self.embed)
        for n, (ln1, qkv, o, ln2, gate_up, down) in enumerate(self.blocks):
            h = F.linear(self._rms(x, ln1), qkv)
            q, k, v = h.split([q_size, kv_size, kv_size], dim=-1)
            q = q.view(batch, length, cfg.heads, cfg.head_dim).transpose(1, 2)
            k = k.view(batch, length, cfg.kv_heads, cfg.head_dim).transpose(1, 2)
            v = v.view(batch, length, cfg.kv_heads, cfg.head_dim).transpose(1, 2)
            q, k = _rotate(q, cos, sin), _rotate(k, cos, sin)
            if keep is not None:
                keep.append((k, v))
            if past is not None:
                past_k, past_v = past.layer(n)
                k, v = torch.cat([k, past_k], dim=2), torch.cat([v, past_v], dim=2)
            if mask is None:
                a = F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
            else:
                a = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, enable_gqa=True)
            x = x + F.linear(a.transpose(1, 2).reshape(batch, length, q_size), o)
            g, u = F.linear(self._rms(x, ln2), gate_up).chunk(2, dim=-1)
            x = x + F.linear(F.silu(g) * u, down)
        return self._rms(x, self.norm)

    def logits(self, hidden: torch.Tensor) -> torch.Tensor:
        """Vocabulary scores for hidden states of any leading shape."""
        return F.linear(hidden, self.head)


def _rotate(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    half = x.shape[-1] // 2
    rotated = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
    return x * cos + rotated * sin
