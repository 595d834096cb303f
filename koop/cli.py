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


NOISY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability", "warcio")

# exit status of a command that finished but skipped some inputs (0: all read,
# 1: stopped by an error, 2: usage error); docs/limits.md
EXIT_SKIPPED = 3


def limit_option(name: str):
    """The CLI option of a limit declared in ``koop/limits.py`` (default: its env var,
    else ``koop/defaults.toml``)."""
    from .limits import BY_NAME

    lim = BY_NAME[name]
    default = lim.default
    shown = ", ".join(default) or "none" if isinstance(default, tuple) else \
        str(default).lower() if isinstance(default, bool) else f"{default:_}".replace("_", ",")
    help = f"{lim.help} [env: {lim.env}; default: {shown}]"
    if lim.kind == "bool":
        no = lim.option.replace("--allow-", "--refuse-")
        return click.option(f"{lim.option}/{no}", name, default=None, help=help)
    if lim.kind == "networks":
        return click.option(lim.option, name, multiple=True, metavar="CIDR", help=help)
    typ = click.IntRange(min=int(lim.minimum)) if lim.kind == "int" else \
        click.FloatRange(min=lim.minimum)
    return click.option(lim.option, name, type=typ, default=None, help=help)


def report_issues(issues, what: str) -> bool:
    """Print one line per issue on stderr (``path-or-url: reason (Exxx)``), then a count.

    RETURNS (bool): True if anything was skipped.
    """
    from .io.content import printable

    skipped = [i for i in issues if i.skipped]
    for issue in issues:
        click.echo(printable(issue.line()), err=True)
    if skipped:
        click.echo(f"koop: skipped {len(skipped)} {what}{'s' if len(skipped) != 1 else ''} "
                   "(see above)", err=True)
    return bool(skipped)


# --kb FILE: the user's organizations join the shipped KB; the command hands the paths
# to the pipeline it builds (worker processes get them in the pipeline factory).
kb_option = click.option("--kb", "kb_files", multiple=True,
                         type=click.Path(exists=True, dir_okay=False), metavar="FILE",
                         help="Your own organizations (JSONL, see docs/knowledge-base.md); repeatable.")


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
    # the HTML libraries log routine trouble with bad pages as warnings and errors; koop
    # reports what it skipped itself (one line per input), so show them only with -vv
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG if verbose >= 2 else logging.CRITICAL)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "pretty"]), default="jsonl",
              show_default=True, help="jsonl: one object per line; json: one array; pretty: for people.")
@click.option("--lang", type=click.Choice(["de", "en"]), default=None,
              help="Force the language instead of detecting it per document.")
@click.option("--progress/--no-progress", default=None,
              help="Progress on stderr, with running counts. Default: a bar on a terminal, "
                   "else a status line every 10 s; --progress: always a bar.")
@limit_option("max_document_bytes")
@kb_option
def extract(paths: tuple[str, ...], fmt: str, lang: str | None, progress: bool | None,
            max_document_bytes: int | None, kb_files: tuple[str, ...]) -> None:
    """Extract organizations, cooperations, people, quotes and dates.

    PATHS are .txt, .html or .jsonl files, folders, or - for stdin. An input
    that cannot be used (binary, empty, too large, a broken JSONL line ...)
    is skipped; the end of the output lists each one with its reason on
    stderr, and the exit status is 3.

    Example:

        koop extract --format jsonl articles.jsonl > facts.jsonl
    """
    from pathlib import Path

    from .extraction import extract_paths
    from .limits import cli_value
    from .render import render_pretty

    for p in paths:  # a typo on the command line stops at once
        if p != "-" and not Path(p).exists():
            raise click.ClickException(str(KoopError("E010", path=p,
                                                     reason="No such file or directory")))
    issues: list = []
    try:
        results = extract_paths(paths, lang=lang, progress=progress, issues=issues.append,
                                max_bytes=cli_value("max_document_bytes", max_document_bytes),
                                kb_paths=kb_files)
        if fmt == "json":
            _echo_json([a.to_dict() for a in results], indent=1)
        else:
            for a in results:
                if fmt == "pretty":
                    click.echo(render_pretty(a))
                else:
                    _echo_json(a.to_dict())
    except KoopError as e:
        raise click.ClickException(str(e)) from None
    if report_issues(issues, "input"):
        sys.exit(EXIT_SKIPPED)


