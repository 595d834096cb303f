/* The timeline chart of one organization: one lane per partner, a bar per
 * cooperation from its first to its last report, each stretch coloured by the
 * status reported at its start. Drawn as SVG from the organization's detail and
 * timeline answers; lanes are buttons (keyboard: Tab, Enter). */
import { plural, statusColor, svg } from "./dom.js";

const LABEL_W = 120, PLOT_W = 300, LANE_H = 20, BAR_H = 12, AXIS_H = 18, DAY = 86400000;

/** "2016", "2016-07" or "2016-07-19" as a UTC time (start of the period); null if undated. */
export function dateValue(text) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(text || "");
  return m ? Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1) : null;
}

/** Lanes [{label, bars: [{coop, segments: [{from, to, status}]}]}], most recent first. */
export function lanes(orgId, cooperations, events) {
  const byCoop = new Map();
  for (const e of events) {
    const t = dateValue(e.date);
    if (t === null) continue;
    if (!byCoop.has(e.cooperation_id)) byCoop.set(e.cooperation_id, []);
    byCoop.get(e.cooperation_id).push({ t, status: e.status });
  }
  const out = new Map();
  for (const c of cooperations) {
    const points = (byCoop.get(c.id) || []).sort((a, b) => a.t - b.t);
    const last = dateValue(c.last_seen);
    if (points.length === 0 && last === null) continue;
    if (points.length === 0) points.push({ t: last, status: c.status });
    // a start event has no status of its own: it takes the first reported one
    points.forEach((p, i) => {
      if (p.status === "started") p.status = (points.find((q) => q.status !== "started") || c).status;
    });
    const end = Math.max(last || 0, points[points.length - 1].t);
    const segments = points.map((p, i) => ({
      from: p.t, to: i + 1 < points.length ? points[i + 1].t : end, status: p.status }));
    const label = c.parties.filter((p) => p.id !== orgId).map((p) => p.name).join(", ");
    if (!out.has(label)) out.set(label, { label, bars: [] });
    out.get(label).bars.push({ coop: c, segments });
  }
  return Array.from(out.values());
}

function fmt(t) {
  return new Date(t).toISOString().slice(0, 10);
}

/** The chart as an <svg> element (null when no cooperation has a date). */
export function timelineChart(orgId, cooperations, events, onCooperation) {
  const rows = lanes(orgId, cooperations, events);
  if (rows.length === 0) return null;
  const times = rows.flatMap((r) => r.bars.flatMap((b) => b.segments.flatMap((s) => [s.from, s.to])));
  let lo = Math.min(...times), hi = Math.max(...times);
  if (hi - lo < 60 * DAY) { lo -= 30 * DAY; hi += 30 * DAY; }
  const x = (t) => LABEL_W + ((t - lo) / (hi - lo)) * PLOT_W;
  const height = rows.length * LANE_H + AXIS_H;
  const chart = svg("svg", { viewBox: `0 0 ${LABEL_W + PLOT_W + 10} ${height}`, role: "group",
    class: "timeline-chart", "aria-label": `Cooperations over time: ${plural(rows.length, "partner lane")}` });
  rows.forEach((row, i) => {
    const y = i * LANE_H;
    const bars = row.bars;
    const main = bars[0].coop;
    const spans = bars.map((b) => b.segments.map((s) => `${s.status} ${fmt(s.from)}` +
      (s.to > s.from ? ` to ${fmt(s.to)}` : "")).join(", then "));
    const lane = svg("g", { class: "lane", tabindex: 0, role: "button", "data-cooperation-id": main.id,
      "aria-label": `${row.label}: ${spans.join("; ")}`,
      onclick: () => onCooperation(main.id),
      onkeydown: (evt) => {
        if (evt.key === "Enter" || evt.key === " ") { evt.preventDefault(); onCooperation(main.id); }
      } },
    svg("title", {}, `${row.label}: ${spans.join("; ")}`),
    svg("rect", { class: "lane-bg", x: 0, y, width: LABEL_W + PLOT_W + 10, height: LANE_H }),
    svg("text", { x: LABEL_W - 6, y: y + LANE_H / 2 + 4, "text-anchor": "end", class: "lane-label" },
      row.label.length > 20 ? row.label.slice(0, 19) + "…" : row.label));
    for (const bar of bars) {
      for (const s of bar.segments) {
        lane.append(svg("rect", { class: "segment", "data-status": s.status, x: x(s.from),
          y: y + (LANE_H - BAR_H) / 2, width: Math.max(3, x(s.to) - x(s.from)), height: BAR_H,
          rx: 2, fill: statusColor(s.status) }));
      }
    }
    chart.append(lane);
  });
  const axisY = rows.length * LANE_H;
  chart.append(svg("line", { x1: LABEL_W, x2: LABEL_W + PLOT_W, y1: axisY + 2, y2: axisY + 2, class: "axis" }));
  for (const [t, label] of ticks(lo, hi)) {
    chart.append(svg("text", { x: x(t), y: axisY + 14, "text-anchor": "middle", class: "tick" }, label));
  }
  return chart;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** At most about six axis ticks: years, or months when the span is under two years. */
export function ticks(lo, hi) {
  const out = [];
  const start = new Date(lo);
  if (hi - lo >= 730 * DAY) {
    const y0 = start.getUTCFullYear(), y1 = new Date(hi).getUTCFullYear();
    const step = Math.max(1, Math.ceil((y1 - y0 + 1) / 6));
    for (let y = y0; y <= y1 + 1; y += step) out.push([Date.UTC(y, 0, 1), String(y)]);
  } else {
    const months = Math.ceil((hi - lo) / (30 * DAY));
    const step = Math.max(1, Math.ceil(months / 6));
    for (let m = 0; m <= months + 1; m += step) {
      const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1));
      out.push([d.getTime(), `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`]);
    }
  }
  return out.filter(([t]) => t >= lo && t <= hi);
}
