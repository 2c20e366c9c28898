// The trace viewer. It reads only the X-Ray API on its own origin, in the shapes the AWS SDKs use:
// POST /ServiceGraph (the map), POST /TraceSummaries (the list, and finding linked traces), POST /Traces (documents).
// Everything a trace holds is untrusted: it reaches the page only as text nodes (textContent, SVG <text>, <title>),
// never as markup, and only constant attribute names are ever set.

const SVG = "http://www.w3.org/2000/svg";
const POLL_MS = 2000;
const BATCH_GET_TRACES_LIMIT = 5; // BatchGetTraces takes at most five ids per call.
const SETTLED_AFTER_S = 30; // A trace that ended this long ago is complete: its documents are fetched once.
const LINK_SEARCH_S = 900; // Linked traces are looked for this long after the producer started (retries included).

const state = {
  windowSeconds: 3600,
  filter: "",
  live: true,
  graph: null,
  summariesKey: "",
  selectedTrace: null,
  selectedRow: null,
  timelineKey: "",
  traces: new Map(), // id -> { trace, settled }
};

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------- DOM helpers

function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) {
    if (child instanceof Node) node.append(child);
    else if (child !== null && child !== undefined && child !== false) node.append(String(child));
  }
  return node;
}

function svg(tag, attributes = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

function titled(node, text) {
  node.append(svg("title", {}, text));
  return node;
}

function clip(text, max) {
  const value = String(text ?? "");
  return value.length > max ? value.slice(0, max - 1) + "…" : value;
}

function ms(seconds) {
  const value = seconds * 1000;
  if (value >= 10000) return (value / 1000).toFixed(1) + " s";
  return (value >= 100 ? value.toFixed(0) : value.toFixed(1)) + " ms";
}

function clock(epochSeconds) {
  const time = new Date(epochSeconds * 1000);
  const pad = (n, width = 2) => String(n).padStart(width, "0");
  return `${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}.${pad(time.getMilliseconds(), 3)}`;
}

function pathOf(url) {
  try {
    return url ? new URL(url, location.href).pathname : null;
  } catch {
    return String(url);
  }
}

function share(part, total) {
  return total > 0 ? `${Math.round((100 * part) / total)}%` : "0%";
}

// ---------------------------------------------------------------------------------------------- X-Ray API

class XRayError extends Error {
  constructor(type, message) {
    super(message ? `${type}: ${message}` : type);
    this.type = type;
  }
}

async function xray(operation, body) {
  let response;
  try {
    response = await fetch(operation, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch (unreachable) {
    throw new XRayError("X-Ray API unreachable", unreachable.message);
  }
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text || "{}");
  } catch {
    json = null;
  }
  if (!response.ok || json === null) {
    const type = json?.__type ?? response.headers.get("x-amzn-ErrorType") ?? `HTTP ${response.status}`;
    throw new XRayError(type, json?.message ?? json?.Message ?? text);
  }
  return json;
}

function window_() {
  const end = Date.now() / 1000;
  return { StartTime: end - state.windowSeconds, EndTime: end + 1 };
}

function parseTrace(trace) {
  const segments = [];
  for (const segment of trace.Segments ?? []) {
    try {
      const doc = JSON.parse(segment.Document);
      if (doc && typeof doc === "object") segments.push(doc);
    } catch {
      // A document that is not JSON is left out, as a console would.
    }
  }
  return { id: trace.Id, segments };
}

function endOf(trace) {
  return Math.max(...trace.segments.map((segment) => segment.end_time ?? Infinity), 0);
}

/** BatchGetTraces in calls of five ids; settled traces come from the cache. */
async function getTraces(ids) {
  const now = Date.now() / 1000;
  const missing = ids.filter((id) => !state.traces.get(id)?.settled);
  for (let i = 0; i < missing.length; i += BATCH_GET_TRACES_LIMIT) {
    const answer = await xray("/Traces", { TraceIds: missing.slice(i, i + BATCH_GET_TRACES_LIMIT) });
    for (const trace of (answer.Traces ?? []).map(parseTrace)) {
      state.traces.set(trace.id, { trace, settled: endOf(trace) < now - SETTLED_AFTER_S });
    }
  }
  return ids.map((id) => state.traces.get(id)?.trace).filter(Boolean);
}

function linksOf(trace) {
  return trace.segments.flatMap((segment) => (Array.isArray(segment.links) ? segment.links : [])
    .filter((link) => typeof link?.trace_id === "string" && typeof link?.id === "string")
    .map((link) => ({ traceId: link.trace_id, id: link.id, segment })));
}

/** The names of the services that receive linked events: targets of "link" edges in the service graph. */
function linkReceivers() {
  const services = state.graph?.Services ?? [];
  const targets = new Set(services.flatMap((service) => (service.Edges ?? [])
    .filter((edge) => edge.EdgeType === "link").map((edge) => edge.ReferenceId)));
  return [...new Set(services.filter((service) => targets.has(service.ReferenceId)).map((service) => service.Name))];
}

/** The traces that link to `producer`: traces through a link receiver soon after it started, whose documents link to it. */
async function linkedFrom(producer) {
  const start = Math.min(...producer.segments.map((segment) => segment.start_time ?? Infinity));
  if (!Number.isFinite(start)) return [];
  const candidates = new Set();
  for (const name of linkReceivers()) {
    const answer = await xray("/TraceSummaries", {
      StartTime: start - 1,
      EndTime: Math.min(Date.now() / 1000 + 1, start + LINK_SEARCH_S),
      FilterExpression: `service(${JSON.stringify(name)})`,
    });
    for (const summary of answer.TraceSummaries ?? []) if (summary.Id !== producer.id) candidates.add(summary.Id);
  }
  const traces = await getTraces([...candidates]);
  return traces.filter((trace) => linksOf(trace).some((link) => link.traceId === producer.id));
}

/** The selected trace's request end to end: the producer trace(s), then every trace linked to them. */
async function loadRequest(traceId) {
  const [selected] = await getTraces([traceId]);
  if (!selected) return null;
  const upstreamIds = [...new Set(linksOf(selected).map((link) => link.traceId))];
  const producers = upstreamIds.length > 0 ? await getTraces(upstreamIds) : [selected];
  const consumers = [];
  for (const producer of producers) {
    for (const consumer of await linkedFrom(producer)) {
      if (!consumers.some((known) => known.id === consumer.id)) consumers.push(consumer);
    }
  }
  if (upstreamIds.length > 0 && !consumers.some((known) => known.id === selected.id)) consumers.push(selected);
  consumers.sort((a, b) => startOf(a) - startOf(b));
  return { producers, consumers };
}

function startOf(trace) {
  return Math.min(...trace.segments.map((segment) => segment.start_time ?? Infinity));
}

// ---------------------------------------------------------------------------------------------- Trace map

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

function renderGraph(graph) {
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
  for (const service of services) root.append(drawNode(service, positions.get(service.ReferenceId)));
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

function drawNode(service, at) {
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
  const select = () => applyFilter(`service(${JSON.stringify(service.Name)})`);
  group.addEventListener("click", select);
  group.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      select();
    }
  });
  return group;
}

