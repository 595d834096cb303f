"""The web app on a real-size graph: 10,000 Reuters-21578 TRAIN articles
(tests/resources/reuters_train_10k.jsonl.gz, see make_reuters_fixture.py),
ingested once per test session by ``koop ingest``, served by ``koop serve`` and
driven in Debian's headless chromium. The acceptance numbers of issue 15 are
asserted here (first graph < 3 s, a filter change < 500 ms, no long task over
200 ms while the layout runs) and written to test-artifacts/web-timings.json."""
from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import httpx
import pytest
from web_helpers import RESOURCES, ROOT, artifact, copy_db

import koop
from koop.web import Server, WebSettings

pytestmark = pytest.mark.browser

FIXTURE = RESOURCES / "reuters_train_10k.jsonl.gz"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
TIMINGS: dict[str, float] = {}

# every long task (> 50 ms on the main thread) the page has, with its start time
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push({start: e.startTime, ms: e.duration});
}).observe({type: "longtask", buffered: true});
"""


def record(name: str, value: float) -> None:
    TIMINGS[name] = round(value, 1)
    artifact("web-timings.json").write_text(json.dumps(TIMINGS, indent=1) + "\n")


@pytest.fixture(scope="session")
def reuters_db(tmp_path_factory) -> Path:
    """The graph of the 10,000 articles, built by the real ``koop ingest`` (2 processes).
    KOOP_TEST_REUTERS_DB names a copy built earlier, to skip the 2-3 minutes while
    working on the page (it is copied, never changed)."""
    folder = tmp_path_factory.mktemp("reuters")
    jsonl = folder / "reuters.jsonl"
    with gzip.open(FIXTURE, "rb") as src, open(jsonl, "wb") as dst:
        shutil.copyfileobj(src, dst)
    db = folder / "reuters.db"
    if os.environ.get("KOOP_TEST_REUTERS_DB"):
        return copy_db(Path(os.environ["KOOP_TEST_REUTERS_DB"]), db)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    run = subprocess.run([sys.executable, "-m", "koop", "ingest", "--db", str(db), "-j", "2",
                          "--no-progress", str(jsonl)], capture_output=True, text=True, env=env,
                         timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] >= 9_500
    return db


@pytest.fixture(scope="module")
def big_server(reuters_db):
    server = Server(WebSettings(db=str(reuters_db)), port=0, log_level="warning").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def network(reuters_db) -> dict:
    """The whole network's size, counted from the database itself (not from the API)."""
    with sqlite3.connect(reuters_db) as conn:
        pairs = conn.execute("""select distinct a.org_id, b.org_id from cooperation_parties a
            join cooperation_parties b on a.cooperation_id = b.cooperation_id
            and a.org_id != b.org_id""").fetchall()
    partners: dict[str, set[str]] = {}
    for a, b in pairs:
        partners.setdefault(a, set()).add(b)
    return {"organizations": len(partners), "partners": partners}


def open_big(page, server, query: str = "") -> None:
    page.add_init_script(LONG_TASKS)
    page.goto(server.url + query)
    page.wait_for_selector("body[data-busy='false']")
    page.wait_for_selector("#graph-pane[data-layout='done']")


def long_tasks_after(page, start: float) -> list[float]:
    return page.evaluate(f"() => window.__longTasks.filter(t => t.start >= {start}).map(t => t.ms)")


