// Generates the plan JSON of the benchmark's synthetic workloads (format v1, docs/format.md).
// Deterministic: a fixed-seed random walk, so every run draws the same pictures.
// Usage as a script: node bench/gen.mjs OUTDIR  (writes the files, e.g. to check them with
// `cargo run -q -- check OUTDIR/*.json`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A small deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round1 = (v) => Math.round(v * 10) / 10;

function header(id, title, start, end, asOf) {
  return {
    id,
    title,
    issuer: '基准测试 / benchmark',
    start,
    end,
    asOf,
    sampleData: true,
    locale: 'zh-CN',
  };
}

/** (a) 40 `level` indicators in % (a gauge each), in four sections of ten. */
export function gauges40() {
  const r = rng(1);
  const sections = [0, 1, 2, 3].map((i) => ({ id: `s${i + 1}`, title: `第${i + 1}组指标` }));
  const indicators = [];
  for (let i = 0; i < 40; i++) {
    const base = round1(30 + r() * 40);
    const target = round1(Math.min(100, base + 10 + r() * 30));
    const now = round1(Math.min(100, base + (target - base) * (0.3 + r() * 0.9)));
    indicators.push({
      id: `g${i + 1}`,
      section: sections[Math.floor(i / 10)].id,
      name: `覆盖率指标${i + 1}`,
      unit: '%',
      kind: 'level',
      baseline: { period: '2023', value: base },
      targets: [{ period: '2026', value: target }],
      actuals: [{ period: '2025-H1', value: now }],
      quote: `到2026年覆盖率指标${i + 1}达到${target}%`,
    });
  }
  return { schemaVersion: 1, plan: header('bench-gauges', '40 项覆盖率指标', '2024', '2026', '2025-06-30'), sections, indicators };
}

/** (b) One plan per chart: a `level` indicator with a baseline, ten yearly actuals and two targets. */
export function trend(i) {
  const r = rng(100 + i);
  const base = round1(40 + r() * 20);
  const actuals = [];
  let v = base;
  for (let y = 2016; y <= 2025; y++) {
    v = round1(Math.min(100, Math.max(0, v + 0.5 + r() * 3 - 1)));
    actuals.push({ period: String(y), value: v });
  }
  const t1 = round1(Math.min(100, v + 3 + r() * 5));
  const t2 = round1(Math.min(100, t1 + 2 + r() * 4));
  return {
    schemaVersion: 1,
    plan: header(`bench-trend-${i + 1}`, `趋势图 ${i + 1}`, '2016', '2027', '2025-12-31'),
    sections: [{ id: 's1', title: '趋势' }],
    indicators: [
      {
        id: `t${i + 1}`,
        section: 's1',
        name: `达标率指标${i + 1}`,
        unit: '%',
        kind: 'level',
        baseline: { period: '2015', value: base },
        targets: [
          { period: '2026', value: t1 },
          { period: '2027', value: t2 },
        ],
        actuals,
        quote: `到2027年达标率指标${i + 1}达到${t2}%`,
      },
    ],
  };
}

/** ISO date of day `n` after 1900-01-01. */
function isoDay(n) {
  return new Date(Date.UTC(1900, 0, 1) + n * 86400000).toISOString().slice(0, 10);
}

/**
 * (c) One `level` indicator with 100,000 daily actuals (1900-01-01 … 2173-10-16), as a compact
 * series `{start, values}` (docs/format.md, "Actuals as a series"): the documented way to supply
 * a long monitoring series. `{ list: true }` gives the same actuals in the list form.
 */
export function bigTrend(points = 100000, { list = false } = {}) {
  const r = rng(7);
  const values = new Array(points);
  let v = 50;
  for (let i = 0; i < points; i++) {
    v = Math.min(100, Math.max(0, v + (r() - 0.5) * 2));
    values[i] = round1(v);
  }
  const start = isoDay(0);
  const actuals = list ? values.map((value, i) => ({ period: isoDay(i), value })) : { start, values };
  const lastYear = Number(isoDay(points - 1).slice(0, 4));
  return {
    schemaVersion: 1,
    plan: header('bench-big', `${points} 个日数据点`, '1900', String(lastYear + 2), isoDay(points)),
    sections: [{ id: 's1', title: '日数据' }],
    indicators: [
      {
        id: 'daily',
        section: 's1',
        name: '日监测值',
        unit: '%',
        kind: 'level',
        baseline: { period: '1900-01-01', value: 50 },
        targets: [{ period: String(lastYear + 2), value: 80 }],
        actuals,
        quote: '日监测值达到80%',
      },
    ],
  };
}

/**
 * The points `[{period, value}]` of an indicator's actuals in either form (a compact series holds
 * daily, monthly, … values from `start`; only daily series are expanded here, as (c) uses).
 */
export function actualPoints(actuals) {
  if (Array.isArray(actuals)) return actuals;
  const t0 = Date.parse(actuals.start);
  return actuals.values.flatMap((value, i) => (value === null ? [] : [{ period: isoDay((t0 - Date.UTC(1900, 0, 1)) / 86400000 + i), value }]));
}

/**
 * (e) A city-wide portal: `n` indicators, the 69 of the largest sample plan repeated with new
 * ids, in sections of 100.
 */
export function cityWide(n = 5000, samplePath) {
  const sample = JSON.parse(readFileSync(samplePath, 'utf8'));
  const sections = [];
  const indicators = [];
  for (let i = 0; i < n; i++) {
    const s = Math.floor(i / 100);
    if (!sections[s]) sections[s] = { id: `d${s + 1}`, title: `第${s + 1}片区（${s * 100 + 1}—${s * 100 + 100}）`, units: [`第${s + 1}片区教育办`] };
    const src = sample.indicators[i % sample.indicators.length];
    const copy = { ...src, id: `${src.id}-${i + 1}`, section: sections[s].id, name: `${src.name}（${i + 1}）` };
    indicators.push(copy);
  }
  return {
    schemaVersion: 1,
    plan: { ...sample.plan, id: 'bench-city', title: `全市教育规划指标（${n} 项）`, note: undefined },
    sections,
    indicators,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] || 'target/bench-data';
  mkdirSync(out, { recursive: true });
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const files = {
    'a-gauges40.json': gauges40(),
    'b-trend-01.json': trend(0),
    'c-big.json': bigTrend(),
    'c-big-list.json': bigTrend(100000, { list: true }),
    'e-city5000.json': cityWide(5000, join(root, 'www/data/001-yancheng-kfq.json')),
  };
  for (const [name, plan] of Object.entries(files)) writeFileSync(join(out, name), JSON.stringify(plan));
  console.log(Object.keys(files).map((f) => join(out, f)).join('\n'));
}
