// uPlot 1.6 (lines only: no gauges), for (b) and (c). Its stylesheet is part of what it loads.
import uPlot from '/dist/uplot.js';
import { box } from '../harness.js';
import { prepare as prep } from './cards.js';

export const prepare = prep;

export async function init() {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/dist/uplot.css';
  await new Promise((ok, fail) => {
    link.onload = ok;
    link.onerror = fail;
    document.head.append(link);
  });
}

/** Aligns [[x, y]] series on one x array (uPlot's data model). */
function align(list) {
  const xs = [...new Set(list.flatMap((s) => s.map((p) => p[0])))].sort((a, b) => a - b);
  return [xs, ...list.map((s) => {
    const m = new Map(s);
    return xs.map((x) => (m.has(x) ? m.get(x) : null));
  })];
}

export async function render(w, data, root) {
  const specs = JSON.parse(data);
  if (w === 'b') {
    const grid = box(root, 'grid', { '--cols': 2 });
    const charts = specs.map((s) => {
      const card = document.createElement('div');
      card.className = 'card';
      const h = document.createElement('h3');
      h.textContent = s.name;
      card.append(h);
      grid.append(card);
      return new uPlot(
        {
          width: 590,
          height: 300,
          scales: { x: { time: false } },
          legend: { show: false },
          cursor: { show: false },
          series: [
            {},
            { stroke: '#0969da', dash: [6, 4], spanGaps: true, points: { show: false } },
            { stroke: '#57606a', dash: [2, 3], spanGaps: true, points: { show: false } },
            { stroke: '#1f2328', width: 2.5, points: { size: 6 } },
            { stroke: '#1f2328', paths: () => null, points: { show: true, size: 12, fill: '#fff' } },
          ],
        },
        align([s.glide, s.projection, s.actual, s.targets]),
        card,
      );
    });
    return { charts };
  }
  if (w !== 'c') throw new Error('uPlot has no gauges: only workloads b and c');
  const el = box(root, 'wide');
  const u = new uPlot(
    {
      width: 1248,
      height: 420,
      scales: { x: { time: false } },
      legend: { show: false },
      cursor: { show: false },
      series: [{}, { stroke: '#1f2328', width: 1, points: { show: false } }],
    },
    [Float64Array.from(specs.x), Float64Array.from(specs.y)],
    el,
  );
  return { charts: [u] };
}
