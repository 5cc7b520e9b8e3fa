// Hand-drawn SVG charts (no library): a bar chart for categories, a line chart for series over time.
// Labels are SVG text nodes set with textContent. Returns null when the data cannot be charted.
import { el } from './dom.js';
import { formatNumber } from './result-table.js';

const NS = 'http://www.w3.org/2000/svg';
const MAX_POINTS = { bar: 40, line: 400 };

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text != null) node.textContent = text;
  return node;
}

/** Round tick values (1, 2, 5 × 10^k) covering [min, max]. */
function ticks(min, max, count = 5) {
  if (min === max) { max = min === 0 ? 1 : max + Math.abs(max) * 0.1; min = Math.min(0, min); }
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const out = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1] < max) out.push(out[out.length - 1] + step);
  return out;
}

/**
 * answer.chart {kind, x, y} + answer.result {columns, rows} → a <figure> with an SVG, or null.
 * width is the drawing width in CSS pixels (so text is not scaled), font the font size in px.
 */
export function renderChart(chart, result, { width = 640, font = 12 } = {}) {
  if (!chart || !['bar', 'line'].includes(chart.kind) || !result?.rows?.length) return null;
  const names = result.columns.map((c) => c.name);
  const xi = names.indexOf(chart.x);
  const yi = names.indexOf(chart.y);
  if (xi < 0 || yi < 0) return null;
  const all = result.rows.filter((r) => typeof r[yi] === 'number');
  if (!all.length) return null;
  const data = all.slice(0, MAX_POINTS[chart.kind]).map((r) => ({ x: r[xi] == null ? 'NULL' : String(r[xi]), y: r[yi] }));

  const charW = font * 0.6;
  const longest = Math.min(14, Math.max(...data.map((d) => d.x.length)));
  const slot = (width - font * 6) / data.length;
  // Labels are shortened to their slot; turned 40° only when even 8 characters do not fit.
  const rotate = chart.kind === 'bar' && longest > slot / charW && slot / charW < 8;
  const pad = { left: font * 5, right: chart.kind === 'line' ? font * 3 : font, top: font * 2, bottom: rotate ? font * (1.8 + longest * 0.4) : font * 2.5 };
  const plotH = Math.round(Math.max(font * 11, Math.min(font * 20, width * 0.38)));
  const height = Math.round(pad.top + plotH + pad.bottom);
  const plotW = width - pad.left - pad.right;
  const values = data.map((d) => d.y);
  const scale = ticks(Math.min(0, ...values), Math.max(0, ...values));
  const lo = scale[0];
  const hi = scale[scale.length - 1];
  const yPos = (v) => pad.top + plotH - ((v - lo) / (hi - lo || 1)) * plotH;

  const title = `${chart.kind === 'bar' ? 'Bar' : 'Line'} chart of ${chart.y} by ${chart.x}`;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title, class: `chart chart-${chart.kind}`, 'font-size': font });
  root.append(svg('title', {}, title));
  for (const t of scale) {
    const y = yPos(t);
    root.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: t === 0 ? 'axis' : 'grid' }));
    root.append(svg('text', { x: pad.left - 6, y: y + font * 0.35, 'text-anchor': 'end', class: 'tick' }, formatNumber(t)));
  }
  const step = plotW / data.length;
  const fit = rotate ? 14 : chart.kind === 'line' ? 18 : Math.max(3, Math.floor(step / charW));
  const label = (d, cx) => {
    const text = d.x.length > fit ? `${d.x.slice(0, fit - 1)}…` : d.x;
    const y = pad.top + plotH + font * 1.3;
    return svg('text', rotate ? { x: cx, y, 'text-anchor': 'end', transform: `rotate(-40 ${cx} ${y})`, class: 'label' } : { x: cx, y, 'text-anchor': 'middle', class: 'label' }, text);
  };

  if (chart.kind === 'bar') {
    const barW = Math.max(2, Math.min(step * 0.7, font * 5));
    data.forEach((d, i) => {
      const cx = pad.left + step * (i + 0.5);
      const y0 = yPos(0);
      const y1 = yPos(d.y);
      const bar = svg('rect', { x: cx - barW / 2, y: Math.min(y0, y1), width: barW, height: Math.max(1, Math.abs(y0 - y1)), class: 'bar' });
      bar.append(svg('title', {}, `${d.x}: ${formatNumber(d.y, chart.y)}`));
      root.append(bar);
      if (data.length <= 20) root.append(svg('text', { x: cx, y: Math.min(y0, y1) - 4, 'text-anchor': 'middle', class: 'value' }, formatNumber(d.y, chart.y)));
      if (!rotate || step >= font * 0.9) root.append(label(d, cx));
    });
  } else {
    const xPos = (i) => pad.left + (data.length === 1 ? plotW / 2 : (i / (data.length - 1)) * plotW);
    root.append(svg('polyline', { points: data.map((d, i) => `${xPos(i)},${yPos(d.y)}`).join(' '), class: 'line' }));
    const every = Math.ceil(data.length / Math.max(2, Math.floor(plotW / (font * 7))));
    data.forEach((d, i) => {
      if (data.length <= 60) {
        const dot = svg('circle', { cx: xPos(i), cy: yPos(d.y), r: 3, class: 'dot' });
        dot.append(svg('title', {}, `${d.x}: ${formatNumber(d.y, chart.y)}`));
        root.append(dot);
      }
      if (i % every === 0) root.append(label(d, xPos(i)));
    });
  }
  const note = all.length > data.length ? el('figcaption', { class: 'note' }, `Chart shows the first ${data.length} of ${all.length} values.`) : null;
  return el('figure', { class: 'chart-figure' }, root, note);
}
