// The X-Ray API client. It reads only the X-Ray API on its own origin, in the shapes the AWS SDKs use:
// POST /ServiceGraph (the map), POST /TraceSummaries (the list, and finding linked traces), POST /Traces (documents).
// And one request end to end: the producer trace(s) and the traces linked to them through the queue.

const BATCH_GET_TRACES_LIMIT = 5; // BatchGetTraces takes at most five ids per call.
const SETTLED_AFTER_S = 30; // A trace that ended this long ago is complete: its documents are fetched once.
const LINK_SEARCH_S = 900; // Linked traces are looked for this long after the producer started (retries included).
const UNREACHABLE = "X-Ray API unreachable";
const MAX_PAGES = 50; // GetTraceSummaries and BatchGetTraces answer a page at a time; NextToken asks for the next.

const traces = new Map(); // id -> { trace, settled }

export class XRayError extends Error {
  constructor(type, message) {
    super(message ? `${type}: ${message}` : type);
    this.type = type;
  }

  /** The API answered, and refused the request (as it refuses a filter expression it cannot parse). */
  get refused() {
    return this.type !== UNREACHABLE;
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
    throw new XRayError(UNREACHABLE, unreachable.message);
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

/**
 * Every page of a paged operation: `request(token)` asks for one page (the first with no token); the pages' `list`
 * arrays are joined, and their `TracesProcessedCount` summed when they carry one.
 */
async function allPages(request, list) {
  let answer = await request(undefined);
  const items = [...(answer[list] ?? [])];
  let processed = answer.TracesProcessedCount;
  for (let page = 1; answer.NextToken && page < MAX_PAGES; page++) {
    answer = await request(answer.NextToken);
    items.push(...(answer[list] ?? []));
    if (typeof processed === "number") processed += answer.TracesProcessedCount ?? 0;
  }
  return { ...answer, [list]: items, TracesProcessedCount: processed, NextToken: undefined };
}

function lastSeconds(seconds) {
  const end = Date.now() / 1000;
  return { StartTime: end - seconds, EndTime: end + 1 };
}

/** GetServiceGraph over the last `windowSeconds`. */
export function getServiceGraph(windowSeconds) {
  return xray("/ServiceGraph", lastSeconds(windowSeconds));
}

/** GetTraceSummaries over the last `windowSeconds`, every page, narrowed by `filter` when it is not empty. */
export function getTraceSummaries(windowSeconds, filter) {
  const request = lastSeconds(windowSeconds);
  if (filter) request.FilterExpression = filter;
  return allPages((NextToken) => xray("/TraceSummaries", { ...request, NextToken }), "TraceSummaries");
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

function startOf(trace) {
  return Math.min(...trace.segments.map((segment) => segment.start_time ?? Infinity));
}

function endOf(trace) {
  return Math.max(...trace.segments.map((segment) => segment.end_time ?? Infinity), 0);
}

/** BatchGetTraces in calls of five ids; settled traces come from the cache. */
async function getTraces(ids) {
  const now = Date.now() / 1000;
  const missing = ids.filter((id) => !traces.get(id)?.settled);
  for (let i = 0; i < missing.length; i += BATCH_GET_TRACES_LIMIT) {
    const TraceIds = missing.slice(i, i + BATCH_GET_TRACES_LIMIT);
    const answer = await allPages((NextToken) => xray("/Traces", { TraceIds, NextToken }), "Traces");
    for (const trace of (answer.Traces ?? []).map(parseTrace)) {
      traces.set(trace.id, { trace, settled: endOf(trace) < now - SETTLED_AFTER_S });
    }
  }
  return ids.map((id) => traces.get(id)?.trace).filter(Boolean);
}

/** The links a trace's segments carry, each with the segment that carries it. */
export function linksOf(trace) {
  return trace.segments.flatMap((segment) => (Array.isArray(segment.links) ? segment.links : [])
    .filter((link) => typeof link?.trace_id === "string" && typeof link?.id === "string")
    .map((link) => ({ traceId: link.trace_id, id: link.id, segment })));
}

/** The names of the services that receive linked events: targets of "link" edges in the service graph. */
function linkReceivers(graph) {
  const services = graph?.Services ?? [];
  const targets = new Set(services.flatMap((service) => (service.Edges ?? [])
    .filter((edge) => edge.EdgeType === "link").map((edge) => edge.ReferenceId)));
  return [...new Set(services.filter((service) => targets.has(service.ReferenceId)).map((service) => service.Name))];
}

/** The traces that link to `producer`: traces through a link receiver soon after it started, whose documents link to it. */
async function linkedFrom(producer, graph) {
  const start = startOf(producer);
  if (!Number.isFinite(start)) return [];
  const candidates = new Set();
  for (const name of linkReceivers(graph)) {
    const request = {
      StartTime: start - 1,
      EndTime: Math.min(Date.now() / 1000 + 1, start + LINK_SEARCH_S),
      FilterExpression: `service(${JSON.stringify(name)})`,
    };
    const answer = await allPages((NextToken) => xray("/TraceSummaries", { ...request, NextToken }), "TraceSummaries");
    for (const summary of answer.TraceSummaries ?? []) if (summary.Id !== producer.id) candidates.add(summary.Id);
  }
  const found = await getTraces([...candidates]);
  return found.filter((trace) => linksOf(trace).some((link) => link.traceId === producer.id));
}

/**
 * The selected trace's request end to end: the producer trace(s), then every trace linked to them, found through the
 * services that `graph` (the last GetServiceGraph answer) shows receiving linked events. Null if the trace is gone.
 */
export async function loadRequest(traceId, graph) {
  const [selected] = await getTraces([traceId]);
  if (!selected) return null;
  const upstreamIds = [...new Set(linksOf(selected).map((link) => link.traceId))];
  const producers = upstreamIds.length > 0 ? await getTraces(upstreamIds) : [selected];
  const consumers = [];
  for (const producer of producers) {
    for (const consumer of await linkedFrom(producer, graph)) {
      if (!consumers.some((known) => known.id === consumer.id)) consumers.push(consumer);
    }
  }
  if (upstreamIds.length > 0 && !consumers.some((known) => known.id === selected.id)) consumers.push(selected);
  consumers.sort((a, b) => startOf(a) - startOf(b));
  return { producers, consumers };
}
