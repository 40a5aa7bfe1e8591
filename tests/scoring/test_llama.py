"""The plain-torch SmolLM2 forward pass agrees with transformers' implementation of the same weights."""
import pytest

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def folder():
    from unspin.scoring.lm import converted_model_dir

    return converted_model_dir()


def test_hidden_states_and_logits_match_transformers(folder):
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModelForCausalLM

    from unspin.scoring.llama import Llama

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    texts = ["The farmers had until Thanksgiving to sell the crop.", "Oil prices rose."]
    seqs = [[1] + tok.encode(t, add_special_tokens=False).ids for t in texts]
    width = max(map(len, seqs))
    ids = torch.full((len(seqs), width), 2, dtype=torch.long)
    mask = torch.zeros_like(ids)
    for r, s in enumerate(seqs):
        ids[r, : len(s)] = torch.tensor(s)
        mask[r, : len(s)] = 1
    ours = Llama(folder, dtype=torch.bfloat16)  # like with like: our pass against transformers' in bfloat16
    theirs = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.bfloat16).eval()
    with torch.inference_mode():
        expected = theirs(input_ids=ids, attention_mask=mask).logits.float().log_softmax(-1)
        got = ours.logits(ours.hidden(ids)).float().log_softmax(-1)
    for r, s in enumerate(seqs):  # padding positions are never read
        n = len(s)
        target = ids[r, 1:n]
        e = expected[r, : n - 1].gather(-1, target[:, None])
        g = got[r, : n - 1].gather(-1, target[:, None])
        assert torch.allclose(e, g, atol=0.15), (e - g).abs().max()
        assert (expected[r, : n - 1].argmax(-1) == got[r, : n - 1].argmax(-1)).float().mean() > 0.9


def test_packed_sequences_score_as_if_run_alone(folder):
    """Same next-token log-probabilities up to bfloat16 rounding (the masked attention kernel adds up in
    another order than the causal one)."""
    import torch

    from unspin.scoring.llama import Llama

    model = Llama(folder)
    a, b = [1, 504, 3113, 28, 260, 1420, 30], [1, 4365, 7093, 5701, 30]

    def target_logp(hidden, seq):
        lp = model.logits(hidden[: len(seq) - 1]).float().log_softmax(-1)
        return lp.gather(-1, torch.tensor(seq[1:])[:, None]).squeeze(-1)

    packed = model.hidden(torch.tensor([a + b + [2, 2]]), torch.tensor([[0] * len(a) + [1] * len(b) + [-1, -1]]))[0]
    for seq, part in ((a, packed[: len(a)]), (b, packed[len(a) : len(a) + len(b)])):
        alone = model.hidden(torch.tensor([seq]))[0]
        assert torch.allclose(target_logp(part, seq), target_logp(alone, seq), atol=0.15)


def test_bfloat16_only_where_the_cpu_multiplies_it_natively():
    import torch

    from unspin.scoring.llama import fast_dtype

    assert fast_dtype("processor\t: 0\nflags\t\t: fpu sse2 avx512f avx512_bf16 amx_tile\n") == torch.bfloat16
    assert fast_dtype("processor\t: 0\nflags\t\t: fpu sse2 avx fma f16c\n") == torch.float32
    assert fast_dtype("") == torch.float32
