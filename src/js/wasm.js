// The WebAssembly module: loaded once per page, and what a trap inside one of its calls means.

import init, { takePanicMessage } from './plan_widget.js';
import { widgetError } from './errors.js';
import { chooseSource, resolveSource } from './wasm-source.js';

let loading = null;
let loadedFrom;
/**
 * Loads and instantiates the WebAssembly module once per page, from `source` (a widget's
 * `wasmUrl` option or `wasm-url` attribute) or else the page-wide setting or the file beside the
 * loader (see wasm-source.js). The first widget to load decides; the choice is made in a
 * microtask, so a page's setWasmSource() right after importing the loader still counts.
 */
export function loadModule(source) {
  if (!loading) {
    loadedFrom = source;
    loading = Promise.resolve()
      .then(() => resolveSource(chooseSource(source)))
      .then((module_or_path) => init({ module_or_path }));
  } else if (source !== undefined && source !== loadedFrom && String(source) !== String(loadedFrom)) {
    console.warn('plan-widget: the WebAssembly module is already loading from another source; this widget uses that one');
    loadedFrom = source;
  }
  return loading;
}

/** Resolves when the WebAssembly module has been instantiated (and starts loading it). */
export function ready() {
  return loadModule();
}

/** The last Rust panic's message, or null (also when the instance cannot answer any more). */
function takePanicSafely() {
  try {
    const m = takePanicMessage();
    return m === undefined || m === null ? null : m;
  } catch {
    return null;
  }
}

/**
 * True for a WebAssembly trap (a panic's abort, an out-of-memory abort, a shadow-stack overflow)
 * or the engine's own stack running out inside a wasm call: either way the call stopped midway.
 */
function isTrap(e) {
  if (typeof WebAssembly === 'object' && e instanceof WebAssembly.RuntimeError) return true;
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/**
 * For `e`, thrown by a wasm call: an `internal.panic` error (in `lang`, with the panic's
 * message, `cause` e) when the call panicked or trapped, else null (an ordinary error).
 */
export function panicError(e, lang) {
  const panic = takePanicSafely();
  if (panic === null && !isTrap(e)) return null;
  const detail = panic !== null ? panic : `${(e && e.message) || e}`;
  const err = widgetError('internal.panic', `内部错误：${detail}`, `internal error: ${detail}`, { lang });
  err.cause = e;
  return err;
}
