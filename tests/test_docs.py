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
