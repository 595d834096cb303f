// ForceAtlas2 off the page's main thread (koop/web/static/vendor/fa2-worker.js).
// The page posts {type: "start", run, nodes: [{x, y, size}], edges: [[i, j, weight]],
// iterations}; the worker answers with {type: "positions", run, xy: Float32Array,
// done} after each small batch, so the page can draw the layout as it settles.
// {type: "stop"} ends the current run. A worker file of its own (not a blob URL)
// keeps the page's Content-Security-Policy at 'self'.
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";

const BATCH = 10;
let current = 0;

function start(msg) {
  const run = msg.run;
  current = run;
  const graph = new Graph({ type: "undirected", multi: false });
  msg.nodes.forEach((n, i) => graph.addNode(i, { x: n.x, y: n.y, size: n.size || 1 }));
  for (const [a, b, w] of msg.edges) {
    if (a !== b && !graph.hasEdge(a, b)) graph.addEdge(a, b, { weight: w || 1 });
  }
  const settings = Object.assign(forceAtlas2.inferSettings(graph), {
    adjustSizes: false, edgeWeightInfluence: 0.5, gravity: 1, scalingRatio: 10,
  }, msg.settings || {});
  let done = 0;
  const total = msg.iterations || 300;
  const xy = new Float32Array(graph.order * 2);
  const step = () => {
    if (run !== current) return;
    const t0 = performance.now(); // about 40 ms of work between two messages
    do {
      forceAtlas2.assign(graph, { iterations: BATCH, settings, getEdgeWeight: "weight" });
      done += BATCH;
    } while (done < total && performance.now() - t0 < 40);
    graph.forEachNode((key, attrs) => {
      xy[2 * key] = attrs.x;
      xy[2 * key + 1] = attrs.y;
    });
    self.postMessage({ type: "positions", run, xy, done: done >= total });
    if (done < total) setTimeout(step, 0);
  };
  step();
}

self.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === "start") start(msg);
  else if (msg.type === "stop") current = -1;
};