def test_first_graph_fast_overview_and_layout_off_the_main_thread(page, big_server, network):
    from playwright.sync_api import expect

    open_big(page, big_server)
    first = page.evaluate("() => performance.getEntriesByName('koop:first-graph')[0].startTime")
    record("first_graph_ms", first)
    assert first < 3000
    info = page.locator("#graph-info")
    total = network["organizations"]
    assert total > 400
    assert info.get_attribute("data-nodes") == "200"
    assert info.get_attribute("data-total") == str(total)
    expect(info).to_contain_text(f"Showing 200 of {total:,} organizations")
    # the 200 drawn are the most connected: nobody left out has more partners
    drawn = set(page.evaluate("() => window.koop.graph.nodes()"))
    fewest = min(len(network["partners"][o]) for o in drawn)
    assert all(len(p) <= fewest for o, p in network["partners"].items() if o not in drawn)
    # communities colour the nodes; the layout spread them out (no two on one spot)
    assert page.evaluate("() => new Set(window.koop.graph.mapNodes((n, a) => a.color)).size") >= 5
    spots = page.evaluate("() => window.koop.graph.mapNodes((n, a) => a.x.toFixed(3) + ',' + a.y.toFixed(3))")
    assert len(set(spots)) == len(spots)
    layout = long_tasks_after(page, first)
    record("longest_task_during_first_layout_ms", max(layout, default=0))
    assert max(layout, default=0) < 200
    page.screenshot(path=artifact("scale-overview.png"))

    # more: the next 200, laid out again without blocking the page
    mark = page.evaluate("() => performance.now()")
    page.click("#show-more")
    expect(info).to_have_attribute("data-nodes", str(min(400, total)))
    page.wait_for_selector("#graph-pane[data-layout='done']")
    # recorded, not asserted: past ~300 nodes a frame of chromium's software WebGL
    # (SwiftShader, no GPU here) alone can take 100-250 ms on a loaded 2-core machine
    record("longest_task_during_show_more_layout_ms",
           max(long_tasks_after(page, mark), default=0))
    assert "top=400" in page.url
    assert page.errors == []


FILTER_CHANGE = """async (selector) => {
  const t0 = performance.now();
  const drawn = new Promise((resolve) => document.addEventListener('koop:drawn', resolve, {once: true}));
  const input = document.querySelector(selector);
  if (input.type === 'checkbox') input.click();
  else { input.value = '2'; input.dispatchEvent(new Event('change')); }
  await drawn;
  return performance.now() - t0;
}"""


def test_filter_change_redraws_within_500ms(page, big_server):
    open_big(page, big_server)
    times = {}
    for selector in ("#status-filter input[value='active']", "#status-filter input[value='active']",
                     "#status-filter input[value='announced']", "#min-sources"):
        times[selector] = page.evaluate(FILTER_CHANGE, selector)
    record("slowest_filter_change_ms", max(times.values()))
    assert max(times.values()) < 500, times
    assert "status=" in page.url and "min=2" in page.url
    assert page.errors == []


def top_org(page) -> tuple[str, str]:
    return tuple(page.evaluate("""() => { const g = window.koop.graph;
        const n = g.nodes().sort((a, b) => g.degree(b) - g.degree(a))[0];
        return [n, g.getNodeAttribute(n, 'label')]; }"""))


def test_permalink_round_trip_and_back_forward(page, big_server, chromium):
    from playwright.sync_api import expect

    open_big(page, big_server)
    org, name = top_org(page)
    page.locator("#status-filter input[value='ended']").uncheck()
    page.wait_for_selector("body[data-busy='false']")
    page.evaluate("(id) => window.koop.selectOrg(id)", org)
    expect(page.locator("#org-name")).to_have_text(name)
    page.locator("#partner-list button.edge-evidence").first.click()
    expect(page.locator("#evidence-panel")).to_be_visible()
    title = page.locator("#coop-title").inner_text()
    page.click("#zoom-in")
    page.wait_for_function("() => new URLSearchParams(location.search).has('view')")
    link = page.url
    assert f"org={org}" in link and "coop=" in link and "status=" in link
    ratio = page.evaluate("() => window.koop.view.cameraState().ratio")

    other = chromium.new_context(viewport={"width": 1500, "height": 900}).new_page()
    other.goto(link)
    expect(other.locator("#org-name")).to_have_text(name)
    expect(other.locator("#coop-title")).to_have_text(title)
    assert not other.locator("#status-filter input[value='ended']").is_checked()
    assert other.locator("#status-filter input[value='active']").is_checked()
    other.wait_for_selector("body[data-busy='false']")
    assert other.evaluate("() => window.koop.view.cameraState().ratio") == pytest.approx(ratio, rel=1e-3)
    other.screenshot(path=artifact("scale-permalink.png"))
    other.context.close()

    page.go_back()  # the zoom replaced the entry: Back closes the cooperation
    expect(page.locator("#evidence-panel")).to_be_hidden()
    expect(page.locator("#org-name")).to_have_text(name)
    page.go_back()
    expect(page.locator("#org-panel")).to_be_hidden()
    page.go_back()  # before the filter change: 'ended' is back
    expect(page.locator("#status-filter input[value='ended']")).to_be_checked()
    page.go_forward()
    expect(page.locator("#status-filter input[value='ended']")).not_to_be_checked()
    page.go_forward()
    expect(page.locator("#org-name")).to_have_text(name)
    expect(page.locator("#org-panel")).to_be_visible()
    assert page.errors == []


