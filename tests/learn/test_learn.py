import pytest
from learn_fixtures import FRENCH, pile_with_pairs, planted

from unspin.learn import learn
from unspin.learn.estep import document_counts
from unspin.learn.pile import content_key, distinct_stories, distinct_texts


def test_document_counts_come_from_the_decoders_sites(fake_restorer):
    counts = document_counts(fake_restorer, planted("rural", 2))
    assert counts["status"] == "ok"
    pairs = {(s, o): c for s, o, c in counts["pairs"]}
    assert pairs[("rural", "country")] > 1.0  # two sites, each likely


def test_a_pair_found_in_several_documents_is_learned_one_repeated_in_one_document_is_not(fake_restorer):
    profile = learn(pile_with_pairs(), restorer=fake_restorer, discover=False, name="tiny")
    assert "country" in profile.pairs.get("rural", {})
    row = profile.pairs["rural"]["country"]
    assert row["documents"] >= 2 and row["weight"] > 0 and row["count"] > 1
    assert "war" not in profile.pairs.get("combat", {})  # ten times, but in one document only
    assert profile.name == "tiny" and profile.documents == 5 and profile.words > 0


def test_learned_profile_feeds_the_restorer(fake_restorer, tmp_path):
    from unspin.profile import load_profile

    profile = learn(pile_with_pairs(), restorer=fake_restorer, discover=False)
    profile.save(tmp_path / "p.json")
    back = load_profile(tmp_path / "p.json")
    assert back.learned()["rural"][0][0] == "country"
    assert back.words == profile.words and back.notes["used_documents"] == 5


def test_duplicates_count_once(fake_restorer):
    docs = pile_with_pairs()
    copy = "  " + docs[0].replace(" ", "  ") + "\n"  # same words, different spacing
    profile = learn(docs + [docs[0], copy], restorer=fake_restorer, discover=False)
    assert profile.notes["duplicates"] == 2 and profile.documents == 5
    assert content_key(docs[0]) == content_key(copy)


def test_empty_pile_gives_an_empty_profile_and_says_so(fake_restorer):
    for pile in ([], ["", "   \n"]):
        profile = learn(pile, restorer=fake_restorer, discover=False)
        assert profile.pairs == {} and profile.documents == 0 and profile.notes["used_documents"] == 0


def test_non_english_short_and_unspun_documents_are_skipped_or_reported(fake_restorer):
    unspun = "Officials said it was cold here. The country went to war and prices rose. " * 3
    profile = learn(pile_with_pairs() + [FRENCH, "Too short.", unspun], restorer=fake_restorer, discover=False)
    assert profile.notes["not_english"] == 1 and profile.notes["short"] == 1
    assert profile.notes["look_unspun"] >= 1 and profile.documents == 6
    assert "country" in profile.pairs["rural"]


def test_ids_are_kept_and_odd_items_do_not_crash():
    pile, dups = distinct_texts([("a", "one text"), ("b", None), "two text", ("c", "one text")])
    assert [p.id for p in pile] == ["a", "3"] and dups == 1  # a plain string is named by its position


def test_an_interrupted_run_resumes_without_redoing_finished_documents(fake_restorer, tmp_path, monkeypatch):
    state = tmp_path / "state.sqlite"
    docs = pile_with_pairs()

    def stop_after_three(stage, done, total):
        if stage == "round 1/2" and done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        learn(docs, restorer=fake_restorer, discover=False, state=state, progress=stop_after_three, rounds=2)
    decoded = []
    real_sites = fake_restorer.decoder.sites
    monkeypatch.setattr(fake_restorer.decoder, "sites",
                        lambda doc, c, p=None: decoded.append(doc) or real_sites(doc, c, p))
    resumed = learn(docs, restorer=fake_restorer, discover=False, state=state, rounds=2)
    assert len(decoded) == 2 + 5  # round 1: the two unfinished documents; round 2: all five (new profile)
    fresh = learn(docs, restorer=fake_restorer, discover=False, rounds=2)
    assert resumed.pairs == fresh.pairs
    decoded.clear()
    learn(docs, restorer=fake_restorer, discover=False, state=state, rounds=2)
    assert decoded == []  # everything finished before is reused


def test_base_profile_pairs_are_kept(fake_restorer):
    from unspin.profile import Profile

    base = Profile("base", pairs={"swiftly": {"fast": {"count": 3, "weight": 2.0}}})
    profile = learn(pile_with_pairs(), restorer=fake_restorer, discover=False, base=base)
    assert profile.pairs["swiftly"]["fast"]["weight"] == 2.0 and "rural" in profile.pairs


def test_other_spins_of_a_story_are_set_aside_and_reported(fake_restorer):
    story = " ".join(f"The mayor of town {k} said the bridge over river {k} will open in week {k}." for k in range(9))
    respun = story.replace("said", "stated").replace("will open", "shall open")
    other = " ".join(f"A farmer in valley {k} grew corn and beans for market {k} this year." for k in range(9))
    pile, retold = distinct_stories(distinct_texts([story, other, respun])[0])
    assert [p.text for p in pile] == [story, other] and retold == 1
    short = ["Officials said the country went to combat."] * 2
    assert len(distinct_stories(distinct_texts([short[0], short[1] + " Again."])[0])[0]) == 2  # too short to tell
    profile = learn(pile_with_pairs() + [story, respun], restorer=fake_restorer, discover=False)
    assert profile.notes["retold"] == 1
