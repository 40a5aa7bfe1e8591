import json

import numpy as np

from unspin.trace.signature import SignatureParams
from unspin.trace.sqlite_storage import SQLiteStorage


def _store(tmp_path):
    s = SQLiteStorage(tmp_path / "s.sqlite")
    s.set_meta("signature_params", json.dumps(SignatureParams().to_dict()))
    return s


def test_round_trip_survives_reopen(tmp_path):
    s = _store(tmp_path)
    sig = np.arange(128, dtype=np.uint32)
    with s.transaction():
        cid = s.add_content("h1", "hello world", 2, [(0, 2, sig.tobytes(), [11, 12, 13])])
        s.put_doc("doc-1", "a.txt", cid)
        s.set_embedding(cid, np.array([0.6, 0.8], dtype=np.float32))
    s.close()
    s = SQLiteStorage(tmp_path / "s.sqlite", create=False)
    stored = s.content(cid)
    assert (stored.text, stored.word_count, stored.doc_ids, stored.sources) == ("hello world", 2, ["doc-1"], ["a.txt"])
    assert s.content_by_hash("h1") == cid and s.doc_content("doc-1") == cid
    hits = s.lookup([11, 13, 99], limit=5)
    assert [(h.content_id, h.votes) for h in hits] == [(cid, 2)]
    ids, matrix = s.embeddings()
    assert ids.tolist() == [cid] and np.allclose(matrix, [[0.6, 0.8]])
    assert s.stats()["documents"] == 1


def test_remove_last_id_drops_text_passages_and_bands(tmp_path):
    s = _store(tmp_path)
    sig = np.full(128, 5, dtype=np.uint32)
    from unspin.trace.signature import band_keys

    keys = band_keys(sig, SignatureParams())
    with s.transaction():
        cid = s.add_content("h", "text", 1, [(0, 1, sig.tobytes(), keys)])
        s.put_doc("a", "a", cid)
        s.put_doc("b", "b", cid)
    assert s.remove_doc("a") and s.content(cid).doc_ids == ["b"]
    assert s.remove_doc("b")
    assert not s.remove_doc("b")
    st = s.stats()
    assert (st["distinct_texts"], st["passages"], st["lsh_keys"]) == (0, 0, 0)


def test_failed_transaction_leaves_nothing(tmp_path):
    s = _store(tmp_path)
    try:
        with s.transaction():
            s.add_content("h", "text", 1, [])
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert s.stats()["distinct_texts"] == 0
