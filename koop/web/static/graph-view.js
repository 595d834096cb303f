/* The network drawn with sigma.js (WebGL) over a graphology graph. The layout
 * (ForceAtlas2) runs in a web worker (vendor/fa2-worker.js), so the page stays
 * responsive while it settles; communities (Louvain) colour the nodes; labels
 * appear by zoom level (the bigger a node is drawn, the sooner its label shows). */
import { statusColor } from "./dom.js";

const { Graph, Sigma, louvain } = window.koopGraphLib;

// colour-blind-safe palette (Okabe-Ito, then Tol's muted) for the largest communities
const COMMUNITY_COLORS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
  "#882255", "#117733", "#999933", "#332288", "#44aa99", "#aa4499"];
const OTHER_COMMUNITY = "#8a919c";
const FADED = "#e3e6ea";
const SELECTED = "#111827";
const FRAME_MS = 200;

export class GraphView {
  /** container: the element to draw in; on: {node(id), edge(cooperationId), stage(),
   * camera(state), layout(running), visibleHeight()} callbacks (visibleHeight: the
   * pixels of the container's top part no panel covers). */
  constructor(container, on) {
    this.on = on;
    this.graph = new Graph({ type: "undirected", multi: false });
    this.selectedNode = null;
    this.selectedCoop = null;
    this.run = 0;
    this.layoutRunning = false;
    this.sigma = new Sigma(this.graph, container, {
      allowInvalidContainer: true, // a phone layout may hide it for a moment
      enableEdgeEvents: true,
      labelRenderedSizeThreshold: 6,
      labelDensity: 0.7,
      labelGridCellSize: 90,
      labelFont: "system-ui, 'DejaVu Sans', sans-serif",
      labelSize: 13,
      minCameraRatio: 0.05,
      maxCameraRatio: 2.5,
      stagePadding: 40,
      zIndex: true,
      nodeReducer: (node, data) => this.nodeStyle(node, data),
      edgeReducer: (edge, data) => this.edgeStyle(edge, data),
    });
    this.sigma.on("clickNode", ({ node }) => on.node(node));
    this.sigma.on("clickEdge", ({ edge }) => on.edge(this.graph.getEdgeAttribute(edge, "coops")[0]));
    this.sigma.on("clickStage", () => on.stage());
    this.sigma.on("enterNode", () => container.classList.add("pointing"));
    this.sigma.on("leaveNode", () => container.classList.remove("pointing"));
    this.sigma.on("enterEdge", () => container.classList.add("pointing"));
    this.sigma.on("leaveEdge", () => container.classList.remove("pointing"));
    this.sigma.getCamera().on("updated", (state) => on.camera(state));
    // the reader takes the camera: stop following a focused node
    const manual = () => { this.autoFocus = null; };
    for (const evt of ["mousedown", "wheel", "touchdown"]) this.sigma.getMouseCaptor().on(evt, manual);
    this.sigma.getTouchCaptor().on("touchdown", manual);
    this.worker = new Worker("/static/vendor/fa2-worker.js");
    this.worker.onmessage = (evt) => this.applyPositions(evt.data);
  }

  // -- data -------------------------------------------------------------------------

  /** Replace the drawn network with data ({nodes, edges} of /api/view). */
  setData(data) {
    const g = new Graph({ type: "undirected", multi: false });
    const n = data.nodes.length;
    // a sunflower spiral by rank: the most connected in the middle, drawn at once
    data.nodes.forEach((node, i) => {
      const r = Math.sqrt(i + 0.5) * 10, a = i * 2.39996;
      g.addNode(node.id, { label: node.name, partners: node.partners, x: r * Math.cos(a),
        y: r * Math.sin(a), size: 3 + 2.2 * Math.sqrt(node.partners) });
    });
    for (const e of data.edges) { // one drawn edge per pair; it lists the pair's cooperations
      if (!g.hasNode(e.source) || !g.hasNode(e.target)) continue;
      const key = g.edge(e.source, e.target);
      if (key !== undefined) {
        g.updateEdgeAttribute(key, "coops", (c) => c.concat([e.cooperation_id]));
        g.updateEdgeAttribute(key, "sources", (s) => s + e.sources);
        continue;
      }
      g.addEdge(e.source, e.target, { coops: [e.cooperation_id], status: e.status,
        sources: e.sources, color: statusColor(e.status) });
    }
    g.forEachEdge((edge, attrs) => g.setEdgeAttribute(edge, "size", Math.min(1 + attrs.sources * 0.6, 6)));
    performance.mark("koop:built");
    this.colourCommunities(g);
    performance.mark("koop:louvain");
    this.graph = g; // a new graph, not the old one refilled: sigma indexes it once
    this.sigma.setGraph(g);
    this.autoFocus = null;
    this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    this.sigma.refresh();
    performance.mark("koop:rendered");
    this.startLayout(n);
  }

  colourCommunities(g) {
    if (g.size === 0) {
      g.forEachNode((node) => g.setNodeAttribute(node, "color", OTHER_COMMUNITY));
      return;
    }
    const parts = louvain(g, { resolution: 1, rng: seededRandom(7) });
    const sizes = new Map();
    for (const c of Object.values(parts)) sizes.set(c, (sizes.get(c) || 0) + 1);
    const ranked = Array.from(sizes.keys()).sort((a, b) => sizes.get(b) - sizes.get(a) || a - b);
    const colourOf = new Map(ranked.map((c, i) => [c, sizes.get(c) > 1 && i < COMMUNITY_COLORS.length
      ? COMMUNITY_COLORS[i] : OTHER_COMMUNITY]));
    g.forEachNode((node) => g.mergeNodeAttributes(node, {
      community: parts[node], color: colourOf.get(parts[node]) }));
  }

