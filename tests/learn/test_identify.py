import pytest

from unspin.learn import identify
from unspin.learn.identify import MIN_PAGES, best_match, english_rate, load_profiles, spinner_model, spinner_rates
from unspin.profile import Profile


def _profile(name: str, pairs: dict[str, str], count: float = 30.0) -> Profile:
    return Profile(name, documents=10, words=5000,
                   pairs={s: {o: {"count": count, "weight": 3.0}} for s, o in pairs.items()})


A = _profile("alpha", {"rural": "country", "raw petroleum": "crude oil", "stated": "said"})
B = _profile("beta", {"combat": "war", "declared": "said", "land": "country"})
TEXT_A = ("The rural went to war and raw petroleum prices rose, officials stated. " * 6
          + "It was cold in the rural that winter and the rural stayed calm. " * 4)


def test_identify_picks_the_spinner_whose_pairs_the_text_uses():
    matches, words = identify(TEXT_A, {"alpha": A, "beta": B})
    assert [m.name for m in matches] == ["alpha", "beta"]
    assert matches[0].probability > 0.9 and matches[0].llr > 0 > matches[1].llr
    assert ("rural", 14) in matches[0].evidence and words > 100 and best_match(matches).name == "alpha"


def test_a_text_with_none_of_the_pairs_matches_no_profile():
    matches, _ = identify("Officials said the country went to war and prices rose. " * 10, {"alpha": A, "beta": B})
    assert all(m.llr <= 0 and m.probability < 0.5 for m in matches) and best_match(matches) is None


def test_empty_text_and_empty_profiles_do_not_crash():
    matches, words = identify("", {"alpha": A})
    assert words == 0 and matches[0].llr == 0
    matches, _ = identify(TEXT_A, {"empty": Profile("empty")})
    assert matches[0].llr == 0


