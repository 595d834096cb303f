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


def main() -> None:
    try:
        cli(prog_name="koop")
    except BrokenPipeError:  # e.g. koop extract ... | head
        sys.stderr.close()


if __name__ == "__main__":
    main()