@cli.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--task", type=click.Choice(["coop", "ner"]), default=None,
              help="coop: cooperation pairs; ner: entity spans (default: from the gold file).")
@click.option("--labels", default="ORG,PER", show_default=True, help="Labels scored by --task ner.")
@click.option("--errors", is_flag=True, help="List every false positive, miss and status error.")
@kb_option
def eval_cmd(gold: str, task: str | None, labels: str, errors: bool,
             kb_files: tuple[str, ...]) -> None:
    """Score extraction against a gold file (same figures as the reference scorer).

    Texts come from the sibling X.jsonl of X.gold.jsonl, or from the gold
    lines themselves (NER gold carries its text).

    Example:

        koop eval tests/resources/mini.gold.jsonl --errors
    """
    from .extraction import evaluate_gold
    from .evaluate import error_lines, summary_line

    try:
        result = evaluate_gold(gold, task=task, labels=labels.split(","), errors=errors,
                               kb_paths=kb_files)
    except KoopError as e:
        raise click.ClickException(str(e)) from None
    listed = result.pop("errors", None)
    _echo_json(result, indent=1)
    click.echo(summary_line(result))
    if errors:
        for line in error_lines({**result, "errors": listed}):
            click.echo(line)



@cli.command(name="train")
@click.argument("what", type=click.Choice(["all", "ner", "pairs"]), default="all")
@click.option("--lang", "langs", default="de,en", show_default=True,
              help="Languages, comma-separated (see koop/models/MODEL_CARD.md).")
@click.option("--ner-lang", "ner_langs", multiple=True, type=click.Choice(["de", "en"]),
              help="Also train the entity recogniser for this language (not shipped yet).")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False), default=None,
              help="The corpus folder [default: corpus/ of this checkout].")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Where the models go [default: koop/models, the shipped ones].")
@click.option("--extra-dev", "extra_dev", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Another gold file (X.gold.jsonl beside X.jsonl) to tune thresholds on, "
                   "used for the languages of its articles.")
@click.option("--sample", type=click.IntRange(1), default=None,
              help="Use only this many articles per split (a quick check).")
@click.option("--seed", type=int, default=13, show_default=True, help="Random seed.")
def train_cmd(what: str, langs: str, ner_langs: tuple[str, ...], corpus: str | None, out: str | None,
              extra_dev: tuple[str, ...], sample: int | None, seed: int) -> None:
    """Rebuild koop's models from the annotated corpus (needs 'koop[train]').

    Trains the entity recogniser, then the pair and status models on what the
    pipeline with it extracts; thresholds are chosen on the dev split. German
    texts that the repository may not hold must be rebuilt first
    (python corpus/tools/rebuild_texts.py).

    Example:

    \b
        koop train all --extra-dev ../shared/data/gnad-dev.gold.jsonl \\
            --extra-dev ../shared/data/reuters-dev.gold.jsonl
        koop train all --lang en --ner-lang en --out /tmp/models-en
    """
    from pathlib import Path

    try:
        from .training.data import DEFAULT_CORPUS
        from .training.run import train_all
        from .pipeline.entities.learned import MODEL_DIR
        import sklearn  # noqa: F401
    except ImportError as e:
        raise click.ClickException(f"training needs the train extra (pip install 'koop[train]'): {e}")
    chosen = [x.strip() for x in langs.split(",") if x.strip()]
    bad = [x for x in chosen if x not in ("de", "en")]
    if bad:
        raise click.BadParameter(f"unknown language {bad[0]!r} (de, en)", param_hint="--lang")
    extra: dict[str, list[Path]] = {}
    for path in map(Path, extra_dev):
        with open(path.with_name(path.name.replace(".gold.jsonl", ".jsonl")), encoding="utf-8") as fh:
            first = json.loads(fh.readline())
        extra.setdefault(first.get("lang") or "de", []).append(path)
    try:
        train_all(Path(corpus) if corpus else DEFAULT_CORPUS, Path(out) if out else MODEL_DIR, chosen,
                  what, sample, seed, extra, ner_langs=ner_langs, echo=lambda m: click.echo(m, err=True))
    except KoopError as e:
        raise click.ClickException(str(e)) from None


