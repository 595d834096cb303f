"""Takes the README's screenshot of the web app: docs/img/web-app.png.

Builds a graph from the seed articles (``../shared/seeds``) in a temporary
folder, starts ``koop serve`` on a free port, opens the page in Debian's
chromium (headless, driven by Playwright), searches "Leica", clicks the
Leica–Apple edge and saves the window. Needs what ``./run-tests.sh`` installs:
``python tools/web_screenshot.py [OUT.png]``.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import koop
from koop.web import Server, WebSettings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
OUT = ROOT / "docs" / "img" / "web-app.png"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def main(out: Path = OUT) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "seeds.db"
        with koop.open(db) as g:
            g.ingest(SEEDS)
        server = Server(WebSettings(db=str(db)), port=0, log_level="warning").start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                            args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1500, "height": 860})
                page.goto(server.url)
                page.wait_for_selector("body[data-busy='false']")
                page.fill("#search", "Leica")
                page.locator("#search-results button[data-org='leica-camera']").click()
                page.wait_for_selector("#org-panel:not([hidden])")
                page.wait_for_selector("body[data-busy='false']")
                page.wait_for_selector("#graph-pane[data-layout='done']")
                page.evaluate("() => window.koop.showCooperation(window.koop.data.edges"
                              ".find(e => e.status === 'failed').cooperation_id)")
                page.wait_for_selector("#evidence-panel:not([hidden])")
                page.wait_for_selector("body[data-busy='false']")
                page.locator("#org-panel").evaluate("el => el.hidden = true")  # evidence on top
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out))
                browser.close()
        finally:
            server.stop()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