// ---------------------------------------------------------------------------------------------- Traces list

function statusOf(flags) {
  if (flags.HasFault || flags.fault) return "fault";
  if (flags.HasThrottle || flags.throttle) return "throttle";
  if (flags.HasError || flags.error) return "error";
  return "ok";
}

const MAX_CHIPS = 6;

function annotationChips(annotations) {
  const texts = Object.entries(annotations ?? {}).flatMap(([key, values]) => (Array.isArray(values) ? values : []).map((entry) => {
    const value = entry?.AnnotationValue ?? {};
    const shown = value.StringValue ?? value.NumberValue ?? value.BooleanValue;
    return `${key} = ${typeof shown === "string" ? JSON.stringify(shown) : shown}`;
  }));
  const chips = el("span", "chips", ...texts.slice(0, MAX_CHIPS).map((text) => el("span", "chip", text)));
  if (texts.length > MAX_CHIPS) {
    const more = el("span", "chip more", `+${texts.length - MAX_CHIPS} more`);
    more.title = texts.slice(MAX_CHIPS).join("\n");
    chips.append(more);
  }
  return chips;
}

function renderSummaries(summaries, processed) {
  const list = $("traces");
  const focused = document.activeElement?.closest?.("#traces li")?.dataset.traceId;
  const items = summaries.slice(0, 200).map((summary) => {
    const status = statusOf(summary);
    const entry = summary.EntryPoint ?? {};
    const http = summary.Http ?? {};
    const button = el("button", null,
      el("span", "time", clock(summary.StartTime)),
      el("span", "entry", entry.Name ?? "?", el("small", null, [entry.Type, http.HttpMethod, pathOf(http.HttpURL)].filter(Boolean).join(" · "))),
      el("span", null, el("span", `badge ${status}`, status === "ok" ? "OK" : status, http.HttpStatus ? ` ${http.HttpStatus}` : "")),
      el("span", "duration", ms(summary.Duration ?? 0)),
      annotationChips(summary.Annotations));
    button.type = "button";
    button.title = summary.Id;
    button.setAttribute("aria-current", String(summary.Id === state.selectedTrace));
    button.addEventListener("click", () => selectTrace(summary.Id));
    const item = el("li", null, button);
    item.dataset.traceId = summary.Id;
    return item;
  });
  list.replaceChildren(...items);
  const shown = Math.min(summaries.length, 200);
  $("traces-count").textContent = summaries.length === 0
    ? (state.filter ? "No trace matches the filter in this window." : "No traces in this window yet.")
    : `${shown === summaries.length ? summaries.length : `${shown} of ${summaries.length}`} trace(s), most recent first; ${processed} in the window.`;
  if (focused) list.querySelector(`li[data-trace-id="${CSS.escape(focused)}"] button`)?.focus();
}

