"""The page's assets: shipped with the package, built from the npm lock file,
and written so that article text can never become markup."""
from __future__ import annotations

import json
import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

from web_helpers import ROOT

STATIC = ROOT / "koop" / "web" / "static"


def test_vendor_assets_match_the_lock_file():
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text())
    pkg = json.loads((ROOT / "web" / "package.json").read_text())
    built = json.loads((STATIC / "vendor" / "VERSIONS.json").read_text())
    for name, version in built.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
        assert pkg["dependencies"][name] == version  # pinned exactly
    assert set(built) == {"sigma", "graphology", "graphology-layout-forceatlas2",
                          "graphology-communities-louvain"}
    licences = (STATIC / "vendor" / "koop-graph.LICENSE.txt").read_text(encoding="utf-8")
    for name, version in built.items():
        assert f"== {name}@{version} ==" in licences
    bundle = (STATIC / "vendor" / "koop-graph.js").read_text(encoding="utf-8")
    assert bundle.startswith(("var koopGraphLib=", '"use strict";var koopGraphLib='))
    # axe-core is for the tests only: next to them, never in the package
    axe = json.loads((ROOT / "tests" / "web" / "vendor" / "VERSIONS.json").read_text())
    assert lock["packages"]["node_modules/axe-core"]["version"] == axe["axe-core"]
    assert pkg["devDependencies"]["axe-core"] == axe["axe-core"]
    assert not list(STATIC.rglob("axe*"))


def test_every_static_file_is_package_data():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = conf["tool"]["setuptools"]["package-data"]["koop"]
    files = [p.relative_to(ROOT / "koop").as_posix() for p in STATIC.rglob("*") if p.is_file()]
    assert {"web/static/index.html", "web/static/app.js", "web/static/app.css",
            "web/static/vendor/koop-graph.js", "web/static/vendor/fa2-worker.js"} <= set(files)
    for f in files:
        assert any(fnmatch(f, pat) and f.count("/") == pat.count("/") for pat in patterns), f


def test_app_js_never_parses_data_as_html():
    modules = sorted(STATIC.glob("*.js"))
    assert {p.name for p in modules} >= {"app.js", "dom.js", "evidence.js", "graph-view.js"}
    for path in modules:
        js = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                     "new Function", "setAttribute(\"on", "javascript:"):
            assert sink not in js, f"{path.name} uses {sink}"


def test_index_html_has_no_inline_code_or_remote_assets():
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all('src="/static/' in s for s in scripts)
    assert not re.search(r"\son[a-z]+\s*=", html)  # no inline event handlers
    assert not re.search(r"<style\b|\sstyle\s*=", html)  # CSP: style-src 'self'
    assert not re.search(r"(src|href)=\"(https?:)?//", html)


def test_frontend_build_script_copies_what_is_committed():
    script = (ROOT / "web" / "build.mjs").read_text()
    for name in json.loads((STATIC / "vendor" / "VERSIONS.json").read_text()):
        assert f'"{name}"' in script
    assert Path(ROOT / ".gitignore").read_text().count("node_modules") == 1
