"""Reading a batch with the pairs its spinner repeats: when it is learned from, and what the restorer then reads."""
from types import SimpleNamespace

import pytest

import unspin.learn.batch as batch
from unspin.profile import Profile


class Screened:
    """A restorer stand-in: its detections say the given probabilities; with_learned records the table it got."""

    def __init__(self, probabilities, learned=None):
        self.probabilities = probabilities
        self.candidates = SimpleNamespace(learned=learned or {})
        self.screen_candidates = SimpleNamespace(learned={})
        self.screened = 0

    def detect_many(self, texts, progress=None):
        self.screened += 1
        return [SimpleNamespace(probability=p, spans=[]) for p in self.probabilities]


@pytest.fixture()
def learned_pairs(monkeypatch):
    """`learn` returns a fixed profile; with_learned hands back the table it was given."""
    calls = []

    def fake_learn(texts, **kwargs):
        calls.append(texts)
        return Profile(pairs={"used to be": {"was": {"count": 9, "weight": 3.0}}})

    monkeypatch.setattr(batch, "learn", fake_learn)
    monkeypatch.setattr(batch, "with_learned", lambda restorer, table: ("reads with", table))
    return calls


def test_a_batch_too_small_is_read_as_it_is(learned_pairs):
    restorer = Screened([0.9] * 4)
    reading = batch.learn_batch(restorer, ["t"] * 4, learner=object())
    assert reading.restorer is restorer and reading.note() is None and not learned_pairs and not restorer.screened


def test_a_batch_that_does_not_look_spun_teaches_nothing(learned_pairs):
    restorer = Screened([0.05, 0.9, 0.1, 0.04, 0.9])  # median 0.1: a clean collection with two odd documents
    reading = batch.learn_batch(restorer, ["t"] * 5, learner=object())
    assert reading.restorer is restorer and reading.profile is None and not learned_pairs
    assert "do not look like one spinner's output (median spin probability 0.10)" in reading.note()


def test_a_spun_looking_batch_is_read_with_its_pairs_and_the_users_own(learned_pairs):
    restorer = Screened([0.3] * 6, learned={"used to be": [("was", 1.0), ("were", 2.0)]})
    texts = [f"text {n}" for n in range(6)]
    reading = batch.learn_batch(restorer, texts, learner=object())
    assert learned_pairs == [texts] and restorer.screened == 1
    assert reading.restorer == ("reads with", {"used to be": [("was", 3.0), ("were", 2.0)]})
    assert reading.pairs == 1 and "learned 1 spinner pairs from the 6 documents of this batch" in reading.note()
    assert reading.note("the first 6 documents").startswith("learned 1 spinner pairs from the first 6 documents")


def test_detections_already_made_are_not_made_again(learned_pairs):
    restorer = Screened([0.0] * 5)
    reading = batch.learn_batch(restorer, ["t"] * 5, alone=[SimpleNamespace(probability=0.5, spans=[])] * 5,
                                learner=object())
    assert restorer.screened == 0 and reading.profile is not None


def test_merged_keeps_every_pair_at_its_higher_weight():
    more = {"plus": [("and", 1.0)], "no longer": [("not", 2.5)]}
    own = {"plus": [("and", 4.0)], "rural": [("country", 2.0)]}
    assert batch.merged(own, more) == {"plus": [("and", 4.0)], "rural": [("country", 2.0)],
                                          "no longer": [("not", 2.5)]}


def span(spun, original):
    return SimpleNamespace(spun=spun, original=original)


def test_swaps_screening_flags_in_several_documents_are_read_as_the_batchs_pairs(learned_pairs):
    alone = [SimpleNamespace(probability=0.4, spans=[span("Used to be", "was"), span("rural", "country")]),
             SimpleNamespace(probability=0.4, spans=[span("used  to be", "Was")]),
             SimpleNamespace(probability=0.4, spans=[span("no longer", "not"), span("no longer", "not")])]
    assert batch.screened_pairs(alone) == {"used to be": [("was", batch.SCREENED_WEIGHT)]}
    reading = batch.learn_batch(Screened([]), ["t"] * 5, alone=alone * 2, learner=object())
    assert reading.restorer[1] == {"used to be": [("was", 3.0)], "rural": [("country", 3.0)],
                                   "no longer": [("not", 3.0)]}
    assert reading.pairs == 3


def test_a_restorer_that_cannot_take_learned_pairs_reads_the_batch_as_it_is(learned_pairs):
    restorer = Screened([0.9] * 6)
    del restorer.screen_candidates
    reading = batch.learn_batch(restorer, ["t"] * 6, learner=object())
    assert reading.restorer is restorer and reading.note() is None and not learned_pairs


def test_detect_as_batch_reads_again_only_when_the_batch_taught_pairs(learned_pairs, monkeypatch):
    class Reader(Screened):
        def __init__(self, probabilities, tag):
            super().__init__(probabilities)
            self.tag = tag

        def detect_many(self, texts, **options):
            return [SimpleNamespace(probability=p, spans=[], tag=self.tag) for p in self.probabilities]

    learned = Reader([0.9] * 5, "learned")
    monkeypatch.setattr(batch, "with_learned", lambda restorer, table: learned)
    found, reading = batch.detect_as_batch(Reader([0.4] * 5, "alone"), ["t"] * 5, threshold=0.5)
    assert [d.tag for d in found] == ["learned"] * 5 and reading.pairs == 1
    found, reading = batch.detect_as_batch(Reader([0.1] * 5, "alone"), ["t"] * 5)
    assert [d.tag for d in found] == ["alone"] * 5 and reading.profile is None
    found, reading = batch.detect_as_batch(Reader([0.4] * 5, "alone"), ["t"] * 5, False)
    assert [d.tag for d in found] == ["alone"] * 5 and reading is None


def test_a_known_spinner_of_half_the_batch_or_more_names_the_batch():
    read = [SimpleNamespace(known_spinner=name, hinted_spinner="") for name in ("farm", "", "farm", "other")]
    assert batch.known_spinner_of(read) == "farm"
    hinted = [SimpleNamespace(known_spinner="", hinted_spinner=name) for name in ("farm", "", "other")]
    assert batch.known_spinner_of(read[:1] + hinted) == "farm"  # or whose habits show
    assert batch.known_spinner_of(read[1:]) == "" and batch.known_spinner_of([]) == ""
