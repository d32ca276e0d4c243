// Shared by the peer libraries: a grid of cards (name, value, one chart each), the DOM a portal
// would build around a charting library. For (e) the cards are created lazily: 5,000 placeholders,
// and a chart is made when its card comes into view (IntersectionObserver), the usual way to put
// thousands of charts on a page.
import { box, text } from '../harness.js';

export async function prepare(w) {
  if (w === 'b') return text('peers/b.json');
  return text(`peers/${w}.json`);
}

/** Builds cards for `specs`; `draw(el, spec)` makes the chart and returns a handle. */
export async function cards(root, specs, draw, { cols = 3, lazy = false, chartH = 200 } = {}) {
  const grid = box(root, 'grid', { '--cols': cols, '--chart-h': `${chartH}px` });
  const handles = [];
  const make = (card, spec) => {
    const h = document.createElement('h3');
    h.textContent = spec.name;
    const v = document.createElement('div');
    v.className = 'value';
    v.textContent = spec.label || '';
    const chart = document.createElement('div');
    chart.className = 'chart';
    card.append(h, v, chart);
    handles.push(draw(chart, spec));
  };
  if (!lazy) {
    for (const spec of specs) {
      const card = document.createElement('div');
      card.className = 'card';
      grid.append(card);
      make(card, spec);
    }
    return handles;
  }
  const pending = new Map();
  for (const spec of specs) {
    const card = document.createElement('div');
    card.className = 'card lazy';
    grid.append(card);
    pending.set(card, spec);
  }
  await new Promise((resolve) => {
    const io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting && pending.has(e.target)) {
          make(e.target, pending.get(e.target));
          pending.delete(e.target);
          io.unobserve(e.target);
        }
      }
      resolve();
    });
    for (const card of pending.keys()) io.observe(card);
  });
  return handles;
}
