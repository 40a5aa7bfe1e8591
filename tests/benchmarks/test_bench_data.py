"""Brown parsing, document splitting and tortured-phrase carriers on tiny fixtures (no download)."""
import random

import bench_fixtures  # noqa: F401
from benchmarks.carriers import load_carriers
from benchmarks.data import MAX_WORDS, MIN_WORDS, detokenize, parse_file, split_documents

BROWN = (
    "\n\n\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' was/bedz found/vbn ./.\n\n\n"
    "1/cd-hl ./.-hl\nIntroduction/nn-hl\n"
    "\tIt/pps has/hvz (/( mostly/rb )/) ended/vbn ,/, he/pps didn't/dod* say/vb ./.\n"
    "A/at second/od sentence/nn ./.\n"
)


def test_detokenize_attaches_punctuation_and_quotes():
    assert detokenize(["He", "said", "``", "no", "''", ",", "(", "yes", ")", "."]) == 'He said "no", (yes).'
    assert detokenize(["Allen", "Jr.", "."]) == "Allen Jr."


def test_parse_file_keeps_paragraphs_and_drops_headings(tmp_path):
    path = tmp_path / "ca99"
    path.write_text(BROWN, encoding="utf-8")
    assert parse_file(path) == [
        'The jury said "no evidence" was found.',
        "It has (mostly) ended, he didn't say. A second sentence.",
    ]


def test_split_documents_respects_length_bounds():
    rng = random.Random(0)
    paragraphs = [" ".join(["word"] * rng.randint(20, 120)) for _ in range(60)]
    docs = split_documents("cj99", "learned", paragraphs, random.Random(1))
    assert docs and all(MIN_WORDS <= d.words <= MAX_WORDS for d in docs)
    assert len({d.id for d in docs}) == len(docs)


def test_carriers_pair_tortured_and_expected_in_the_same_sentence(tmp_path):
    path = tmp_path / "list.tsv"
    path.write_text("tortured\texpected\nprofound learning\tdeep learning\nsame\tsame\n", encoding="utf-8")
    [c] = load_carriers(path)
    assert c.spun[c.spun_span[0] : c.spun_span[1]].lower() == "profound learning"
    assert c.clean[c.clean_span[0] : c.clean_span[1]].lower() == "deep learning"
    assert c.spun[: c.spun_span[0]] == c.clean[: c.clean_span[0]]
    assert c.spun[c.spun_span[1] :] == c.clean[c.clean_span[1] :]


def test_list_halves_split_the_carriers_stably_and_name_the_phrases_to_withhold():
    from benchmarks.carriers import list_half

    carriers = load_carriers()
    held, phrases = list_half(carriers, held=True)
    fitting, others = list_half(carriers, held=False)
    assert len(held) + len(fitting) == len(carriers)
    assert 0.4 < len(held) / len(carriers) < 0.6
    assert not phrases & others
    assert {" ".join(c.tortured.lower().split()) for c in held} == phrases
    assert list_half(load_carriers(), held=True)[1] == phrases
