"""Fuzzing the web page reader and writer on tag soup: no exception but InputError, an unchanged page stays byte for
byte, and written-back words land in the page's text, nowhere else."""
import re

from hypothesis import assume, given
from hypothesis import strategies as st

from fuzz_strategies import fuzz, html_soup, mangled
from unspin.errors import InputError
from unspin.result import Edit
from unspin.webpage import extract_text, read_page, write_back
from unspin.webpage.nodes import CharMap

FUZZ = fuzz(200)
MARK = "Qzxv"


@FUZZ
@given(html_soup())
def test_any_markup_gives_text_or_one_input_error(html):
    assert isinstance(extract_text(html), str)
    try:
        page = read_page(html.encode("utf-8", "surrogatepass"))
    except InputError:
        return
    assert page.text.strip() and page.encode(page.html) == html.encode("utf-8")


@FUZZ
@given(st.binary(max_size=300) | html_soup().map(lambda h: h.encode("utf-8", "surrogatepass")).flatmap(mangled),
       st.sampled_from([None, "utf-8", "latin-1", "shift_jis", "bogus-charset", "utf-16"]))
def test_any_bytes_in_any_declared_charset_give_a_page_or_one_input_error(data, charset):
    try:
        page = read_page(data, charset=charset)
    except InputError as exc:
        assert "\n" not in exc.message
    else:
        assert page.text.strip()


@FUZZ
@given(html_soup(), st.data())
def test_written_back_words_land_in_the_text_and_the_rest_is_untouched(html, data):
    assume(MARK not in html)
    text = extract_text(html)
    assert write_back(html, text, []) == (html, [])
    words = list(re.finditer(r"[^\W\d_]+", text))
    chosen = sorted(set(data.draw(st.lists(st.integers(0, max(0, len(words) - 1)), max_size=4)))) if words else []
    edits = [Edit(words[k].start(), words[k].end(), words[k].group(), MARK, 0.9) for k in chosen]
    out, unplaced = write_back(html, text, edits)
    placed = len(edits) - len(unplaced)
    assert CharMap.of(out).text.count(MARK) == out.count(MARK) == placed  # in text nodes, never in tags or scripts
    if placed == 0:
        assert out == html