# -- the cooperation graph -----------------------------------------------------

def db_option(f):
    """--db shared by the graph commands (default: $KOOP_DB, else ./koop.db)."""
    return click.option(
        "--db", "db", envvar="KOOP_DB", default="koop.db", show_default=True,
        show_envvar=True, help="Graph database: a SQLite file path, or a URL such as "
                               "postgresql://user@host/koop (pip install 'koop[postgres]').")(f)


def output_option(f):
    """--format table|json shared by the query commands."""
    return click.option("--format", "fmt", type=click.Choice(["table", "json"]),
                        default="table", show_default=True,
                        help="table: readable; json: for programs.")(f)


log = logging.getLogger("koop.cli")


def _open_graph(db: str, create: bool = False):
    import time

    from .graph import open_graph

    started = time.perf_counter()
    try:
        graph = open_graph(db, create=create)
    except KoopError as e:
        raise click.ClickException(str(e)) from None
    log.info("opened %r in %.2f s", graph, time.perf_counter() - started)
    return graph


def _query(db: str, call):
    """Open the graph, run ``call(graph)``, turn koop errors into click errors."""
    import time

    graph = _open_graph(db)
    started = time.perf_counter()
    try:
        result = call(graph)
    except KoopError as e:
        graph.close()
        raise click.ClickException(str(e)) from None
    log.info("query answered in %.2f s", time.perf_counter() - started)
    return graph, result


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extraction processes.")
@click.option("--lang", type=click.Choice(["de", "en"]), default=None,
              help="Force the language instead of detecting it per article.")
@limit_option("max_document_bytes")
@limit_option("fetch_timeout")
@limit_option("max_redirects")
@limit_option("max_response_bytes")
@limit_option("fetch_retries")
@limit_option("per_host_delay")
@limit_option("allow_private_urls")
@limit_option("allowed_networks")
@click.option("--progress/--no-progress", default=None,
              help="Progress on stderr, with running counts. Default: a bar on a terminal, "
                   "else a status line every 10 s; --progress: always a bar.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT|local:N",
              help="Read and extract on a Dask cluster: a running scheduler's address, or "
                   "local:N for N local worker processes (pip install 'koop[scale]').")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="With --scheduler: articles per Dask task and per write transaction.")
