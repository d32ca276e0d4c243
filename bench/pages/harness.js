// The benchmark harness: one page per (library, workload). It loads the library (timed as
// "load"), fetches the workload's data as text (untimed), then times from the start of drawing
// to the first frame painted after it, and sums the canvases' backing stores (width × height × 4).
// Workload `d` then also times a resize redraw, `g` (plan 001 on a 390×844 DPR-3 phone; the
// runner sets the viewport) scrolls top to bottom as workload (h), timing every frame (plan-widget
// only), and `m` (plan-widget only) checks wasm memory across 100 update() calls. The result is
// left in window.__result for the runner (bench/runner.mjs).
const q = new URLSearchParams(location.search);
const lib = q.get('lib');
const workload = q.get('w');
const root = document.getElementById('root');
if (workload === 'g') root.style.width = '100%';
/** CSS px scrolled per frame in (h): a fast fling, 12,000 px/s at 60 frames a second. */
const SCROLL_STEP = 200;

/** Resolves after the next frame has been produced (rAF, then a task after that frame). */
export function afterPaint() {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve();
      ch.port2.postMessage(0);
    }),
  );
}

/** Appends a `<div>` of `className` to `parent`, with CSS custom properties `vars` (`--cols`). */
export function box(parent, className, vars = {}) {
  const el = document.createElement('div');
  el.className = className;
  for (const [k, v] of Object.entries(vars)) el.style.setProperty(k, v);
  parent.append(el);
  return el;
}

/** Bytes of every canvas's backing store on the page, shadow roots included (width × height × 4). */
export function canvasBytes() {
  const all = [...document.querySelectorAll('canvas')];
  for (const e of document.querySelectorAll('*')) if (e.shadowRoot) all.push(...e.shadowRoot.querySelectorAll('canvas'));
  return all.reduce((n, c) => n + c.width * c.height * 4, 0);
}

/**
 * Workload (h): scrolls the page from top to bottom, SCROLL_STEP px a frame, timing each frame
 * (between animation-frame timestamps) and sampling the canvases' memory after each.
 */
async function scrollThrough() {
  window.scrollTo(0, 0);
  const frame = () => new Promise(requestAnimationFrame);
  let last = await frame();
  const frames = [];
  let maxBytes = canvasBytes();
  const end = () => document.documentElement.scrollHeight - window.innerHeight;
  while (window.scrollY < end() - 1) {
    window.scrollBy(0, SCROLL_STEP);
    const t = await frame();
    frames.push(t - last);
    last = t;
    maxBytes = Math.max(maxBytes, canvasBytes());
  }
  return {
    scrollFrames: frames.length,
    scrollLongestMs: frames.length ? Math.max(...frames) : 0,
    scrollSlowFrames: frames.filter((f) => f > 50).length,
    scrollMaxCanvasBytes: maxBytes,
  };
}

/** Fetches a generated file's text. */
export async function text(name) {
  const r = await fetch(`/gen/${name}`);
  if (!r.ok) throw new Error(`${name}: ${r.status}`);
  return r.text();
}

async function main() {
  const result = { lib, workload };
  const t0 = performance.now();
  const adapter = await import(`./adapters/${lib}.js`);
  if (adapter.init) Object.assign(result, (await adapter.init()) || {});
  result.loadMs = performance.now() - t0;
  if (workload === 'm') {
    Object.assign(result, await adapter.memory(root));
    return result;
  }
  const data = await adapter.prepare(workload);
  if (adapter.takeCalls) adapter.takeCalls();
  await afterPaint();
  await afterPaint();
  phases();
  const t1 = performance.now();
  const handle = await adapter.render(workload, data, root);
  await afterPaint();
  result.firstPaintMs = performance.now() - t1;
  result.phases = phases();
  result.canvasBytes = canvasBytes();
  if (adapter.takeCalls) result.calls = adapter.takeCalls();
  if (workload === 'g' && lib.startsWith('plan-widget')) {
    await afterPaint();
    Object.assign(result, await scrollThrough());
  }
  if (workload === 'd' && adapter.resized) {
    await afterPaint();
    await afterPaint();
    phases();
    const t2 = performance.now();
    root.style.width = '1000px';
    await adapter.resized(handle, 1000);
    await afterPaint();
    result.resizeMs = performance.now() - t2;
    result.resizePhases = phases();
    if (adapter.takeCalls) result.resizeCalls = adapter.takeCalls();
  }
  result.canvases = document.querySelectorAll('canvas').length + [...document.querySelectorAll('*')].filter((e) => e.shadowRoot).reduce((n, e) => n + e.shadowRoot.querySelectorAll('canvas').length, 0);
  if (performance.memory) result.jsHeapMB = performance.memory.usedJSHeapSize / 1048576;
  if (adapter.extra) Object.assign(result, await adapter.extra(handle));
  return result;
}

// plan-widget records its phases with performance.measure (keeping only the latest entry of each
// name in the timeline); an observer sees every one of them.
let measures = [];
const observer = new PerformanceObserver((list) => measures.push(...list.getEntries()));
observer.observe({ type: 'measure' });

/** Sums of the performance.measure entries recorded since the last call (plan-widget's phases). */
function phases() {
  measures.push(...observer.takeRecords());
  const out = {};
  for (const m of measures) out[m.name] = (out[m.name] || 0) + m.duration;
  measures = [];
  return out;
}

main().then(
  (r) => {
    window.__result = r;
  },
  (e) => {
    window.__result = { lib, workload, error: String((e && e.stack) || e) };
  },
);
