/* The page's state in its URL, so that a copied link opens the same view and
 * Back/Forward step through what the reader did:
 *   ?org=leica-camera&coop=12&status=active,failed&from=2016-01-01&to=2018&min=2&top=400
 *    &article=reuters-1&view=0.52,0.48,0.35   (camera x, y, ratio)
 * Unknown or malformed parameters are ignored (the defaults apply). */
import { STATUSES } from "./dom.js";

export const DEFAULT_TOP = 200;

export function defaultState() {
  return { org: null, coop: null, article: null, statuses: STATUSES.slice(), from: "", to: "",
    min: 1, top: DEFAULT_TOP, view: null };
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The state a URL's query string describes. */
export function parseState(search) {
  const q = new URLSearchParams(search);
  const s = defaultState();
  if (q.get("org")) s.org = q.get("org");
  if (/^\d+$/.test(q.get("coop") || "")) s.coop = parseInt(q.get("coop"), 10);
  if (q.get("article")) s.article = q.get("article");
  if (q.has("status")) s.statuses = q.get("status").split(",").filter((x) => STATUSES.includes(x));
  if (DATE.test(q.get("from") || "")) s.from = q.get("from");
  if (DATE.test(q.get("to") || "")) s.to = q.get("to");
  const min = parseInt(q.get("min") || "", 10);
  if (min > 1) s.min = min;
  const top = parseInt(q.get("top") || "", 10);
  if (top > 0) s.top = Math.min(top, 5000);
  const view = (q.get("view") || "").split(",").map(Number);
  if (view.length === 3 && view.every(Number.isFinite) && view[2] > 0) {
    s.view = { x: view[0], y: view[1], ratio: view[2] };
  }
  return s;
}

/** The query string of a state (only what differs from the defaults). */
export function stateQuery(s) {
  const q = new URLSearchParams();
  if (s.org) q.set("org", s.org);
  if (s.coop !== null) q.set("coop", String(s.coop));
  if (s.article) q.set("article", s.article);
  if (s.statuses.length !== STATUSES.length) q.set("status", s.statuses.join(","));
  if (s.from) q.set("from", s.from);
  if (s.to) q.set("to", s.to);
  if (s.min > 1) q.set("min", String(s.min));
  if (s.top !== DEFAULT_TOP) q.set("top", String(s.top));
  if (s.view) q.set("view", [s.view.x, s.view.y, s.view.ratio].map((v) => v.toFixed(4)).join(","));
  const text = q.toString().replace(/%2C/g, ",");
  return text ? "?" + text : "";
}

/** The API parameters of the state's filters (for /api/view and its export). */
export function filterParams(s) {
  const p = { top: s.top };
  if (s.statuses.length < STATUSES.length) p.status = s.statuses.join(",");
  if (s.from) p.date_from = s.from;
  if (s.to) p.date_to = s.to;
  if (s.min > 1) p.min_sources = s.min;
  if (s.org) p.focus = s.org;
  return p;
}

export function sameFilters(a, b) {
  return a.statuses.join() === b.statuses.join() && a.from === b.from && a.to === b.to &&
    a.min === b.min && a.top === b.top && a.org === b.org;
}
