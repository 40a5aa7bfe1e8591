"""Known spinners: a shipped profile matched to a text, and restore and detect reading the text with its pairs."""
import pytest

from unspin.learn import known
from unspin.profile import Profile

FARM = Profile("farm", documents=3, words=900, notes={"learned_from": "pairs"},
               pairs={"rural": {"country": {"count": 5, "original_seen": 6, "weight": 5.0}},
                      "combat": {"war": {"count": 4, "original_seen": 4, "weight": 5.0}}})
SPUN = "The rural went to combat and prices rose. " * 6
CLEAN = "The country went to war and prices rose. " * 6


@pytest.fixture()
def shipped(monkeypatch):
    """Set the shipped profiles' models for one test (uncached: the real ones are fixed for a process)."""
    monkeypatch.setattr(known, "_best_shipped", lambda text: known._best(text, known.known_models()))
    return lambda models: monkeypatch.setattr(known, "known_models", lambda: models)


@pytest.fixture()
def farm_known(monkeypatch, fake_restorer, shipped):
    monkeypatch.setattr(known, "known_profiles", lambda: {"farm": FARM})
    shipped({"farm": known.spinner_model(FARM)})
    monkeypatch.setattr(fake_restorer, "known_spinners", True)
    monkeypatch.setattr(fake_restorer, "_known", {})
    monkeypatch.setattr(fake_restorer, "_hinted", {})
    return fake_restorer


def test_the_shipped_profiles_load_and_say_where_they_come_from():
    profiles = known.shipped.__wrapped__()[0]
    for profile in profiles.values():
        assert profile.pairs and profile.notes["learned_from"] == "pairs" and profile.notes.get("sources")


def test_a_text_is_matched_only_on_clear_evidence():
    assert known.known_spinner(SPUN, {"farm": FARM}).name == "farm"
    assert known.known_spinner(CLEAN, {"farm": FARM}) is None
    assert known.known_spinner("", {"farm": FARM}) is None and known.known_spinner(SPUN, {}) is None


def test_sure_swaps_are_those_made_often_and_for_nearly_every_occurrence():
    profile = Profile(pairs={"stated": {"said": {"count": 9, "seen": 10}},
                             "which": {"that": {"count": 20, "seen": 272}}, "hole": {"gap": {"count": 3, "seen": 3}}})
    assert known.sure_swaps(profile) == {("stated", "said")}


def test_a_short_text_needs_the_evidence_of_a_longer_one():
    passage = "The rural went to combat. " + "Prices rose again and the market held steady for the week. " * 6
    assert known.known_spinner(passage, {"farm": FARM}) is None  # 71 words at the same evidence per word
    assert known.known_spinner(passage * 3, {"farm": FARM}).name == "farm"


def test_restore_and_detect_read_a_matched_text_with_the_known_pairs(farm_known):
    reader, name = farm_known.known_reading(SPUN)
    assert name == "farm" and reader is not farm_known and reader.candidates.learned["rural"] == [("country", 5.0)]
    assert reader.candidates.sure == reader.screen_candidates.sure == {("rural", "country")}  # "combat": 4 times
    assert farm_known.known_reading(CLEAN) == (farm_known, "")
    assert reader.known_reading(SPUN) == (reader, "")  # a restorer with pairs of its own reads every text itself
    # read as spun whatever its score, with the decider fitted for a known spinner; the restorer's own is left as it was
    own = farm_known.decoder.decider
    assert reader.decoder.decider.cut(0.0, 1000) == own.for_known_spinner().threshold is not None
    assert farm_known.decoder.decider is own
    restored = farm_known.restore(SPUN)
    assert restored.known_spinner == "farm" and restored.to_dict()["known_spinner"] == "farm"
    found = farm_known.detect_many([CLEAN, SPUN, CLEAN])
    assert [d.known_spinner for d in found] == ["", "farm", ""] and "known_spinner" not in found[0].to_dict()


def test_a_call_told_not_to_reads_no_text_with_a_known_spinner(farm_known):
    assert farm_known.restore(SPUN, known_spinners=False).known_spinner == ""
    assert farm_known.detect_many([SPUN], known_spinners=False)[0].known_spinner == ""
    assert farm_known.detect(SPUN).known_spinner == "farm"


def test_a_restorer_told_not_to_reads_no_text_with_a_known_spinner(farm_known, monkeypatch):
    monkeypatch.setattr(farm_known, "known_spinners", False)
    assert farm_known.known_reading(SPUN) == (farm_known, "") and farm_known.restore(SPUN).known_spinner == ""


def test_the_known_pairs_a_pile_writes_are_proposed_at_their_weights():
    other = Profile("other", pairs={"rural": {"country": {"weight": 3.0}, "rustic": {"weight": 2.0}}})
    proposed = known.known_proposals({"rural", "prices"}, {"farm": FARM, "other": other})
    assert set(proposed) == {"rural"}  # "combat" is not in the pile
    assert proposed["rural"]["country"]["weight"] == 5.0  # the higher of the two profiles' weights
    assert proposed["rural"]["rustic"] == {"count": 0, "weight": 2.0, "proposed": True}
    assert known.known_proposals({"rural"}, {}) == {}


