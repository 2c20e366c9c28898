// The trace map: GetServiceGraph's services as boxes in columns by call depth, their edges as curves (dashed for a
// link, an event received through a queue) with request counts, latency or event age, and error and fault shares.

import { $, clip, el, ms, share, svg, titled } from "./dom.js";

const NODE_W = 160;
const NODE_H = 64;
const COLUMN_W = 275;
const ROW_H = 100;
const BOW = 40; // How far below a straight line an edge that skips columns is drawn.

function statisticsOf(summary) {
  const total = summary?.TotalCount ?? 0;
  return {
    total,
    average: total > 0 ? (summary.TotalResponseTime ?? 0) / total : 0,
    ok: summary?.OkCount ?? 0,
    errors: summary?.ErrorStatistics?.OtherCount ?? 0,
    throttles: summary?.ErrorStatistics?.ThrottleCount ?? 0,
    faults: summary?.FaultStatistics?.TotalCount ?? 0,
  };
}

function averageOf(histogram) {
  const count = histogram.reduce((sum, bucket) => sum + bucket.Count, 0);
  return count > 0 ? histogram.reduce((sum, bucket) => sum + bucket.Value * bucket.Count, 0) / count : 0;
}

function layoutGraph(services) {
  const edges = services.flatMap((service) => (service.Edges ?? []).map((edge) => ({ from: service.ReferenceId, to: edge.ReferenceId, edge })));
  const depth = new Map(services.map((service) => [service.ReferenceId, 0]));
  for (let pass = 0; pass < services.length; pass++) {
    for (const { from, to } of edges) {
      const next = (depth.get(from) ?? 0) + 1;
      if (depth.has(to) && next > depth.get(to) && next < services.length) depth.set(to, next);
    }
  }
  const columns = new Map();
  for (const service of [...services].sort((a, b) => a.ReferenceId - b.ReferenceId)) {
    const column = depth.get(service.ReferenceId);
    columns.set(column, [...(columns.get(column) ?? []), service]);
  }
  const tallest = Math.max(...[...columns.values()].map((column) => column.length));
  const positions = new Map();
  for (const [column, members] of columns) {
    const offset = ((tallest - members.length) * ROW_H) / 2;
    members.forEach((service, row) => positions.set(service.ReferenceId, {
      x: 20 + column * COLUMN_W, y: 30 + offset + row * ROW_H, column,
    }));
  }
  const bows = edges.some(({ from, to }) => Math.abs(positions.get(to).column - positions.get(from).column) !== 1);
  const height = 30 + (tallest - 1) * ROW_H + NODE_H + (bows ? BOW + 50 : 20);
  return { edges, positions, width: 40 + (columns.size - 1) * COLUMN_W + NODE_W, height };
}

/** Draws `graph` into #map; selecting a node calls `onSelectService` with its name. */
export function renderGraph(graph, onSelectService) {
  const container = $("map");
  const services = graph.Services ?? [];
  if (services.length === 0) {
    container.replaceChildren(el("p", "empty", "No traces in this window yet."));
    return;
  }
  const { edges, positions, width, height } = layoutGraph(services);
  const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Trace map" });
  root.style.maxWidth = "100%";
  root.style.height = "auto";
  const defs = svg("defs");
  for (const kind of ["call", "link"]) {
    const marker = svg("marker", { id: `arrow-${kind}`, class: kind, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: "auto-start-reverse" });
    marker.append(svg("path", { d: "M 0 0 L 10 5 L 0 10 z" }));
    defs.append(marker);
  }
  root.append(defs);
  for (const { from, to, edge } of edges) root.append(drawEdge(positions.get(from), positions.get(to), edge, services));
  for (const service of services) root.append(drawNode(service, positions.get(service.ReferenceId), onSelectService));
  container.replaceChildren(root);
}

