// Inline SVG charts, each with the table of its numbers under it. No chart library: a bar is
// a <rect>, a line a <polyline>; colours come from CSS classes (the CSP forbids inline style).
import { el } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const W = 640;
const H = 180;
const PAD = { top: 10, right: 10, bottom: 22, left: 40 };

function svgEl(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function frame(title) {
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "chart",
    "aria-label": title });
  svg.append(svgEl("title", {}, title));
  return svg;
}

function axis(svg, max, labels) {
  const y0 = H - PAD.bottom;
  svg.append(svgEl("line", { x1: PAD.left, y1: y0, x2: W - PAD.right, y2: y0, class: "axis" }));
  svg.append(svgEl("text", { x: PAD.left - 6, y: PAD.top + 8, class: "tick", "text-anchor": "end" }, String(max)));
  svg.append(svgEl("text", { x: PAD.left - 6, y: y0, class: "tick", "text-anchor": "end" }, "0"));
  const [first, last] = [labels[0], labels[labels.length - 1]];
  svg.append(svgEl("text", { x: PAD.left, y: H - 6, class: "tick" }, first));
  svg.append(svgEl("text", { x: W - PAD.right, y: H - 6, class: "tick", "text-anchor": "end" }, last));
}

// Daily columns; several series stack (e.g. staff under organic).
export function columns(title, labels, series) {
  const svg = frame(title);
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] || 0), 0));
  const max = Math.max(1, ...totals);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / labels.length;
  labels.forEach((label, i) => {
    let y = H - PAD.bottom;
    for (const s of series) {
      const h = ((s.values[i] || 0) / max) * plotH;
      if (h > 0) {
        y -= h;
        const bar = svgEl("rect", { x: PAD.left + i * step + step * 0.1, y, width: step * 0.8,
          height: h, class: `bar ${s.className}` });
        bar.append(svgEl("title", {}, `${label}: ${s.name} ${s.values[i]}`));
        svg.append(bar);
      }
    }
  });
  axis(svg, max, labels);
  return svg;
}

// A line per day (e.g. daily active employees).
export function line(title, labels, values, className = "line-active") {
  const svg = frame(title);
  const max = Math.max(1, ...values);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i) => PAD.left + (labels.length === 1 ? plotW / 2 : (i * plotW) / (labels.length - 1));
  const y = (v) => H - PAD.bottom - (v / max) * plotH;
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  svg.append(svgEl("polyline", { points, class: `line ${className}`, fill: "none" }));
  values.forEach((v, i) => {
    const dot = svgEl("circle", { cx: x(i), cy: y(v), r: 3, class: `dot ${className}` });
    dot.append(svgEl("title", {}, `${labels[i]}: ${v}`));
    svg.append(dot);
  });
  axis(svg, max, labels);
  return svg;
}

// Horizontal bars for a top list (pages, groups).
export function ranking(title, rows) {
  const rowH = 22;
  const height = Math.max(1, rows.length) * rowH + 4;
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${height}`, role: "img", class: "chart",
    "aria-label": title });
  svg.append(svgEl("title", {}, title));
  const max = Math.max(1, ...rows.map((r) => r.value));
  const labelW = 240;
  rows.forEach((r, i) => {
    const y = i * rowH + 2;
    svg.append(svgEl("text", { x: labelW - 8, y: y + 15, class: "tick", "text-anchor": "end" },
      r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label));
    const w = ((W - labelW - 50) * r.value) / max;
    svg.append(svgEl("rect", { x: labelW, y, width: Math.max(w, 1), height: rowH - 6, class: "bar bar-views" }));
    svg.append(svgEl("text", { x: labelW + w + 6, y: y + 15, class: "tick" }, String(r.value)));
  });
  return svg;
}

// The numbers behind a chart, as a real table (readable without the picture).
export function table(caption, headers, rows) {
  const head = el("thead", {}, [el("tr", {}, headers.map((h) =>
    el("th", { scope: "col", textContent: h })))]);
  const body = el("tbody", {}, rows.map((row) => el("tr", {}, row.map((cell, i) =>
    (i === 0 ? el("th", { scope: "row", textContent: cell ?? "" })
      : el("td", { textContent: cell ?? "" }))))));
  return el("div", { className: "table-wrap" }, [el("table", { className: "numbers" }, [
    el("caption", { textContent: caption }), head, body])]);
}

// Long tables (one row per day) fold away under their chart, still in the page for everyone.
export function folded(summaryText, node) {
  return el("details", {}, [el("summary", { textContent: summaryText }), node]);
}
