// Turns the runner's measurements into the markdown tables of docs/benchmarks.md. Only the part
// between the `bench:begin` and `bench:end` markers is rewritten; the rest of the file (the
// profile and the notes) is kept.
import { existsSync, readFileSync } from 'node:fs';

const NAMES = { 'plan-widget': 'plan-widget', 'plan-widget-base': 'plan-widget before this work', floor: 'raw Canvas 2D floor', echarts: 'ECharts 6.1 (tree-shaken)', chartjs: 'Chart.js 4.6 (tree-shaken)', uplot: 'uPlot 1.6' };
const WORK = {
  a: '(a) 40 gauges (dashboard of 40 level indicators)',
  b: '(b) 40 trend charts, 10 yearly points + targets + projection',
  c: '(c) 1 trend of 100,000 points',
  d: '(d) dashboard of the largest sample plan (001, 69 indicators)',
  e: '(e) synthetic plan of 5,000 indicators',
  f: '(f) resize redraw of (d), 1280 → 1000 px',
  g: '(g) dashboard of plan 001 on a phone, 390×844 at DPR 3',
  h: '(h) scrolling (g) top to bottom: longest frame',
};
/** Workloads measured within another's run: (f) in (d)'s, (h) in (g)'s, by this key. */
const DERIVED = { f: ['d', 'resizeMs'], h: ['g', 'scrollLongestMs'] };
const LIBS = ['plan-widget', 'plan-widget-base', 'floor', 'echarts', 'chartjs', 'uplot'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN;
};
const f0 = (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '—');
const kib = (b) => (b / 1024).toFixed(1);
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');

