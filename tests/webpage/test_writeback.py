"""Restored words written back into a page: only their characters of the markup change."""
import re

from unspin.result import Edit
from unspin.webpage import extract_text, write_back


def edits_for(text: str, pairs: dict[str, str]) -> list[Edit]:
    found = [Edit(m.start(), m.end(), m.group(), pairs[m.group()], 0.9)
             for m in re.finditer("|".join(map(re.escape, pairs)), text)]
    return sorted(found, key=lambda e: e.start)


def test_no_edits_gives_the_page_back_unchanged():
    html = "<html><body><p>Some &amp; text</p></body></html>"
    assert write_back(html, extract_text(html), []) == (html, [])


def test_words_are_replaced_in_place_escaped_and_across_a_character_reference():
    html = "<p>The rustic caf&eacute; faced a battle.</p><p>Counterfeit consciousness is here.</p>"
    text = extract_text(html)
    pairs = {"rustic café": "country <inn>", "battle": "war", "Counterfeit consciousness": "Artificial intelligence"}
    out, unplaced = write_back(html, text, edits_for(text, pairs))
    assert unplaced == []
    assert out == "<p>The country &lt;inn&gt; faced a war.</p><p>Artificial intelligence is here.</p>"


def test_a_span_split_by_markup_is_written_word_by_word_and_tags_stay():
    html = "<p>It was <b>profound</b> learning and <a href='/x'>colossal information</a> together.</p>"
    text = extract_text(html)
    pairs = {"profound learning": "deep learning", "colossal information together": "big data too"}
    out, unplaced = write_back(html, text, edits_for(text, pairs))
    assert unplaced == []
    assert out == "<p>It was <b>deep</b> learning and <a href='/x'>big data</a> too.</p>"


def test_an_edit_whose_words_are_not_in_the_page_is_reported_not_guessed():
    html = "<p>One two three.</p>"
    out, unplaced = write_back(html, "One two three.", [Edit(0, 3, "One", "1", 0.9)])
    assert out == "<p>1 two three.</p>" and unplaced == []
    stray = Edit(0, 4, "Four", "4", 0.9)
    assert write_back(html, "Four two three.", [stray]) == (html, [stray])


def test_repeated_paragraphs_map_in_order():
    html = "<p>Same words here.</p><div>menu</div><p>Same words here.</p>"
    text = "Same words here.\n\nSame words here."
    second = Edit(text.rindex("words"), text.rindex("words") + 5, "words", "terms", 0.9)
    out, _ = write_back(html, text, [second])
    assert out == "<p>Same words here.</p><div>menu</div><p>Same terms here.</p>"


def test_a_paragraph_the_extractor_repeated_is_not_written_twice_to_one_place():
    html = "<p>Same words here.</p><p>Other text.</p>"
    text = "Same words here.\n\nOther text.\n\nSame words here."  # the extractor repeated a paragraph
    first, second = (Edit(k, k + 5, "words", "terms", 0.9) for k in (text.index("words"), text.rindex("words")))
    assert write_back(html, text, [first, second]) == (html, [first, second])
    assert write_back(html, text, [Edit(text.index("Other"), text.index("Other") + 5, "Other", "New", 0.9)])[0] \
        == "<p>Same words here.</p><p>New text.</p>"