def download(page, fmt: str) -> str:
    with page.expect_download() as info:
        page.click(f"#export a[data-format='{fmt}']")
    d = info.value
    assert d.suggested_filename == f"koop-view.{fmt}"
    return Path(d.path()).read_text(encoding="utf-8")


def test_export_downloads_the_shown_view(page, big_server):
    open_big(page, big_server)
    page.locator("#status-filter input[value='announced']").uncheck()
    page.wait_for_selector("body[data-busy='false']")
    shown = page.evaluate("() => window.koop.data.edges.map(e => [e.cooperation_id, e.status])")
    coops = {c for c, _ in shown}
    assert coops and {s for _, s in shown} <= {"active", "planned", "talks", "failed", "ended"}

    rows = list(csv.DictReader(io.StringIO(download(page, "csv"))))
    assert {int(r["cooperation"]) for r in rows} == coops
    assert "announced" not in {r["status"] for r in rows}

    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(download(page, "graphml"))
    edge_coops = {int(d.text) for d in root.findall(".//g:edge/g:data[@key='e_cooperation']", ns)}
    assert edge_coops == coops
    nodes = {n.get("id") for n in root.findall(".//g:node", ns)}
    drawn = set(page.evaluate("() => window.koop.data.edges.flatMap(e => [e.source, e.target])"))
    assert drawn <= nodes

    data = json.loads(download(page, "json"))
    assert {c["id"] for c in data["cooperations"]} == coops
    assert page.errors == []


def test_phone_width_graph_visible_and_panels_as_bottom_sheet(chromium, big_server):
    from playwright.sync_api import expect

    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                   has_touch=True, device_scale_factor=2)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_big(page, big_server)
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= 390
    box = page.locator("#graph canvas").first.bounding_box()
    assert box["width"] >= 380 and box["height"] >= 500
    page.screenshot(path=artifact("phone-overview.png"), scale="css")

    org, name = top_org(page)
    page.fill("#search", name)
    page.locator(f"#search-results button[data-org='{org}']").click()
    expect(page.locator("#org-name")).to_have_text(name)
    sheet = page.locator("#side").bounding_box()
    graph = page.locator("#graph-pane").bounding_box()
    assert sheet["y"] > 844 * 0.4 and sheet["y"] + sheet["height"] <= 844 + 1  # a bottom sheet
    assert graph["height"] >= 700 and graph["width"] >= 380  # the network stays behind it
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= 390
    page.wait_for_selector("#graph-pane[data-layout='done']")
    page.wait_for_timeout(500)  # the camera's move to the organization
    node = page.evaluate("(id) => window.koop.view.sigma.graphToViewport("
                         "window.koop.graph.getNodeAttributes(id))", org)
    assert 0 < node["x"] < 390 and 0 < node["y"] < sheet["y"] - graph["y"]
    page.screenshot(path=artifact("phone-org-sheet.png"), scale="css")

    page.click("#filters-toggle")
    expect(page.locator("#status-filter")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#status-filter")).to_be_hidden()
    page.keyboard.press("Escape")
    expect(page.locator("#org-panel")).to_be_hidden()
    assert errors == []
    context.close()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [1500, 390])
def test_axe_core_finds_no_serious_violation(chromium, big_server, width):
    from playwright.sync_api import expect

    # axe is injected as a script, so this page's CSP is bypassed (the app's own pages are not)
    context = chromium.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    open_big(page, big_server)
    assert axe_violations(page) == []
    org, name = top_org(page)
    page.evaluate("(id) => window.koop.selectOrg(id)", org)
    expect(page.locator("#org-name")).to_have_text(name)
    page.locator("#partner-list button.edge-evidence").first.click()
    expect(page.locator("#evidence-panel")).to_be_visible()
    page.wait_for_selector("body[data-busy='false']")
    assert axe_violations(page) == []
    context.close()


