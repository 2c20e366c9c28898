// The details panel: the selected timeline row's segment or subsegment, its facts, annotations, metadata, HTTP and
// AWS fields, links, and its error with the recorded cause.

import { $, el, labelOf, ms, statusOf } from "./dom.js";

/** Shows `row` (a timeline row, as rowsOf gives it) in #details, or the hint when it is null. */
export function renderDetails(row) {
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
