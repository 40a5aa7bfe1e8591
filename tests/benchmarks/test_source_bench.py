"""The source benchmark's scoring: restored spans, damage, extra words; on a tiny hand-made copy (no download)."""
import bench_fixtures  # noqa: F401
from benchmarks.source_bench import Copy, make_copy, score

from unspin.spin import Spinner

REFERENCE = "The country faced a long war and the army was tired."


def _copy(text: str) -> Copy:
    gold = [(REFERENCE.index(w), REFERENCE.index(w) + len(w)) for w in ("country", "war", "was")]
    return Copy("d", "full", text, REFERENCE, REFERENCE, gold, [])


def test_a_perfect_restoration_restores_every_substituted_word():
    s = score(REFERENCE, _copy("The rural faced a long combat and the army used to be tired."))
    assert (s["substituted"], s["restored"], s["damaged"], s["exact"]) == (3, 3, 0, True)


def test_spun_words_left_and_clean_words_changed_are_counted_apart():
    s = score("The rural faced a short war and the army used to be tired.", _copy("unused"))
    assert (s["restored"], s["damaged"], s["exact"]) == (1, 1, False)  # "war" back; "long" broken


def test_a_word_too_many_beside_a_span_fails_the_span_and_elsewhere_is_damage():
    s = score("The country faced a long war and the army was actually tired.", _copy("unused"))
    assert s["restored"] == 2 and s["damaged"] == 0
    s = score("The country faced a very long war and the army was tired.", _copy("unused"))
    assert s["restored"] == 3 and s["damaged"] == 1


def test_copies_keep_their_gold_in_reference_offsets():
    class Doc:
        id, text = "d", "First paragraph here with words.\n\nSecond paragraph with more words in it."

    spinner = Spinner(thesaurus={"words": ["terms"], "paragraph": ["passage"]}, rate=1.0, phrase_rules=False,
                      numbers=False)
    for k in range(6):  # whole, half, boilerplate after (k = 2) and before (k = 5)
        copy = make_copy(Doc, spinner, k)
        assert copy.gold and all(copy.reference[a:b].lower() in ("words", "paragraph") for a, b in copy.gold)
