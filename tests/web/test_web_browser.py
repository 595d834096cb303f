"""The page in a real headless Chromium (Debian's, driven by Playwright) against
``koop serve`` over the seeds graph. Screenshots go to test-artifacts/."""
from __future__ import annotations

import httpx
import pytest
from web_helpers import APPLE_EVIDENCE, TOKEN, artifact, copy_db

import koop
from koop.article import Article, Cooperation, Mention
from koop.graph import read_graph
from koop.web import Server, WebSettings

pytestmark = pytest.mark.browser

LEICA_PARTNERS = {"Huawei", "Apple", "Panasonic", "Xiaomi", "Sigma"}


@pytest.fixture(autouse=True)
def _patient_expect():
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)


def open_app(page, server, query: str = "") -> None:
    page.goto(server.url + query)
    page.wait_for_selector("body[data-busy='false']")
    assert int(page.get_attribute("#graph-info", "data-nodes")) > 0


FADED = "window.koop.view.nodeStyle(n, window.koop.graph.getNodeAttributes(n)).label === ''"


def graph_names(page, which: str = "all") -> set[str]:
    """The names of the drawn organizations (``faded``: those the selection greys out)."""
    keep = {"all": "true", "faded": FADED}[which]
    return set(page.evaluate(f"""() => window.koop.graph.filterNodes(n => {keep})
        .map(n => window.koop.graph.getNodeAttribute(n, 'label'))"""))


def edge_statuses(page) -> set[str]:
    return set(page.evaluate("() => window.koop.graph.mapEdges((e, a) => a.status)"))


def search_and_select(page, query: str, org_id: str) -> None:
    from playwright.sync_api import expect

    page.fill("#search", query)
    page.locator(f"#search-results button[data-org='{org_id}']").click()
    expect(page.locator("#org-panel")).to_be_visible()
    page.wait_for_selector("body[data-busy='false']")


def wait_for_layout(page) -> None:
    """Until the worker's ForceAtlas2 run has settled (nodes no longer move)."""
    page.wait_for_selector("#graph-pane[data-layout='done']")
    page.wait_for_timeout(400)  # the camera's focus animation (300 ms)


def click_edge(page, a: str, b: str) -> None:
    """A real mouse click on the middle of the drawn edge between organizations a and b."""
    wait_for_layout(page)
    point = page.evaluate("""([a, b]) => {
        const p = window.koop.view.edgeMidpoint(a, b);
        const box = document.getElementById('graph').getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y};
    }""", [a, b])
    page.mouse.click(point["x"], point["y"])


def test_search_leica_shows_its_partners(page, live_server):
    from playwright.sync_api import expect

    open_app(page, live_server)
    search_and_select(page, "Leica", "leica-camera")
    expect(page.locator("#org-name")).to_have_text("Leica")
    expect(page.locator("#org-meta")).to_contain_text("Wetzlar, DE · leica-camera.com")
    listed = set(page.locator("#partner-list button.partner").all_inner_texts())
    assert listed == LEICA_PARTNERS
    neighbours = set(page.evaluate(
        "() => window.koop.graph.mapNeighbors('leica-camera', (n, a) => a.label)"))
    assert neighbours == LEICA_PARTNERS
    faded = graph_names(page, "faded")
    assert not faded & (LEICA_PARTNERS | {"Leica"})
    timeline = page.locator("#timeline li")
    assert timeline.count() >= 5
    dates = [d for d in page.locator("#timeline .date").all_inner_texts() if d != "undated"]
    assert dates == sorted(dates)
    page.screenshot(path=artifact("leica-search.png"))
    assert page.errors == []


def test_click_leica_apple_edge_shows_failed_and_evidence(page, live_server):
    from playwright.sync_api import expect

    with read_graph(live_server.store) as r:
        coop = next(c for c in r.cooperations_of("leica-camera")
                    if {p.name for p in c.parties} == {"Leica", "Apple"})
    open_app(page, live_server)
    search_and_select(page, "Leica", "leica-camera")
    click_edge(page, "leica-camera", "apple")
    expect(page.locator("#evidence-panel")).to_be_visible()
    expect(page.locator("#coop-title")).to_have_text("Apple – Leica")
    expect(page.locator("#coop-status")).to_have_text("failed")
    sentences = page.locator("#evidence-list blockquote.sentence").all_inner_texts()
    assert sentences == [e.text for e in coop.evidence]
    assert APPLE_EVIDENCE in sentences
    assert "Apple" in page.locator("#evidence-list mark[data-org='apple']").all_inner_texts()
    assert "Leica" in page.locator("#evidence-list mark[data-org='leica-camera']").all_inner_texts()
    # the edge is the selected one in the network
    assert page.evaluate("""() => window.koop.graph.filterEdges((e, a) =>
        a.coops.includes(window.koop.view.selectedCoop)).map(e =>
        window.koop.graph.getEdgeAttribute(e, 'status'))""") == ["failed"]
    assert page.evaluate("() => new URLSearchParams(location.search).get('coop')") == str(coop.id)
    page.screenshot(path=artifact("leica-apple-evidence.png"))
    # the source: the article itself, as stored
    page.locator("#evidence-list button.open-article").first.click()
    expect(page.locator("#article-panel")).to_be_visible()
    expect(page.locator("#article-text")).to_contain_text(APPLE_EVIDENCE)
    expect(page.locator("#article-meta")).to_contain_text("2016-07-19")
    assert page.errors == []


