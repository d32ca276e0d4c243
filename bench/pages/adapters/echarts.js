// ECharts 6, tree-shaken (gauge + line, canvas renderer), one chart instance per chart, animation
// off; the 100,000-point line uses ECharts' own large-data settings (sampling 'lttb', no symbols).
import { init as load } from '/dist/echarts.js';
import { afterPaint, box } from '../harness.js';
import { cards, prepare as prep } from './cards.js';

export const prepare = prep;
const opts = { renderer: 'canvas' };

function gauge(el, spec) {
  const c = load(el, null, opts);
  c.setOption({
    animation: false,
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        startAngle: 210,
        endAngle: -30,
        radius: '90%',
        progress: { show: true, width: 14 },
        axisLine: { lineStyle: { width: 14 } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        anchor: { show: false },
        title: { show: false },
        detail: { fontSize: 22, offsetCenter: [0, 0], formatter: '{value}%' },
        data: [{ value: spec.gauge }],
      },
    ],
  });
  return c;
}

function trend(el, s) {
  const c = load(el, null, opts);
  const line = (data, extra) => ({ type: 'line', data, animation: false, ...extra });
  c.setOption({
    animation: false,
    grid: { left: 40, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'value', min: 'dataMin', max: 'dataMax' },
    yAxis: { type: 'value', scale: true },
    series: [
      line(s.glide, { showSymbol: false, lineStyle: { type: [6, 4], color: '#0969da' } }),
      line(s.projection, { showSymbol: false, lineStyle: { type: [2, 3], color: '#57606a' } }),
      line(s.actual, { symbolSize: 6, lineStyle: { color: '#1f2328', width: 2.5 }, itemStyle: { color: '#1f2328' } }),
      line(s.targets, { symbol: 'circle', symbolSize: 12, lineStyle: { width: 0 }, itemStyle: { color: '#fff', borderColor: '#1f2328', borderWidth: 2 } }),
    ],
  });
  return c;
}

function series(el, spec) {
  if (spec.gauge !== undefined) return gauge(el, spec);
  const c = load(el, null, opts);
  c.setOption({
    animation: false,
    grid: { left: 40, right: 12, top: 12, bottom: 24 },
    xAxis: { type: 'category', data: spec.line.labels },
    yAxis: { type: 'value', scale: true },
    series: [
      {
        type: 'line',
        data: spec.line.values,
        symbolSize: 6,
        markLine: spec.line.target === null ? undefined : { silent: true, symbol: 'none', data: [{ yAxis: spec.line.target }], lineStyle: { type: 'dashed' } },
      },
    ],
  });
  return c;
}

export async function render(w, data, root) {
  const specs = JSON.parse(data);
  if (w === 'a') return { charts: await cards(root, specs, gauge) };
  if (w === 'b') return { charts: await cards(root, specs, trend, { cols: 2, chartH: 300 }) };
  if (w === 'c') {
    const el = box(root, 'wide');
    const chart = box(el, 'chart');
    const c = load(chart, null, opts);
    const pts = specs.x.map((x, i) => [x, specs.y[i]]);
    c.setOption({
      animation: false,
      grid: { left: 48, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'value', min: 'dataMin', max: 'dataMax' },
      yAxis: { type: 'value' },
      series: [{ type: 'line', data: pts, showSymbol: false, sampling: 'lttb', animation: false }],
    });
    return { charts: [c] };
  }
  const charts = await cards(root, specs, series, { lazy: w === 'e' });
  if (w === 'd') new ResizeObserver(() => charts.forEach((c) => c.resize())).observe(root);
  return { charts };
}

export async function resized(handle, width) {
  const c = handle.charts[0];
  const want = c.getWidth();
  for (let i = 0; i < 120 && c.getWidth() === want; i++) await afterPaint();
}
