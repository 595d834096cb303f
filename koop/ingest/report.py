"""What an ingest did: one report, counted the same way by every executor."""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import Issue

log = logging.getLogger("koop.ingest")


@dataclass
class IngestReport:
    """What an ingest did. ``issues`` says what was skipped (E codes, counted in
    ``failed``) or read with a repair (W codes), one :class:`~koop.errors.Issue` each."""

    new: int = 0               # articles stored
    replaced: int = 0          # changed versions of a file's article
    duplicates: int = 0        # same URL or normalized text as a stored article
    near_duplicates: int = 0   # stored, grouped with an earlier report of the same story
    unchanged_files: int = 0   # files skipped because they did not change
    failed: int = 0            # unreadable inputs, failed fetches or extractions
    cooperations: int = 0      # cooperation observations written
    seconds: float = 0.0
    issues: list[Issue] = field(default_factory=list)

    def add(self, issue: Issue) -> None:
        """Record an issue (an error counts as failed) and log it (shown with ``-v``)."""
        self.issues.append(issue)
        if issue.skipped:
            self.failed += 1
        log.info(issue.line())

    def count_written(self, result) -> None:
        """Count one ``WriteResult`` of the store's writer (new, replaced or duplicate)."""
        if result.status == "duplicate":
            self.duplicates += 1
            return
        if result.status == "replaced":
            self.replaced += 1
        else:
            self.new += 1
        self.near_duplicates += int(result.near_duplicate)
        self.cooperations += result.cooperations

    def extraction_failed(self, record: dict) -> None:
        """Count an article whose extraction failed (an error record of ``extract``): E049."""
        self.add(Issue.of(where(record), "E049", key=record["key"], reason=record["error"]))

    @property
    def skipped(self) -> list[Issue]:
        """The inputs (files, lines, records, URLs, articles) that were skipped, and why."""
        return [i for i in self.issues if i.skipped]

    @property
    def processed(self) -> int:
        """Articles read and stored or found stored (failed inputs are not counted)."""
        return self.new + self.replaced + self.duplicates

    @property
    def articles_per_second(self) -> float:
        """``processed`` per second (failures are fast and would flatter the rate)."""
        return self.processed / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "articles_per_second": round(self.articles_per_second, 2)}

    def summary(self) -> str:
        return (f"{self.new} new, {self.replaced} replaced, {self.duplicates} duplicates, "
                f"{self.near_duplicates} near-duplicates, {self.unchanged_files} unchanged files, "
                f"{self.failed} failed; {self.cooperations} cooperation observations; "
                f"{self.seconds:.1f}s" + (f" ({self.articles_per_second:.1f} articles/s)"
                                          if self.processed else ""))


def where(record: dict) -> str:
    """The input a record (or error record) came from, as issues name it."""
    return record.get("input") or record.get("url") or record.get("source_path") or record["key"]
