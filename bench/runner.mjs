// The benchmark runner: serves bench/pages, pkg/ and the bundles on 127.0.0.1, generates the
// workloads, prepares the floor's display lists, then in one headless Chromium run times every
// (library, workload) pair in rounds, rotating the order of the libraries each round, each in a
// fresh browser context. Writes docs/benchmarks.md (the table) and target/bench/results.json.
// Usage: node bench/runner.mjs [--rounds N] [--only lib,lib] [--workloads a,b,...] [--out FILE]
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { launchChromium } from '../scripts/chromium.mjs';
import { actualPoints, bigTrend, cityWide, gauges40, trend } from './gen.mjs';
import { report } from './report.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const ROUNDS = Number(arg('rounds', 5));
const LIBS = arg('only', 'plan-widget,floor,echarts,chartjs,uplot').split(',');
const WORKLOADS = arg('workloads', 'a,b,c,d,e,g').split(',');
const OUT = arg('out', join(root, 'docs/benchmarks.md'));
// --baseline DIR: also time an earlier build (a pkg/ folder) as "plan-widget (before)".
const BASELINE = arg('baseline', null);
const WIDE = 1248; // #root is 1280 px wide with 16 px padding
const NARROW = 968; // after the resize to 1000 px
const CELL = 618; // a cell of the two-column grid of (b)
/** (g) and its scroll (h) run on a phone: 390×844 at DPR 3 (the box has 16 px padding). */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 };
const PHONE_WIDTH = 358;
/** Viewport heights: the floor paints the same part as plan-widget's tiles, two viewports from the top. */
const VIEWPORT_H = 900;
/** Which libraries draw which workloads (uPlot has no gauges). */
const SUPPORTS = {
  'plan-widget': 'abcdeg',
  'plan-widget-base': 'abcdeg',
  floor: 'abcdeg',
  echarts: 'abcde',
  chartjs: 'abcde',
  uplot: 'bc',
};


// ---- workloads ----------------------------------------------------------------------------
const gen = new Map();
const put = (name, value) => gen.set(name, typeof value === 'string' ? value : JSON.stringify(value));
const year = (p) => Number(String(p).slice(0, 4));

function generate() {
  const a = gauges40();
  put('a.json', a);
  put('peers/a.json', a.indicators.map((i) => ({ name: i.name, label: `${i.actuals[0].value}%`, gauge: i.actuals[0].value })));
  const peersB = [];
  for (let i = 0; i < 40; i++) {
    const p = trend(i);
    put(`b/${i + 1}.json`, p);
    const ind = p.indicators[0];
    const actual = ind.actuals.map((x) => [year(x.period), x.value]);
    const base = [year(ind.baseline.period), ind.baseline.value];
    const targets = ind.targets.map((t) => [year(t.period), t.value]);
    const fit = [base, ...actual];
    const last = actual[actual.length - 1][0];
    const xs = [last, last + 0.5, last + 1, last + 1.5, targets[targets.length - 1][0]];
    peersB.push({ name: ind.name, actual, targets, glide: [base, ...targets], projection: project(fit, xs) });
  }
  put('peers/b.json', peersB);
  const c = bigTrend();
  put('c.json', c);
  const c0 = Date.UTC(1900, 0, 1);
  const cPoints = actualPoints(c.indicators[0].actuals);
  put('peers/c.json', { name: c.indicators[0].name, x: cPoints.map((x) => (Date.parse(x.period) - c0) / 86400000), y: cPoints.map((x) => x.value) });
  put('d.json', readFileSync(join(root, 'www/data/001-yancheng-kfq.json'), 'utf8'));
  put('e.json', cityWide(5000, join(root, 'www/data/001-yancheng-kfq.json')));
}

function project(points, xs) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
  }
  const k = sxx ? sxy / sxx : 0;
  return xs.map((x) => [x, Math.round((my + k * (x - mx)) * 100) / 100]);
}

// ---- server -------------------------------------------------------------------------------
const mounts = [
  ['/pkg/', join(root, 'pkg')],
  ...(BASELINE ? [['/pkg-base/', resolve(BASELINE)]] : []),
  ['/dist/', join(root, 'bench/dist')],
  ['/bench/', join(root, 'bench/pages')],
];
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm' };

function fileFor(pathname) {
  for (const [prefix, dir] of mounts) {
    if (pathname.startsWith(prefix)) {
      const full = normalize(join(dir, decodeURIComponent(pathname.slice(prefix.length))));
      return full.startsWith(dir + sep) ? full : null;
    }
  }
  return null;
}