// ---------------------------------------------------------------------------------------------- Timeline

const ROW = 22;
const LABEL_W = 300;

/** A trace's entities in tree order: segments under their parents (by parent_id), subsegments nested. */
function rowsOf(trace, role) {
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

function labelOf(doc) {
  const operation = doc.aws?.operation;
  return operation ? `${doc.name} ${operation}` : String(doc.name ?? "?");
}

function queueNameOf(doc) {
  const url = doc?.aws?.queue_url;
  return typeof url === "string" ? url.replace(/\/+$/, "").split("/").pop() : null;
}

function renderTimeline(request) {
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
      root.append(drawRow(line.row, y, x, width, now));
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

function drawRow(row, y, x, width, now) {
  const doc = row.document;
  const start = doc.start_time ?? now;
  const end = doc.end_time ?? now;
  const status = statusOf(doc);
  const group = svg("g", { class: `row${row.key === state.selectedRow ? " selected" : ""}`, tabindex: 0, role: "button",
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
  const select = () => selectRow(row);
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


// ---------------------------------------------------------------------------------------------- Details

function renderDetails(row) {
  const panel = $("details");
  if (!row) {
    panel.replaceChildren(el("p", "empty", "Select a bar to see its annotations, metadata, HTTP and AWS fields, and errors."));
    return;
  }
  const doc = row.document;
  const status = statusOf(doc);
  const facts = el("dl");
  const fact = (name, value) => {
    if (value !== undefined && value !== null && value !== "") facts.append(el("dt", null, name), el("dd", null, value));
  };
  fact("Trace", row.traceId);
  fact("Id", doc.id);
  fact("Parent", doc.parent_id);
  fact("Kind", row.isSegment ? "segment" : "subsegment");
  fact("Origin", doc.origin);
  fact("Namespace", doc.namespace);
  fact("Start", typeof doc.start_time === "number" ? new Date(doc.start_time * 1000).toISOString() : null);
  fact("Duration", typeof doc.end_time === "number" ? ms(doc.end_time - doc.start_time) : "in progress");
  fact("Status", status);
  const parts = [el("h3", null, labelOf(doc)), facts];
  const section = (title, value) => {
    if (value === undefined || value === null || (typeof value === "object" && Object.keys(value).length === 0)) return;
    parts.push(el("h4", null, title), el("pre", null, JSON.stringify(value, null, 2)));
  };
  if (doc.annotations && typeof doc.annotations === "object") {
    const table = el("dl");
    for (const [key, value] of Object.entries(doc.annotations)) table.append(el("dt", null, key), el("dd", null, JSON.stringify(value)));
    parts.push(el("h4", null, "Annotations"), table);
  }
  section("Metadata", doc.metadata);
  section("HTTP", doc.http);
  section("AWS", doc.aws);
  section("Links", doc.links);
  if (status !== "ok" || doc.cause) {
    parts.push(el("h4", "cause", `Error: ${status}`), ...causeOf(doc.cause));
  }
  panel.replaceChildren(...parts);
}

function causeOf(cause) {
  if (cause === undefined || cause === null) return [el("p", "hint", "No cause recorded.")];
  if (typeof cause === "string") return [el("p", null, `Cause recorded under exception id ${cause}.`)];
  const nodes = [];
  if (cause.working_directory) nodes.push(el("p", "hint", `Working directory: ${cause.working_directory}`));
  for (const exception of Array.isArray(cause.exceptions) ? cause.exceptions : []) {
    nodes.push(el("p", "cause", `${exception.type ?? "Exception"}${exception.remote ? " (remote)" : ""}: ${exception.message ?? ""}`));
    const frames = (Array.isArray(exception.stack) ? exception.stack : [])
      .map((frame) => `  at ${frame.label ?? "?"} in ${frame.path ?? "?"}:${frame.line ?? "?"}`);
    if (frames.length > 0) nodes.push(el("pre", null, frames.join("\n")));
  }
  return nodes.length > 0 ? nodes : [el("pre", null, JSON.stringify(cause, null, 2))];
}

// ---------------------------------------------------------------------------------------------- Refresh

async function refreshGraph() {
  const graph = await xray("/ServiceGraph", window_());
  const key = JSON.stringify(graph.Services);
  state.graph = graph;
  if (key !== state.graphKey) {
    state.graphKey = key;
    renderGraph(graph);
  }
}

async function refreshSummaries() {
  const request = window_();
  if (state.filter) request.FilterExpression = state.filter;
  let answer;
  try {
    answer = await xray("/TraceSummaries", request);
  } catch (failure) {
    if (!(failure instanceof XRayError) || failure.type === "X-Ray API unreachable") throw failure;
    const error = $("filter-error");
    error.textContent = failure.message;
    error.hidden = false;
    state.summariesKey = "";
    renderSummaries([], 0);
    return;
  }
  $("filter-error").hidden = true;
  const summaries = answer.TraceSummaries ?? [];
  const key = JSON.stringify([state.selectedTrace, summaries]);
  if (key !== state.summariesKey) {
    state.summariesKey = key;
    renderSummaries(summaries, answer.TracesProcessedCount ?? summaries.length);
  }
}

async function refreshTimeline() {
  if (!state.selectedTrace) return;
  const request = await loadRequest(state.selectedTrace);
  if (!request) return;
  const key = JSON.stringify([state.selectedRow, request.producers, request.consumers]);
  if (key === state.timelineKey) return;
  state.timelineKey = key;
  $("timeline-hint").textContent = request.consumers.length > 0
    ? `${request.producers.length} trace(s) and ${request.consumers.length} linked trace(s) on one time axis; the shaded gap is the time in the queue.`
    : "No linked trace yet: it appears here once the consumer has received the message.";
  renderTimeline(request);
  const rows = [...request.producers.flatMap((trace) => rowsOf(trace, "producer")), ...request.consumers.flatMap((trace) => rowsOf(trace, "consumer"))];
  renderDetails(rows.find((row) => row.key === state.selectedRow) ?? null);
}

let running = null;
let again = false;

/** Runs one refresh at a time; a request made meanwhile runs once more when it ends. */
function refresh() {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await refreshOnce();
    } while (again);
    running = null;
  })();
  return running;
}

async function refreshOnce() {
  const status = $("status");
  try {
    await Promise.all([refreshGraph(), refreshSummaries()]);
    await refreshTimeline();
    status.textContent = `${state.live ? "Live" : "Paused"} · updated ${clock(Date.now() / 1000)}`;
    status.classList.remove("failed");
  } catch (failure) {
    status.textContent = failure.message;
    status.classList.add("failed");
  }
}

function applyFilter(expression) {
  state.filter = expression.trim();
  $("filter").value = state.filter;
  refresh();
}

function selectTrace(traceId) {
  state.selectedTrace = traceId;
  state.selectedRow = null;
  state.timelineKey = "";
  state.summariesKey = "";
  $("timeline").replaceChildren(el("p", "empty", "Loading…"));
  renderDetails(null);
  refresh();
}

function selectRow(row) {
  state.selectedRow = row.key;
  for (const node of document.querySelectorAll("#timeline .row")) node.classList.toggle("selected", node.dataset.key === row.key);
  renderDetails(row);
}

function start() {
  $("filter-form").addEventListener("submit", (event) => {
    event.preventDefault();
    applyFilter($("filter").value);
  });
  $("filter-clear").addEventListener("click", () => applyFilter(""));
  $("window").addEventListener("change", (event) => {
    state.windowSeconds = Number(event.target.value);
    state.graphKey = "";
    refresh();
  });
  $("live").addEventListener("click", (event) => {
    state.live = !state.live;
    event.currentTarget.setAttribute("aria-pressed", String(state.live));
    event.currentTarget.textContent = state.live ? "Live" : "Paused";
    if (state.live) refresh();
  });
  let resize = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resize);
    resize = setTimeout(() => {
      state.timelineKey = "";
      refresh();
    }, 200);
  });
  setInterval(() => {
    if (state.live && !document.hidden) refresh();
  }, POLL_MS);
  refresh();
}

start();
