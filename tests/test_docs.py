"""Every CLI command is documented: help text and an Example: block."""
import click
import pytest

from koop.cli import cli


def _commands(group, prefix=()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))


COMMANDS = list(_commands(cli))


def test_there_are_commands():
    names = {path[-1] for path, _ in COMMANDS}
    assert {"extract", "eval"} <= names


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=lambda x: " ".join(x) if isinstance(x, tuple) else "")
def test_command_documented(path, cmd):
    assert cmd.help and cmd.help.strip(), f"koop {' '.join(path)} has no help text"
    assert cmd.get_short_help_str().strip()
    assert "Example:" in cmd.help, f"koop {' '.join(path)} has no Example: block"
    example = cmd.help.split("Example:", 1)[1]
    assert f"koop {' '.join(path)}" in example


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=lambda x: " ".join(x) if isinstance(x, tuple) else "")
def test_options_documented(path, cmd):
    for param in cmd.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"koop {' '.join(path)} {param.opts[0]} has no help"


def test_group_documented():
    assert cli.help and "Example:" in cli.help


def _example_lines(path, width=80):
    """The Example: block of ``koop PATH --help`` as printed at ``width`` columns."""
    from click.testing import CliRunner

    out = CliRunner().invoke(cli, [*path, "--help"], terminal_width=width).output
    block = out.split("Example:", 1)[1].split("Options:", 1)[0]
    return [line.strip() for line in block.splitlines() if line.strip()]


@pytest.mark.issue(14)
@pytest.mark.parametrize("path,cmd", COMMANDS, ids=lambda x: " ".join(x) if isinstance(x, tuple) else "")
def test_help_examples_are_whole_commands_at_80_columns(path, cmd):
    """Each example line is a whole command (or a continuation after a backslash):
    click must not re-wrap an example in the middle of a command."""
    lines = _example_lines(path)
    assert lines
    for before, line in zip([""] + lines, lines):
        assert line.startswith("koop ") or before.endswith("\\"), (path, line)


@pytest.mark.issue(14)
@pytest.mark.parametrize("path,cmd", COMMANDS, ids=lambda x: " ".join(x) if isinstance(x, tuple) else "")
def test_help_examples_name_files_that_exist(path, cmd):
    """A file an example names by a path inside the repository (a/b.jsonl) exists."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for line in _example_lines(path):
        for word in line.split():
            if re.fullmatch(r"[\w-][\w./-]*/[\w.-]+\.(jsonl|json|txt|html?|warc(\.gz)?)", word):
                assert (root / word).exists(), f"koop {' '.join(path)} --help names {word}"


def test_eval_help_example_runs():
    """The example of ``koop eval --help`` runs as printed (from the repository root)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    line, = _example_lines(("eval",))
    proc = subprocess.run([sys.executable, "-m", *line.split()], cwd=root, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(root)})
    assert proc.returncode == 0, proc.stderr
    assert "coop pairs: P=1.000 R=1.000 F1=1.000" in proc.stdout