function serve() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let body = null;
    let type = 'application/json; charset=utf-8';
    if (url.pathname === '/bench/adapters/plan-widget-base.js') {
      // The plan-widget adapter, importing the baseline build instead.
      body = readFileSync(join(root, 'bench/pages/adapters/plan-widget.js'), 'utf8').replaceAll("'/pkg/", "'/pkg-base/");
      type = types['.js'];
    } else if (url.pathname.startsWith('/gen/')) {
      const g = gen.get(url.pathname.slice(5));
      if (g !== undefined) body = g;
    } else {
      const f = fileFor(url.pathname);
      try {
        if (f) {
          body = readFileSync(f);
          type = types[extname(f)] || 'application/octet-stream';
        }
      } catch {
        body = null;
      }
    }
    if (body === null) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, base: `http://127.0.0.1:${server.address().port}` })));
}

// ---- sizes --------------------------------------------------------------------------------
const sizeCache = new Map();
function sizes(pathname) {
  if (sizeCache.has(pathname)) return sizeCache.get(pathname);
  const f = fileFor(pathname);
  const buf = readFileSync(f);
  const s = {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  sizeCache.set(pathname, s);
  return s;
}

// ---- driving ------------------------------------------------------------------------------
async function measure(browser, base, lib, w) {
  const context = await browser.newContext(w === 'g' ? PHONE : { viewport: { width: 1280, height: VIEWPORT_H }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const loaded = new Set();
  const errors = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (/^\/(pkg|pkg-base|dist)\//.test(u.pathname)) loaded.add(u.pathname);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  // BENCH_PROFILE=DIR: a CPU profile of every measurement (200 µs sampling), for DevTools.
  const profileDir = process.env.BENCH_PROFILE;
  if (profileDir) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.goto(`${base}/bench/bench.html?lib=${lib}&w=${w}`);
  await page.waitForFunction(() => window.__result, null, { timeout: 180000, polling: 50 });
  if (profileDir) {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(join(profileDir, `${lib}-${w}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  }
  const result = await page.evaluate(() => window.__result);
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  result.jsHeapTotalMB = metrics.JSHeapTotalSize / 1048576;
  result.jsHeapUsedMB = metrics.JSHeapUsedSize / 1048576;
  result.files = [...loaded].sort();
  if (errors.length) result.pageErrors = errors.slice(0, 5);
  await context.close();
  if (result.error) throw new Error(`${lib} ${w}: ${result.error}`);
  return result;
}

async function main() {
  const started = Date.now();
  generate();
  const { server, base } = await serve();
  const browser = await launchChromium(['--enable-precise-memory-info']);
  try {
    // Setup: plan-widget's display lists for the floor and its evaluations for the peers.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/bench/setup.html`);
    await page.waitForFunction(() => window.__setupReady);
    const prepared = await page.evaluate((o) => window.__setup(o), {
      wide: WIDE,
      narrow: NARROW,
      cell: CELL,
      phone: PHONE_WIDTH,
      visible: 2 * VIEWPORT_H,
      phoneVisible: 2 * PHONE.viewport.height,
    });
    for (const [k, v] of Object.entries(prepared)) gen.set(k, v);
    await context.close();
    console.error(`setup done in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const runs = [];
    const libs = [...LIBS, ...(BASELINE ? ['plan-widget-base'] : [])].filter((l) => SUPPORTS[l]);
    for (let round = 0; round < ROUNDS; round++) {
      const order = libs.map((_, i) => libs[(i + round) % libs.length]);
      for (const w of WORKLOADS) {
        for (const lib of order) {
          if (!SUPPORTS[lib].includes(w)) continue;
          const r = await measure(browser, base, lib, w);
          r.round = round;
          runs.push(r);
          const scroll = r.scrollLongestMs !== undefined ? `, scroll: longest frame ${r.scrollLongestMs.toFixed(1)} ms, ${r.scrollSlowFrames} over 50 ms` : '';
          console.error(`round ${round + 1}/${ROUNDS} ${w} ${lib.padEnd(11)} ${r.firstPaintMs.toFixed(1)} ms${r.resizeMs !== undefined ? `, resize ${r.resizeMs.toFixed(1)} ms` : ''}${scroll}, canvases ${(r.canvasBytes / 1048576).toFixed(1)} MiB`);
        }
      }
    }
    const memory = LIBS.includes('plan-widget') ? await measure(browser, base, 'plan-widget', 'm') : null;
    const files = {};
    for (const r of runs) for (const f of r.files) files[f] = sizes(f);
    const env = {
      date: new Date().toISOString().slice(0, 10),
      chromium: browser.version(),
      cpus: (await import('node:os')).cpus().length,
      rounds: ROUNDS,
      seconds: Math.round((Date.now() - started) / 1000),
      commit: (() => {
        try {
          return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
        } catch {
          return '?';
        }
      })(),
    };
    mkdirSync(join(root, 'target/bench'), { recursive: true });
    writeFileSync(join(root, 'target/bench/results.json'), JSON.stringify({ env, runs, memory, files }, null, 1));
    const md = report({ env, runs, memory, files, root });
    writeFileSync(OUT, md);
    console.error(`wrote ${OUT} and target/bench/results.json in ${env.seconds} s`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
