"""Screen a whole corpus (folder, JSONL or Parquet) for spun text, on one machine or a Ray cluster, resumably.

    >>> from unspin.scan import ScanOptions, run_scan          # doctest: +SKIP
    >>> summary = run_scan("papers/", "out.parquet", ScanOptions(fast=True), RunSettings(workers=2))   # doctest: +SKIP

The output is a directory of Parquet part files plus `_manifest.json`; a killed scan run again skips the
documents already written, so no row is lost and none is duplicated.
"""
from .documents import Document, ScanOptions
from .runner import RunSettings, run_scan
from .summary import ScanSummary

__all__ = ["Document", "ScanOptions", "RunSettings", "ScanSummary", "run_scan"]
