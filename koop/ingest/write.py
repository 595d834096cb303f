"""Write: the one place an ingest hands records to the store's writer.

Only the ingesting process writes, in input order, one transaction per article
(with the source file marked done in the transaction of its last article).
"""
from __future__ import annotations

from sqlalchemy import exc as sa_exc

from ..errors import Issue
from ..io.files import SourceFile
from ..store import Store
from .report import IngestReport, where

# a write that fails on these is rolled back and the article skipped (E019); an
# OperationalError (disk full, database locked, connection lost) stops the ingest
STORE_DATA_ERRORS = (sa_exc.StatementError, ValueError, TypeError, UnicodeError, OverflowError)


def write_record(store: Store, record: dict | None, source: SourceFile | None,
                 report: IngestReport, bar) -> None:
    """Write one record (None: only mark ``source`` done) and count it in ``report``.

    An extraction error record is reported (E049); a record whose data the
    database refuses is skipped (E019); a database failure stops the ingest.
    """
    if record is None:
        store.mark_source(source)
        return
    bar.update(1)
    if "error" in record:
        report.extraction_failed(record)
        return
    try:
        res = store.write_record(record, source)
    except STORE_DATA_ERRORS as e:  # this article's data, not the database: skip it
        if isinstance(e, sa_exc.OperationalError):
            raise
        reason = getattr(e, "orig", None) or e
        report.add(Issue.of(where(record), "E019", key=record["key"],
                            reason=f"{type(reason).__name__}: {reason}"))
        return
    report.count_written(res)