def test_learning_keeps_the_known_pairs_the_pile_makes(fake_restorer):
    from unspin.learn import learn

    known_pair = Profile("seen", pairs={"zorble": {"cold": {"weight": 5.0}}, "glimp": {"war": {"weight": 5.0}}})
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    pile = [f"On {day} officials said it was zorble and prices rose. Officials said it was zorble again, and the "
            "country went to war." for day in days]
    profile = learn(pile, restorer=fake_restorer, known={"seen": known_pair})
    assert profile.notes["known_pairs_proposed"] == 1  # "glimp" is not in the pile
    assert "cold" in profile.pairs["zorble"] and profile.notes["known_pairs_learned"] >= 1
    assert "zorble" not in learn(pile, restorer=fake_restorer, known={}).pairs


def test_a_known_pair_the_pile_shows_no_sign_of_is_not_proposed(fake_restorer):
    from unspin.learn import learn

    # the pile writes "said" more than English does and "the" about as often: nothing rewrote "said" as "the"
    known_pair = Profile("seen", pairs={"the": {"said": {"weight": 5.0}}})
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    pile = [f"On {day} officials said it was cold and prices rose. Officials said it was cold again, and the "
            "country went to war." for day in days]
    assert learn(pile, restorer=fake_restorer, known={"seen": known_pair}).notes["known_pairs_proposed"] == 0


def test_the_evidence_detect_weighs_rises_with_the_swaps_and_stops_at_its_floor(shipped):
    shipped({"farm": known.spinner_model(FARM)})
    spun, neutral = known.known_evidence(SPUN), known.known_evidence("Prices rose and the market held steady. " * 30)
    assert spun > known.MIN_EVIDENCE and known.EVIDENCE_FLOOR < neutral < spun
    assert known.known_evidence(CLEAN * 4) == known.EVIDENCE_FLOOR  # keeps each "country" and "war" it takes
    shipped({})
    assert known.known_evidence(SPUN) == known.EVIDENCE_FLOOR  # no profile shipped: nothing known either way


def test_detect_and_restore_weigh_the_evidence_in_their_verdicts(farm_known, monkeypatch):
    import dataclasses

    from unspin.pipeline.calibration import DocCalibration

    neutral = "Prices rose again and the market held steady for the week. " * 8
    before = farm_known.detect(neutral).probability, farm_known.restore(neutral).spin_score
    # detect's look when there is one, screening's otherwise; restore's own
    for reading in ("screen_calibration", "look_calibration", "calibration"):
        calibration = getattr(farm_known, reading) or DocCalibration()
        monkeypatch.setattr(farm_known, reading, dataclasses.replace(calibration, known_weight=50.0))
    monkeypatch.setattr(known, "known_evidence", lambda text: 0.02)
    after = farm_known.detect(neutral).probability, farm_known.restore(neutral).spin_score
    assert after[0] > before[0] and after[1] > before[1]


WEAK = "The rural went to war. " + "Prices rose again and the market held steady for the week. " * 20


def test_a_text_showing_some_of_a_spinners_habits_is_offered_its_pairs_without_being_read_as_its(farm_known,
                                                                                                monkeypatch):
    assert known.known_spinner(WEAK) is None and known.hinted_spinner(WEAK) == "farm"
    assert known.hinted_spinner(SPUN) is None and known.hinted_spinner(CLEAN) is None  # matched; keeps the originals
    assert known.hinted_spinner(WEAK[:300]) is None  # too short to show anything
    offered = farm_known.hinted_reading(WEAK)
    assert offered is not farm_known and offered.offers == "farm" and farm_known.offers == ""
    assert offered.candidates.learned["rural"] == offered.screen_candidates.learned["rural"] == [("country", 5.0)]
    assert not offered.candidates.sure and offered.decoder is farm_known.decoder  # decided as any other text
    assert farm_known.hinted_reading(CLEAN) is farm_known and farm_known.hinted_reading(WEAK) is offered
    restored = farm_known.restore(WEAK)
    assert restored.known_spinner == "" and restored.hinted_spinner == "farm"
    assert "country" in {e.original for e in restored.edits} and restored.to_dict()["hinted_spinner"] == "farm"
    detected = farm_known.detect_many([WEAK, CLEAN])
    assert [d.hinted_spinner for d in detected] == ["farm", ""]
    assert "country" in {s.original for s in detected[0].spans}
    monkeypatch.setattr(farm_known, "hinted_reading", lambda text: pytest.fail("offered pairs it was told not to"))
    assert farm_known.restore(WEAK, known_spinners=False).known_spinner == ""
