"""Spinner dictionaries: pair files (both column orders), filtering, clear errors for bad files."""
import pytest

from unspin.errors import ConfigError
from unspin.spin.dictionary import SpinDictionary, load_pair_file, load_thesaurus


def test_pair_file_original_first(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text("country\trural\tnation\nwar\tcombat\n# comment\n\nCountry\tland\n", encoding="utf-8")
    assert load_pair_file(path) == {"country": ["rural", "nation", "land"], "war": ["combat"]}


def test_pair_file_with_tortured_header_is_read_spun_first(tmp_path):
    path = tmp_path / "list.tsv"
    path.write_text("tortured\texpected\nprofound learning\tdeep learning\n", encoding="utf-8")
    assert load_thesaurus(str(path)) == {"deep learning": ["profound learning"]}


@pytest.mark.parametrize("content", ["", "only-one-column\n", "tortured\texpected\n"])
def test_bad_pair_files_raise_config_errors(tmp_path, content):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_pair_file(path)


def test_missing_pair_file():
    with pytest.raises(ConfigError, match="no such pair file"):
        load_pair_file("/nonexistent/pairs.tsv")


def test_options_are_filtered_and_restricted():
    table = {"war": ["combat", "war", "xq!z", "a b c d e", "conflict"], "city": ["town"]}
    d = SpinDictionary(table, heads={"war"}, min_zipf=0)
    assert d.options("war") == ["combat", "conflict"]
    assert d.options("city") == [] and "city" not in d
