"""Packing sentences into rows for the language model: nothing overlaps, nothing spills over a row."""
from hypothesis import given
from hypothesis import strategies as st

from unspin.scoring.lm import PACK_WIDTH, pack


@given(st.lists(st.integers(min_value=1, max_value=300), min_size=1, max_size=60), st.booleans())
def test_every_sequence_gets_its_own_cells_within_the_row_width(lengths, grouped):
    sequences = [[7] * n for n in lengths]
    place, width = pack(sequences, [n % 3 for n in lengths] if grouped else None)
    assert width == max(max(lengths), min(PACK_WIDTH, sum(lengths)))
    used: dict[int, set[int]] = {}
    for n, (row, offset) in zip(lengths, place):
        cells = set(range(offset, offset + n))
        assert offset + n <= width
        assert not cells & used.setdefault(row, set())
        used[row] |= cells


def test_short_sentences_share_rows():
    place, _ = pack([[1] * 30] * 8)
    assert len({row for row, _ in place}) == 2


def test_sequences_of_a_group_share_rows():
    groups = [0, 1, 0, 1, 0, 1, 0, 1]
    place, _ = pack([[1] * 30] * 8, groups)
    assert {row for (row, _), g in zip(place, groups) if g == 0} == {0}


def test_a_short_text_alone_is_not_padded_to_the_row_width():
    place, width = pack([[1] * 12, [1] * 9])
    assert width == 21 and {row for row, _ in place} == {0}
