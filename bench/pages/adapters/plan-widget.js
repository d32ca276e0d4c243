// plan-widget through its public loader (pkg/plan-widget.js): mount() per widget, data given as
// JSON text, exactly as a portal would.
import { mount, ready } from '/pkg/plan-widget.js';
import { Widget } from '/pkg/plan_widget.js';
import { afterPaint, box, text } from '../harness.js';

// Time every call the loader makes into the wasm module (the same module instance the loader
// imports), to split first paint into parsing, rendering, the loader's other calls and the rest.
let calls = {};
for (const name of Object.getOwnPropertyNames(Widget.prototype)) {
  const f = Widget.prototype[name];
  if (typeof f !== 'function' || name === 'constructor' || name === 'free') continue;
  Widget.prototype[name] = function timed(...args) {
    const t = performance.now();
    try {
      return f.apply(this, args);
    } finally {
      calls[name] = (calls[name] || 0) + performance.now() - t;
    }
  };
}

/** The wasm calls' times (ms by method) since the last call. */
export function takeCalls() {
  const c = calls;
  calls = {};
  return c;
}

let wasm;

export async function init() {
  wasm = await ready();
  return { wasmMemoryMB: wasm.memory.buffer.byteLength / 1048576 };
}

export async function prepare(w) {
  if (w === 'b') return Promise.all(Array.from({ length: 40 }, (_, i) => text(`b/${i + 1}.json`)));
  return text({ a: 'a.json', c: 'c.json', d: 'd.json', e: 'e.json', g: 'd.json' }[w]);
}

/**
 * Mounts a widget and adds `painted`: resolves at its first `plan-widget-render` event (the canvas
 * drawn; a plan of more than 300 indicators gets its text equivalent in the frames after) or at
 * `ready`, whichever comes first; rejects if the load fails.
 */
function firstPaint(el, mountIt) {
  const rendered = new Promise((resolve) => el.addEventListener('plan-widget-render', resolve, { once: true }));
  const widget = mountIt();
  // `ready` settles after the first render too (and is all an older loader has).
  widget.painted = Promise.race([rendered, widget.ready]);
  return widget;
}

export async function render(w, data, root) {
  if (w === 'b') {
    const grid = box(root, 'grid', { '--cols': 2 });
    const widgets = data.map((json, i) => {
      const el = document.createElement('div');
      grid.append(el);
      return firstPaint(el, () => mount(el, { data: json, view: 'indicator', indicator: `t${i + 1}` }));
    });
    await Promise.all(widgets.map((x) => x.painted));
    return { widgets };
  }
  const el = box(root, 'wide');
  const widget = firstPaint(el, () => mount(el, w === 'c' ? { data, view: 'indicator', indicator: 'daily' } : { data, view: 'dashboard' }));
  await widget.painted;
  return { widgets: [widget], el };
}

/** Waits until the widget's canvas shows the new width. */
export async function resized(handle, width) {
  const canvas = handle.el.shadowRoot.querySelector('canvas');
  const want = `${width - 32}px`;
  for (let i = 0; i < 120 && canvas.style.width !== want; i++) await afterPaint();
}

export async function extra() {
  // Compile time alone (the loader's init above also fetched and instantiated).
  const bytes = await (await fetch('/pkg/plan_widget_bg.wasm')).arrayBuffer();
  const t = performance.now();
  await WebAssembly.compile(bytes);
  return { wasmCompileMs: performance.now() - t, wasmMemoryMB: wasm.memory.buffer.byteLength / 1048576 };
}

/** wasm memory across 100 update() calls with the largest sample plan. */
export async function memory(root) {
  const data = await text('d.json');
  const el = box(root, 'wide');
  const widget = mount(el, { data });
  await widget.ready;
  for (let i = 0; i < 5; i++) await widget.update(data);
  const before = wasm.memory.buffer.byteLength;
  const kib = () => wasm.memory.buffer.byteLength / 1024;
  const steps = [kib()];
  const t = performance.now();
  for (let i = 0; i < 100; i++) {
    await widget.update(data);
    if (i % 10 === 9) steps.push(kib());
  }
  const updateMs = (performance.now() - t) / 100;
  return { memBeforeMB: before / 1048576, memAfterMB: wasm.memory.buffer.byteLength / 1048576, memStepsKiB: steps, updateMs };
}
