/* Small DOM helpers of koop's web app. Safety rule: text that comes from
 * articles (titles, sentences, names, URLs) only ever reaches the page as text
 * nodes, never as HTML; links are made only for http(s) URLs. */

export const STATUSES = ["announced", "active", "planned", "talks", "failed", "ended"];
export const $ = (id) => document.getElementById(id);

/** An element with attributes and children; strings become text nodes. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

/** An SVG element (the timeline chart), with the same rules as el(). */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key === "onclick") node.addEventListener("click", value);
    else if (key === "onkeydown") node.addEventListener("keydown", value);
    else node.setAttribute(key, String(value));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** The URL if it is an absolute http(s) URL, else null (no script or data URLs). */
export function safeUrl(url) {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (e) {
    return null;
  }
}

export function badge(status) {
  const known = STATUSES.includes(status) || status === "started";
  return el("span", { class: "badge status-" + (known ? status : "ended") }, status);
}

export function externalLink(url, label) {
  const href = safeUrl(url);
  if (!href) return null;
  return el("a", { href, target: "_blank", rel: "noopener noreferrer" }, label);
}

/** The text with the highlighted spans (code-point offsets) wrapped in <mark>. */
export function highlighted(text, highlights) {
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

/** A status colour, read from app.css (where the colours are defined once). */
export function statusColor(status) {
  const value = getComputedStyle(document.documentElement)
    .getPropertyValue("--status-" + status).trim();
  return value || "#7b7f86";
}

export const plural = (n, word) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
