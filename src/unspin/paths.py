"""Where unspin keeps its caches and finds the data files that ship with it or with other packages."""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from .errors import ResourceMissing

DATA_DIR = Path(__file__).parent / "data"


def cache_dir() -> Path:
    """The folder for built indexes and converted models (UNSPIN_CACHE_DIR overrides the user cache)."""
    env = os.environ.get("UNSPIN_CACHE_DIR")
    if env:
        path = Path(env)
    else:
        from platformdirs import user_cache_dir

        path = Path(user_cache_dir("unspin"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def package_file(package: str, name: str, *, install_hint: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ResourceMissing(f"the package {package!r} is not installed ({install_hint})")
    path = Path(list(spec.submodule_search_locations)[0]) / name
    if not path.exists():
        raise ResourceMissing(f"{path} is missing ({install_hint})")
    return path
