// The timeline: one request end to end on one time axis, the producer trace(s) and then each trace linked to them
// through the queue, every segment and subsegment a bar, and the time the message waited in the queue shaded.

import { linksOf } from "./api.js";
import { $, clip, el, labelOf, ms, statusOf, svg, titled } from "./dom.js";

const ROW = 22;
const LABEL_W = 300;

/** A trace's entities in tree order: segments under their parents (by parent_id), subsegments nested. */
export function rowsOf(trace, role) {
  const nodes = new Map();
  const index = (doc, isSegment) => {
    const node = { document: doc, isSegment, children: [] };
    if (typeof doc.id === "string") nodes.set(doc.id, node);
    node.children = (Array.isArray(doc.subsegments) ? doc.subsegments : [])
      .filter((child) => child && typeof child === "object").map((child) => index(child, false));
    return node;
  };
  const segments = trace.segments.map((segment) => index(segment, true));
  const roots = [];
  for (const node of segments) {
    const parent = nodes.get(node.document.parent_id);
    (parent && parent !== node ? parent.children : roots).push(node);
  }
  const rows = [];
  const visit = (node, depth) => {
    rows.push({ key: `${trace.id}/${node.document.id}`, traceId: trace.id, role, depth, ...node });
    for (const child of [...node.children].sort((a, b) => (a.document.start_time ?? 0) - (b.document.start_time ?? 0))) {
      visit(child, depth + 1);
    }
  };
  for (const node of roots.sort((a, b) => (a.document.start_time ?? 0) - (b.document.start_time ?? 0))) visit(node, 0);
  return rows;
}

function queueNameOf(doc) {
  const url = doc?.aws?.queue_url;
  return typeof url === "string" ? url.replace(/\/+$/, "").split("/").pop() : null;
}

/**
 * Draws `request` ({ producers, consumers }, as loadRequest answers) into #timeline. `selection` is
 * { selectedRow, onSelectRow }: the row with the key `selectedRow` is marked selected, and selecting a row calls
 * `onSelectRow` with it.
 */
export function renderTimeline(request, selection) {
  const container = $("timeline");
  const now = Date.now() / 1000;
  const lines = [];
  const byId = new Map();
  for (const producer of request.producers) {
    lines.push({ kind: "title", text: `Trace ${producer.id}`, traceId: producer.id, link: false });
    for (const row of rowsOf(producer, "producer")) {
      lines.push({ kind: "row", row });
      byId.set(row.document.id, row);
    }
  }
  for (const consumer of request.consumers) {
    const gaps = linksOf(consumer)
      .map((link) => ({ link, upstream: byId.get(link.id) }))
      .filter((gap) => gap.upstream && request.producers.some((producer) => producer.id === gap.link.traceId));
    const queue = gaps.map((gap) => queueNameOf(gap.upstream.document)).find(Boolean);
    lines.push({ kind: "title", text: `⇢ Linked trace ${consumer.id}${queue ? ` (received from ${queue})` : ""}`, traceId: consumer.id, link: true });
    for (const gap of gaps) lines.push({ kind: "gap", ...gap, queue });
    for (const row of rowsOf(consumer, "consumer")) lines.push({ kind: "row", row });
  }
  const entities = lines.filter((line) => line.kind === "row").map((line) => line.row.document);
  const t0 = Math.min(...entities.map((doc) => doc.start_time ?? Infinity));
  const t1 = Math.max(...entities.map((doc) => doc.end_time ?? now));
  if (!Number.isFinite(t0)) {
    container.replaceChildren(el("p", "empty", "This trace has no documents yet."));
    return;
  }
  const width = Math.max(720, container.clientWidth || 720);
  const area = width - LABEL_W - 80;
  const span = Math.max(t1 - t0, 0.001);
  const x = (time) => LABEL_W + ((time - t0) / span) * area;
  const height = 34 + lines.length * ROW;
  const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "group", "aria-label": "Timeline of the request" });
  root.append(drawAxis(span, x, t0, height));
  const focused = document.activeElement?.closest?.("#timeline .row")?.dataset.key;
  const rowY = new Map();
  lines.forEach((line, index) => {
    const y = 30 + index * ROW;
    if (line.kind === "title") {
      const title = svg("text", { class: `group-title${line.link ? " link" : ""}`, x: 4, y: y + 15 }, line.text);
      title.dataset.traceId = line.traceId;
      root.append(title);
    } else if (line.kind === "gap") {
      root.append(drawGap(line, y, x, rowY));
    } else {
      rowY.set(line.row.document.id, y);
      root.append(drawRow(line.row, y, x, width, now, selection));
    }
  });
  container.replaceChildren(root);
  if (focused) container.querySelector(`.row[data-key="${CSS.escape(focused)}"]`)?.focus();
}

