/* Evidence sentences: near-duplicate copies of one sentence (the same story
 * from several wires or pages) are shown once with "N copies", and each shown
 * sentence gets a cite line (article title, date, URL). */
import { el, externalLink, highlighted, safeUrl } from "./dom.js";

/** The sentence reduced to its words: copies that differ in quotes, spacing,
 * case or punctuation get the same key. */
export function sentenceKey(text) {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** Evidence items grouped by sentenceKey, in first-seen order: [{first, copies}]. */
export function groupEvidence(items) {
  const groups = new Map();
  for (const item of items) {
    const key = sentenceKey(item.text);
    if (!groups.has(key)) groups.set(key, { first: item, copies: [] });
    groups.get(key).copies.push(item);
  }
  return Array.from(groups.values());
}

/** How to cite the source: “Title”, date, URL (only the parts known). */
export function citeLine(article) {
  const parts = [`“${article.title || article.id}”`];
  if (article.date) parts.push(article.date);
  const url = safeUrl(article.url);
  if (url) parts.push(url);
  return parts.join(", ");
}

function sourceLine(article, openArticle) {
  return el("div", { class: "source" },
    el("button", { type: "button", class: "linkish open-article",
      onclick: () => openArticle(article.id) }, "read article"),
    externalLink(article.url, "source ↗"),
    el("cite", { class: "cite" }, "Cite: ", citeLine(article)));
}

/** The list items of the evidence panel. */
export function evidenceItems(items, openArticle) {
  return groupEvidence(items).map(({ first, copies }) => {
    const li = el("li", { class: "evidence", "data-copies": copies.length },
      el("blockquote", { class: "sentence" }, highlighted(first.text, first.highlights)),
      sourceLine(first.article, openArticle));
    if (copies.length > 1) {
      li.append(el("details", { class: "copies" },
        el("summary", {}, `${copies.length} copies`),
        el("ul", {}, copies.slice(1).map((c) => el("li", {}, sourceLine(c.article, openArticle))))));
    }
    return li;
  });
}
