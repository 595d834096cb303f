"""Readable tables (rich) for the graph commands: show, timeline, partners, search, stats.

Tables fit the terminal: the short columns (status, dates, counts, ids)
never wrap, name columns wrap between words, and long text (evidence
sentences, article references) goes on indented lines under its row, so
at 80 columns no word or date is split. Column widths are fitted once per
table (:func:`fit_widths`); rich wraps the cells.

Every string from the graph (names, evidence, titles, URLs) goes into a
``rich.text.Text`` through :func:`_text`: rich markup in it ("[bold]") is
shown, not interpreted, and control characters (ANSI escapes, bidi
overrides) are shown escaped instead of acting on the terminal.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .graph import OrgReport
from .ingest import IngestReport
from .io.content import printable
from .graph import Org, PartnerHit, SearchResult, TimelineEvent

GAP = 2  # spaces between columns
INDENT = 4  # evidence and article lines under a row
PIPED_WIDTH = 160  # width when stdout is no terminal and $COLUMNS is not set


def console() -> Console:
    """A console on stdout: the terminal's width in a terminal, else ``$COLUMNS``,
    else 160 columns."""
    import sys

    wide = not sys.stdout.isatty() and not os.environ.get("COLUMNS", "").isdigit()
    return Console(highlight=False, width=PIPED_WIDTH if wide else None)


def _text(value: object, style: str = "") -> Text:
    """Plain text for rich: no markup, no emoji codes, control characters escaped."""
    return Text(printable(str(value)), style=style)


@dataclass(frozen=True)
class Col:
    """A table column: ``wrap`` columns (names) may wrap between words; the others
    (status, dates, counts, ids) keep each cell on one line."""

    header: str
    wrap: bool = False


def _longest_word(value: str) -> int:
    return max((cell_len(w) for w in value.split()), default=0)


def _floors(cols: list[Col], rows: list[tuple[str, ...]]) -> list[int]:
    """The narrowest each column can be without splitting a word."""
    return [max([cell_len(c.header)] + [(_longest_word if c.wrap else cell_len)(r[i]) for r in rows])
            for i, c in enumerate(cols)]


def _fits(cols: list[Col], rows: list[tuple[str, ...]], width: int) -> bool:
    return sum(_floors(cols, rows)) + (len(cols) - 1) <= width


def fit_widths(cols: list[Col], rows: list[tuple[str, ...]], width: int) -> tuple[list[int], int]:
    """Column widths that fit ``width``: each column as wide as its widest cell;
    when that is too wide, the wrapping columns give way, widest first, but
    never below their longest word (so a word is never split) nor their header;
    in a very narrow terminal the columns stand one space apart instead of two.

    RETURNS (tuple): one width per column, and the gap between columns.
    """
    natural = [max([cell_len(c.header)] + [cell_len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    floor = _floors(cols, rows)
    widths = list(natural)
    gap = GAP if sum(floor) + GAP * (len(cols) - 1) <= width else 1
    excess = sum(widths) + gap * (len(cols) - 1) - width
    while excess > 0:
        slack = [(widths[i] - floor[i], i) for i in range(len(cols))]
        room, i = max(slack)
        if room <= 0:
            break  # the short columns alone are wider than the terminal
        widths[i] -= 1
        excess -= 1
    return widths, gap


def _grid(cols: list[Col], widths: list[int], gap: int) -> Table:
    grid = Table.grid(padding=(0, gap, 0, 0))
    for c, w in zip(cols, widths):
        grid.add_column(width=w, no_wrap=not c.wrap, overflow="fold")
    return grid


def print_rows(con: Console, title: str, cols: list[Col], rows: list[tuple[str, ...]],
               notes: list[list[str]] | None = None) -> None:
    """A titled table; ``notes[i]`` are paragraphs printed under row ``i``, indented
    and wrapped between words, with a blank line after them. When the columns
    cannot fit without splitting a word, the widest wrapping column (never the
    first) moves under its row as "Header: value", until they fit."""
    cols, rows = list(cols), [tuple(r) for r in rows]
    notes = [list(n) for n in notes] if notes else [[] for _ in rows]
    while not _fits(cols, rows, con.width):
        movable = [i for i, c in enumerate(cols) if c.wrap and i > 0]
        if not movable:
            break
        floors = _floors(cols, rows)
        i = max(movable, key=lambda k: floors[k])
        for r, row in enumerate(rows):
            if row[i] not in ("", "-"):
                notes[r].insert(0, f"{cols[i].header}: {row[i]}")
        cols = cols[:i] + cols[i + 1:]
        rows = [row[:i] + row[i + 1:] for row in rows]
    widths, gap = fit_widths(cols, rows, con.width)
    con.print(_text(title, "bold"))
    header = _grid(cols, widths, gap)
    header.add_row(*(_text(c.header, "bold") for c in cols))
    con.print(header)
    con.print(_text("\u2500" * min(con.width, sum(widths) + gap * (len(cols) - 1))))
    for i, cells in enumerate(rows):
        grid = _grid(cols, widths, gap)
        grid.add_row(*(_text(c) for c in cells))
        con.print(grid)
        if notes and notes[i]:
            for para in notes[i]:
                con.print(Padding(_text(para), (0, 0, 0, INDENT)))
            con.print()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _names(orgs: list[Org]) -> str:
    return ", ".join(o.name for o in orgs)


def _seen(first: str | None, last: str | None) -> str:
    if not first:
        return "-"
    return first if first == last else f"{first} .. {last}"


def _article(ref) -> str:
    parts = [ref.title or ref.key]
    if ref.date:
        parts.append(ref.date)
    if ref.url:
        parts.append(ref.url)
    return "[" + " | ".join(parts) + "]"


def _quoted(text: str) -> str:
    return f"\u201c{text}\u201d"


def _as_named(ev, parties: list[Org]) -> list[str]:
    """'(“Daimler” is Mercedes-Benz)' when the sentence names a party otherwise."""
    pairs = [f"\u201c{ev.surfaces[p.id]}\u201d is {p.name}" for p in parties if p.id in ev.surfaces]
    return [f"({'; '.join(pairs)})"] if pairs else []


def _no_cooperations(org: Org, con: Console) -> None:
    con.print(_text(f"{org.name} ({org.id}) is in the graph but has no cooperations yet."))


def render_show(report: OrgReport, con: Console) -> None:
    org = report.org
    if not report.cooperations:
        _no_cooperations(org, con)
        return
    cols = [Col("Partners", wrap=True), Col("Status"), Col("Since"), Col("Name", wrap=True),
            Col("Sources"), Col("Seen", wrap=True)]
    rows, notes = [], []
    for c in report.cooperations:
        rows.append((_names(c.partners_of(org.id)), c.status, c.since or "-", c.name or "-",
                     str(c.sources), _seen(c.first_seen, c.last_seen)))
        ev = c.latest_evidence
        notes.append([_quoted(ev.text), *_as_named(ev, c.parties), _article(ev.article)] if ev else [])
    print_rows(con, f"{org.name} ({org.id}): {_plural(len(report.cooperations), 'cooperation')}",
               cols, rows, notes)


def render_timeline(org: Org, events: list[TimelineEvent], con: Console) -> None:
    if not events:
        _no_cooperations(org, con)
        return
    cols = [Col("Date"), Col("Event"), Col("Partners", wrap=True), Col("Name", wrap=True)]
    rows = [(e.date or "undated", e.status, _names(e.partners), e.name or "-") for e in events]
    notes = [[p for p in (_quoted(e.evidence) if e.evidence else None,
                          _article(e.article) if e.article else None) if p] for e in events]
    print_rows(con, f"Timeline of {org.name} ({org.id})", cols, rows, notes)


def render_partners(org: Org, hits: list[PartnerHit], con: Console) -> None:
    if not hits:
        _no_cooperations(org, con)
        return
    cols = [Col("Depth"), Col("Organization", wrap=True), Col("Id"), Col("Via", wrap=True),
            Col("Status"), Col("Sources")]
    print_rows(con, f"Partners of {org.name} ({org.id})", cols,
               [(str(h.depth), h.org.name, h.org.id, _names(h.via) or "-", h.status, str(h.sources))
                for h in hits])


def _more(shown: int, total: int) -> str:
    return f" (showing {shown}; {total - shown} more, raise --limit)" if total > shown else ""


def render_search(text: str, result: SearchResult, con: Console) -> None:
    if not (result.organizations or result.people or result.evidence):
        con.print(_text(f"Nothing found for '{text}'."))
        return
    total = result.totals
    if result.organizations:
        print_rows(con, f"Organizations: {total['organizations']}"
                        f"{_more(len(result.organizations), total['organizations'])}",
                   [Col("Name", wrap=True), Col("Id")], [(o.name, o.id) for o in result.organizations])
        con.print()
    if result.people:
        print_rows(con, f"People: {total['people']}{_more(len(result.people), total['people'])}",
                   [Col("Name", wrap=True), Col("Organization", wrap=True), Col("Role", wrap=True),
                    Col("Articles")],
                   [(p["name"], p["org"] or "-", p["role"] or "-", str(p["articles"]))
                    for p in result.people])
        con.print()
    if result.evidence:
        rows, notes = [], []
        for e in result.evidence:
            a = e["article"]
            rows.append((" + ".join(p["name"] for p in e["parties"]), str(e["cooperation_id"]),
                         e["status"], a["date"] or "undated"))
            notes.append([_quoted(e["text"]), "[" + " | ".join(
                x for x in (a["title"] or a["id"], a["date"], a["url"]) if x) + "]"])
        print_rows(con, f"Evidence sentences: {total['evidence']}"
                        f"{_more(len(result.evidence), total['evidence'])}",
                   [Col("Cooperation", wrap=True), Col("Id"), Col("Status"), Col("Date")], rows, notes)


def render_stats(stats: dict, con: Console) -> None:
    rows = []
    for k, v in stats.items():
        if k == "top_organizations":
            v = ", ".join(f"{o['name']} ({o['cooperations']})" for o in v) or "-"
        elif k == "cooperations_by_status":
            v = ", ".join(f"{s} {n}" for s, n in v.items()) or "-"
        rows.append((k.replace("_", " "), "-" if v is None else str(v)))
    print_rows(con, "Graph statistics", [Col("What"), Col("Value", wrap=True)], rows)


def render_ingest(report: IngestReport, con: Console) -> None:
    con.print(_text(report.summary()))
