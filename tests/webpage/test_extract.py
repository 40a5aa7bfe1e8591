"""Telling pages from text, decoding them in their declared charset, and extracting their main text."""
import pytest

from unspin.errors import InputError
from unspin.webpage import extract_text, looks_like_html, page_of_string, read_input, read_page, visible_text


@pytest.mark.parametrize("text", ["<!DOCTYPE html><p>x", "\ufeff  <html lang=en>", "<?xml version='1.0'?>\n<html>",
                                  "<!-- saved -->\n<!doctype HTML>", "<head><title>x</title></head>"])
def test_pages_are_told_by_how_they_start(text):
    assert looks_like_html(text)


@pytest.mark.parametrize("text", ["The <b> tag makes text bold.", "html is a markup language", "<p>a fragment</p>",
                                  ""])
def test_prose_and_fragments_are_not_pages(text):
    assert not looks_like_html(text)


def test_a_page_in_windows_1252_is_decoded_by_its_meta_charset_and_encoded_back_the_same():
    data = ('<html><head><meta charset="iso-8859-1"></head>'
            '<body><p>Caf\xe9 society \u201cquoted\u201d \x81.</p></body></html>')
    raw = data.replace("\x81", "").encode("cp1252").replace(b" .", b" \x81.")  # 0x81: unassigned in cp1252
    page = read_page(raw)
    assert page.text == "Caf\xe9 society \u201cquoted\u201d ." and "\x81" in page.html
    assert page.encode(page.html) == raw


def test_a_declared_charset_wins_over_the_meta_tag_and_a_bom_over_both():
    raw = '<meta charset="utf-8"><p>na\xefve</p>'.encode("latin-1")
    assert read_page(raw, charset="latin-1").text == "na\xefve"
    with_bom = b"\xef\xbb\xbf" + "<p>na\xefve</p>".encode()
    page = read_page(with_bom, charset="latin-1")
    assert page.text == "na\xefve" and page.encode(page.html) == with_bom


def test_undecodable_empty_and_binary_pages_are_clear_errors():
    with pytest.raises(InputError, match="not valid UTF-8"):
        read_page(b"<html><p>\xff\xfe</p></html>", source="p.html")
    with pytest.raises(InputError, match="no text to examine"):
        read_page(b"<html><head><script>var a = 1;</script></head><body></body></html>", source="p.html")
    with pytest.raises(InputError, match="binary"):
        read_page(b"<html>\x00\x00</html>")


def test_a_fragment_without_main_text_gives_its_visible_text_without_menus():
    html = "<nav><a href='/'>Home</a></nav><div>Three <b>four</b>.</div><footer>(c) us</footer>"
    assert extract_text(html) == "Three four."
    assert visible_text("<p>One &amp; two.</p><script>x()</script><p>Three</p>") == "One & two.\n\nThree"


def test_read_input_tells_pages_by_name_or_content(tmp_path):
    (tmp_path / "a.html").write_text("<p>Just a paragraph.</p>")
    (tmp_path / "b.txt").write_text("<!DOCTYPE html><html><body><p>Inside a page.</p></body></html>")
    (tmp_path / "c.txt").write_text("The <p> tag opens a paragraph.")
    assert read_input(tmp_path / "a.html")[0] == "Just a paragraph."
    assert read_input(tmp_path / "b.txt")[0] == "Inside a page."
    assert read_input(tmp_path / "c.txt") == ("The <p> tag opens a paragraph.", None)


def test_a_string_is_a_page_only_when_it_starts_like_one():
    assert page_of_string("The <p> tag.") is None
    assert page_of_string("<!doctype html><p>Words here.</p>").text == "Words here."
