/* koop web app: the cooperation network, search, filters, timeline and evidence.
 *
 * Plain JavaScript modules over koop's JSON API (/api/...); the network is drawn
 * by graph-view.js (sigma.js + graphology, layout in a web worker). What the
 * reader sees (filters, selection, camera) lives in the URL (url-state.js), so
 * links can be shared and Back/Forward work. Safety rule (dom.js): text from
 * articles only ever reaches the page as text nodes, never as HTML.
 */
import { $, STATUSES, badge, el, externalLink, plural } from "./dom.js";
import { evidenceItems } from "./evidence.js";
import { GraphView } from "./graph-view.js";
import { timelineChart } from "./timeline-chart.js";
import { DEFAULT_TOP, defaultState, filterParams, parseState, stateQuery } from "./url-state.js";

const PANELS = ["article-panel", "evidence-panel", "org-panel"]; // topmost first (Escape order)
let state = parseState(window.location.search);
let loaded = null; // {filters, focus} of the drawn network
let pendingView = state.view; // a camera position from the URL, applied after the next draw
let lastData = null;
const seq = { graph: 0, search: 0, org: 0, coop: 0, article: 0 };
let busy = 0;
let view = null;

// -- the API -----------------------------------------------------------------------

function setBusy(delta) {
  busy += delta;
  document.body.dataset.busy = busy > 0 ? "true" : "false";
}

function apiUrl(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  return url;
}

