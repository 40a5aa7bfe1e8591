"""The end-of-scan summary: how many documents fall in each spin-probability band, errors, and throughput."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

BANDS = ((0.0, 0.2, "clean (<0.2)"), (0.2, 0.5, "unclear (0.2-0.5)"), (0.5, 0.8, "likely spun (0.5-0.8)"),
         (0.8, 1.01, "spun (>=0.8)"))


def band_counts(probabilities, errors, skipped) -> dict[str, int]:
    """Documents per probability band, plus the ones set aside (not a page, not English) and the unreadable ones."""
    counts = {label: 0 for _, _, label in BANDS}
    counts["skipped"] = counts["error"] = 0
    for p, err, why in zip(probabilities, errors, skipped):
        if why is not None:
            counts["skipped"] += 1
            continue
        if err is not None or p is None:
            counts["error"] += 1
            continue
        for low, high, label in BANDS:
            if low <= p < high:
                counts[label] += 1
                break
    return counts


@dataclass
class ScanSummary:
    """What a scan did: rows in the output, rows added by this run, and how fast this run went."""

    output: str
    engine: str
    workers: int
    rows_total: int = 0
    rows_new: int = 0
    skipped_done: int = 0
    duplicates: int = 0
    errors_new: int = 0
    skipped_new: int = 0
    words_new: int = 0
    seconds: float = 0.0
    bands: dict = field(default_factory=dict)
    worker_memory_mb: dict = field(default_factory=dict)
    worker_cpu_seconds: dict = field(default_factory=dict)
    load_seconds: float = 0.0
    resumed: bool = False
    batch_note: str | None = None  # what the scan learned from its first documents (scan/batch.py)

    @property
    def docs_per_second(self) -> float:
        return self.rows_new / self.seconds if self.seconds > 0 else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words_new / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict:
        data = asdict(self)
        data.update(docs_per_second=round(self.docs_per_second, 3), words_per_second=round(self.words_per_second, 1))
        return data

    def render(self) -> str:
        """A few plain lines for the terminal."""
        lines = [f"scanned {self.rows_new:,} documents in {self.seconds:.1f} s "
                 f"({self.docs_per_second:.2f} docs/s, {self.words_per_second:,.0f} words/s) "
                 f"with {self.workers} {self.engine} worker{'s' if self.workers != 1 else ''}"]
        if self.resumed or self.skipped_done:
            lines.append(f"resumed: {self.skipped_done:,} documents were already done")
        if self.duplicates:
            lines.append(f"skipped {self.duplicates:,} documents whose id repeats an earlier one")
        if self.batch_note:
            lines.append(self.batch_note)
        lines.append(f"{self.output}: {self.rows_total:,} rows")
        width = max(len(k) for k in self.bands) if self.bands else 0
        for label, count in self.bands.items():
            share = 100 * count / self.rows_total if self.rows_total else 0.0
            lines.append(f"  {label:<{width}}  {count:>9,}  {share:5.1f}%")
        if self.worker_memory_mb:
            peak = max(self.worker_memory_mb.values())
            lines.append(f"peak memory per worker: {peak:,.0f} MB; model load {self.load_seconds:.1f} s")
        return "\n".join(lines)