function drawAxis(span, x, t0, height) {
  const axis = svg("g", { class: "axis" });
  const target = span / 6;
  const magnitude = 10 ** Math.floor(Math.log10(target));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= target);
  for (let tick = 0; tick <= span + 1e-9; tick += step) {
    axis.append(svg("line", { x1: x(t0 + tick), x2: x(t0 + tick), y1: 20, y2: height }));
    axis.append(svg("text", { class: "muted", x: x(t0 + tick), y: 14, "text-anchor": "middle" }, `+${ms(tick)}`));
  }
  return axis;
}

function drawGap(gap, y, x, rowY) {
  const group = svg("g", { class: "gap" });
  const from = gap.upstream.document.end_time;
  const to = gap.link.segment.start_time;
  const age = Math.max(0, to - from);
  group.append(svg("text", { class: "muted", x: 16, y: y + 15 }, `in queue${gap.queue ? ` ${gap.queue}` : ""}`));
  group.append(titled(svg("rect", { class: "queue-gap", x: x(from), y: y + 4, width: Math.max(2, x(to) - x(from)), height: ROW - 8 }),
    `${ms(age)} from ${labelOf(gap.upstream.document)} to ${gap.link.segment.name}`));
  const inside = x(to) - x(from) > 140; // Written inside a wide gap, after a narrow one.
  group.append(svg("text", { class: "muted", x: inside ? x(to) - 6 : x(to) + 6, y: y + 15, "text-anchor": inside ? "end" : "start" }, `${ms(age)} in queue`));
  const upstreamY = rowY.get(gap.upstream.document.id);
  if (upstreamY !== undefined) group.append(svg("line", { class: "queue-link", x1: x(from), x2: x(from), y1: upstreamY + ROW - 4, y2: y + 4 }));
  return group;
}

function drawRow(row, y, x, width, now, { selectedRow, onSelectRow }) {
  const doc = row.document;
  const start = doc.start_time ?? now;
  const end = doc.end_time ?? now;
  const status = statusOf(doc);
  const group = svg("g", { class: `row${row.key === selectedRow ? " selected" : ""}`, tabindex: 0, role: "button",
    "aria-label": `${labelOf(doc)}, ${ms(end - start)}${status === "ok" ? "" : `, ${status}`}` });
  group.dataset.key = row.key;
  group.dataset.traceId = row.traceId;
  group.dataset.role = row.role;
  group.append(svg("rect", { class: "hit", x: 0, y, width, height: ROW }));
  // About 6.5 px a character: the name first, then as much of the origin (without "AWS::") as still fits.
  const room = Math.floor((LABEL_W - 24 - row.depth * 14) / 6.5);
  const name = clip(labelOf(doc), room);
  const label = svg("text", { x: 16 + row.depth * 14, y: y + 15 }, name);
  const origin = row.isSegment && typeof doc.origin === "string" ? doc.origin.replace(/^AWS::/, "") : "";
  if (origin && room - name.length > 6) label.append(svg("tspan", { class: "muted", dx: 6 }, clip(origin, room - name.length - 1)));
  group.append(titled(label, `${labelOf(doc)}${doc.origin ? ` (${doc.origin})` : ""}`));
  group.append(svg("rect", { class: `span ${row.isSegment ? "segment" : "subsegment"} ${status}`, x: x(start), y: y + 4, width: Math.max(2, x(end) - x(start)), height: ROW - 8, rx: 2 }));
  group.append(svg("text", { class: "muted", x: x(end) + 6, y: y + 15 }, `${ms(end - start)}${doc.end_time === undefined ? " (in progress)" : ""}`));
  const select = () => onSelectRow(row);
  group.addEventListener("click", select);
  group.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      select();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const rows = [...document.querySelectorAll("#timeline .row")];
      rows[rows.indexOf(group) + (event.key === "ArrowDown" ? 1 : -1)]?.focus();
    }
  });
  return group;
}