function drawEdge(from, to, edge, services) {
  const isLink = edge.EdgeType === "link";
  const stats = statisticsOf(edge.SummaryStatistics);
  const x1 = from.x + NODE_W;
  const y1 = from.y + NODE_H / 2;
  const x2 = to.x;
  const y2 = to.y + NODE_H / 2;
  const span = Math.abs(to.column - from.column);
  const bow = span > 1 || to.column <= from.column ? BOW + 20 * span : 0;
  const group = svg("g", { class: `edge-group${isLink ? " link" : ""}` });
  const names = (id) => services.find((service) => service.ReferenceId === id)?.Name ?? "?";
  group.dataset.edgeType = isLink ? "link" : "call";
  group.dataset.target = names(edge.ReferenceId);
  const path = svg("path", {
    class: `edge${isLink ? " link" : ""}${stats.faults > 0 ? " faulty" : ""}`,
    d: `M ${x1} ${y1} C ${x1 + 60} ${y1 + bow}, ${x2 - 60} ${y2 + bow}, ${x2} ${y2}`,
    "marker-end": `url(#arrow-${isLink ? "link" : "call"})`,
  });
  group.append(path);
  // The statistics above the line, the error and fault shares below it, at the curve's midpoint.
  const labelX = (x1 + x2) / 2;
  const labelY = (y1 + y2) / 2 + bow * 0.75;
  const label = svg("text", { class: `edge-label${isLink ? " link" : ""}`, x: labelX, y: labelY, "text-anchor": "middle" });
  const line = (text, dy, className) => label.append(svg("tspan", { x: labelX, y: labelY + dy, class: className }, text));
  line(isLink
    ? `${stats.total} · age ${ms(averageOf(edge.ReceivedEventAgeHistogram ?? []))}`
    : `${stats.total} req · ${ms(stats.average)}`, -6, isLink ? "link" : "");
  const bad = stats.errors + stats.throttles > 0 || stats.faults > 0;
  line(`err ${share(stats.errors + stats.throttles, stats.total)} · fault ${share(stats.faults, stats.total)}`, 14, bad ? "bad" : "muted");
  titled(group, isLink
    ? `Link to ${group.dataset.target}: ${stats.total} event(s) received, average age ${ms(averageOf(edge.ReceivedEventAgeHistogram ?? []))}`
    : `${stats.total} request(s) to ${group.dataset.target}, average ${ms(stats.average)}`);
  group.append(label);
  return group;
}

function drawNode(service, at, onSelectService) {
  const stats = statisticsOf(service.SummaryStatistics);
  const type = service.Type ?? "";
  const group = svg("g", {
    class: `node${service.Root ? " root" : ""}`, transform: `translate(${at.x} ${at.y})`, tabindex: 0, role: "button",
    "aria-label": `${service.Name} (${type}): ${stats.total} requests. Select to list its traces.`,
  });
  group.dataset.nodeName = service.Name;
  group.dataset.nodeType = type;
  titled(group, `${service.Name}\n${type}`);
  group.append(svg("rect", { class: "box", width: NODE_W, height: NODE_H, rx: 8 }));
  group.append(svg("text", { class: "name", x: 10, y: 20 }, clip(service.Name, 20)));
  group.append(svg("text", { class: "muted type", x: 10, y: 36 }, clip(type, 26)));
  group.append(svg("text", { x: 10, y: 52 }, `${stats.total} · ${ms(stats.average)} avg`));
  const health = svg("g", { class: "health", transform: `translate(8 ${NODE_H - 6})` });
  let x = 0;
  for (const [kind, count] of [["ok", stats.ok], ["error", stats.errors], ["throttle", stats.throttles], ["fault", stats.faults]]) {
    const w = stats.total > 0 ? ((NODE_W - 16) * count) / stats.total : 0;
    if (w > 0) health.append(svg("rect", { class: kind, x, y: 0, width: w, height: 3 }));
    x += w;
  }
  group.append(health);
  const select = () => onSelectService(service.Name);
  group.addEventListener("click", select);
  group.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      select();
    }
  });
  return group;
}
