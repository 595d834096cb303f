"""Ingest progress on stderr: a bar on a terminal, a one-line status otherwise.

A bar (tqdm) needs a terminal that reports its width; one that reports 0
columns (some CI consoles, ``docker exec`` without a tty size) would get
blank lines, so it gets the status lines instead. Output redirected to a
file or a pipe gets a status line every ``STATUS_EVERY`` seconds. Both show
the running counts of cooperations, duplicates and failures.
"""
from __future__ import annotations

import os
import sys
import time
from typing import TextIO

STATUS_EVERY = 10.0   # seconds between status lines when stderr is no terminal
MIN_COLUMNS = 30      # narrower terminals get status lines, not a bar


class NoProgress:
    """Shows nothing (``--no-progress``, the Python API's default)."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _counts(report) -> str:
    return (f"{report.cooperations:,} cooperations, {report.duplicates:,} duplicates, "
            f"{report.failed:,} failed")


class ProgressBar:
    """A tqdm bar with the running counts after it."""

    def __init__(self, total: int | None, report, stream: TextIO, columns: int) -> None:
        from tqdm import tqdm

        self.report = report
        self.bar = tqdm(total=total, unit="article", file=stream, desc="ingest",
                        ncols=columns, dynamic_ncols=columns is not None)

    def update(self, n: int = 1) -> None:
        self.bar.set_postfix_str(_counts(self.report), refresh=False)
        self.bar.update(n)

    def close(self) -> None:
        self.bar.set_postfix_str(_counts(self.report), refresh=False)
        self.bar.close()


class StatusLines:
    """One line every ``every`` seconds: articles done (of how many), rate, counts."""

    def __init__(self, total: int | None, report, stream: TextIO,
                 every: float | None = None) -> None:
        self.total, self.report, self.stream = total, report, stream
        self.every = STATUS_EVERY if every is None else every
        self.done = 0
        self.start = self.last = time.monotonic()

    def update(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = (now or time.monotonic()) - self.start
        of = f" of {self.total:,}" if self.total else ""
        pct = f" ({100 * self.done / self.total:.0f}%)" if self.total else ""
        rate = self.report.processed / elapsed if elapsed > 0 else 0.0
        return (f"koop ingest: {self.done:,}{of} articles{pct}, {rate:.1f} articles/s; "
                f"{_counts(self.report)}")

    def close(self) -> None:
        pass


def terminal_columns(stream: TextIO) -> int | None:
    """The width of the terminal ``stream`` writes to; None when it is no terminal,
    0 when the terminal does not say."""
    try:
        if not stream.isatty():
            return None
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return None


def make_progress(total: int | None, report, enabled: bool | None, stream: TextIO | None = None):
    """The progress display of an ingest.

    Args:
        total (int): articles expected (None: unknown).
        report (IngestReport): its counts are shown as they grow.
        enabled (bool): False: nothing; None: a bar on a terminal, else status lines;
            True: a bar also when stderr is no terminal (not on one of 0 columns).
        stream (file): default ``sys.stderr``.
    """
    if enabled is False:
        return NoProgress()
    stream = stream or sys.stderr
    columns = terminal_columns(stream)
    if columns is not None and columns >= MIN_COLUMNS:
        return ProgressBar(total, report, stream, columns)
    if enabled and columns is None:  # --progress into a file or pipe: the bar, as asked
        return ProgressBar(total, report, stream, None)
    return StatusLines(total, report, stream)
