"""Fuzzing spinner profiles, which people edit by hand: any file gives a usable profile or one ConfigError, and a
loaded profile never fails later in learned(), identify or saving."""
import json

from hypothesis import given
from hypothesis import strategies as st

from fuzz_strategies import fuzz
from unspin.errors import ConfigError
from unspin.learn.identify import identify, spinner_rates
from unspin.profile import load_profile

SCALARS = (st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(max_size=12))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                          max_size=3), max_leaves=8)
PAIR = st.fixed_dictionaries({"spun": st.sampled_from(["plus", "used to be", "", "X"]) | VALUES,
                              "original": st.sampled_from(["and", "was", "x"]) | VALUES},
                             optional={"count": VALUES, "weight": VALUES, "documents": VALUES, "seen": VALUES})
PROFILE = st.fixed_dictionaries({}, optional={
    "name": VALUES, "documents": VALUES, "words": VALUES, "notes": VALUES,
    "pairs": st.lists(PAIR, max_size=5) | VALUES,
    "signature": st.lists(st.fixed_dictionaries({}, optional={"spun": VALUES, "count": VALUES}), max_size=4) | VALUES})


@fuzz(300)
@given(PROFILE | VALUES)
def test_any_profile_file_loads_and_works_or_is_one_config_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("p") / "farm.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        profile = load_profile(path)
    except ConfigError as exc:
        assert exc.message and "\n" not in exc.message
        return
    profile.learned()
    spinner_rates(profile)
    identify("It was used to be plus the farm and the sale, plus more.", {"p": profile})
    profile.save(path)
    assert load_profile(path).pairs == profile.pairs


@fuzz(120)
@given(st.binary(max_size=200))
def test_any_bytes_as_a_profile_are_one_config_error_at_most(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("p") / "farm.json"
    path.write_bytes(data)
    try:
        load_profile(path)
    except ConfigError:
        pass