  // -- layout in the worker ---------------------------------------------------------

  startLayout(n) {
    const run = ++this.run;
    this.order = this.graph.nodes();
    const index = new Map(this.order.map((k, i) => [k, i]));
    this.index = index;
    const nodes = this.order.map((k) => {
      const a = this.graph.getNodeAttributes(k);
      return { x: a.x, y: a.y, size: a.size };
    });
    const edges = this.graph.mapEdges((e, attrs, s, t) => [index.get(s), index.get(t), attrs.coops.length]);
    this.layoutRunning = n > 1;
    this.on.layout(this.layoutRunning);
    if (!this.layoutRunning) return;
    this.worker.postMessage({ type: "start", run, nodes, edges,
      iterations: n > 2000 ? 150 : n > 500 ? 250 : 400,
      settings: { barnesHutOptimize: n > 300 } });
  }

  /** Positions from the worker. They are drawn at most every FRAME_MS: each
   * drawing re-indexes the graph on the main thread, so fewer is smoother. */
  applyPositions(msg) {
    if (msg.type !== "positions" || msg.run !== this.run) return;
    this.latest = msg;
    if (this.frameTimer) return;
    const wait = Math.max(0, FRAME_MS - (performance.now() - (this.lastFrame || 0)));
    this.frameTimer = setTimeout(() => {
      this.frameTimer = null;
      const m = this.latest;
      if (!m || m.run !== this.run) return;
      this.lastFrame = performance.now();
      const xy = m.xy, index = this.index;
      this.graph.updateEachNodeAttributes((key, attrs) => {
        const i = index.get(key);
        attrs.x = xy[2 * i];
        attrs.y = xy[2 * i + 1];
        return attrs;
      }, { attributes: ["x", "y"] });
      if (m.done) {
        if (this.autoFocus) this.focus(this.autoFocus);
        this.layoutRunning = false;
        this.on.layout(false);
      }
    }, wait);
  }

  stopLayout() {
    this.run++;
    this.worker.postMessage({ type: "stop" });
    this.layoutRunning = false;
  }

  // -- selection and style ------------------------------------------------------------

  select(node, coop) {
    this.selectedNode = node && this.graph.hasNode(node) ? node : null;
    this.selectedCoop = coop === undefined ? null : coop;
    this.sigma.refresh({ skipIndexation: true });
  }

  nodeStyle(node, data) {
    const sel = this.selectedNode;
    if (!sel) return data;
    if (node === sel) return { ...data, color: SELECTED, highlighted: true, zIndex: 2, forceLabel: true };
    if (this.graph.areNeighbors(node, sel)) return { ...data, zIndex: 1, forceLabel: true };
    return { ...data, color: FADED, label: "", zIndex: 0 };
  }

  edgeStyle(edge, data) {
    const coop = this.selectedCoop;
    if (coop !== null && data.coops.includes(coop)) return { ...data, size: data.size + 3, zIndex: 2 };
    const sel = this.selectedNode;
    if (sel && !this.graph.hasExtremity(edge, sel)) return { ...data, color: FADED, zIndex: 0 };
    return data;
  }

  // -- camera ---------------------------------------------------------------------------

  zoomIn() { this.autoFocus = null; this.sigma.getCamera().animatedZoom({ duration: 250 }); }
  zoomOut() { this.autoFocus = null; this.sigma.getCamera().animatedUnzoom({ duration: 250 }); }
  fit() { this.autoFocus = null; this.sigma.getCamera().animatedReset({ duration: 300 }); }

  /** Frame a node and its partners in the part of the network not covered by a
   * panel (on a phone, the bottom sheet), never closer than a camera ratio of 0.15.
   * Until the reader moves the camera, the frame follows the layout as it settles. */
  focus(node) {
    this.autoFocus = node;
    if (!node || !this.graph.hasNode(node)) return;
    const points = [node, ...this.graph.neighbors(node)]
      .map((n) => this.sigma.getNodeDisplayData(n)).filter(Boolean);
    if (points.length === 0) return;
    const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const { height } = this.sigma.getDimensions();
    const visible = Math.max(0.3, Math.min(1, (this.on.visibleHeight ? this.on.visibleHeight() : height) / height));
    const ratio = Math.min(1, Math.max(0.15, 1.3 * Math.max(x1 - x0, (y1 - y0) / visible)));
    let target = { x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio, angle: 0 };
    if (visible < 1) { // move the centre down so the frame sits in the visible top part
      const { width } = this.sigma.getDimensions();
      const shift = (height - visible * height) / 2;
      const moved = this.sigma.viewportToFramedGraph({ x: width / 2, y: height / 2 + shift },
        { cameraState: target });
      target = { ...target, x: moved.x, y: moved.y };
    }
    this.sigma.getCamera().animate(target, { duration: 300 });
  }

  pan(dx, dy) {
    const cam = this.sigma.getCamera();
    const s = cam.getState();
    cam.animate({ x: s.x + dx * s.ratio, y: s.y + dy * s.ratio }, { duration: 150 });
  }

  cameraState() { return this.sigma.getCamera().getState(); }
  setCamera(state) { this.autoFocus = null; this.sigma.getCamera().setState(state); }

  /** Where an edge's middle is drawn, in viewport pixels (tests click there). */
  edgeMidpoint(a, b) {
    const pa = this.sigma.graphToViewport(this.graph.getNodeAttributes(a));
    const pb = this.sigma.graphToViewport(this.graph.getNodeAttributes(b));
    return { x: (pa.x + pb.x) / 2, y: (pa.y + pb.y) / 2 };
  }
}

/** A small deterministic random source, so the same data gets the same colours. */
function seededRandom(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
