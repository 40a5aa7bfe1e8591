from unspin.thesaurus.index import INDEX_VERSION, MOBY, MOBY_REVERSE, ReverseIndex, remove_older_versions
from unspin.thesaurus.prior import prior_version


def test_reverse_lookup_finds_the_original_of_a_synonym(tiny_index):
    originals = [e.original for e in tiny_index.lookup("rural")]
    assert originals == ["country"]
    assert tiny_index.lookup("petroleum")[0].sources & MOBY


def test_forward_edges_are_kept_as_weaker_reverse_evidence(tiny_index):
    entries = {e.original: e.sources for e in tiny_index.lookup("country")}
    assert entries["rural"] & MOBY_REVERSE


def test_known_tortured_phrases_are_marked(tiny_index):
    [entry] = tiny_index.lookup("counterfeit consciousness")
    assert entry.original == "artificial intelligence" and entry.known_tortured


def test_save_and_load_round_trip(tiny_index, tmp_path):
    tiny_index.save(tmp_path)
    loaded = ReverseIndex.load(tmp_path)
    assert loaded.lookup("combat") == tiny_index.lookup("combat")
    assert "nowhere" not in loaded


def test_neighbours_are_words_listed_in_the_same_entries(tiny_index):
    assert sorted(w for w, _ in tiny_index.neighbours("rural", 10)) == ["country", "land", "nation"]
    assert tiny_index.neighbours("nowhere", 10) == []


def test_neighbours_count_shared_entries_and_respect_the_limit():
    index = ReverseIndex.from_tables({MOBY: {"big": ["large", "huge"], "vast": ["large", "huge", "wide"]}})
    assert index.neighbours("large", 1) == [("huge", 2)]
    assert dict(index.neighbours("large", 10)) == {"huge": 2, "big": 1, "vast": 1, "wide": 1}


def test_paired_words_are_every_direct_pair_either_way_not_entry_neighbours():
    index = ReverseIndex.from_tables({MOBY: {"big": ["large", "huge"], "vast": ["large", "huge", "wide"]}},
                                     top_k=1)
    assert index.paired("big") == ["huge", "large"]
    assert index.paired("large") == ["big", "vast"]  # heads listing it; "huge" only shares their entries
    assert len(index.lookup("large")) == 1 and index.paired("nowhere") == []


def test_paired_words_survive_a_save_and_load(tiny_index, tmp_path):
    tiny_index.save(tmp_path)
    assert ReverseIndex.load(tmp_path).paired("rural") == tiny_index.paired("rural")


def test_a_new_index_version_or_prior_removes_the_caches_it_replaces(tmp_path):
    new = f"reverse-v{INDEX_VERSION}-all-{prior_version()}"
    names = [f"reverse-v{INDEX_VERSION - 1}-all", f"reverse-v{INDEX_VERSION}-all-0ld0ld00", new,
             f"reverse-v{INDEX_VERSION}-all-{prior_version()}.tmp", f"reverse-v{INDEX_VERSION}-3c4f1a2b9d0e-0ld0ld00",
             "smollm2-135m-bf16-v1"]
    for name in names:
        (tmp_path / name).mkdir()
    remove_older_versions(tmp_path / new)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[2:])


def test_word_swaps_of_listed_phrases_are_a_source_of_their_own():
    from unspin.thesaurus.index import TORTURED_WORD

    index = ReverseIndex.from_tables({MOBY: {"deep": ["profound", "low"]}, TORTURED_WORD: {"deep": ["profound"]}})
    [entry] = index.lookup("profound")
    assert entry.original == "deep" and entry.sources & TORTURED_WORD and entry.sources & MOBY
    assert not entry.known_tortured  # a word swap is evidence, not a listed phrase
    assert index.lookup("low")[0].sources == MOBY
