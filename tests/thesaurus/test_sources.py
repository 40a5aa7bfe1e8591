"""The real thesauri ship with the install; these check they load and hold what the restorer relies on."""
from unspin.thesaurus.moby import load_moby
from unspin.thesaurus.tortured import load_tortured
from unspin.thesaurus.wordnet import load_wordnet


def test_moby_is_the_full_thesaurus():
    moby = load_moby()
    assert len(moby) > 30_000
    assert "conflict" in moby["war"]


def test_wordnet_reads_with_the_rebuilt_lexnames():
    wordnet = load_wordnet()
    assert len(wordnet) > 100_000
    assert "car" in wordnet["automobile"]


def test_tortured_list_is_bundled_with_credit():
    from unspin.paths import DATA_DIR

    assert len(load_tortured()) > 3000
    assert "CC BY 4.0" in (DATA_DIR / "NOTICE.md").read_text()