def test_keyboard_reaches_results_partners_and_edges_and_escape_closes(page, big_server):
    from playwright.sync_api import expect

    open_big(page, big_server)
    org, name = top_org(page)
    page.focus("#search")
    page.keyboard.type(name)
    page.wait_for_selector(f"#search-results button[data-org='{org}']")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.closest('#search-results') !== null")
    # focus is visible: an outline on the focused element
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Escape")
    expect(page.locator("#search-results")).to_be_hidden()
    assert page.evaluate("() => document.activeElement.id") == "search"
    page.keyboard.press("Enter")
    expect(page.locator("#org-name")).to_have_text(name)
    page.wait_for_function("() => document.activeElement.id === 'org-name'")
    # Tab on to an edge's "evidence" button and open it with Enter
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('edge-evidence')"):
            break
    else:
        pytest.fail("no edge reachable by Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#evidence-panel")).to_be_visible()
    page.wait_for_function("() => document.activeElement.id === 'coop-title'")
    page.keyboard.press("Escape")
    expect(page.locator("#evidence-panel")).to_be_hidden()
    page.keyboard.press("Escape")
    expect(page.locator("#org-panel")).to_be_hidden()
    # the network itself: + zooms in from the keyboard
    page.focus("#graph")
    before = page.evaluate("() => window.koop.view.cameraState().ratio")
    page.keyboard.press("+")
    page.wait_for_timeout(400)
    assert page.evaluate("() => window.koop.view.cameraState().ratio") < before
    assert page.errors == []


def sentence_key(text: str) -> str:
    """What evidence.js groups by: the words, case and punctuation ignored."""
    return re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", text).lower()).strip()


@pytest.fixture(scope="module")
def cooperations(reuters_db) -> list:
    """Every cooperation of the graph, read with koop's Python API."""
    with koop.open(reuters_db) as g:
        return g.cooperations()


def test_near_duplicate_evidence_is_shown_once_with_its_copies(page, big_server, cooperations):
    """Cooperations whose evidence holds one sentence from several articles
    (Reuters repeats and corrects its stories) show it once, with 'N copies'."""
    from playwright.sync_api import expect

    repeated = [c for c in cooperations
                if max(Counter(sentence_key(e.text) for e in c.evidence).values(), default=0) > 1]
    assert repeated, "the 10,000 Reuters articles hold repeated evidence sentences"
    coop = repeated[0].id
    items = httpx.get(f"{big_server.url}api/cooperations/{coop}/evidence",
                      params={"limit": 200}, timeout=60).json()["items"]
    counts = Counter(sentence_key(e["text"]) for e in items)
    open_big(page, big_server, f"?coop={coop}")
    expect(page.locator("#evidence-panel")).to_be_visible()
    shown = page.locator("#evidence-list li.evidence")
    expect(shown).to_have_count(len(counts))
    assert sorted(int(c) for c in shown.evaluate_all("ls => ls.map(l => l.dataset.copies)")) == \
        sorted(counts.values())
    top = max(counts.values())
    expect(page.locator("#evidence-list summary", has_text=f"{top} copies")).to_have_count(
        sum(1 for v in counts.values() if v == top))
    # a cite line per shown sentence: the article's title and date
    cites = page.locator("#evidence-list > li.evidence > .source cite").all_inner_texts()
    assert len(cites) == len(counts)
    first = items[0]["article"]
    assert f"“{first['title']}”, {first['date']}" in cites[0]
    assert page.errors == []


def test_timeline_chart_has_a_lane_per_partner_coloured_by_status(page, big_server, cooperations):
    from playwright.sync_api import expect

    open_big(page, big_server)
    org, name = top_org(page)
    own = [c for c in cooperations if org in {p.id for p in c.parties}]
    partners = {", ".join(p.name for p in c.parties if p.id != org)
                for c in own if c.last_seen or c.first_seen}
    page.evaluate("(id) => window.koop.selectOrg(id)", org)
    expect(page.locator("#org-name")).to_have_text(name)
    lanes = page.locator("#timeline-chart .lane")
    expect(lanes).to_have_count(len(partners))
    statuses = set(page.locator("#timeline-chart .segment").evaluate_all(
        "rs => rs.map(r => r.dataset.status)"))
    history = {h.status for c in own for h in c.history}
    assert statuses and statuses <= history
    fills = set(page.locator("#timeline-chart .segment").evaluate_all(
        "rs => rs.map(r => r.getAttribute('fill'))"))
    assert len(fills) == len(statuses)
    page.locator("#timeline-chart").scroll_into_view_if_needed()
    page.locator("#timeline-chart").screenshot(path=artifact("timeline-chart.png"))
    lanes.first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#evidence-panel")).to_be_visible()
    assert page.errors == []
