"""The realistic settings: real dictionaries split in two stable halves, skipped where the files are missing."""
import pytest
from benchmarks.settings import SETTINGS, Setting, available, dictionary_half, in_line_half_b
from benchmarks.training_mix import MIX, dictionary_spinner, mix_entry, spinners, training_spin

from benchmarks import settings
from unspin.spin import apply_gold
from unspin.spin.groups import Engine


@pytest.fixture
def tiny_spinners(tmp_path, monkeypatch):
    lines = [f"word{n}|other{n}|third{n}" for n in range(200)]
    for name in ("wp-auto-spinner.dat", "turbo-spinner.dat"):
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(settings, "SPINNERS_DIR", tmp_path)
    dictionary_half.cache_clear()
    dictionary_spinner.cache_clear()
    yield lines
    dictionary_half.cache_clear()
    dictionary_spinner.cache_clear()


def test_the_halves_split_every_line_once_and_stably(tiny_spinners):
    a, b = dictionary_half("wp-auto-spinner.dat", "A"), dictionary_half("wp-auto-spinner.dat", "B")
    assert len(a) + len(b) == 200 and 60 < len(a) < 140
    assert not {"|".join(g) for g in a} & {"|".join(g) for g in b}
    assert all(in_line_half_b("|".join(g)) for g in b)


def test_realistic_settings_spin_with_half_b_only(tiny_spinners):
    half_b = {g[0] for g in dictionary_half("wp-auto-spinner.dat", "B")}
    wp = next(s for s in SETTINGS if s.name == "wp")
    text = " ".join(f"word{n}" for n in range(200))
    result = wp.spinner(None).spin(text)
    assert {g.original for g in result.gold} == half_b
    assert apply_gold(result.text, result.gold) == text


def test_training_mix_spins_with_half_a_and_never_half_b(tiny_spinners):
    half_a = {g[0] for g in dictionary_half("turbo-spinner.dat", "A")}
    text = " ".join(f"word{n}" for n in range(200))
    n = next(k for k, (_, kind, rate) in enumerate(MIX) if kind == "turbo" and rate == 1.0)
    spin = training_spin(n, text, frozenset())
    assert spin.gold and {g.original for g in spin.gold} <= half_a and not spin.unseen
    assert all(kind != "clean" for _, kind, _ in spinners())


def test_missing_dictionaries_are_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "SPINNERS_DIR", tmp_path)
    assert not available(Setting("x", "", 1.0, unseen=False, dictionary="none.dat", engine=Engine()))
    assert available(next(s for s in SETTINGS if s.name == "unseen-25"))
    n = next(k for k, (_, kind, _) in enumerate(MIX) if kind == "wp")
    assert mix_entry(n)[1] == "moby"  # the fits fall back to the simulator