def test_status_and_date_filters_change_the_graph(page, live_server):
    from playwright.sync_api import expect

    open_app(page, live_server)
    info = page.locator("#graph-info")
    edges_before = int(info.get_attribute("data-edges"))
    assert "Apple" in graph_names(page)

    page.locator("#status-filter input[value='failed']").uncheck()
    expect(info).to_have_attribute("data-edges", str(edges_before - 1))
    assert "Apple" not in graph_names(page) and "Leica" in graph_names(page)
    statuses = edge_statuses(page)
    assert "failed" not in statuses and statuses
    page.screenshot(path=artifact("status-filter-without-failed.png"))

    for status in ("announced", "active", "planned", "talks", "ended"):
        page.locator(f"#status-filter input[value='{status}']").uncheck()
    expect(info).to_have_attribute("data-edges", "0")
    page.locator("#status-filter input[value='failed']").check()
    expect(info).to_have_attribute("data-edges", "1")
    assert graph_names(page) == {"Leica", "Apple"}

    page.click("#reset")
    expect(info).to_have_attribute("data-edges", str(edges_before))
    page.fill("#date-from", "2017-01-01")  # only the L-Mount Alliance (since 2018) is that late
    expect(info).to_have_attribute("data-nodes", "3")
    assert graph_names(page) == {"Leica", "Panasonic", "Sigma"}
    assert page.errors == []


# -- an article with script payloads renders as text ------------------------------------

XSS_TITLE = '<script>window.__xss = "title"</script><img src=x onerror="window.__xss=\'img\'">'
XSS_TEXT = ('Siemens und Bosch gründen ein Gemeinschaftsunternehmen '
            '<script>window.__xss = "text"</script> mit '
            '<img src=x onerror="window.__xss=\'text-img\'"> Sitz in München.\n\n'
            'Das teilten beide Unternehmen am Dienstag mit.')


@pytest.fixture(scope="module")
def xss_server(seeds_db, tmp_path_factory):
    """A server whose graph also holds articles with script payloads: one posted
    through the API (real extraction), one written with a javascript: URL."""
    db = copy_db(seeds_db, tmp_path_factory.mktemp("xss") / "xss.db")
    with koop.open(db) as g:  # a source URL that must never become a link
        text = "Nokia und Ericsson verhandeln. <b onmouseover=alert(1)>Nokia</b>"
        a = Article(id="js-url", text=text, url="javascript:window.__xss='url'",
                    title="<i>js</i>", date="2024-02-01", lang="de")
        a.mentions = [Mention(0, 5, "ORG", "Nokia", "nokia", "Nokia"),
                      Mention(10, 18, "ORG", "Ericsson", "ericsson", "Ericsson")]
        a.cooperations = [Cooperation(["Nokia", "Ericsson"], "talks", evidence=[text],
                                      party_ids=["nokia", "ericsson"])]
        g.add(a)
    server = Server(WebSettings(db=str(db), token=TOKEN), port=0, log_level="warning").start()
    r = httpx.post(server.url + "api/articles", timeout=120,
                   headers={"Authorization": f"Bearer {TOKEN}"},
                   json={"text": XSS_TEXT, "title": XSS_TITLE, "date": "2024-01-09",
                         "url": "https://news.example/siemens-bosch"})
    assert r.status_code == 201, r.text
    yield server
    server.stop()


