"""The README's and docs/' examples run as written (issue 14, item 18).

Every ```python block of a file runs, in order, in one Python process (later
blocks may use names of earlier ones); every ```bash block runs with bash in
the same sandbox: a temporary folder holding the inputs the examples name
(examples/, articles/, crawl/, article.txt, tests/resources/), `koop` on the
PATH running this checkout, and no network (an unreachable proxy).

Skipped, with the reason in the test report:
- single lines that cannot run here (SKIP_LINES): installing packages, the
  test suite itself, benchmarks, servers that run until Ctrl+C, remote
  PostgreSQL and Dask hosts;
- on a machine without ../shared/ (the project's reference material, not
  shipped with koop): the lines that name it, and the whole block when such
  a line builds the database (`koop ingest`) that later lines read.
A line whose inputs include an http(s) URL may exit with status 3 (the URL
was skipped: no network); any other failure fails the test.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# (substring of a shell line, why it cannot run in a test)
SKIP_LINES = [
    ("pip install", "installs packages from the index"),
    ("run-tests.sh", "runs the whole test suite"),
    ("python -m pytest", "runs tests itself"),
    ("python bench/", "a benchmark (minutes)"),
    ("sudo ", "needs root"),
    ("dask scheduler", "starts a Dask scheduler"),
    ("dask worker", "starts Dask workers on other machines"),
    ("koop serve", "serves until Ctrl+C"),
    ("curl ", "needs a running koop server"),
    ("@dbhost", "needs the PostgreSQL server 'dbhost'"),
    ("postgresql://koop@localhost", "needs a PostgreSQL server with a 'koop' user"),
    ("tcp://head", "needs a Dask scheduler on 'head'"),
]


def _blocks(path: Path, lang: str) -> list[tuple[int, str]]:
    """(line number, code) of each fenced block of ``lang`` in ``path``."""
    text = path.read_text(encoding="utf-8")
    return [(text[:m.start()].count("\n") + 1, m.group(1))
            for m in re.finditer(rf"^```{lang}\n(.*?)^```", text, re.S | re.M)]


def _cases(lang: str):
    for path in DOCS:
        blocks = _blocks(path, lang)
        if lang == "python" and blocks:
            yield pytest.param(path, blocks, id=path.name)
        elif lang == "bash":
            for line, code in blocks:
                yield pytest.param(path, [(line, code)], id=f"{path.name}:{line}")


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """A folder with the inputs the examples name; ../shared links to the project's
    material when this machine has it."""
    top = tmp_path_factory.mktemp("docs")
    work = top / "work"
    work.mkdir()
    examples = ROOT / "examples"
    shutil.copytree(examples, work / "examples")
    for name in ("articles", "crawl"):
        shutil.copytree(examples, work / name)
    shutil.copy(examples / "volkswagen-bosch-joint-venture.de.txt", work / "article.txt")
    shutil.copytree(ROOT / "tests" / "resources", work / "tests" / "resources")
    if SHARED.is_dir():
        (top / "shared").symlink_to(SHARED, target_is_directory=True)
    bin_dir = top / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "koop"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m koop "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOOP_")}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
               HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9",
               http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9",
               NO_PROXY="", no_proxy="", COLUMNS="80")
    return work, env


def _needs_absent_shared(code: str) -> bool:
    return "../shared/" in code and not SHARED.is_dir()


SKIP_LINES.append(("../shared/" if not SHARED.is_dir() else "\0",
                   "needs ../shared/ (project material, not shipped)"))


def _commands(code: str) -> list[str]:
    """The block's shell lines, backslash continuations joined; a heredoc stays whole."""
    lines, out, heredoc = code.splitlines(), [], None
    for line in lines:
        if heredoc is not None:
            out[-1] += "\n" + line
            if line.strip() == heredoc:
                heredoc = None
            continue
        if out and out[-1].endswith("\\"):
            out[-1] = out[-1][:-1] + " " + line.strip()
        else:
            out.append(line)
        m = re.search(r"<<'?(\w+)'?", line)
        if m:
            heredoc = m.group(1)
    return out


@pytest.mark.parametrize("path,blocks", list(_cases("bash")))
def test_shell_examples_run(path, blocks, sandbox):
    work, env = sandbox
    (line, code), = blocks
    if any(_needs_absent_shared(cmd) and "koop ingest" in cmd for cmd in _commands(code)):
        pytest.skip(f"{path.name}:{line} builds its database from ../shared/ (project material, "
                    "not shipped)")
    script, skipped = ["set -e"], []
    for cmd in _commands(code):
        why = next((reason for pattern, reason in SKIP_LINES if pattern in cmd), None)
        if why:
            skipped.append(f"{cmd.split(chr(10))[0]!r}: {why}")
            continue
        if re.search(r"\bkoop ingest\b.*https?://", cmd):
            cmd = f"{cmd} || [ $? -eq 3 ]"  # the URL input is skipped (no network): exit 3
        script.append(cmd)
    proc = subprocess.run(["bash", "-c", "\n".join(script)], cwd=work, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (f"{path.name}:{line} failed:\n{proc.stdout[-3000:]}\n"
                                  f"{proc.stderr[-3000:]}")
    if skipped and len(script) == 1:
        pytest.skip(f"{path.name}:{line}: " + "; ".join(skipped))


DRIVER = """
import json, sys, traceback
ns = {"__name__": "__docs__"}
for line, code in json.load(sys.stdin):
    try:
        exec(compile(code, f"{sys.argv[1]}:{line}", "exec"), ns)
    except Exception:
        traceback.print_exc()
        sys.exit(f"the example at {sys.argv[1]}:{line} failed")
"""


@pytest.mark.parametrize("path,blocks", list(_cases("python")))
def test_python_examples_run(path, blocks, sandbox):
    work, env = sandbox
    absent = [line for line, code in blocks if _needs_absent_shared(code)]
    if absent:
        pytest.skip(f"{path.name}: the examples at lines {absent} need ../shared/")
    proc = subprocess.run([sys.executable, "-c", DRIVER, path.name], input=json.dumps(blocks),
                          cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]


def test_the_sandbox_has_no_network(sandbox):
    """The examples cannot reach the network: a URL input is skipped with E045."""
    work, env = sandbox
    proc = subprocess.run(["koop", "ingest", "--db", "net.db", "https://example.com/feed.xml"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3 and "E045" in proc.stderr


def test_every_file_with_examples_is_found():
    found = {p.name for p in DOCS if _blocks(p, "python") or _blocks(p, "bash")}
    assert {"README.md", "cli.md", "python-api.md", "web.md", "scaling.md", "limits.md"} <= found
