"""Readable tables (rich) for the graph commands: show, timeline, partners, search, stats.

Every string from the graph (names, evidence, titles, URLs) goes into a
``rich.text.Text`` through :func:`_text`: rich markup in it ("[bold]") is
shown, not interpreted, and control characters (ANSI escapes, bidi
overrides) are shown escaped instead of acting on the terminal.
"""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .graph import OrgReport
from .ingest import IngestReport
from .io.content import printable
from .store.queries import Org, PartnerHit, SearchResult, TimelineEvent


def console() -> Console:
    """A console on stdout: terminal width in a terminal, 160 columns when piped."""
    import sys

    return Console(highlight=False, width=None if sys.stdout.isatty() else 160)


def _text(value: object) -> Text:
    """Plain text for rich: no markup, no emoji codes, control characters escaped."""
    return Text(printable(str(value)))


def _row(table: Table, *cells: object) -> None:
    """Add a row of plain text: no rich markup in article text ("[...]" stays as it is)."""
    table.add_row(*(_text(c) for c in cells))


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
    return " | ".join(parts)


def render_show(report: OrgReport, con: Console) -> None:
    org = report.org
    if not report.cooperations:
        con.print(_text(f"{org.name} ({org.id}): no cooperations found."))
        return
    title = f"{org.name} ({org.id}): {_plural(len(report.cooperations), 'cooperation')}"
    table = Table(title=_text(title), show_lines=True, title_justify="left")
    for col in ("Partners", "Status", "Since", "Name", "Sources", "Seen", "Latest evidence"):
        table.add_column(col, overflow="fold")
    for c in report.cooperations:
        ev = c.latest_evidence
        evidence = f"\u201c{ev.text}\u201d\n[{_article(ev.article)}]" if ev else "-"
        _row(table, _names(c.partners_of(org.id)), c.status, c.since or "-", c.name or "-",
                      str(c.sources), _seen(c.first_seen, c.last_seen), evidence)
    con.print(table)


def _print_table(con: Console, title: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """One titled table of plain-text cells."""
    table = Table(title=_text(title), title_justify="left")
    for col in columns:
        table.add_column(col, overflow="fold")
    for cells in rows:
        _row(table, *cells)
    con.print(table)


def render_timeline(org: Org, events: list[TimelineEvent], con: Console) -> None:
    if not events:
        con.print(_text(f"{org.name} ({org.id}): no cooperations found."))
        return
    _print_table(con, f"Timeline of {org.name} ({org.id})",
                 ("Date", "Partners", "Event", "Name", "Article", "Evidence"),
                 [(e.date or "undated", _names(e.partners), e.status, e.name or "-",
                   _article(e.article) if e.article else "-", e.evidence or "-") for e in events])


def render_partners(org: Org, hits: list[PartnerHit], con: Console) -> None:
    if not hits:
        con.print(_text(f"{org.name} ({org.id}): no partners found."))
        return
    _print_table(con, f"Partners of {org.name} ({org.id})",
                 ("Depth", "Organization", "Id", "Via", "Status", "Sources"),
                 [(str(h.depth), h.org.name, h.org.id, _names(h.via) or "-", h.status, str(h.sources))
                  for h in hits])


def render_search(text: str, result: SearchResult, con: Console) -> None:
    if not (result.organizations or result.people or result.evidence):
        con.print(_text(f"Nothing found for '{text}'."))
        return
    if result.organizations:
        t = Table(title=_text("Organizations"), title_justify="left")
        t.add_column("Name")
        t.add_column("Id")
        for o in result.organizations:
            _row(t, o.name, o.id)
        con.print(t)
    if result.people:
        t = Table(title=_text("People"), title_justify="left")
        for col in ("Name", "Organization", "Role", "Articles"):
            t.add_column(col)
        for p in result.people:
            _row(t, p["name"], p["org"] or "-", p["role"] or "-", str(p["articles"]))
        con.print(t)
    if result.evidence:
        t = Table(title=_text("Evidence"), title_justify="left", show_lines=True)
        for col in ("Evidence", "Status", "Article"):
            t.add_column(col, overflow="fold")
        for e in result.evidence:
            a = e["article"]
            _row(t, e["text"], e["status"], " | ".join(
                x for x in (a["title"] or a["id"], a["date"], a["url"]) if x))
        con.print(t)


def render_stats(stats: dict, con: Console) -> None:
    t = Table(title=_text("Graph statistics"), title_justify="left", show_header=False)
    t.add_column("What")
    t.add_column("Value", overflow="fold")
    for k, v in stats.items():
        if k == "top_organizations":
            v = ", ".join(f"{o['name']} ({o['cooperations']})" for o in v) or "-"
        elif k == "cooperations_by_status":
            v = ", ".join(f"{s} {n}" for s, n in v.items()) or "-"
        _row(t, k.replace("_", " "), "-" if v is None else str(v))
    con.print(t)


def render_ingest(report: IngestReport, con: Console) -> None:
    con.print(_text(report.summary()))