@pytest.mark.parametrize("page", [False, True], indirect=True, ids=["csp", "csp-bypassed"])
def test_script_payloads_render_as_text(page, xss_server):
    """Escaping alone must hold: the second run switches the page's CSP off."""
    from playwright.sync_api import expect

    open_app(page, xss_server)
    search_and_select(page, "Siemens", "siemens")
    assert "Bosch" in page.locator("#partner-list").inner_text()
    page.locator("#partner-list button", has_text="evidence").first.click()
    evidence = page.locator("#evidence-list")
    expect(evidence).to_contain_text('<script>window.__xss = "text"</script>')
    expect(evidence).to_contain_text("onerror=\"window.__xss='text-img'\"")
    expect(evidence).to_contain_text(XSS_TITLE)  # the source's title
    assert page.locator("#evidence-list a").evaluate_all("as => as.map(a => a.href)") == \
        ["https://news.example/siemens-bosch"]
    page.screenshot(path=artifact(f"xss-evidence-{page.context_kind}.png"))

    page.locator("#evidence-list button.open-article").first.click()
    expect(page.locator("#article-title")).to_have_text(XSS_TITLE)
    expect(page.locator("#article-text")).to_contain_text('<script>window.__xss = "text"</script>')

    search_and_select(page, "Nokia", "nokia")
    page.locator("#partner-list button", has_text="evidence").first.click()
    expect(page.locator("#evidence-list")).to_contain_text("<b onmouseover=alert(1)>Nokia</b>")
    page.locator("#evidence-list button.open-article").first.click()
    expect(page.locator("#article-title")).to_have_text("<i>js</i>")

    for tag in ("script", "img", "b", "i"):
        assert page.locator(f"#side {tag}").count() == 0, f"a <{tag}> element from article text"
    assert page.locator("a[href^='javascript']").count() == 0
    page.hover("#evidence-list blockquote")
    assert page.evaluate("() => window.__xss") is None
    assert page.errors == []


# -- issue 15 on the small graph: empty results, bad ranges, Reset, Escape, permalinks --------

def test_empty_result_says_so_and_reset_clears_everything(page, live_server):
    from playwright.sync_api import expect

    open_app(page, live_server)
    page.fill("#search", "Leica")
    expect(page.locator("#search-results button[data-org='leica-camera']")).to_be_visible()
    page.fill("#min-sources", "50")
    page.locator("#min-sources").dispatch_event("change")
    info = page.locator("#graph-info")
    expect(info).to_have_attribute("data-nodes", "0")
    expect(page.locator("#empty")).to_be_visible()
    expect(page.locator("#empty")).to_contain_text("No cooperation matches these filters")
    assert "min=50" in page.url
    page.screenshot(path=artifact("empty-result.png"))
    page.click("#reset")
    expect(page.locator("#empty")).to_be_hidden()
    assert int(info.get_attribute("data-nodes")) > 0
    assert page.input_value("#search") == "" and page.input_value("#min-sources") == "1"
    assert page.evaluate("() => location.search") == ""
    assert page.errors == []


def test_inverted_date_range_is_flagged_not_queried(page, live_server):
    from playwright.sync_api import expect

    open_app(page, live_server)
    edges = page.get_attribute("#graph-info", "data-edges")
    page.fill("#date-to", "2016-01-01")
    expect(page.locator("#graph-info")).not_to_have_attribute("data-edges", edges)
    after_to = page.get_attribute("#graph-info", "data-edges")
    page.fill("#date-from", "2018-01-01")
    warning = page.locator("#date-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("inverted")
    assert page.get_attribute("#date-from", "aria-invalid") == "true"
    assert page.get_attribute("#graph-info", "data-edges") == after_to  # the graph stays
    assert "from=2018" not in page.url
    page.fill("#date-from", "2015-01-01")
    expect(warning).to_be_hidden()
    assert "from=2015-01-01" in page.url and "to=2016-01-01" in page.url
    assert page.errors == []


def test_escape_closes_panels_top_first(page, live_server):
    from playwright.sync_api import expect

    open_app(page, live_server)
    search_and_select(page, "Leica", "leica-camera")
    page.locator("#partner-list li", has_text="Apple").locator("button.edge-evidence").click()
    expect(page.locator("#evidence-panel")).to_be_visible()
    page.locator("#evidence-list button.open-article").first.click()
    expect(page.locator("#article-panel")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#article-panel")).to_be_hidden()
    expect(page.locator("#evidence-panel")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#evidence-panel")).to_be_hidden()
    page.keyboard.press("Escape")
    expect(page.locator("#org-panel")).to_be_hidden()
    expect(page.locator("#welcome")).to_be_visible()
    assert page.evaluate("() => location.search") == ""
    assert page.errors == []


def test_link_to_an_organization_and_cooperation_opens_them(page, live_server):
    from playwright.sync_api import expect

    with read_graph(live_server.store) as r:
        coop = next(c for c in r.cooperations_of("leica-camera")
                    if {p.name for p in c.parties} == {"Leica", "Apple"})
    open_app(page, live_server, f"?org=leica-camera&coop={coop.id}&status=failed,active")
    expect(page.locator("#org-name")).to_have_text("Leica")
    expect(page.locator("#coop-status")).to_have_text("failed")
    checked = page.locator("#status-filter input:checked").evaluate_all("is => is.map(i => i.value)")
    assert checked == ["active", "failed"]
    assert edge_statuses(page) <= {"active", "failed"}
    # a link with an organization that does not exist still draws the network
    open_app(page, live_server, "?org=no-such-org-xyz")
    expect(page.locator("#message")).to_be_visible()
    assert page.errors == [] or all("404" in e for e in page.errors)
