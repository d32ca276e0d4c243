// Chart.js 4, tree-shaken, one chart per canvas, animation off; gauges are half-open doughnuts;
// the 100,000-point line follows Chart.js's performance guide (parsing off, normalized data,
// no points, the min-max decimation plugin).
import { Chart } from '/dist/chartjs.js';
import { afterPaint, box } from '../harness.js';
import { cards, prepare as prep } from './cards.js';

export const prepare = prep;
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

function canvasIn(el) {
  const c = document.createElement('canvas');
  el.append(c);
  return c;
}

function gauge(el, spec) {
  const v = Math.max(0, Math.min(100, spec.gauge));
  return new Chart(canvasIn(el), {
    type: 'doughnut',
    data: { datasets: [{ data: [v, 100 - v], backgroundColor: ['#1a7f37', '#d0d7de'], borderWidth: 0 }] },
    options: { rotation: -120, circumference: 240, cutout: '78%', events: [] },
  });
}

function trend(el, s) {
  const ds = (data, extra) => ({ data, borderColor: '#1f2328', pointRadius: 0, ...extra });
  return new Chart(canvasIn(el), {
    type: 'line',
    data: {
      datasets: [
        ds(s.glide, { borderDash: [6, 4], borderColor: '#0969da' }),
        ds(s.projection, { borderDash: [2, 3], borderColor: '#57606a' }),
        ds(s.actual, { borderWidth: 2.5, pointRadius: 3, pointBackgroundColor: '#1f2328' }),
        ds(s.targets, { showLine: false, pointRadius: 6, pointBackgroundColor: '#fff', pointBorderWidth: 2 }),
      ],
    },
    options: { events: [], parsing: { xAxisKey: 0, yAxisKey: 1 }, scales: { x: { type: 'linear' } }, plugins: { legend: { display: false } } },
  });
}

function series(el, spec) {
  if (spec.gauge !== undefined) return gauge(el, spec);
  const datasets = [{ data: spec.line.values, borderColor: '#1f2328', pointRadius: 3 }];
  if (spec.line.target !== null) datasets.push({ data: spec.line.labels.map(() => spec.line.target), borderDash: [6, 4], borderColor: '#0969da', pointRadius: 0 });
  return new Chart(canvasIn(el), { type: 'line', data: { labels: spec.line.labels, datasets }, options: { events: [], plugins: { legend: { display: false } } } });
}

export async function render(w, data, root) {
  const specs = JSON.parse(data);
  if (w === 'a') return { charts: await cards(root, specs, gauge) };
  if (w === 'b') return { charts: await cards(root, specs, trend, { cols: 2, chartH: 300 }) };
  if (w === 'c') {
    const el = box(root, 'wide');
    const chart = box(el, 'chart');
    const pts = specs.x.map((x, i) => ({ x, y: specs.y[i] }));
    const c = new Chart(canvasIn(chart), {
      type: 'line',
      data: { datasets: [{ data: pts, borderColor: '#1f2328', borderWidth: 1, pointRadius: 0 }] },
      options: {
        events: [],
        parsing: false,
        normalized: true,
        spanGaps: true,
        scales: { x: { type: 'linear' } },
        plugins: { legend: { display: false }, decimation: { enabled: true, algorithm: 'min-max' } },
      },
    });
    return { charts: [c] };
  }
  return { charts: await cards(root, specs, series, { lazy: w === 'e' }) };
}

export async function resized(handle) {
  const c = handle.charts[0];
  const want = c.width;
  for (let i = 0; i < 120 && c.width === want; i++) await afterPaint();
}