async function api(path, params) {
  setBusy(+1);
  try {
    const response = await fetch(apiUrl(path, params), { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const detail = typeof body.detail === "string" ? body.detail
        : (body.detail ? JSON.stringify(body.detail) : "HTTP " + response.status);
      throw new Error(detail);
    }
    return body;
  } finally {
    setBusy(-1);
  }
}

function showMessage(text) {
  $("message").textContent = text || "";
  $("message").hidden = !text;
}

// -- state and URL ---------------------------------------------------------------------

/** Write the state into the URL: push makes a Back step, else the entry is replaced. */
function commit(push) {
  const url = window.location.pathname + stateQuery(state);
  if (url !== window.location.pathname + window.location.search) {
    window.history[push ? "pushState" : "replaceState"](null, "", url);
  }
  updateExportLinks();
}

function filtersKey(s) {
  return JSON.stringify(filterParams({ ...s, org: null }));
}

/** Whether the state needs another network than the drawn one. */
function needsLoad(s) {
  if (loaded === null || filtersKey(s) !== loaded.filters) return true;
  return Boolean(s.org) && s.org !== loaded.focus && needsFocus(s.org);
}

/** Whether the drawn network lacks the organization or some of its partners. */
function needsFocus(org) {
  const g = view.graph;
  if (!g.hasNode(org)) return true;
  return g.degree(org) < g.getNodeAttribute(org, "partners");
}

function syncInputs() {
  for (const input of document.querySelectorAll("#status-filter input")) {
    input.checked = state.statuses.includes(input.value);
  }
  $("date-from").value = state.from;
  $("date-to").value = state.to;
  $("min-sources").value = String(state.min);
}

/** Bring the page to the state (after a load or a Back/Forward step). */
async function applyState() {
  syncInputs();
  if (needsLoad(state)) await loadGraph();
  else if (state.view) view.setCamera(state.view);
  else view.fit();
  view.select(state.org, state.coop);
  if (state.org) { // a link without a camera position frames the organization
    openOrg(state.org).then(() => { if (!state.view && !pendingView) view.focus(state.org); });
  } else hidePanel("org-panel");
  if (state.coop !== null) openCooperation(state.coop); else hidePanel("evidence-panel");
  if (state.article) openArticle(state.article); else hidePanel("article-panel");
  updateWelcome();
}

// -- filters and the network --------------------------------------------------------

function readFilters() {
  const statuses = Array.from(document.querySelectorAll("#status-filter input:checked"))
    .map((input) => input.value);
  const min = Math.max(1, parseInt($("min-sources").value, 10) || 1);
  return { statuses, from: $("date-from").value, to: $("date-to").value, min };
}

function dateRangeProblem(from, to) {
  return from && to && from > to ? `The date range is inverted: “from” (${from}) is after “to” (${to}).` : "";
}

function onFilterChange() {
  const f = readFilters();
  const problem = dateRangeProblem(f.from, f.to);
  for (const id of ["date-from", "date-to"]) $(id).setAttribute("aria-invalid", problem ? "true" : "false");
  $("date-warning").textContent = problem;
  $("date-warning").hidden = !problem;
  if (problem) return;
  Object.assign(state, f, { top: DEFAULT_TOP, view: null });
  commit(true);
  loadGraph();
}

async function loadGraph() {
  const s = state;
  const key = { filters: filtersKey(s), focus: s.org };
  const n = ++seq.graph;
  let data = { nodes: [], edges: [], cooperations: 0, total_nodes: 0, total_edges: 0,
    shown_cooperations: 0, truncated: false };
  $("loading").hidden = false;
  $("graph-pane").setAttribute("aria-busy", "true");
  try {
    if (s.statuses.length > 0) {
      data = await api("/api/view", filterParams(s)).catch((e) => {
        if (!s.org) throw e;
        showMessage(e.message); // an unknown organization in a link: draw the rest
        key.focus = null;
        return api("/api/view", filterParams({ ...s, org: null }));
      });
    }
  } catch (e) {
    if (n === seq.graph) { showMessage(e.message); $("loading").hidden = true; }
    return;
  }
  if (n !== seq.graph) return; // a newer request replaced this one
  if (key.focus === s.org) showMessage("");
  loaded = key;
  lastData = data;
  view.setData(data);
  if (pendingView) { view.setCamera(pendingView); pendingView = null; }
  view.select(state.org, state.coop);
  $("loading").hidden = true;
  $("graph-pane").removeAttribute("aria-busy");
  describeGraph(data);
  if (!performance.getEntriesByName("koop:first-graph").length) performance.mark("koop:first-graph");
  document.dispatchEvent(new CustomEvent("koop:drawn", { detail: { nodes: data.nodes.length } }));
}

function describeGraph(data) {
  const info = $("graph-info");
  const shown = data.nodes.length, total = data.total_nodes;
  info.replaceChildren(
    shown < total ? `Showing ${shown.toLocaleString("en")} of ${plural(total, "organization")} ` +
      "(the most connected)" : `Showing all ${plural(total, "organization")}`,
    ` · ${plural(data.shown_cooperations, "cooperation")}` +
      (data.shown_cooperations < data.cooperations ? ` of ${data.cooperations.toLocaleString("en")}` : ""));
  if (shown < total) {
    const more = Math.min(DEFAULT_TOP, total - shown);
    info.append(" ", el("button", { type: "button", id: "show-more", class: "linkish",
      onclick: () => showMore(state.top + more) }, `show ${more} more`));
    if (total - shown > more && total <= 5000) {
      info.append(" · ", el("button", { type: "button", id: "show-all", class: "linkish",
        onclick: () => showMore(total) }, "show all"));
    }
  }
  info.dataset.nodes = String(shown);
  info.dataset.total = String(total);
  info.dataset.edges = String(data.edges.length);
  $("empty").hidden = shown > 0;
}

function showMore(top) {
  state.top = Math.min(top, 5000);
  state.view = null;
  commit(true);
  loadGraph();
}

function onLayout(running) {
  $("graph-pane").dataset.layout = running ? "running" : "done";
  $("layout-status").hidden = !running;
  if (!running) document.dispatchEvent(new CustomEvent("koop:layout-done"));
}

let cameraTimer = null;
function onCamera(cam) {
  clearTimeout(cameraTimer);
  cameraTimer = setTimeout(() => {
    const home = Math.abs(cam.x - 0.5) < 1e-3 && Math.abs(cam.y - 0.5) < 1e-3 && Math.abs(cam.ratio - 1) < 1e-3;
    state.view = home ? null : { x: cam.x, y: cam.y, ratio: cam.ratio };
    commit(false); // zooming and panning replace the entry: Back goes to the last selection
  }, 250);
}

// -- selection: organizations, cooperations, articles --------------------------------

async function selectOrg(id, opts = {}) {
  state.org = id;
  state.coop = null;
  state.article = null;
  commit(true);
  hidePanel("evidence-panel");
  hidePanel("article-panel");
  if (needsLoad(state)) await loadGraph();
  view.select(id, null);
  await openOrg(id);
  view.focus(id);
  if (opts.focusPanel) $("org-name").focus();
}

async function openOrg(id) {
  const n = ++seq.org;
  const path = "/api/organizations/" + encodeURIComponent(id);
  let detail, timeline;
  try {
    [detail, timeline] = await Promise.all([api(path), api(path + "/timeline")]);
  } catch (e) {
    showMessage(e.message);
    return;
  }
  if (n !== seq.org) return;
  renderOrg(detail, timeline);
}

function partnerButtons(orgs) {
  const out = [];
  orgs.forEach((o, i) => {
    if (i > 0) out.push(", ");
    out.push(el("button", { type: "button", class: "linkish partner", "data-org": o.id,
      onclick: () => selectOrg(o.id, { focusPanel: true }) }, o.name));
  });
  return out;
}

function renderOrg(detail, timeline) {
  const org = detail.org;
  $("org-name").textContent = org.name;
  const meta = `${plural(org.cooperations, "cooperation")} · ${plural(org.partners, "partner")}`;
  const kb = detail.kb; // the knowledge base's facts, for organizations it knows
  const place = kb ? [kb.city, kb.country].filter(Boolean).join(", ") : "";
  const facts = [place, kb && kb.domain].filter(Boolean).join(" · ");
  const withFacts = facts ? `${meta} · ${facts}` : meta;
  $("org-meta").textContent = detail.aliases.length
    ? `${withFacts} · also: ${detail.aliases.join(", ")}` : withFacts;

  const list = $("partner-list");
  list.replaceChildren();
  for (const c of detail.cooperations) {
    const partners = c.parties.filter((p) => p.id !== org.id);
    list.append(el("li", { "data-cooperation-id": c.id },
      el("span", { class: "partners" }, partnerButtons(partners)),
      badge(c.status),
      c.name ? el("span", { class: "name" }, `“${c.name}”`) : null,
      c.since ? el("span", { class: "meta" }, `since ${c.since}`) : null,
      el("span", { class: "meta" }, plural(c.sources, "source")),
      el("button", { type: "button", class: "linkish edge-evidence",
        "aria-label": `evidence: ${org.name} – ${partners.map((p) => p.name).join(", ")}`,
        onclick: () => showCooperation(c.id, { focusPanel: true }) }, "evidence")));
  }

  const chart = timelineChart(org.id, detail.cooperations, timeline.events,
    (id) => showCooperation(id, { focusPanel: true }));
  $("timeline-chart").replaceChildren(...(chart ? [chart] : []));
  const tl = $("timeline");
  tl.replaceChildren();
  for (const e of timeline.events) {
    tl.append(el("li", { "data-cooperation-id": e.cooperation_id },
      el("span", { class: "date" }, e.date || "undated"),
      badge(e.status),
      el("button", { type: "button", class: "linkish",
        onclick: () => showCooperation(e.cooperation_id, { focusPanel: true }) },
      e.partners.map((p) => p.name).join(", ") + (e.name ? ` (${e.name})` : "")),
      e.evidence ? el("span", { class: "evidence" }, e.evidence) : null));
  }
  show("org-panel");
}

async function showCooperation(id, opts = {}) {
  state.coop = id;
  state.article = null;
  commit(true);
  hidePanel("article-panel");
  view.select(state.org, id);
  await openCooperation(id);
  if (opts.focusPanel) $("coop-title").focus();
}

async function openCooperation(id) {
  const n = ++seq.coop;
  let coop, evidence;
  try {
    [coop, evidence] = await Promise.all([
      api("/api/cooperations/" + id), api(`/api/cooperations/${id}/evidence`, { limit: 200 })]);
  } catch (e) {
    showMessage(e.message);
    return;
  }
  if (n !== seq.coop) return;
  renderCooperation(coop, evidence);
}

function renderCooperation(c, evidence) {
  $("coop-title").replaceChildren(...c.parties.flatMap((p, i) => (i ? [" – ", p.name] : [p.name])));
  const facts = $("coop-facts");
  facts.replaceChildren();
  const fact = (label, value) => {
    if (value === null || value === undefined || value === "") return;
    facts.append(el("dt", {}, label), el("dd", {}, value));
  };
  fact("status", el("span", { id: "coop-status" }, badge(c.status)));
  fact("name", c.name);
  fact("since", c.since);
  fact("sources", String(c.sources));
  fact("first seen", c.first_seen);
  fact("last seen", c.last_seen);
  const history = $("coop-history");
  history.replaceChildren();
  for (const h of c.history) {
    history.append(el("li", {},
      el("span", { class: "date" }, h.date || "undated"), badge(h.status),
      el("button", { type: "button", class: "linkish", onclick: () => showArticle(h.article.id) },
        h.article.title || h.article.id)));
  }
  const list = $("evidence-list");
  list.replaceChildren(...evidenceItems(evidence.items, (key) => showArticle(key, { focusPanel: true })));
  if (evidence.total > evidence.items.length) {
    list.append(el("li", { class: "meta" },
      `${evidence.total - evidence.items.length} more sentences not shown`));
  }
  show("evidence-panel");
}

async function showArticle(key, opts = {}) {
  state.article = key;
  commit(true);
  await openArticle(key);
  if (opts.focusPanel) $("article-title").focus();
}

async function openArticle(key) {
  const n = ++seq.article;
  let a;
  try {
    a = await api("/api/articles/" + encodeURIComponent(key));
  } catch (e) {
    showMessage(e.message);
    return;
  }
  if (n !== seq.article) return;
  $("article-title").textContent = a.title || a.id;
  $("article-meta").replaceChildren(
    [a.date || "undated", a.lang, a.id].filter(Boolean).join(" · "), " ",
    externalLink(a.url, "source ↗") || "");
  const body = $("article-text");
  body.replaceChildren();
  for (const para of a.text.split(/\n\s*\n/)) {
    if (para.trim()) body.append(el("p", {}, para.trim()));
  }
  show("article-panel");
}

function show(id) {
  const panel = $(id);
  panel.hidden = false;
  updateWelcome();
  panel.scrollIntoView({ block: "nearest" });
  return panel;
}

function updateWelcome() {
  const open = PANELS.some((id) => !$(id).hidden);
  $("welcome").hidden = open;
  document.body.dataset.sheet = open ? "open" : "closed";
}

const PANEL_SEQ = { "org-panel": "org", "evidence-panel": "coop", "article-panel": "article" };

/** Hide a panel; an answer still on its way for it is then dropped. */
function hidePanel(id) {
  seq[PANEL_SEQ[id]]++;
  $(id).hidden = true;
}

/** Close a panel (its × button or Escape) and step the state back. */
function closePanel(id) {
  hidePanel(id);
  if (id === "org-panel") { state.org = null; state.coop = null; state.article = null; }
  if (id === "evidence-panel") { state.coop = null; state.article = null; hidePanel("article-panel"); }
  if (id === "article-panel") state.article = null;
  if (id === "org-panel") for (const p of PANELS) hidePanel(p);
  view.select(state.org, state.coop);
  commit(true);
  updateWelcome();
}

// -- export ---------------------------------------------------------------------------

function updateExportLinks() {
  for (const a of document.querySelectorAll("#export a[data-format]")) {
    a.href = apiUrl("/api/view/export", { ...filterParams(state), format: a.dataset.format }).href;
  }
}

// -- search --------------------------------------------------------------------------

async function search(query) {
  const n = ++seq.search;
  const results = $("search-results");
  if (!query) {
    results.hidden = true;
    return [];
  }
  let page;
  try {
    page = await api("/api/organizations", { q: query, limit: 10 });
  } catch (e) {
    showMessage(e.message);
    return [];
  }
  if (n !== seq.search) return [];
  results.replaceChildren();
  for (const o of page.items) {
    results.append(el("li", {},
      el("button", { type: "button", "data-org": o.id, onclick: () => choose(o.id) },
        el("span", {}, o.name),
        el("span", { class: "count" }, `${o.cooperations} coop. · ${o.partners} partners`))));
  }
  if (page.items.length === 0) results.append(el("li", { class: "meta" }, "no organization found"));
  results.hidden = false;
  return page.items;
}

function hideResults() {
  $("search-results").hidden = true;
}

function choose(id) {
  hideResults();
  selectOrg(id, { focusPanel: true });
}

function initSearch() {
  const input = $("search");
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value.trim()), 150);
  });
  input.addEventListener("keydown", async (evt) => {
    if (evt.key === "Enter") {
      evt.preventDefault();
      clearTimeout(timer);
      const items = await search(input.value.trim());
      if (items.length > 0) choose(items[0].id);
    } else if (evt.key === "ArrowDown") {
      const first = $("search-results").querySelector("button");
      if (first) { evt.preventDefault(); first.focus(); }
    }
  });
  $("search-results").addEventListener("keydown", (evt) => {
    const buttons = Array.from($("search-results").querySelectorAll("button"));
    const i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    if (evt.key === "ArrowDown" && i + 1 < buttons.length) { evt.preventDefault(); buttons[i + 1].focus(); }
    if (evt.key === "ArrowUp") { evt.preventDefault(); (i > 0 ? buttons[i - 1] : input).focus(); }
  });
  document.addEventListener("click", (evt) => {
    if (!$("search-box").contains(evt.target)) hideResults();
  });
}

