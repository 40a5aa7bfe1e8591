"""End to end with the real SmolLM2 model and the real thesauri, on sentences written for these tests."""
import pytest

import unspin

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def restorer():
    return unspin.get_restorer(fast=False)


def test_plain_english_is_left_byte_identical(restorer):
    text = ("The committee met on Monday to discuss the budget for next year.\n\n"
            "Several members said they wanted more money for schools and roads.")
    r = restorer.restore(text)
    assert r.restored == text
    assert r.spin_score < 0.5


def test_a_listed_tortured_phrase_is_restored_in_context(restorer):
    text = "Our lab trained a model with contraption learning on a large collection of medical images."
    r = restorer.restore(text)
    assert "machine learning" in r.restored
    [edit] = [e for e in r.edits if e.known_tortured]
    assert text[edit.start:edit.end] == "contraption learning" and edit.confidence > 0.5


def test_json_fields_and_offsets_from_the_model_path(restorer):
    text = "The rural went to combat with its neighbours over the raw petroleum under the sea."
    data = restorer.restore(text).to_dict()
    assert set(data) >= {"restored", "spin_score", "edits"}
    for e in data["edits"]:
        assert text[e["start"]:e["end"]] == e["spun"] and 0 < e["confidence"] <= 1


def test_detect_screens_spun_and_clean_text_apart(restorer):
    clean = ("The city council voted on Tuesday to build a new bridge over the river. The mayor said the work "
             "would start next spring and take about two years. Drivers will use a temporary road until then.")
    spun = ("The metropolis assembly elected on Tuesday to construct a novel viaduct across the stream. The "
            "chief executive stated the labor would commence subsequent springtime and require roughly two "
            "annums. Motorists shall utilize a provisional thoroughfare till afterwards.")
    flagged, plain = restorer.detect(spun), restorer.detect(clean)
    assert flagged.probability > 0.5 > plain.probability
    assert flagged.spin_rate > plain.spin_rate
    assert len(flagged.spans) > len(plain.spans)
    for s in flagged.spans:
        assert spun[s.start:s.end] == s.spun and s.original and 0 < s.confidence <= 1
    thorough = restorer.detect_many([spun, clean], thorough=True)  # restore's reading gives the verdict
    assert thorough[0].probability > 0.5 > thorough[1].probability


def test_texts_screened_together_match_each_screened_alone(restorer):
    texts = ["The metropolis assembly elected to construct a novel viaduct across the stream.",
             "The city council voted on Tuesday to build a new bridge over the river.",
             "We trained the network with profound learning on counterfeit consciousness benchmarks."]
    together = unspin.detect_many(texts)
    for text, batch in zip(texts, together):
        alone = restorer.detect(text)
        # sentences packed with others go through other matrix shapes: bfloat16 sums may differ in the last bits
        assert batch.probability == pytest.approx(alone.probability, abs=0.02)
        assert [(s.start, s.end, s.original) for s in batch.spans] == [(s.start, s.end, s.original)
                                                                     for s in alone.spans]


def test_the_language_model_tells_rewritten_terms_from_phrases_that_only_share_synonyms(restorer):
    from unspin.pipeline.candidates import TERM_MIN_SIMILARITY

    rewrite = restorer.scorer.similarity([("counterfeit", "artificial"), ("consciousness", "intelligence")])
    unrelated = restorer.scorer.similarity([("ascending", "floating"), ("colon", "point")])
    assert sum(rewrite) / 2 >= TERM_MIN_SIMILARITY > sum(unrelated) / 2  # the gate averages the words that differ
    assert restorer.screen_candidates.terms is not None and restorer.candidates.terms is not None


def test_detect_reads_new_disguises_of_known_terms_in_place(restorer):
    text = "We trained a profound neural organization on the images and measured its precision."
    [span] = [s for s in restorer.detect(text).spans if s.known_term]
    assert (span.spun, span.original, span.expected_wording) == (
        "profound neural organization", "deep neural network", "deep neural networks")  # in the span's number


def test_terms_read_in_the_first_pass_or_continued_from_it_agree(restorer, monkeypatch):
    import unspin.pipeline.screen as screen

    text = ("We trained a profound neural organization on the images. The method uses irregular woodland "
            "classifiers to label the samples. Patients with congenital heart illness were enrolled.")
    folded = restorer.detect(text)
    monkeypatch.setattr(screen, "FOLD_TERMS_UP_TO", 0)
    continued = restorer.detect(text)
    assert [(s.spun, s.original) for s in continued.spans] == [(s.spun, s.original) for s in folded.spans]
    assert [s.confidence for s in continued.spans] == pytest.approx([s.confidence for s in folded.spans], abs=0.02)
    assert any(s.known_term for s in folded.spans)
    assert [s.confidence for s in restorer.detect(text, read_terms=False).spans] != [s.confidence for s in folded.spans]


def test_a_text_the_known_spinner_wrote_is_read_with_its_pairs(restorer, news_farm_paragraph):
    from benchmarks.metrics import wer_errors

    clean, text = news_farm_paragraph
    r = restorer.restore(text)
    assert r.known_spinner == "news-farm" and r.to_dict()["known_spinner"] == "news-farm"
    assert wer_errors(r.restored, clean)[0] < wer_errors(text, clean)[0] / 2
    plain = restorer.restore(clean)
    assert plain.known_spinner == "" and plain.restored == clean
