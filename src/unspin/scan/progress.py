"""A rich progress bar on stderr: documents done, documents per second, and time remaining."""
from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class DocsPerSecondColumn(ProgressColumn):
    """Throughput in documents per second (rich's own speed column counts bytes)."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-- docs/s" if speed is None else f"{speed:.2f} docs/s", style="progress.data.speed")


class ScanProgress:
    """Context manager wrapping rich.Progress; a no-op when disabled (--quiet)."""

    def __init__(self, total: int | None, *, enabled: bool = True, description: str = "scanning"):
        self.enabled = enabled
        self.total = total
        self.description = description
        self._progress = None
        self._task = None

    def __enter__(self) -> ScanProgress:
        if self.enabled:
            self._progress = Progress(
                TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                DocsPerSecondColumn(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(stderr=True), transient=False, speed_estimate_period=60.0)
            self._progress.start()
            self._task = self._progress.add_task(self.description, total=self.total)
        return self

    def advance(self, count: int) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, count)

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()
