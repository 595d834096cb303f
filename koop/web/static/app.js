/* koop web app: the cooperation network, search, filters, timeline and evidence.
 *
 * Plain JavaScript over koop's JSON API (/api/...), drawn with cytoscape.js.
 * Safety rule: text that comes from articles (titles, sentences, names, URLs)
 * only ever reaches the page as text nodes (el(), textContent), never as
 * HTML; links are made only for http(s) URLs.
 */
(function () {
  "use strict";

  const STATUSES = ["announced", "active", "planned", "talks", "failed", "ended"];
  const $ = (id) => document.getElementById(id);
  const state = {
    selectedOrg: null, selectedCoop: null, busy: 0,
    graphSeq: 0, searchSeq: 0, orgSeq: 0, coopSeq: 0, articleSeq: 0,
  };
  let cy = null;

  // -- small DOM helpers (text only) ---------------------------------------------

  /** An element with attributes and children; strings become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "onclick") node.addEventListener("click", value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** The URL if it is an absolute http(s) URL, else null (no script or data URLs). */
  function safeUrl(url) {
    if (!url) return null;
    try {
      const u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function badge(status) {
    const known = STATUSES.includes(status) || status === "started";
    return el("span", { class: "badge status-" + (known ? status : "ended") }, status);
  }

  function externalLink(url, label) {
    const href = safeUrl(url);
    if (!href) return null;
    return el("a", { href, target: "_blank", rel: "noopener noreferrer" }, label);
  }

  /** The text with the highlighted spans (code-point offsets) wrapped in <mark>. */
  function highlighted(text, highlights) {
    const chars = Array.from(text); // the API counts Unicode code points
    const frag = document.createDocumentFragment();
    let pos = 0;
    for (const h of highlights || []) {
      if (h.start < pos || h.end > chars.length) continue;
      frag.append(chars.slice(pos, h.start).join(""));
      frag.append(el("mark", { class: "party", "data-org": h.org_id },
        chars.slice(h.start, h.end).join("")));
      pos = h.end;
    }
    frag.append(chars.slice(pos).join(""));
    return frag;
  }

  function show(id) {
    const panel = $(id);
    panel.hidden = false;
    $("welcome").hidden = true;
    return panel;
  }

  function statusColor(status) {
    const value = getComputedStyle(document.documentElement)
      .getPropertyValue("--status-" + status).trim();
    return value || "#888888";
  }

  function showMessage(text) {
    $("message").textContent = text || "";
    $("message").hidden = !text;
  }

  // -- the API -------------------------------------------------------------------

  function setBusy(delta) {
    state.busy += delta;
    document.body.dataset.busy = state.busy > 0 ? "true" : "false";
  }

  async function api(path, params) {
    const url = new URL(path, window.location.origin);
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
    }
    setBusy(+1);
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
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

  // -- filters and the network ------------------------------------------------------

  function filters() {
    const statuses = Array.from(document.querySelectorAll("#status-filter input:checked"))
      .map((input) => input.value);
    const minSources = Math.max(1, parseInt($("min-sources").value, 10) || 1);
    return { statuses, dateFrom: $("date-from").value, dateTo: $("date-to").value, minSources };
  }

  async function loadGraph() {
    const f = filters();
    const seq = ++state.graphSeq;
    let data = { nodes: [], edges: [], cooperations: 0, truncated: false };
    if (f.statuses.length > 0) {
      const params = { date_from: f.dateFrom, date_to: f.dateTo };
      if (f.minSources > 1) params.min_sources = f.minSources;
      if (f.statuses.length < STATUSES.length) params.status = f.statuses.join(",");
      try {
        data = await api("/api/graph", params);
      } catch (e) {
        if (seq === state.graphSeq) showMessage(e.message);
        return;
      }
    }
    if (seq !== state.graphSeq) return; // a newer request replaced this one
    showMessage("");
    drawGraph(data);
  }

  function drawGraph(data) {
    const elements = [];
    for (const n of data.nodes) {
      elements.push({ group: "nodes", data: {
        id: n.id, name: n.name, partners: n.partners, size: 22 + 14 * Math.sqrt(n.partners),
      } });
    }
    for (const e of data.edges) {
      elements.push({ group: "edges", data: {
        id: e.id, source: e.source, target: e.target, cooperation_id: e.cooperation_id,
        status: e.status, sources: e.sources, color: statusColor(e.status),
        width: Math.min(2 + 2.5 * (e.sources - 1), 14),
      } });
    }
    cy.batch(() => {
      cy.elements().remove();
      cy.add(elements);
    });
    // concentric first (deterministic, hubs in the middle), then force-directed refinement
    cy.layout({ name: "concentric", concentric: (n) => n.data("partners"),
      levelWidth: () => 1, animate: false, minNodeSpacing: 40 }).run();
    if (data.nodes.length > 3) {
      cy.layout({ name: "cose", randomize: false, animate: false, nodeDimensionsIncludeLabels: true,
        idealEdgeLength: () => 120, nodeRepulsion: () => 12000, padding: 40 }).run();
    }
    fitTo(cy.elements(), 50);
    const coops = data.cooperations;
    $("graph-info").textContent =
      `${data.nodes.length} organizations, ${coops} cooperation${coops === 1 ? "" : "s"}` +
      (data.truncated ? ` (the ${data.edges.length} edges of the most recent shown)` : "");
    $("graph-info").dataset.nodes = String(data.nodes.length);
    $("graph-info").dataset.edges = String(data.edges.length);
    applySelection(false);
  }

  /** Fit the elements into view, but never zoom in further than MAX_FIT_ZOOM. */
  const MAX_FIT_ZOOM = 1.6;
  function fitTo(elements, padding) {
    if (elements.empty()) return;
    cy.fit(elements, padding);
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center(elements);
    }
  }

  function applySelection(fit) {
    cy.elements().removeClass("faded selected");
    if (state.selectedOrg) {
      const node = cy.getElementById(state.selectedOrg);
      if (node.nonempty()) {
        const around = node.closedNeighborhood();
        cy.elements().difference(around).addClass("faded");
        node.addClass("selected");
        if (fit) fitTo(around, 70);
      }
    }
    if (state.selectedCoop !== null) {
      cy.edges().filter((e) => e.data("cooperation_id") === state.selectedCoop)
        .removeClass("faded").addClass("selected");
    }
  }

  function initGraph() {
    cy = cytoscape({
      container: $("graph"),
      elements: [],
      boxSelectionEnabled: false,
      autounselectify: true,
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        { selector: "node", style: {
          "background-color": "#4a5568", label: "data(name)", width: "data(size)",
          height: "data(size)", "font-size": 13, color: "#1d2127", "text-valign": "bottom",
          "text-margin-y": 5, "text-outline-color": "#f6f7f9", "text-outline-width": 2,
        } },
        { selector: "edge", style: {
          "line-color": "data(color)", width: "data(width)", "curve-style": "bezier",
          opacity: 0.9,
        } },
        { selector: "node.selected", style: {
          "background-color": "#1f5fbf", "border-width": 3, "border-color": "#0d2f66",
        } },
        { selector: "edge.selected", style: {
          "overlay-color": "#1f5fbf", "overlay-opacity": 0.18, "overlay-padding": 6, opacity: 1,
        } },
        { selector: ".faded", style: { opacity: 0.15 } },
      ],
    });
    cy.on("tap", "node", (evt) => selectOrg(evt.target.id()));
    cy.on("tap", "edge", (evt) => showCooperation(evt.target.data("cooperation_id")));
    cy.on("tap", (evt) => {
      if (evt.target === cy) {
        state.selectedOrg = null;
        state.selectedCoop = null;
        applySelection(false);
      }
    });
  }

  // -- organizations ------------------------------------------------------------------

  async function selectOrg(id) {
    state.selectedOrg = id;
    state.selectedCoop = null;
    applySelection(true);
    const seq = ++state.orgSeq;
    const path = "/api/organizations/" + encodeURIComponent(id);
    let detail, timeline;
    try {
      [detail, timeline] = await Promise.all([api(path), api(path + "/timeline")]);
    } catch (e) {
      showMessage(e.message);
      return;
    }
    if (seq !== state.orgSeq) return;
    renderOrg(detail, timeline);
  }

  function partnerButtons(orgs) {
    const out = [];
    orgs.forEach((o, i) => {
      if (i > 0) out.push(", ");
      out.push(el("button", { type: "button", class: "linkish partner", "data-org": o.id,
        onclick: () => selectOrg(o.id) }, o.name));
    });
    return out;
  }

  function renderOrg(detail, timeline) {
    const org = detail.org;
    $("org-name").textContent = org.name;
    const meta = `${org.cooperations} cooperation${org.cooperations === 1 ? "" : "s"} · ` +
      `${org.partners} partner${org.partners === 1 ? "" : "s"}`;
    const kb = detail.kb;  // the knowledge base's facts, for organizations it knows
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
        el("span", { class: "meta" }, `${c.sources} source${c.sources === 1 ? "" : "s"}`),
        el("button", { type: "button", class: "linkish", onclick: () => showCooperation(c.id) },
          "evidence")));
    }

    const tl = $("timeline");
    tl.replaceChildren();
    for (const e of timeline.events) {
      tl.append(el("li", { "data-cooperation-id": e.cooperation_id },
        el("span", { class: "date" }, e.date || "undated"),
        badge(e.status),
        el("button", { type: "button", class: "linkish",
          onclick: () => showCooperation(e.cooperation_id) },
        e.partners.map((p) => p.name).join(", ") + (e.name ? ` (${e.name})` : "")),
        e.evidence ? el("span", { class: "evidence" }, e.evidence) : null));
    }
    show("org-panel");
  }

  // -- cooperations and evidence ------------------------------------------------------

  async function showCooperation(id) {
    state.selectedCoop = id;
    applySelection(false);
    const seq = ++state.coopSeq;
    let coop, evidence;
    try {
      [coop, evidence] = await Promise.all([
        api("/api/cooperations/" + id), api(`/api/cooperations/${id}/evidence`, { limit: 200 })]);
    } catch (e) {
      showMessage(e.message);
      return;
    }
    if (seq !== state.coopSeq) return;
    renderCooperation(coop, evidence);
  }

  function articleLabel(a) {
    return (a.title || a.id) + (a.date ? ` (${a.date})` : "");
  }

  function renderCooperation(c, evidence) {
    $("coop-title").replaceChildren(
      ...c.parties.flatMap((p, i) => (i ? [" – ", p.name] : [p.name])));
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
    list.replaceChildren();
    for (const ev of evidence.items) {
      list.append(el("li", { class: "evidence" },
        el("blockquote", { class: "sentence" }, highlighted(ev.text, ev.highlights)),
        el("div", { class: "source" },
          el("span", {}, "— ", articleLabel(ev.article)),
          el("button", { type: "button", class: "linkish open-article",
            onclick: () => showArticle(ev.article.id) }, "read article"),
          externalLink(ev.article.url, "source ↗"))));
    }
    if (evidence.total > evidence.items.length) {
      list.append(el("li", { class: "meta" },
        `${evidence.total - evidence.items.length} more sentences not shown`));
    }
    show("evidence-panel").scrollIntoView({ block: "nearest" });
  }

  // -- articles ------------------------------------------------------------------------

  async function showArticle(key) {
    const seq = ++state.articleSeq;
    let a;
    try {
      a = await api("/api/articles/" + encodeURIComponent(key));
    } catch (e) {
      showMessage(e.message);
      return;
    }
    if (seq !== state.articleSeq) return;
    $("article-title").textContent = a.title || a.id;
    $("article-meta").replaceChildren(
      [a.date || "undated", a.lang, a.id].filter(Boolean).join(" · "), " ",
      externalLink(a.url, "source ↗") || "");
    const body = $("article-text");
    body.replaceChildren();
    for (const para of a.text.split(/\n\s*\n/)) {
      if (para.trim()) body.append(el("p", {}, para.trim()));
    }
    show("article-panel").scrollIntoView({ block: "nearest" });
  }

  // -- search --------------------------------------------------------------------------

  async function search(query) {
    const seq = ++state.searchSeq;
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
    if (seq !== state.searchSeq) return [];
    results.replaceChildren();
    for (const o of page.items) {
      results.append(el("li", { role: "option" },
        el("button", { type: "button", "data-org": o.id, onclick: () => choose(o.id) },
          el("span", {}, o.name),
          el("span", { class: "count" }, `${o.cooperations} coop. · ${o.partners} partners`))));
    }
    if (page.items.length === 0) results.append(el("li", { class: "meta" }, "no organization found"));
    results.hidden = false;
    return page.items;
  }

  function choose(id) {
    $("search-results").hidden = true;
    selectOrg(id);
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
      } else if (evt.key === "Escape") {
        $("search-results").hidden = true;
      } else if (evt.key === "ArrowDown") {
        const first = $("search-results").querySelector("button");
        if (first) { evt.preventDefault(); first.focus(); }
      }
    });
    document.addEventListener("click", (evt) => {
      if (!$("search-box").contains(evt.target)) $("search-results").hidden = true;
    });
  }

  // -- start ---------------------------------------------------------------------------

  function initFilters() {
    for (const input of document.querySelectorAll("#status-filter input, #date-from, #date-to, #min-sources")) {
      input.addEventListener("change", loadGraph);
    }
    $("reset").addEventListener("click", () => {
      for (const input of document.querySelectorAll("#status-filter input")) input.checked = true;
      $("date-from").value = "";
      $("date-to").value = "";
      $("min-sources").value = "1";
      state.selectedOrg = null;
      state.selectedCoop = null;
      loadGraph();
    });
    for (const button of document.querySelectorAll("button.close")) {
      button.addEventListener("click", () => {
        $(button.dataset.close).hidden = true;
        if (button.dataset.close === "evidence-panel") {
          state.selectedCoop = null;
          applySelection(false);
        }
      });
    }
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
    initGraph();
    initSearch();
    initFilters();
    window.koop = { cy, state, selectOrg, showCooperation, showArticle };
    setBusy(+1);
    Promise.all([showFacts(), loadGraph()]).finally(() => setBusy(-1));
  }

  start();
})();
