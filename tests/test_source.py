"""Restoring a copy from its known source: swaps restored, added and dropped text reported, wrong sources refused."""
import pytest

from unspin.errors import SourceMismatch
from unspin.source import align_copy, copy_tokens, restore_from_source

SOURCE = ("The country faced a long war in the north and the army was tired. It is cold here, and the officials "
          "said that crude oil prices rose in order to pay for the war. Nobody knew how long the winter would last, "
          "but the farmers were ready for it and the towns had stored enough grain.")
SPUN = ("The rural faced a long combat in the north and the army used to be tired. It is actually cold here, plus the "
        "officials stated that raw petroleum prices rose to pay for the war. Nobody knew how long the winter would "
        "last, but the farmers were ready for it and the towns had stored enough grain.")


def test_every_swap_is_restored_with_offsets_into_the_copy():
    r = restore_from_source(SPUN, SOURCE)
    assert r.restored == SOURCE
    pairs = [(e.spun, e.original) for e in r.edits]
    assert pairs == [("rural", "country"), ("combat", "war"), ("used to be", "was"), ("is actually", "is"),
                     ("plus", "and"), ("stated", "said"), ("raw petroleum", "crude oil"), ("to", "in order to")]
    for e in r.edits:
        assert SPUN[e.start : e.end] == e.spun and e.confidence == 1.0
    assert r.spin_score == 1.0 and 0.1 < r.spin_rate < 0.3
    assert r.warnings == [] and r.to_dict()["source"]["kept"] == []


def test_an_unspun_copy_comes_back_unchanged():
    r = restore_from_source(SOURCE, SOURCE)
    assert r.restored == SOURCE and r.edits == [] and r.spin_score == 0.0


def test_text_the_copy_added_is_left_as_it_is_and_reported():
    extra = "Subscribe to our newsletter for the latest stories delivered to your inbox every single morning."
    copy = f"{SPUN}\n\n{extra}"
    r = restore_from_source(copy, SOURCE)
    assert r.restored == f"{SOURCE}\n\n{extra}"
    kept = r.to_dict()["source"]["kept"]
    assert len(kept) == 1 and kept[0]["text"] == extra.rstrip(".")
    assert "left as they are" in r.warnings[0] and "Subscribe" in r.warnings[0]


def test_a_rewritten_passage_is_restored_whole_or_left_whole():
    short = SPUN.replace("It is actually cold here, plus the officials stated",
                         "Winter arrived early that year and brought snow to every valley; spokesmen for the ministry "
                         "explained")
    r = restore_from_source(short, SOURCE)
    assert r.restored == SOURCE  # a chance "that" inside the rewrite does not leave it half restored
    assert min(e.confidence for e in r.edits) < 0.5
    long = short.replace("spokesmen for the ministry explained",
                         "and in the capital, where the ministers met every morning to discuss the shortages, "
                         "spokesmen for the ministry explained")
    r = restore_from_source(long, SOURCE)
    assert "Winter arrived early that year" in r.restored and "the officials said" not in r.restored
    assert r.to_dict()["source"]["dropped_words"] > 0
    assert any("more than a spinner's swaps" in w for w in r.warnings)


def test_a_copy_of_part_of_the_source_gets_nothing_from_the_rest():
    half = SPUN[: SPUN.index(" Nobody")]
    r = restore_from_source(half, SOURCE)
    assert r.restored == SOURCE[: SOURCE.index(" Nobody")]
    assert "no counterpart for" in r.warnings[-1]


def test_a_leaked_spintax_group_is_replaced_whole():
    copy = SPUN.replace("combat", "{combat|war|conflict}")
    assert any(t.text == "{combat|war|conflict}" for t in copy_tokens(copy))
    r = restore_from_source(copy, SOURCE)
    assert r.restored == SOURCE
    assert ("{combat|war|conflict}", "war") in [(e.spun, e.original) for e in r.edits]


def test_swapped_quotes_and_hyphens_do_not_break_it():
    source = 'He said "the plan is sound" and, as it turned out, the long-term results were good for everyone here.'
    copy = ('He stated \u201cthe plan is sound\u201d and, as it went to bed worn-out, the long-term outcomes were good '
            'for everyone here.')
    r = restore_from_source(copy, source)
    assert "as it turned out, the long-term results" in r.restored
    assert r.restored.startswith("He said \u201cthe plan")  # quotes are not words: left as the copy has them


def test_two_paddings_around_one_shared_word_make_one_edit():
    source = "The salts react very effectively with any impurities as a scavenger for radicals in the flask."
    copy = "The salts react very effectively with any impurities seeing as how a scavenger for radicals in the flask."
    r = restore_from_source(copy, source)
    assert r.restored == source and [(e.spun, e.original) for e in r.edits] == [("seeing as how", "as")]


def test_a_text_that_is_not_the_source_is_refused():
    other = ("Compilers translate source code into machine code, and linkers join the object files that result into "
             "one program that the operating system can load and run on the processor.")
    with pytest.raises(SourceMismatch, match="does not look like the source of this text"):
        restore_from_source(SPUN, other, name="other.txt")


def test_a_text_without_words_needs_no_source():
    assert restore_from_source("  ...  ", SOURCE).restored == "  ...  "


def test_alignment_counts_what_was_dropped():
    found = align_copy(SPUN, SOURCE + " A last sentence the copy does not have at all, with many words in it.")
    assert found.dropped == 15 and found.kept == []


def test_the_library_restores_from_a_source_without_a_model():
    import unspin

    assert unspin.restore(SPUN, source=SOURCE).restored == SOURCE
