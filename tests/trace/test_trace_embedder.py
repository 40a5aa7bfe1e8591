import numpy as np
import pytest

from unspin.trace.embedder import chunks, mean_by_owner


def test_chunks_cover_the_text_and_fold_a_short_tail():
    text = " ".join(f"w{i}" for i in range(400))
    pieces = chunks(text, size=180)
    assert len(pieces) == 2 and pieces[0].startswith("w0 ") and pieces[-1].endswith("w399")
    assert chunks("") == []


def test_long_documents_are_sampled_from_start_to_end():
    text = " ".join(f"w{i}" for i in range(1800))
    pieces = chunks(text, size=180, limit=3)
    assert [p.split()[0] for p in pieces] == ["w0", "w720", "w1620"]
    assert chunks(text, size=180, limit=20) == chunks(text, size=180)


def test_mean_by_owner_is_unit_length():
    vecs = np.array([[1, 0], [0, 1], [3, 4]], dtype=np.float32)
    out = mean_by_owner(vecs, [0, 0, 1], 2)
    assert np.allclose(np.linalg.norm(out, axis=1), 1) and np.allclose(out[1], [0.6, 0.8])


@pytest.mark.slow
def test_real_minilm_ranks_a_paraphrase_closest():
    from unspin.trace.embedder import MiniLMEmbedder

    e = MiniLMEmbedder()
    docs = ["The city council approved a new budget for public schools on Tuesday.",
            "Heavy rain flooded the valley and closed several roads overnight.",
            "The chemical reaction releases heat when the two liquids are mixed."]
    query = "On Tuesday the municipal council passed a fresh budget for state schools."
    m = e.embed_texts(docs + [query])
    assert m.shape == (4, 384) and np.allclose(np.linalg.norm(m, axis=1), 1, atol=1e-5)
    assert int(np.argmax(m[:3] @ m[3])) == 0
