"""Issue 14, items 2 and 3: ingest progress, the rate, empty folders, refused schedulers."""
from __future__ import annotations

import fcntl
import io
import os
import socket
import struct
import termios
import time

import pytest
from click.testing import CliRunner

from koop import progress
from koop.cli import cli
from koop.errors import KoopError
from koop.ingest import IngestReport



def _pty(columns: int):
    """A real terminal (pseudo-terminal) that reports ``columns`` columns."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    return master, os.fdopen(slave, "w", buffering=1)


def _read(master: int) -> str:
    os.set_blocking(master, False)
    out = b""
    try:
        while chunk := os.read(master, 65536):
            out += chunk
    except BlockingIOError:
        pass
    return out.decode("utf-8", "replace")


def test_a_terminal_with_columns_gets_a_bar_with_running_counts():
    master, stream = _pty(120)
    report = IngestReport(cooperations=7, duplicates=2, failed=1)
    bar = progress.make_progress(10, report, None, stream)
    assert isinstance(bar, progress.ProgressBar)
    bar.update(3)
    bar.close()
    out = _read(master)
    assert "3/10" in out and "7 cooperations, 2 duplicates, 1 failed" in out
    stream.close()
    os.close(master)


def test_a_terminal_of_zero_columns_gets_status_lines_not_blank_lines():
    master, stream = _pty(0)
    report = IngestReport(new=4, cooperations=3)
    status = progress.make_progress(10, report, None, stream)
    assert isinstance(status, progress.StatusLines)
    status.every = 0
    status.update(4)
    out = _read(master)
    assert out.strip().startswith("koop ingest: 4 of 10 articles (40%)")
    assert "3 cooperations, 0 duplicates, 0 failed" in out
    stream.close()
    os.close(master)


def test_redirected_output_gets_a_status_line_every_few_seconds():
    out = io.StringIO()
    report = IngestReport()
    status = progress.make_progress(None, report, None, out)
    assert isinstance(status, progress.StatusLines) and status.every == progress.STATUS_EVERY
    status.update(1)
    assert out.getvalue() == ""  # not before the interval
    status.every = 0
    report.new, report.failed, report.cooperations = 5, 2, 9
    status.update(6)
    [line] = out.getvalue().splitlines()
    assert line.startswith("koop ingest: 7 articles, ")
    assert line.endswith("articles/s; 9 cooperations, 0 duplicates, 2 failed")
    assert isinstance(progress.make_progress(None, report, False, out), progress.NoProgress)


def test_cli_ingest_redirected_prints_status_lines(tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "STATUS_EVERY", 0.0)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(
            f"Siemens und Bosch haben eine Partnerschaft vereinbart. Bericht {i}.")
    res = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "g.db")])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("koop ingest: ")]
    assert lines[-1].startswith("koop ingest: 3 of 3 articles (100%)")
    assert "cooperations, 0 duplicates, 0 failed" in lines[-1]


def test_the_rate_counts_no_failures_and_nothing_processed_shows_no_rate():
    report = IngestReport(new=10, failed=90, seconds=2.0)
    assert report.processed == 10 and report.articles_per_second == 5.0
    nothing = IngestReport(failed=8, seconds=0.5)
    assert nothing.articles_per_second == 0.0
    assert "articles/s" not in nothing.summary() and "8 failed" in nothing.summary()


def test_an_empty_folder_is_reported_not_accepted_in_silence(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.pdf").write_bytes(b"%PDF-1.4")  # nothing koop reads
    res = CliRunner().invoke(cli, ["ingest", str(empty), "--db", str(tmp_path / "g.db"),
                                   "--no-progress"])
    assert res.exit_code == 3
    assert f"{empty}: a folder without input files" in res.stderr and "(E062)" in res.stderr
    assert "articles/s" not in res.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_refused_scheduler_port_fails_at_once():
    from koop.ingest.dask_cluster import check_reachable

    address = f"tcp://127.0.0.1:{_free_port()}"
    t0 = time.monotonic()
    with pytest.raises(KoopError) as e:
        check_reachable(address)
    assert time.monotonic() - t0 < 3
    assert e.value.code == "E070" and "Connection refused" in e.value.message
    check_reachable("local:2")  # not an address: nothing to probe


@pytest.mark.dask
def test_cli_ingest_to_a_refused_scheduler_fails_fast_with_a_clear_error(tmp_path):
    pytest.importorskip("distributed")
    (tmp_path / "a.txt").write_text("Alpha und Beta kooperieren (active).")
    t0 = time.monotonic()
    res = CliRunner().invoke(cli, ["ingest", str(tmp_path / "a.txt"), "--db",
                                   str(tmp_path / "g.db"), "--scheduler",
                                   f"tcp://127.0.0.1:{_free_port()}", "--no-progress"])
    assert time.monotonic() - t0 < 10
    assert res.exit_code == 1 and "E070" in res.output and "Connection refused" in res.output
