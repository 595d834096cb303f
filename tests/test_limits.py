"""The limits of issue 6: declared once (koop/limits.py), defaults in koop/defaults.toml,
overridden by environment variables and CLI options, and all listed in docs/limits.md."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

import koop
from koop import limits
from koop.cli import cli
from koop.errors import KoopError
from koop.ingest import IngestOptions
from koop.io.web import FetchOptions

DOCS = Path(__file__).parent.parent / "docs" / "limits.md"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for lim in limits.LIMITS:
        monkeypatch.delenv(lim.env, raising=False)


def test_defaults_file_declares_exactly_the_limits():
    with limits.DEFAULTS_FILE.open("rb") as f:
        table = tomllib.load(f)["limits"]
    assert set(table) == {lim.name for lim in limits.LIMITS}
    assert limits.shipped_defaults()["max_document_bytes"] == 5_000_000
    assert limits.shipped_defaults()["allow_private_urls"] is False  # safe by default


def _doc_rows() -> dict[str, str]:
    rows = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `") and line.count("|") >= 6:
            rows[line.split("`")[1]] = line
    return rows


@pytest.mark.parametrize("lim", limits.LIMITS, ids=lambda lim: lim.name)
def test_every_limit_is_documented_with_default_env_and_option(lim):
    row = _doc_rows().get(lim.name)
    assert row, f"{lim.name} is not in docs/limits.md"
    default = lim.default
    shown = "none" if default == () else str(default).lower() if isinstance(default, bool) \
        else str(default)
    cells = [c.strip() for c in row.split("|")]
    assert cells[2] == shown, f"{lim.name}: docs say {cells[2]}, defaults.toml {shown}"
    assert f"`{lim.env}`" in cells[3]
    assert f"`{lim.option}" in cells[4]
    options = {p.opts[0] for p in cli.commands["ingest"].params if hasattr(p, "opts")}
    assert lim.option in options


def test_environment_overrides_the_defaults(monkeypatch):
    monkeypatch.setenv("KOOP_FETCH_TIMEOUT", "3.5")
    monkeypatch.setenv("KOOP_ALLOW_PRIVATE_URLS", "yes")
    monkeypatch.setenv("KOOP_ALLOWED_NETWORKS", "10.20.0.0/16, 192.168.1.7")
    monkeypatch.setenv("KOOP_MAX_DOCUMENT_BYTES", "1_000")
    o = FetchOptions()
    assert (o.timeout, o.allow_private_urls, o.allowed_networks) == \
        (3.5, True, ("10.20.0.0/16", "192.168.1.7/32"))
    assert FetchOptions(timeout=1).timeout == 1  # an explicit value wins
    assert IngestOptions().max_document_bytes == 1000


@pytest.mark.parametrize("env,value", [("KOOP_MAX_REDIRECTS", "many"),
                                       ("KOOP_FETCH_TIMEOUT", "0"),
                                       ("KOOP_ALLOW_PRIVATE_URLS", "perhaps"),
                                       ("KOOP_ALLOWED_NETWORKS", "10.0.0.0/33"),
                                       ("KOOP_MAX_DOCUMENT_BYTES", "true")])
def test_a_bad_value_is_error_e005(monkeypatch, tmp_path, env, value):
    monkeypatch.setenv(env, value)
    with pytest.raises(KoopError) as e:
        limits.value(env[5:].lower())
    assert e.value.code == "E005" and env in e.value.message
    (tmp_path / "a.txt").write_text("Alpha und Beta.", encoding="utf-8")
    res = CliRunner().invoke(cli, ["ingest", str(tmp_path / "a.txt"), "--db",
                                   str(tmp_path / "g.db")])
    assert res.exit_code == 1 and "[E005]" in res.output and env in res.output


def test_cli_option_beats_environment_beats_default(monkeypatch, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Alpha und Beta kooperieren. " * 10, encoding="utf-8")  # 280 bytes
    monkeypatch.setenv("KOOP_MAX_DOCUMENT_BYTES", "100")
    with koop.open(tmp_path / "lib.db") as g:  # the library reads the environment too
        assert [i.code for i in g.ingest(path).issues] == ["E015"]
    res = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(tmp_path / "a.db")])
    assert res.exit_code == 3 and "more than the document size limit of 100" in res.stderr
    res = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(tmp_path / "b.db"),
                                   "--max-document-bytes", "1000"])
    assert res.exit_code == 0 and res.stderr.startswith("1 new")
    res = CliRunner().invoke(cli, ["extract", str(path)])
    assert res.exit_code == 3 and "(E015)" in res.stderr
    res = CliRunner().invoke(cli, ["extract", str(path), "--max-document-bytes", "1000"])
    assert res.exit_code == 0


def test_max_redirects_and_timeout_reach_the_fetcher(monkeypatch):
    monkeypatch.setenv("KOOP_MAX_REDIRECTS", "1")
    monkeypatch.setenv("KOOP_FETCH_RETRIES", "0")
    monkeypatch.setenv("KOOP_PER_HOST_DELAY", "0")
    monkeypatch.setenv("KOOP_MAX_RESPONSE_BYTES", "123")
    o = FetchOptions()
    assert (o.max_redirects, o.retries, o.per_host_delay, o.max_bytes) == (1, 0, 0.0, 123)
