import pytest
from trace_fakes import FakeRestorer, toy_spin

from unspin.errors import ConfigError
from unspin.trace import Index, SignatureParams


@pytest.fixture
def filled(make_index, corpus):
    idx = make_index()
    for name, text in corpus.items():
        idx.add(text, doc_id=name)
    return idx


def test_trace_finds_spun_copy_among_dozens(filled, corpus):
    spun = toy_spin(corpus["difflib"])
    matches = filled.trace(spun)
    assert matches and matches[0].doc_id == "difflib"
    best = matches[0]
    assert best.substitutions and all(s.spun == s.source[::-1] for s in best.substitutions if " " not in s.spun)
    assert 0.1 < best.substituted_share < 0.4
    assert best.coverage > 0.9


def test_partial_copy_and_boilerplate_are_found(filled, corpus):
    words = toy_spin(corpus["argparse"]).split()
    half = " ".join(words[len(words) // 2 :])
    assert filled.trace(half)[0].doc_id == "argparse"
    padded = "Subscribe to our newsletter and follow us for more great stories every day. " + half
    best = filled.trace(padded)[0]
    assert best.doc_id == "argparse" and best.source_coverage < 0.7


def test_no_source_is_an_empty_answer(filled):
    assert filled.trace("Bananas ripen faster in a paper bag with an apple, my grandmother always said.") == []
    assert filled.trace("   ") == []


def test_duplicates_share_one_entry_and_are_reported_together(make_index, corpus):
    idx = make_index()
    r1 = idx.add(corpus["json"], doc_id="json-a")
    r2 = idx.add(corpus["json"] + "\n", doc_id="json-b")  # same text up to whitespace
    r3 = idx.add(corpus["json"], doc_id="json-a")  # re-adding is a no-op
    assert (r1.added, r2.duplicates, r3.unchanged) == (1, 1, 1)
    assert idx.stats()["distinct_texts"] == 1
    best = idx.trace(toy_spin(corpus["json"]))[0]
    assert best.doc_ids == ["json-a", "json-b"]


def test_incremental_add_and_remove(make_index, corpus):
    idx = make_index()
    names = list(corpus)
    idx.add(corpus[names[0]], doc_id=names[0])
    keys_before = idx.stats()["lsh_keys"]
    idx.add(corpus[names[1]], doc_id=names[1])
    assert idx.stats()["lsh_keys"] > keys_before
    assert idx.trace(toy_spin(corpus[names[0]]))[0].doc_id == names[0]
    assert idx.remove([names[0], "nope"]) == ["nope"]
    assert idx.trace(toy_spin(corpus[names[0]])) == []
    assert idx.stats()["documents"] == 1


def test_replacing_a_documents_text(make_index, corpus):
    idx = make_index()
    idx.add(corpus["csv"], doc_id="d")
    report = idx.add(corpus["heapq"], doc_id="d")
    assert report.replaced == 1
    assert idx.stats()["distinct_texts"] == 1
    assert idx.trace(toy_spin(corpus["heapq"]))[0].doc_id == "d"


def test_index_persists_and_uses_restored_text(tmp_path, corpus):
    from trace_fakes import FakeEmbedder

    with Index(tmp_path / "p.sqlite", restorer=FakeRestorer(), embedder=FakeEmbedder()) as idx:
        idx.add_documents([__import__("unspin.trace", fromlist=["SourceDoc"]).SourceDoc(n, n, t)
                           for n, t in corpus.items()])
    before = FakeRestorer.calls
    with Index(tmp_path / "p.sqlite", create=False, restorer=FakeRestorer(), embedder=FakeEmbedder()) as idx:
        assert idx.trace(toy_spin(corpus["pickle"]), cascade=False)[0].doc_id == "pickle"
        assert idx.last_trace == {"stage": "full", "restored": True, "embedded": True}
        assert idx.stats()["embedded_texts"] == len(corpus)
    assert FakeRestorer.calls == before + 1


def test_cascade_answers_easy_copies_without_restoring(filled, corpus):
    before = FakeRestorer.calls
    assert filled.trace(toy_spin(corpus["csv"], every=4))[0].doc_id == "csv"
    assert filled.last_trace["stage"] == "raw" and FakeRestorer.calls == before
    assert filled.trace("Bananas ripen faster in a paper bag, my grandmother said.") == []
    assert filled.last_trace["stage"] == "full" and FakeRestorer.calls == before + 1


def test_deferred_embeddings_are_filled_later(make_index, corpus):
    idx = make_index()
    idx.add(corpus["uuid"], doc_id="q", embed=False)
    assert idx.stats()["embedded_texts"] == 0
    assert idx.trace(toy_spin(corpus["uuid"]))[0].doc_id == "q"  # lexical retrieval alone works
    assert idx.embed_missing() == 1 and idx.stats()["embedded_texts"] == 1


def test_missing_index_and_mismatched_settings_are_config_errors(tmp_path, make_index):
    with pytest.raises(ConfigError, match="no index at"):
        Index(tmp_path / "none.sqlite", create=False)
    make_index("x.sqlite").close()
    with pytest.raises(ConfigError, match="other signature settings"):
        Index(tmp_path / "x.sqlite", params=SignatureParams(num_perm=32))
    (tmp_path / "junk.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(ConfigError, match="not a usable index"):
        Index(tmp_path / "junk.sqlite")
