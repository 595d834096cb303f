"""The ``koop`` command: thin commands over the library API."""
from __future__ import annotations

import json
import logging
import sys

import click

from . import __version__
from .errors import KoopError


def _echo_json(obj, indent=None) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=indent))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="koop")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """koop reads business news and maps who cooperates with whom.

    Example:

        koop extract --format pretty examples/
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=level, format="koop: %(levelname)s: %(message)s")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "pretty"]), default="jsonl",
              show_default=True, help="jsonl: one object per line; json: one array; pretty: for people.")
@click.option("--lang", type=click.Choice(["de", "en"]), default=None,
              help="Force the language instead of detecting it per document.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
def extract(paths: tuple[str, ...], fmt: str, lang: str | None, progress: bool | None) -> None:
    """Extract organizations, cooperations, people, quotes and dates.

    PATHS are .txt, .html or .jsonl files, folders, or - for stdin.

    Example:

        koop extract --format jsonl articles.jsonl > facts.jsonl
    """
    from .extraction import extract_paths
    from .render import render_pretty

    try:
        results = extract_paths(paths, lang=lang, progress=progress)
        if fmt == "json":
            _echo_json([a.to_dict() for a in results], indent=1)
            return
        for a in results:
            if fmt == "pretty":
                click.echo(render_pretty(a))
            else:
                _echo_json(a.to_dict())
    except KoopError as e:
        raise click.ClickException(str(e)) from None


@cli.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--task", type=click.Choice(["coop", "ner"]), default=None,
              help="coop: cooperation pairs; ner: entity spans (default: from the gold file).")
@click.option("--labels", default="ORG,PER", show_default=True, help="Labels scored by --task ner.")
@click.option("--errors", is_flag=True, help="List every false positive, miss and status error.")
def eval_cmd(gold: str, task: str | None, labels: str, errors: bool) -> None:
    """Score extraction against a gold file (same figures as the reference scorer).

    Texts come from the sibling X.jsonl of X.gold.jsonl, or from the gold
    lines themselves (NER gold carries its text).

    Example:

        koop eval data/seeds.gold.jsonl --errors
    """
    from .extraction import evaluate_gold
    from .evaluate import summary_line

    try:
        result = evaluate_gold(gold, task=task, labels=labels.split(","), errors=errors)
    except KoopError as e:
        raise click.ClickException(str(e)) from None
    _echo_json(result, indent=1)
    click.echo(summary_line(result))



# -- the cooperation graph -----------------------------------------------------

def db_option(f):
    """--db shared by the graph commands (default: $KOOP_DB, else ./koop.db)."""
    return click.option(
        "--db", "db", envvar="KOOP_DB", default="koop.db", show_default=True,
        show_envvar=True, help="Graph database: a SQLite file path or a SQLAlchemy URL.")(f)


def output_option(f):
    """--format table|json shared by the query commands."""
    return click.option("--format", "fmt", type=click.Choice(["table", "json"]),
                        default="table", show_default=True,
                        help="table: readable; json: for programs.")(f)


def _open_graph(db: str, create: bool = False):
    from .graph import open_graph

    try:
        return open_graph(db, create=create)
    except KoopError as e:
        raise click.ClickException(str(e)) from None


def _query(db: str, call):
    """Open the graph, run ``call(graph)``, turn koop errors into click errors."""
    graph = _open_graph(db)
    try:
        return graph, call(graph)
    except KoopError as e:
        graph.close()
        raise click.ClickException(str(e)) from None


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extraction processes.")
@click.option("--lang", type=click.Choice(["de", "en"]), default=None,
              help="Force the language instead of detecting it per article.")
@click.option("--timeout", type=float, default=20.0, show_default=True,
              help="Seconds before a web request gives up.")
@click.option("--max-bytes", type=int, default=5_000_000, show_default=True,
              help="Largest web page or feed fetched.")
@click.option("--delay", type=float, default=0.5, show_default=True,
              help="Minimum seconds between two requests to the same host.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
def ingest(inputs: tuple[str, ...], db: str, jobs: int, lang: str | None, timeout: float,
           max_bytes: int, delay: float, progress: bool | None) -> None:
    """Extract articles into the cooperation graph database.

    INPUTS are folders, .txt/.html/.jsonl/.warc/.warc.gz files, feed files
    (.rss/.atom), http(s) URLs of pages or RSS/Atom feeds (each item's link
    is fetched), or - for stdin. Articles already stored (same URL or same
    text) and files unchanged since the last run are skipped, so running it
    again only adds what is new. Near-duplicate copies of a story are grouped.

    Example:

        koop ingest --db news.db -j 2 articles/ https://example.com/feed.xml
    """
    from .io.web import FetchOptions, is_http_url
    from pathlib import Path

    for inp in inputs:
        if inp != "-" and not is_http_url(inp) and not Path(inp).exists():
            raise click.BadParameter(f"'{inp}' is neither a file, a folder nor an http(s) URL.",
                                     param_hint="INPUTS")
    graph = _open_graph(db, create=True)
    try:
        report = graph.ingest(list(inputs), jobs=jobs, lang=lang, progress=progress,
                              fetch=FetchOptions(timeout=timeout, max_bytes=max_bytes,
                                                 per_host_delay=delay))
    except KoopError as e:
        raise click.ClickException(str(e)) from None
    finally:
        graph.close()
    click.echo(report.summary(), err=True)


@cli.command()
@click.argument("org")
@db_option
@output_option
def show(org: str, db: str, fmt: str) -> None:
    """An organization's partners: status, since, sources and latest evidence.

    ORG is a name, alias or id; typos are tolerated.

    Example:

        koop show Leica
    """
    from .graph_render import console, render_show

    graph, report = _query(db, lambda g: g.show(org))
    graph.close()
    if fmt == "json":
        _echo_json(report.to_dict(), indent=1)
    else:
        render_show(report, console())


@cli.command()
@click.argument("org")
@db_option
@output_option
def timeline(org: str, db: str, fmt: str) -> None:
    """An organization's cooperations in date order: start dates and every
    reported status (planned, talks, announced, active, failed, ended).

    Example:

        koop timeline Leica
    """
    from dataclasses import asdict

    from .graph_render import console, render_timeline

    graph, (found, events) = _query(db, lambda g: (g.org(org), g.timeline(org)))
    graph.close()
    if fmt == "json":
        _echo_json({"org": asdict(found), "events": [asdict(e) for e in events]}, indent=1)
    else:
        render_timeline(found, events, console())


@cli.command()
@click.argument("org")
@db_option
@click.option("--depth", type=click.IntRange(1, 5), default=1, show_default=True,
              help="2: partners of partners too.")
@output_option
def partners(org: str, db: str, depth: int, fmt: str) -> None:
    """Partners of an organization, and with --depth 2 their partners.

    Example:

        koop partners Leica --depth 2
    """
    from dataclasses import asdict

    from .graph_render import console, render_partners

    graph, (found, hits) = _query(db, lambda g: (g.org(org), g.partners(org, depth)))
    graph.close()
    if fmt == "json":
        _echo_json({"org": asdict(found), "partners": [asdict(h) for h in hits]}, indent=1)
    else:
        render_partners(found, hits, console())


@cli.command()
@click.argument("text")
@db_option
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True,
              help="Most results per kind.")
@output_option
def search(text: str, db: str, limit: int, fmt: str) -> None:
    """Find organizations, people and evidence sentences containing TEXT.

    Example:

        koop search "L-Mount"
    """
    from dataclasses import asdict

    from .graph_render import console, render_search

    graph, result = _query(db, lambda g: g.search(text, limit))
    graph.close()
    if fmt == "json":
        _echo_json(asdict(result), indent=1)
    else:
        render_search(text, result, console())


@cli.command()
@db_option
@output_option
def stats(db: str, fmt: str) -> None:
    """Counts of articles, independent reports, organizations and cooperations.

    Example:

        koop stats --db news.db
    """
    from .graph_render import console, render_stats

    graph, result = _query(db, lambda g: g.stats())
    graph.close()
    if fmt == "json":
        _echo_json(result, indent=1)
    else:
        render_stats(result, console())


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["graphml", "csv", "json", "jsonld"]),
              default="graphml", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(), default=None,
              help="File to write (csv: a folder gets nodes/edges/observations.csv); "
                   "default stdout.")
def export(db: str, fmt: str, output: str | None) -> None:
    """Export the whole graph: GraphML (Gephi, yEd), CSV, JSON or JSON-LD (schema.org).

    Example:

        koop export --format graphml -o koop.graphml
    """
    graph, text = _query(db, lambda g: g.export(fmt, output))
    graph.close()
    if text is not None:
        click.echo(text, nl=False)


def main() -> None:
    try:
        cli(prog_name="koop")
    except BrokenPipeError:  # e.g. koop extract ... | head
        sys.stderr.close()


if __name__ == "__main__":
    main()
