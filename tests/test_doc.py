from hypothesis import given
from hypothesis import strategies as st

from unspin.doc import Doc


def test_tokens_carry_offsets_into_the_text():
    text = 'He said: "It\'s 3,000 km." Then well-known firms left.'
    doc = Doc.from_text(text)
    assert [t.text for t in doc.tokens][:6] == ["He", "said", ":", '"', "It's", "3,000"]
    assert all(text[t.start : t.end] == t.text for t in doc.tokens)
    assert "well-known" in [t.text for t in doc.tokens]


def test_sentences_split_after_terminal_punctuation_and_blank_lines():
    doc = Doc.from_text("One two. Three four!\n\nfive six")
    assert [(a, b) for a, b in doc.sentences] == [(0, 3), (3, 6), (6, 8)]


def test_sentence_start_skips_opening_quotes():
    doc = Doc.from_text('"Hello there," she said.')
    assert doc.sentence_start(1) and not doc.sentence_start(2)


@given(st.text())
def test_tokens_never_overlap_and_cover_all_visible_characters(text):
    doc = Doc.from_text(text)
    pos = 0
    for t in doc.tokens:
        assert t.start >= pos and text[pos : t.start].strip() == ""
        pos = t.end
    assert text[pos:].strip() == ""
    assert sum(b - a for a, b in doc.sentences) == len(doc.tokens)
