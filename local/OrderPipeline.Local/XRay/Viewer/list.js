// The trace list: GetTraceSummaries' answer, most recent first, one button a trace with its entry point, status,
// duration and annotations.

import { $, clock, el, ms, pathOf, statusOf } from "./dom.js";

const MAX_SHOWN = 200;
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

/**
 * Lists `summaries` in #traces, out of `processed` in the window; `selectedTrace` is marked current, `filter` (the
 * expression applied) words an empty list, and selecting a trace calls `onSelectTrace` with its id.
 */
export function renderSummaries(summaries, processed, { selectedTrace, filter, onSelectTrace }) {
  const list = $("traces");
  const focused = document.activeElement?.closest?.("#traces li")?.dataset.traceId;
  const items = summaries.slice(0, MAX_SHOWN).map((summary) => {
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
    button.setAttribute("aria-current", String(summary.Id === selectedTrace));
    button.addEventListener("click", () => onSelectTrace(summary.Id));
    const item = el("li", null, button);
    item.dataset.traceId = summary.Id;
    return item;
  });
  list.replaceChildren(...items);
  const shown = Math.min(summaries.length, MAX_SHOWN);
  $("traces-count").textContent = summaries.length === 0
    ? (filter ? "No trace matches the filter in this window." : "No traces in this window yet.")
    : `${shown === summaries.length ? summaries.length : `${shown} of ${summaries.length}`} trace(s), most recent first; ${processed} in the window.`;
  if (focused) list.querySelector(`li[data-trace-id="${CSS.escape(focused)}"] button`)?.focus();
}