// -- keyboard -------------------------------------------------------------------------

function onKey(evt) {
  if (evt.key !== "Escape") return;
  if (!$("search-results").hidden) {
    hideResults();
    $("search").focus();
    return;
  }
  if (document.body.dataset.filters === "open") {
    document.body.dataset.filters = "closed";
    $("filters-toggle").setAttribute("aria-expanded", "false");
    $("filters-toggle").focus();
    return;
  }
  const top = PANELS.find((id) => !$(id).hidden);
  if (top) {
    evt.preventDefault();
    closePanel(top);
    const next = PANELS.find((id) => !$(id).hidden);
    (next ? $(next).querySelector("h2") : $("graph")).focus();
  }
}

function onGraphKey(evt) {
  const keys = { "+": () => view.zoomIn(), "=": () => view.zoomIn(), "-": () => view.zoomOut(),
    0: () => view.fit(), ArrowLeft: () => view.pan(-0.1, 0), ArrowRight: () => view.pan(0.1, 0),
    ArrowUp: () => view.pan(0, 0.1), ArrowDown: () => view.pan(0, -0.1) };
  if (keys[evt.key]) { evt.preventDefault(); keys[evt.key](); }
}

// -- start ---------------------------------------------------------------------------

function initControls() {
  for (const input of document.querySelectorAll("#status-filter input, #date-from, #date-to, #min-sources")) {
    input.addEventListener("change", onFilterChange);
  }
  $("reset").addEventListener("click", () => {
    state = defaultState();
    $("search").value = "";
    hideResults();
    $("date-warning").hidden = true;
    for (const id of ["date-from", "date-to"]) $(id).setAttribute("aria-invalid", "false");
    for (const p of PANELS) hidePanel(p);
    commit(true);
    applyState();
  });
  for (const button of document.querySelectorAll("button.close")) {
    button.addEventListener("click", () => closePanel(button.dataset.close));
  }
  $("zoom-in").addEventListener("click", () => view.zoomIn());
  $("zoom-out").addEventListener("click", () => view.zoomOut());
  $("zoom-fit").addEventListener("click", () => view.fit());
  $("graph").addEventListener("keydown", onGraphKey);
  $("filters-toggle").addEventListener("click", () => {
    const open = document.body.dataset.filters !== "open";
    document.body.dataset.filters = open ? "open" : "closed";
    $("filters-toggle").setAttribute("aria-expanded", String(open));
  });
  document.addEventListener("keydown", onKey);
  window.addEventListener("popstate", () => {
    state = parseState(window.location.search);
    pendingView = state.view;
    applyState();
  });
}

