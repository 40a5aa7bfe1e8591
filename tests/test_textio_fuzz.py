"""Fuzzing the text reader: any bytes give text or one InputError, and text that is fine comes back unchanged."""
from hypothesis import given
from hypothesis import strategies as st

from fuzz_strategies import fuzz
from unspin.errors import InputError
from unspin.textio import decode_text, read_text

FUZZ = fuzz(300)


@FUZZ
@given(st.binary(max_size=400), st.integers(0, 500))
def test_any_bytes_give_text_or_one_input_error(data, limit):
    try:
        text = decode_text(data, max_bytes=limit)
    except InputError as exc:
        assert exc.message and "\n" not in exc.message
    else:
        assert isinstance(text, str)


@FUZZ
@given(text=st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from("\n\t\r"),
                    max_size=300))
def test_ordinary_text_comes_back_byte_for_byte(text, tmp_path_factory):
    text = text.lstrip("\ufeff")  # a leading BOM is an encoding mark, not text
    path = tmp_path_factory.mktemp("t") / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    assert decode_text(text.encode("utf-8")) == text == read_text(path)
