"""The product carries nothing of the benchmark's real spinner dictionaries (../shared/spinners/): no file of the
installed package repeats one of their lines, in their format or as a tab-separated pair."""
from pathlib import Path

import pytest
from benchmarks.settings import SETTINGS, SPINNERS_DIR

import unspin


def _dictionary_lines() -> set[str]:
    lines = set()
    for s in SETTINGS:
        if s.dictionary:
            for line in (SPINNERS_DIR / s.dictionary).read_text(encoding="utf-8").splitlines():
                members = [m.strip().lower() for m in line.split("|") if m.strip()]
                if len(members) >= 2:
                    lines.add("|".join(members))
                    lines.add("\t".join(members))
                    lines.add("\t".join(members[:2]))
    return lines


def test_no_package_file_repeats_a_dictionary_line():
    if not all((SPINNERS_DIR / s.dictionary).is_file() for s in SETTINGS if s.dictionary):
        pytest.skip(f"the real spinner dictionaries are not on this machine ({SPINNERS_DIR})")
    forbidden = _dictionary_lines()
    assert len(forbidden) > 20_000
    package = Path(unspin.__file__).parent
    checked = 0
    for path in package.rglob("*"):
        if not path.is_file() or path.suffix in (".pyc",):
            continue
        text = path.read_bytes().decode("utf-8", errors="ignore").lower()
        repeated = [line for line in (x.strip() for x in text.splitlines()) if line in forbidden]
        assert not repeated, f"{path} repeats dictionary lines: {repeated[:3]}"
        checked += 1
    assert checked > 50