@kb_option
def ingest(inputs: tuple[str, ...], db: str, jobs: int, lang: str | None, progress: bool | None,
           scheduler: str | None, batch_size: int, kb_files: tuple[str, ...], **limits) -> None:
    """Extract articles into the cooperation graph database.

    INPUTS are folders, .txt/.html/.jsonl/.warc/.warc.gz files, feed files
    (.rss/.atom), http(s) URLs of pages or RSS/Atom feeds (each item's link
    is fetched), or - for stdin. Articles already stored (same URL or same
    text) and files unchanged since the last run are skipped, so running it
    again only adds what is new. Near-duplicate copies of a story are grouped.
    With --scheduler, Dask workers read and extract the inputs and this
    process writes (docs/scaling.md); the graph is the same.

    An input that cannot be used (binary, empty, too large, broken, a URL
    that fails or points to a private address) is skipped and the run goes
    on; at the end each one is listed on stderr with its reason, and the exit
    status is 3. docs/limits.md lists the limits and how to change them.

    Example:

    \b
        koop ingest --db news.db -j 2 articles/ https://example.com/feed.xml
        koop ingest --db postgresql://koop@dbhost/koop \\
                    --scheduler tcp://head:8786 crawl/
    """
    from pathlib import Path

    from functools import partial

    from .io.web import FetchOptions, is_http_url
    from .limits import cli_value
    from .pipeline.runner import default_pipeline

    if scheduler is not None:
        from .ingest.dask_cluster import parse_scheduler

        try:
            parse_scheduler(scheduler)
        except KoopError as e:
            raise click.BadParameter(e.message, param_hint="--scheduler") from None
        if jobs > 1:
            raise click.BadParameter("use either -j (local processes) or --scheduler (Dask).",
                                     param_hint="--jobs")

    for inp in inputs:
        if inp != "-" and not is_http_url(inp) and not Path(inp).exists():
            raise click.BadParameter(f"'{inp}' is neither a file, a folder nor an http(s) URL.",
                                     param_hint="INPUTS")
    try:
        value = {name: cli_value(name, given) for name, given in limits.items()}
    except KoopError as e:
        raise click.ClickException(str(e)) from None
    fetch = FetchOptions(timeout=value["fetch_timeout"], max_bytes=value["max_response_bytes"],
                         max_redirects=value["max_redirects"], retries=value["fetch_retries"],
                         per_host_delay=value["per_host_delay"],
                         allow_private_urls=value["allow_private_urls"],
                         allowed_networks=value["allowed_networks"])
    graph = _open_graph(db, create=True)
    try:
        report = graph.ingest(list(inputs), jobs=jobs, lang=lang, progress=progress,
                              fetch=fetch, scheduler=scheduler, batch_size=batch_size,
                              max_document_bytes=value["max_document_bytes"],
                              pipeline_factory=partial(default_pipeline, kb_files) if kb_files else None)
    except KoopError as e:
        raise click.ClickException(str(e)) from None
    finally:
        graph.close()
    skipped = report_issues(report.issues, "input") or report.failed > 0
    click.echo(report.summary(), err=True)
    if skipped:
        sys.exit(EXIT_SKIPPED)


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


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 opens the server to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="TCP port (0: any free port).")
@click.option("--token-file", type=click.Path(dir_okay=False), default=None,
              help="File holding the API token that allows POST /api/articles "
                   "(default: $KOOP_API_TOKEN; without a token the server is read-only).")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Let pages from ORIGIN call the API (repeatable; default: none).")
@click.option("--allow-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Also answer requests for this host name, e.g. a reverse proxy's "
                   "(repeatable; '*': any). Default: only the names koop listens on.")
def serve(db: str, host: str, port: int, token_file: str | None,
          cors_origins: tuple[str, ...], allowed_hosts: tuple[str, ...]) -> None:
    """Browse the cooperation graph in a web browser, with an HTTP API.

    Serves the page (network, search, filters, timeline, evidence) and the
    JSON API under /api (OpenAPI description at /openapi.json) until Ctrl+C.

    Example:

        koop serve --db news.db --port 8000
    """
    from .web import Server, WebSettings, read_token
    from .web.server import is_loopback

    try:
        settings = WebSettings(db=db, token=read_token(token_file),
                               cors_origins=tuple(cors_origins),
                               allowed_hosts=tuple(allowed_hosts))
        server = Server(settings, host=host, port=port)
    except KoopError as e:
        raise click.ClickException(str(e)) from None
    mode = "read-only" if settings.read_only else "writes allowed with the API token"
    click.echo(f"koop: serving {server.store.path or server.store.url} at {server.url} ({mode}); "
               "Ctrl+C stops.", err=True)
    if not is_loopback(host):
        click.echo(f"koop: warning: listening on {host}: anyone who can reach this machine "
                   "can read the graph.", err=True)
    try:
        server.run()
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl+C after a clean shutdown
        pass
    click.echo("koop: server stopped.", err=True)


def main() -> None:
    try:
        cli(prog_name="koop")
    except BrokenPipeError:  # e.g. koop extract ... | head
        sys.stderr.close()


if __name__ == "__main__":
    main()
