"""The benchmark never lets the gold reach a method: a spy restorer records every input it is given."""
import bench_fixtures  # noqa: F401
from bench_fixtures import TINY
from benchmarks.carriers import Carrier
from benchmarks.data import Document
from benchmarks.harness import WARM_UP_TEXT, spin_corpus
from benchmarks.methods import MethodOutput
from benchmarks.run import evaluate
from benchmarks.settings import Setting

DOCS = [
    Document("d1", "news", "The country was at war with the big city. The dog saw a report."),
    Document("d2", "learned", "A big report on the war. The city and the country agree."),
]
CARRIERS = [Carrier("tp0", "We study profound learning here.", "We study deep learning here.", (9, 26), (9, 22),
                    "profound learning", "deep learning")]
SETTINGS = [Setting("seen-50", "test", 0.5, unseen=False), Setting("unseen-50", "test", 0.5, unseen=True)]
HEADS_A = frozenset({"country", "war", "city"})


class Spy:
    """A restorer that records exactly what it is called with."""

    def __init__(self, name):
        self.name = name
        self.calls = []

    def __call__(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        return MethodOutput(args[0], 0.5, [])


def test_methods_see_only_spun_texts_and_clean_controls():
    spies = {}

    def build(withheld, withheld_phrases=frozenset()):
        key = "unseen-list" if withheld_phrases else "unseen" if withheld else "seen"
        spies[key] = [Spy("unspin-fast"), Spy("unspin-full")]
        spies[key + " withheld"] = withheld_phrases
        return spies[key]

    result = evaluate(DOCS, CARRIERS, settings=SETTINGS, heads_a=HEADS_A, build=build, model_ids={"d1"},
                      model_carriers=1, thesaurus=TINY, unseen_list=(CARRIERS, frozenset({"profound learning"})))

    spun = {s.name: spin_corpus(s.spinner(HEADS_A, thesaurus=TINY), DOCS)[0].texts for s in SETTINGS}
    clean = [d.text for d in DOCS]
    for key, setting in (("seen", "seen-50"), ("unseen", "unseen-50")):
        fast, full = spies[key]
        for spy in (fast, full):
            assert all(len(args) == 1 and not kwargs and isinstance(args[0], str) for args, kwargs in spy.calls)
        fast_inputs = [args[0] for args, _ in fast.calls]
        full_inputs = [args[0] for args, _ in full.calls]
        expected_fast = [WARM_UP_TEXT] + clean + list(spun[setting])
        expected_full = [WARM_UP_TEXT] + clean[:1] + list(spun[setting][:1])
        if key == "seen":
            expected_fast += [CARRIERS[0].spun, CARRIERS[0].clean]
            expected_full += [CARRIERS[0].spun, CARRIERS[0].clean]
        assert fast_inputs == expected_fast
        assert full_inputs == expected_full
        # spun texts really are spun: the spy was not handed the originals in their place
        assert all(s not in clean for s in spun[setting])
    # unseen list: methods built without the held phrases see only the carriers (no warm-up: speed is not counted)
    assert spies["unseen-list withheld"] == frozenset({"profound learning"})
    for spy in spies["unseen-list"]:
        assert [args[0] for args, _ in spy.calls] == [CARRIERS[0].spun, CARRIERS[0].clean]
    assert [r["method"] for r in result["unseen_tortured"]] == ["unspin-fast", "unspin-full"]


def test_spin_corpus_keeps_gold_out_of_the_inputs():
    inputs, answers = spin_corpus(SETTINGS[0].spinner(None, thesaurus=TINY), DOCS)
    assert set(vars(inputs)) == {"ids", "texts"}
    assert all(isinstance(t, str) for t in inputs.texts)
    assert answers["d1"].original == DOCS[0].text and answers["d1"].gold


class BatchSpy(Spy):
    """A method that reads each run's collection first (as the benchmark's -batch methods do)."""

    def __init__(self, name):
        super().__init__(name)
        self.batches = []

    def read_batch(self, texts):
        self.batches.append(list(texts))


def test_a_batch_method_is_given_the_runs_collection_and_nothing_else():
    spies = {}

    def build(withheld, withheld_phrases=frozenset()):
        spies[(bool(withheld), bool(withheld_phrases))] = spy = BatchSpy("unspin-full-batch")
        return [spy]

    evaluate(DOCS, [], settings=SETTINGS[:1], heads_a=HEADS_A, build=build, model_ids={"d1"}, model_carriers=1,
             thesaurus=TINY)
    spy = spies[(False, False)]
    spun = list(spin_corpus(SETTINGS[0].spinner(HEADS_A, thesaurus=TINY), DOCS)[0].texts)
    clean = [d.text for d in DOCS]
    # the model subset restores one document, but learns from the whole collection it belongs to
    assert spy.batches == [clean, spun]
    assert [args[0] for args, _ in spy.calls] == [WARM_UP_TEXT, clean[0], spun[0]]
