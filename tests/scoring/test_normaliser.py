"""The vocabulary's log-normaliser, taken a few rows at a time, equals float32 logsumexp over all rows at once."""
import pytest

torch = pytest.importorskip("torch")

from unspin.scoring.lm import NORMALISER_ROWS, _log_normaliser  # noqa: E402


@pytest.mark.parametrize("rows", [1, NORMALISER_ROWS, 3 * NORMALISER_ROWS + 5])
def test_bfloat16_logits_get_the_float32_logsumexp_of_each_row(rows):
    generator = torch.Generator().manual_seed(rows)
    logits = (torch.randn(rows, 4096, generator=generator) * 4).bfloat16()
    expected = torch.logsumexp(logits.float(), dim=-1)
    got = _log_normaliser(logits)
    assert got.dtype == torch.float32 and got.shape == (rows,)
    assert torch.allclose(got, expected, atol=1e-5)