def test_load_profiles_reads_a_folder_and_rejects_an_empty_one(tmp_path):
    from unspin.errors import ConfigError

    A.save(tmp_path / "a.json")
    B.save(tmp_path / "b.json")
    profiles, paths = load_profiles(tmp_path)
    assert set(profiles) == {"alpha", "beta"} and paths["alpha"].endswith("a.json")
    with pytest.raises(ConfigError):
        load_profiles(tmp_path / "nothing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError):
        load_profiles(tmp_path / "empty")


def test_a_signature_alone_identifies_and_english_use_of_a_key_is_no_evidence():
    plain = "Officials said the country went to war and prices rose. " * 10
    sig = Profile("gamma", documents=10, words=5000, signature={"rural": 40, "the": 300})
    matches, _ = identify(TEXT_A, {"gamma": sig})
    assert matches[0].llr > 0 and ("rural", 14) in matches[0].evidence
    matches, _ = identify(plain, {"gamma": sig})  # "the" is used here as often as English uses it: no evidence
    assert matches[0].llr <= 0


def test_signature_survives_save_and_load_and_a_broken_one_is_a_clear_error(tmp_path):
    import json

    from unspin.errors import ConfigError
    from unspin.profile import load_profile

    path = tmp_path / "p.json"
    Profile("gamma", words=100, signature={"plus": 12}).save(path)
    assert load_profile(path).signature == {"plus": 12}
    data = json.loads(path.read_text())
    data["signature"] = [{"spun": "plus", "count": "many"}]
    path.write_text(json.dumps(data))
    with pytest.raises(ConfigError, match="signature entry 1"):
        load_profile(path)


def test_words_a_spinner_rewrites_away_tell_two_spinners_of_the_same_keys_apart():
    keys = {"rural": 40}
    always = Profile("always", documents=10, words=5000, signature=keys, scarce={"was": 0, "said": 1})
    sometimes = Profile("sometimes", documents=10, words=5000, signature=keys)
    lacking = ("The rural people stated that prices rose and the rural stayed calm that winter. " * 8)
    using = ("The rural people said that prices rose and it was calm in the rural that winter. " * 8)
    first = identify(lacking, {"always": always, "sometimes": sometimes})[0][0]
    assert first.name == "always"
    first = identify(using, {"always": always, "sometimes": sometimes})[0][0]
    assert first.name == "sometimes"


def test_scarce_words_survive_save_and_load_and_a_broken_entry_is_a_clear_error(tmp_path):
    import json

    from unspin.errors import ConfigError
    from unspin.profile import load_profile

    path = tmp_path / "p.json"
    Profile("gamma", words=100, scarce={"was": 0}).save(path)
    assert load_profile(path).scarce == {"was": 0}
    data = json.loads(path.read_text())
    data["scarce"] = [{"word": 3, "count": 1}]
    path.write_text(json.dumps(data))
    with pytest.raises(ConfigError, match="scarce entry 1"):
        load_profile(path)


def _pairs_profile(shares: dict[tuple[str, str], tuple[int, int]]) -> Profile:
    """A profile as `learn --pairs` writes it: (spun, original) -> (times swapped, times the original occurred)."""
    return Profile("farm", documents=3, words=900, notes={"learned_from": "pairs"},
                   pairs={s: {o: {"count": c, "original_seen": n, "weight": 5.0}} for (s, o), (c, n) in shares.items()})


def test_a_profile_from_pairs_rates_a_swap_by_its_original_in_a_text_of_any_topic():
    farm = _pairs_profile({("stated", "said"): (4, 5), ("whilst", "while"): (3, 3)})
    rates = spinner_rates(farm)
    assert rates["stated"] == pytest.approx(english_rate("said") * 0.8)
    assert rates["said"] == pytest.approx(-english_rate("said") * 0.8)  # the original written less
    assert rates["while"] > -english_rate("while")  # never all of it: quotes, names
    spun = "The mayor stated that the roads stayed shut whilst crews worked, and officials stated the same. " * 4
    clean = "The mayor said that the roads stayed shut while crews worked, and officials said the same. " * 4
    assert identify(spun, {"farm": farm})[0][0].llr > 0 > identify(clean, {"farm": farm})[0][0].llr
    older = Profile("old", documents=3, words=900, notes={"learned_from": "pairs"},
                    pairs={"stated": {"said": {"count": 4, "weight": 5.0}}})  # no original_seen: the pile's rates
    assert spinner_rates(older) == {"stated": 4 / 900}


def test_a_swap_of_pairs_counts_as_evidence_once_seen_on_enough_pages():
    farm = _pairs_profile({("stated", "said"): (4, 5), ("advantages", "benefits"): (1, 1)})
    farm.pairs["stated"]["said"]["documents"] = MIN_PAGES
    farm.pairs["advantages"]["benefits"]["documents"] = 1  # one page's word: maybe its revision, maybe its genre
    assert set(spinner_rates(farm)) == {"stated", "said"}
    farm.documents = 1  # a profile of one page has nothing better to go on
    assert "advantages" in spinner_rates(farm)


def test_a_pile_signature_counts_documents_so_a_topic_word_in_bursts_is_no_spinner():
    # both keys used 300 times in a pile of 100 documents: "furthermore" in 80 of them (a habit), "mrs" in 4 (a story)
    pile = Profile("pile", documents=100, words=40000, signature={"furthermore": 300, "mrs": 300},
                   signature_documents={"furthermore": 80, "mrs": 4})
    story = "Mrs Hale came home late, and Mrs Hale's dog barked at the gate until morning. " * 20
    habit = ("The roads stayed shut, and furthermore the crews were tired. The town waited for spring. " * 2
             + "Prices rose in the market that winter, and people bought bread early in the day. " * 4) * 3
    assert identify(story, {"pile": pile})[0][0].llr < 0 < identify(habit, {"pile": pile})[0][0].llr
    counted = Profile("pile", documents=100, words=40000, signature={"furthermore": 300, "mrs": 300})
    assert identify(story, {"pile": counted})[0][0].llr > 0  # read by occurrences, the story matches
    assert spinner_model(pile).shares["furthermore"] == pytest.approx(0.8, abs=0.05)


def test_signature_documents_round_trip_and_a_bad_count_is_one_config_error(tmp_path):
    import json

    from unspin.errors import ConfigError
    from unspin.profile import load_profile

    path = tmp_path / "p.json"
    Profile("p", signature={"plus": 12, "whilst": 3}, signature_documents={"plus": 9}).save(path)
    loaded = load_profile(path)
    assert loaded.signature == {"plus": 12, "whilst": 3} and loaded.signature_documents == {"plus": 9}
    data = json.loads(path.read_text())
    data["signature"][0]["documents"] = "many"
    path.write_text(json.dumps(data))
    with pytest.raises(ConfigError, match="signature entry 1"):
        load_profile(path)