async function showFacts() {
  try {
    const info = await api("/api/info");
    $("db-facts").textContent = `${info.articles} articles, ${info.organizations} organizations, ` +
      `${info.cooperations} cooperations` +
      (!info.first_article_date ? ""
        : info.first_article_date === info.last_article_date ? `, reported on ${info.first_article_date}`
          : `, reported ${info.first_article_date} to ${info.last_article_date}`) + ".";
  } catch (e) {
    showMessage(e.message);
  }
}

function start() {
  view = new GraphView($("graph"), {
    node: (id) => selectOrg(id),
    edge: (coop) => showCooperation(coop),
    stage: () => { if (state.org || state.coop !== null) closePanel(state.coop !== null ? "evidence-panel" : "org-panel"); },
    camera: onCamera,
    layout: onLayout,
    visibleHeight: () => { // a bottom sheet (phones) covers the network's lower part
      const pane = $("graph-pane").getBoundingClientRect();
      const side = $("side").getBoundingClientRect();
      return getComputedStyle($("side")).position === "fixed" ? side.top - pane.top : pane.height;
    },
  });
  initSearch();
  initControls();
  window.koop = { view, get graph() { return view.graph; }, get state() { return state; },
    selectOrg, showCooperation, showArticle, get data() { return lastData; } };
  setBusy(+1);
  updateExportLinks();
  Promise.all([showFacts(), applyState()]).finally(() => setBusy(-1));
}

start();
