// Building the page from trace data, which is untrusted: it reaches the page only as text nodes (textContent, SVG
// <text>, <title>), never as markup, and only constant attribute names are ever set. And how values are written.

const SVG = "http://www.w3.org/2000/svg";

export const $ = (id) => document.getElementById(id);

export function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) {
    if (child instanceof Node) node.append(child);
    else if (child !== null && child !== undefined && child !== false) node.append(String(child));
  }
  return node;
}

export function svg(tag, attributes = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

export function titled(node, text) {
  node.append(svg("title", {}, text));
  return node;
}

export function clip(text, max) {
  const value = String(text ?? "");
  return value.length > max ? value.slice(0, max - 1) + "…" : value;
}

export function ms(seconds) {
  const value = seconds * 1000;
  if (value >= 10000) return (value / 1000).toFixed(1) + " s";
  return (value >= 100 ? value.toFixed(0) : value.toFixed(1)) + " ms";
}

export function clock(epochSeconds) {
  const time = new Date(epochSeconds * 1000);
  const pad = (n, width = 2) => String(n).padStart(width, "0");
  return `${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}.${pad(time.getMilliseconds(), 3)}`;
}

export function pathOf(url) {
  try {
    return url ? new URL(url, location.href).pathname : null;
  } catch {
    return String(url);
  }
}

export function share(part, total) {
  return total > 0 ? `${Math.round((100 * part) / total)}%` : "0%";
}

/** A trace summary's flags (HasFault…) or a document's (fault…), as one word: fault, throttle, error or ok. */
export function statusOf(flags) {
  if (flags.HasFault || flags.fault) return "fault";
  if (flags.HasThrottle || flags.throttle) return "throttle";
  if (flags.HasError || flags.error) return "error";
  return "ok";
}

/** A segment or subsegment's name, with the AWS operation it called. */
export function labelOf(doc) {
  const operation = doc.aws?.operation;
  return operation ? `${doc.name} ${operation}` : String(doc.name ?? "?");
}
