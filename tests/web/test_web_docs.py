"""docs/web.md and the README describe what the web app really offers."""
from __future__ import annotations

import re

from web_helpers import ROOT

from koop.cli import cli
from koop.web import WebSettings, create_app
from koop.errors import MESSAGES

WEB_MD = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")


def test_every_serve_option_is_documented():
    for param in cli.commands["serve"].params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt != "--help":
                assert f"`{opt}`" in WEB_MD, f"koop serve {opt} is not in docs/web.md"


def test_every_route_is_documented(seeds_db):
    paths = create_app(WebSettings(db=str(seeds_db))).openapi()["paths"]
    routes = [(m.upper(), p) for p, ops in paths.items() for m in ops]
    assert len(routes) >= 10
    for method, path in routes:
        assert f"`{method} {path}" in WEB_MD, f"{method} {path} is not in docs/web.md"


def test_every_setting_and_error_code_is_documented():
    for name in WebSettings.__dataclass_fields__:
        if name != "db":
            assert f"WebSettings.{name}" in WEB_MD or f"`{name}`" in WEB_MD, name
    for code in (c for c in MESSAGES if c.startswith("E05")):  # the web app's codes
        assert f"`{code}`" in WEB_MD, f"{code} is not in docs/web.md"


def test_readme_shows_the_page_and_the_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Web app", 1)[1].split("\n## ", 1)[0]
    assert "koop serve" in section
    image = re.search(r"!\[[^\]]*\]\(([^)]+\.png)\)", section).group(1)
    png = (ROOT / image).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
