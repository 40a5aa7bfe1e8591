from unspin.thesaurus.inflect import inflect, readings


def test_past_tense_is_carried_over_to_the_original():
    tags = {tag for lemma, tag in readings("favored") if lemma == "favor"}
    assert "VBD" in tags
    assert inflect("like", "VBD") == "liked"


def test_phrases_inflect_their_head():
    assert inflect("take off", "VBD") == "took off"
    assert inflect("crude oil", "NNS") == "crude oils"


def test_cached_inflection_agrees_with_lemminflect():
    from lemminflect import getAllInflections, getAllLemmas, getInflection
    from wordfreq import top_n_list

    from unspin.thesaurus.inflect import _inflection

    words = [w for w in top_n_list("en", 30_000)[::5] if w.isalpha()]
    tags = ("NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ", "JJR", "JJS", "RB", "RBR", "RBS")
    assert [(w, t) for w in words for t in tags if _inflection(w, t) != getInflection(w, tag=t)] == []

    def reference_readings(word):
        out = []
        for upos, lemmas in getAllLemmas(word).items():
            for lemma in lemmas if upos in ("NOUN", "VERB", "ADJ", "ADV") else ():
                for tag, forms in getAllInflections(lemma, upos=upos).items():
                    if word in forms and (lemma, tag) not in out:
                        out.append((lemma, tag))
        return tuple(out)

    assert [w for w in words if readings(w) != reference_readings(w)] == []
