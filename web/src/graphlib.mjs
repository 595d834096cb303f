// The graph libraries of koop's web app, bundled into one file
// (koop/web/static/vendor/koop-graph.js, global `koopGraphLib`) by build.mjs.
import Graph from "graphology";
import Sigma from "sigma";
import louvain from "graphology-communities-louvain";

export { Graph, Sigma, louvain };
