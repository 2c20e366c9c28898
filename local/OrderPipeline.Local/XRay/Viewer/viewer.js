// The trace viewer's entry: the page's state, the controls, and the refresh that polls the X-Ray API and redraws the
// map (map.js), the list (list.js), the timeline (timeline.js) and the details (details.js) from what api.js reads.
// Everything a trace holds is untrusted: it reaches the page only as text nodes, never as markup (dom.js).

import { XRayError, getServiceGraph, getTraceSummaries, loadRequest } from "./api.js";
import { renderDetails } from "./details.js";
import { $, clock, el } from "./dom.js";
import { renderSummaries } from "./list.js";
import { renderGraph } from "./map.js";
import { renderTimeline, rowsOf } from "./timeline.js";

const POLL_MS = 2000;

const state = {
  windowSeconds: 3600,
  filter: "",
  live: true,
  graph: null,
  summariesKey: "",
  selectedTrace: null,
  selectedRow: null,
  timelineKey: "",
};

async function refreshGraph() {
  const graph = await getServiceGraph(state.windowSeconds);
  const key = JSON.stringify(graph.Services);
  state.graph = graph;
  if (key !== state.graphKey) {
    state.graphKey = key;
    renderGraph(graph, (name) => applyFilter(`service(${JSON.stringify(name)})`));
  }
}

function showSummaries(summaries, processed) {
  renderSummaries(summaries, processed, { selectedTrace: state.selectedTrace, filter: state.filter, onSelectTrace: selectTrace });
}

async function refreshSummaries() {
  let answer;
  try {
    answer = await getTraceSummaries(state.windowSeconds, state.filter);
  } catch (failure) {
    if (!(failure instanceof XRayError) || !failure.refused) throw failure;
    const error = $("filter-error");
    error.textContent = failure.message;
    error.hidden = false;
    state.summariesKey = "";
    showSummaries([], 0);
    return;
  }
  $("filter-error").hidden = true;
  const summaries = answer.TraceSummaries ?? [];
  const key = JSON.stringify([state.selectedTrace, summaries]);
  if (key !== state.summariesKey) {
    state.summariesKey = key;
    showSummaries(summaries, answer.TracesProcessedCount ?? summaries.length);
  }
}

async function refreshTimeline() {
  if (!state.selectedTrace) return;
  const request = await loadRequest(state.selectedTrace, state.graph);
  if (!request) return;
  const key = JSON.stringify([state.selectedRow, request.producers, request.consumers]);
  if (key === state.timelineKey) return;
  state.timelineKey = key;
  $("timeline-hint").textContent = request.consumers.length > 0
    ? `${request.producers.length} trace(s) and ${request.consumers.length} linked trace(s) on one time axis; the shaded gap is the time in the queue.`
    : "No linked trace yet: it appears here once the consumer has received the message.";
  renderTimeline(request, { selectedRow: state.selectedRow, onSelectRow: selectRow });
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
