"""The scan's output: a directory of Parquet part files plus `_manifest.json`, written so a killed scan can resume.

Each part is written to a temporary name and renamed into place, so a part either exists whole or not at all.
The ids in the finished parts are the documents a resumed scan skips: no row lost (unwritten rows are redone),
none duplicated (a written row is never redone). Any Parquet reader opens the directory as one table.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from ..errors import ConfigError
from .analysis import COLUMNS

MANIFEST = "_manifest.json"  # a leading "_" makes Parquet readers (pyarrow, pandas, Spark, DuckDB) skip it
FORMAT_NAME = "unspin-scan"
FORMAT_VERSION = 2  # 2: the `skipped` column


def row_schema():
    """The fixed Arrow schema of every part (columns not asked for are null)."""
    import pyarrow as pa

    types = {
        "id": pa.string(), "words": pa.int64(), "probability": pa.float64(), "spin_rate": pa.float64(),
        "spun": pa.bool_(), "spans": pa.int64(), "top_spans": pa.string(), "restored": pa.string(),
        "source_id": pa.string(), "source_score": pa.float64(), "source": pa.string(), "error": pa.string(),
        "skipped": pa.string(), "seconds": pa.float64(),
    }
    return pa.schema([(name, types[name]) for name in COLUMNS])


class ScanStore:
    """One scan output directory: its manifest, its finished parts, and writing new ones atomically."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.manifest: dict = {}
        self._next_part = 0

    @property
    def manifest_path(self) -> Path:
        return self.path / MANIFEST

    def parts(self) -> list[Path]:
        return sorted(self.path.glob("part-*.parquet"))

    def open(self, *, source: dict, options: dict, overwrite: bool = False) -> bool:
        """Create the output, or reopen it to resume; returns True when resuming. Refuses mixed settings."""
        if self.path.exists() and overwrite:
            if self.path.is_dir() and not self.manifest_path.exists() and any(self.path.iterdir()):
                raise ConfigError(f"{self.path} is a folder that is not a scan output; refusing to overwrite it")
            shutil.rmtree(self.path) if self.path.is_dir() else self.path.unlink()
        if self.path.exists() and not self.path.is_dir():
            raise ConfigError(f"{self.path} exists and is not a scan output folder (use --overwrite to replace it)")
        resuming = self.manifest_path.exists()
        if resuming:
            try:
                self.manifest = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ConfigError(f"{self.manifest_path} is unreadable ({exc}); "
                                  "use --overwrite to start over") from None
            if self.manifest.get("format") != FORMAT_NAME:
                raise ConfigError(f"{self.path} is not an unspin scan output")
            if self.manifest.get("version") != FORMAT_VERSION:
                raise ConfigError(f"{self.path} was written by another version of unspin scan (format "
                                  f"{self.manifest.get('version')}, this one writes {FORMAT_VERSION}); "
                                  "use --overwrite to start over, or another output path")
            for key, now in (("source", source), ("options", options)):
                before = self.manifest.get(key)
                if before != now:
                    diff = ", ".join(f"{k}: {before.get(k)!r} then, {now.get(k)!r} now"
                                     for k in sorted(set(before or {}) | set(now))
                                     if (before or {}).get(k) != now.get(k))
                    raise ConfigError(f"{self.path} was written by a scan with other settings ({diff}); "
                                      "use the same settings to resume, or --overwrite to start over")
        elif self.path.exists() and any(p.name != MANIFEST for p in self.path.iterdir()):
            raise ConfigError(f"{self.path} is a folder that is not a scan output; choose another output path")
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            self.manifest = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "source": source, "options": options,
                             "created": _now(), "runs": 0}
        for stale in self.path.glob(".part-*.tmp"):
            stale.unlink(missing_ok=True)  # a part that a killed run was writing: its rows are redone
        parts = self.parts()
        self._next_part = 1 + max((int(p.stem.split("-")[1]) for p in parts), default=-1)
        self.manifest.update(status="running", runs=self.manifest.get("runs", 0) + 1, updated=_now())
        self._write_manifest()
        return resuming

    def done_ids(self) -> set[str]:
        """Ids of every document already in a finished part."""
        import pyarrow.parquet as pq

        done: set[str] = set()
        for part in self.parts():
            done.update(pq.read_table(part, columns=["id"]).column("id").to_pylist())
        return done

    def write_part(self, rows: list[dict]) -> Path | None:
        """Write rows as the next part, atomically (temporary file, fsync, rename)."""
        if not rows:
            return None
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = row_schema()
        table = pa.Table.from_pylist(rows, schema=schema)
        final = self.path / f"part-{self._next_part:06d}.parquet"
        temp = self.path / f".part-{self._next_part:06d}.tmp"
        with temp.open("wb") as fh:
            pq.write_table(table, fh, compression="zstd")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, final)
        self._next_part += 1
        return final

    def read_columns(self, columns: list[str]):
        """The given columns of every finished row, as one Arrow table."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        tables = [pq.read_table(p, columns=columns) for p in self.parts()]
        if not tables:
            return pa.Table.from_pylist([], schema=pa.schema([row_schema().field(c) for c in columns]))
        return pa.concat_tables(tables)

    def finish(self, *, status: str = "complete", **stats) -> None:
        self.manifest.update(status=status, updated=_now(), **stats)
        self._write_manifest()

    def save_manifest(self) -> None:
        """Write the manifest now (what a scan learned before its first part, say)."""
        self._write_manifest()

    def _write_manifest(self) -> None:
        temp = self.path / (MANIFEST + ".tmp")
        temp.write_text(json.dumps(self.manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temp, self.manifest_path)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")