export function report({ env, runs, memory, files, root }) {
  const stat = (lib, w, key = 'firstPaintMs') => {
    const xs = runs.filter((r) => r.lib === lib && r.workload === w && Number.isFinite(r[key])).map((r) => r[key]);
    return { med: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
  };
  const statOf = (lib, w) => (DERIVED[w] ? stat(lib, ...DERIVED[w]) : stat(lib, w));
  const cell = (lib, w) => {
    const s = statOf(lib, w);
    return s.n ? `${f0(s.med)} (${f0(s.min)}–${f0(s.max)})` : '—';
  };
  const med = (lib, w) => statOf(lib, w).med;
  const present = LIBS.filter((l) => runs.some((r) => r.lib === l));
  const works = Object.keys(WORK).filter((w) => {
    const [base, key] = DERIVED[w] || [w, 'firstPaintMs'];
    return runs.some((r) => r.workload === base && Number.isFinite(r[key]));
  });
  const out = [];
  out.push('<!-- bench:begin (written by `bash bench/run.sh`; edit outside these markers) -->');
  out.push('');
  out.push(`Run of ${env.date} on commit \`${env.commit}\`: headless Chromium ${env.chromium} (software rendering, flags of tests/e2e), ${env.cpus} cores, viewport 1280×900 at DPR 1, ${env.rounds} rounds with the order of the libraries rotated each round, every measurement in a fresh browser context; the whole run took ${env.seconds} s.`);
  out.push('');
  out.push('### Time to first paint, ms: median (min–max)');
  out.push('');
  out.push('From the start of drawing (library loaded, data fetched as text; parsing it is timed) to the first frame painted after it. (f) is from the width change to the first frame painted after the redraw. (g) runs at 390×844, DPR 3; (h) is the longest frame while scrolling (g) from top to bottom, 200 px a frame (plan-widget only: the floor paints no more than its first screens).');
  out.push('');
  out.push(`| workload | ${present.map((l) => NAMES[l]).join(' | ')} |`);
  out.push(`|---|${present.map(() => '---:').join('|')}|`);
  for (const w of works) out.push(`| ${WORK[w]} | ${present.map((l) => cell(l, w)).join(' | ')} |`);
  out.push('');
  out.push('### Ratios of the medians (same run)');
  out.push('');
  const peers = present.filter((l) => l !== 'plan-widget');
  out.push(`| workload | ${present.map((l) => `${NAMES[l]} ÷ floor`).join(' | ')} | ${peers.filter((l) => l !== 'floor').map((l) => `plan-widget ÷ ${NAMES[l]}`).join(' | ')} |`);
  out.push(`|---|${present.map(() => '---:').join('|')}|${peers.filter((l) => l !== 'floor').map(() => '---:').join('|')}|`);
  for (const w of works) {
    const fl = med('floor', w);
    out.push(`| ${w} | ${present.map((l) => ratio(med(l, w), fl)).join(' | ')} | ${peers.filter((l) => l !== 'floor').map((l) => ratio(med('plan-widget', w), med(l, w))).join(' | ')} |`);
  }
  out.push('');
  // Sizes: everything each library's pages load from /pkg/ or /dist/.
  out.push('### Size of everything each library loads');
  out.push('');
  out.push('| library | files | raw KiB | gzip -9 KiB | brotli -q 11 KiB |');
  out.push('|---|---|---:|---:|---:|');
  const libFiles = {};
  for (const l of present) {
    const fs = new Set(runs.filter((r) => r.lib === l).flatMap((r) => r.files));
    libFiles[l] = [...fs].sort();
    const sum = (k) => libFiles[l].reduce((s, f) => s + files[f][k], 0);
    out.push(`| ${NAMES[l]} | ${libFiles[l].map((f) => `\`${f.replace(/^\/(pkg|pkg-base|dist)\//, '')}\``).join(', ') || '—'} | ${kib(sum('raw'))} | ${kib(sum('gzip'))} | ${kib(sum('brotli'))} |`);
  }
  out.push('');
  const pw = runs.filter((r) => r.lib === 'plan-widget');
  if (pw.length) {
    out.push('### plan-widget: load, phases, memory');
    out.push('');
    out.push(`- Loader + glue + wasm fetched, compiled and instantiated (\`await ready()\`): median ${f0(median(pw.map((r) => r.loadMs)))} ms; \`WebAssembly.compile\` of the module alone: median ${f0(median(pw.map((r) => r.wasmCompileMs)))} ms.`);
    if (memory) out.push(`- wasm memory across 100 \`update()\` calls with plan 001 (after 5 warm-up calls): ${memory.memBeforeMB.toFixed(2)} MiB before, ${memory.memAfterMB.toFixed(2)} MiB after${memory.memStepsKiB ? ` (KiB after every 10 calls: ${memory.memStepsKiB.map((k) => k.toFixed(0)).join(', ')})` : ''}; one update (parse, evaluate, lay out, paint) ${f0(memory.updateMs)} ms.`);
    out.push('');
    out.push('| workload | evaluate (ms) | layout (ms) | paint (ms) | wasm memory (MiB) | JS heap used / committed (MiB) | canvases | canvas memory (MiB) |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const w of works.filter((x) => x !== 'h')) {
      const rs = w === 'f' ? pw.filter((r) => r.workload === 'd').map((r) => ({ ...r, phases: r.resizePhases })) : pw.filter((r) => r.workload === w);
      if (!rs.length) continue;
      const ph = (k) => f0(median(rs.map((r) => (r.phases && r.phases[`plan-widget ${k}`]) || 0)));
      out.push(`| ${w} | ${ph('evaluate')} | ${ph('layout')} | ${ph('paint')} | ${f0(median(rs.map((r) => r.wasmMemoryMB)))} | ${f0(median(rs.map((r) => r.jsHeapUsedMB)))} / ${f0(median(rs.map((r) => r.jsHeapTotalMB)))} | ${rs[0].canvases} | ${f0(median(rs.map((r) => (r.canvasBytes || 0) / 1048576)))} |`);
    }
    out.push('');
    const hs = pw.filter((r) => r.workload === 'g' && Number.isFinite(r.scrollLongestMs));
    if (hs.length) {
      out.push(`(h), scrolling (g) top to bottom: ${f0(median(hs.map((r) => r.scrollFrames)))} frames, the longest ${f0(median(hs.map((r) => r.scrollLongestMs)))} ms, ${f0(median(hs.map((r) => r.scrollSlowFrames)))} over 50 ms (medians); canvases alive at most ${f0(median(hs.map((r) => r.scrollMaxCanvasBytes / 1048576)))} MiB at any frame.`);
      out.push('');
    }
    out.push('Canvas memory of every library after first paint (every canvas\'s width × height × 4 summed, MiB, median):');
    out.push('');
    out.push(`| workload | ${present.map((l) => NAMES[l]).join(' | ')} |`);
    out.push(`|---|${present.map(() => '---:').join('|')}|`);
    for (const w of works.filter((x) => !DERIVED[x])) {
      out.push(`| ${w} | ${present.map((l) => {
        const rs = runs.filter((r) => r.lib === l && r.workload === w && Number.isFinite(r.canvasBytes));
        return rs.length ? f0(median(rs.map((r) => r.canvasBytes / 1048576))) : '—';
      }).join(' | ')} |`);
    }
    out.push('');
    out.push('Where first paint goes: every call the loader makes into the wasm module, timed from the page (medians, ms). *rest* is first paint minus all wasm calls: the loader\'s own JavaScript, DOM work, style and layout, and producing the frame.');
    out.push('');
    out.push('| build | workload | first paint | `load` (parse, validate) | `render` | `describe` | other wasm calls | rest |');
    out.push('|---|---|---:|---:|---:|---:|---:|---:|');
    for (const lib of ['plan-widget', 'plan-widget-base']) {
      for (const w of works) {
        if (w === 'h') continue;
        const rs = w === 'f' ? runs.filter((r) => r.lib === lib && r.workload === 'd').map((r) => ({ fp: r.resizeMs, c: r.resizeCalls })) : runs.filter((r) => r.lib === lib && r.workload === w).map((r) => ({ fp: r.firstPaintMs, c: r.calls }));
        if (!rs.length || !rs[0].c) continue;
        const part = (fn) => f0(median(rs.map(fn)));
        const total = (r) => Object.values(r.c || {}).reduce((a, b) => a + b, 0);
        const other = (r) => total(r) - ['load', 'render', 'describe'].reduce((a, k) => a + ((r.c || {})[k] || 0), 0);
        out.push(`| ${NAMES[lib]} | ${w} | ${part((r) => r.fp)} | ${part((r) => (r.c || {}).load || 0)} | ${part((r) => (r.c || {}).render || 0)} | ${part((r) => (r.c || {}).describe || 0)} | ${part(other)} | ${part((r) => r.fp - total(r))} |`);
      }
    }
    out.push('');
    out.push('JS heap of the other libraries after first paint, used / committed MiB (median):');
    out.push('');
    out.push(`| workload | ${present.map((l) => NAMES[l]).join(' | ')} |`);
    out.push(`|---|${present.map(() => '---:').join('|')}|`);
    for (const w of works.filter((x) => !DERIVED[x])) {
      out.push(`| ${w} | ${present.map((l) => {
        const rs = runs.filter((r) => r.lib === l && r.workload === w);
        return rs.length ? `${f0(median(rs.map((r) => r.jsHeapUsedMB)))} / ${f0(median(rs.map((r) => r.jsHeapTotalMB)))}` : '—';
      }).join(' | ')} |`);
    }
    out.push('');
  }
  // Budgets.
  const B = [];
  const pwSize = libFiles['plan-widget'] ? libFiles['plan-widget'].reduce((s, f) => s + files[f].gzip, 0) : NaN;
  const ec = (w) => med('echarts', w);
  B.push(['size: loader + glue + wasm, gzip', '≤ 120 KiB', `${kib(pwSize)} KiB`, pwSize <= 120 * 1024]);
  const rel = (w, what, limit, other = 'floor') => {
    const r = med('plan-widget', w) / med(other, w);
    B.push([`(${w}) first paint ÷ ${what}`, `≤ ${limit}×`, ratio(med('plan-widget', w), med(other, w)), r <= limit]);
  };
  rel('a', 'floor', 1.2);
  rel('b', 'floor', 1.3);
  if (present.includes('uplot')) rel('c', 'uPlot', 1.0, 'uplot');
  for (const w of ['a', 'b', 'c']) if (present.includes('echarts')) rel(w, 'ECharts', 0.5, 'echarts');
  rel('d', 'floor (same shapes)', 1.5);
  const e = med('plan-widget', 'e');
  const d = med('plan-widget', 'd');
  B.push(['(e) first paint ÷ (d) first paint', '≤ 1.2×', ratio(e, d), e / d <= 1.2]);
  const f = med('plan-widget', 'f');
  B.push(['(f) resize redraw of (d)', '≤ 50 ms (3 frames)', `${f0(f)} ms`, f <= 50]);
  if (memory) B.push(['wasm memory growth over 100 update()', '0', `${((memory.memAfterMB - memory.memBeforeMB) * 1024).toFixed(0)} KiB`, memory.memAfterMB <= memory.memBeforeMB]);
  out.push('### Budgets');
  out.push('');
  out.push('| budget | limit | measured | |');
  out.push('|---|---|---:|---|');
  for (const [name, limit, got, ok] of B) out.push(`| ${name} | ${limit} | ${got} | ${ok ? 'met' : '**missed**'} |`);
  out.push('');
  out.push('<!-- bench:end -->');
  const generated = out.join('\n');
  const path = `${root}/docs/benchmarks.md`;
  if (existsSync(path)) {
    const old = readFileSync(path, 'utf8');
    const a = old.indexOf('<!-- bench:begin');
    const b = old.indexOf('<!-- bench:end -->');
    if (a >= 0 && b > a) return old.slice(0, a) + generated + old.slice(b + '<!-- bench:end -->'.length);
  }
  return `# Benchmarks\n\n${generated}\n`;
}
