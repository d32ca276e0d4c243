// Untimed preparation for the benchmark, run once per benchmark run: plan-widget's own display
// lists (for the floor, which replays them with plain Canvas 2D) and its evaluations (for the
// peers' dashboards of (d) and (e)). Uses the wasm API directly.
import init, { Widget } from '/pkg/plan_widget.js';

const ready = init();

async function text(name) {
  return (await fetch(`/gen/${name}`)).text();
}

/** The topmost row an item of a display list (as JSON) may paint, CSS px. */
function itemTop(item) {
  const [kind, v] = Object.entries(item)[0];
  switch (kind) {
    case 'Rect':
      return v.rect.y;
    case 'Circle':
    case 'Arc':
      return v.cy - v.r - (v.width || 0);
    case 'Polyline':
    case 'Polygon':
      return Math.min(...v.points.map((p) => p[1]));
    default:
      return v.bounds.y;
  }
}

/** The part of a display list the widget paints at first: the top `rows` CSS px. */
function visiblePart(list, rows) {
  const height = Math.min(list.height, rows);
  return { ...list, height, items: list.items.filter((i) => itemTop(i) < height) };
}

function run(json, opts, width, rows = Infinity) {
  const w = new Widget();
  const report = w.load(json);
  w.setOptions({ today: '2025-06-30', ...opts });
  const canvas = document.createElement('canvas');
  w.layout(canvas, width); // the list is all the floor needs: no painting
  const out = { report, list: visiblePart(w.displayList(), rows), evaluation: w.evaluation() };
  w.free();
  return out;
}

const TRENDED = new Set(['level', 'change', 'annualChange', 'growthRate', 'cumulative']);

/** One card spec per indicator for the peers: a line when there is a series, else a gauge. */
function peerCards(json, evaluation) {
  const plan = JSON.parse(json);
  const byId = new Map(evaluation.indicators.map((s) => [s.id, s]));
  return plan.indicators.map((ind) => {
    const st = byId.get(ind.id) || {};
    const pts = (st.series || []).filter((p) => typeof p.value === 'number');
    const label = `${st.status || ''}${st.latest && st.latest.value != null ? ` · ${st.latest.value}${ind.unit || ''}` : ''}`;
    if (TRENDED.has(ind.kind) && pts.length >= 2) {
      const last = (st.targets || []).filter((t) => t.level != null).pop();
      return { name: ind.name, label, line: { labels: pts.map((p) => p.period), values: pts.map((p) => p.value), target: last ? last.level : null } };
    }
    const v = ind.unit === '%' && st.latest && st.latest.value != null ? st.latest.value : Math.round(100 * Math.max(0, Math.min(1, st.progressRatio || 0)));
    return { name: ind.name, label, gauge: v };
  });
}

window.__setup = async ({ wide, narrow, cell, phone, visible, phoneVisible }) => {
  await ready;
  const out = {};
  const check = (name, r) => {
    if (!r.report.valid) throw new Error(`${name}: plan-widget reports the generated plan invalid: ${JSON.stringify(r.report.diagnostics).slice(0, 400)}`);
    return r;
  };
  out['floor/a.json'] = check('a', run(await text('a.json'), {}, wide, visible)).list;
  for (let i = 1; i <= 40; i++) out[`floor/b/${i}.json`] = check(`b${i}`, run(await text(`b/${i}.json`), { view: 'indicator', indicator: `t${i}` }, cell)).list;
  out['floor/c.json'] = check('c', run(await text('c.json'), { view: 'indicator', indicator: 'daily' }, wide, visible)).list;
  const d = await text('d.json');
  const dr = run(d, {}, wide, visible);
  out['floor/d.json'] = dr.list;
  out['floor/d-1000.json'] = run(d, {}, narrow, visible).list;
  out['floor/g.json'] = run(d, {}, phone, phoneVisible).list;
  out['peers/d.json'] = peerCards(d, dr.evaluation);
  const e = await text('e.json');
  const er = check('e', run(e, {}, wide, visible));
  out['floor/e.json'] = er.list;
  out['peers/e.json'] = peerCards(e, er.evaluation);
  const sizes = {};
  for (const [k, v] of Object.entries(out)) {
    out[k] = JSON.stringify(v);
    sizes[k] = out[k].length;
  }
  return out;
};
window.__setupReady = true;
