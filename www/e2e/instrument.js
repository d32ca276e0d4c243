// Test instrumentation: counts live ResizeObservers and IntersectionObservers and media-query /
// canvas listeners (on a canvas, or on the widget's picture box `.pw-canvas` that holds the tile
// canvases) so a test can prove destroy() leaves none behind. Loaded before the widget on e2e/mount.html only. A
// listener is live from addEventListener until removeEventListener, its signal's abort or (with
// `once`) its event.
const live = { observers: 0, mediaListeners: 0, canvasListeners: 0 };
window.__live = live;
const RO = window.ResizeObserver;
window.ResizeObserver = class extends RO {
  observe(...a) { if (!this.__on) { this.__on = true; live.observers++; } return super.observe(...a); }
  disconnect() { if (this.__on) { this.__on = false; live.observers--; } return super.disconnect(); }
};

const IO = window.IntersectionObserver;
window.IntersectionObserver = class extends IO {
  observe(...a) { if (!this.__on) { this.__on = true; live.observers++; } return super.observe(...a); }
  disconnect() { if (this.__on) { this.__on = false; live.observers--; } return super.disconnect(); }
};

/** Counts the listeners added to `proto`'s objects (those `counted`) in `live[counter]`. */
function track(proto, counter, counted = () => true) {
  const add = proto.addEventListener;
  const remove = proto.removeEventListener;
  const entries = [];
  const captures = (o) => (typeof o === 'boolean' ? o : !!(o && o.capture));
  const find = (target, type, fn, capture) =>
    entries.find((e) => e.target === target && e.type === type && e.fn === fn && e.capture === capture);
  proto.addEventListener = function (type, fn, options) {
    const capture = captures(options);
    const signal = options && typeof options === 'object' ? options.signal : undefined;
    if (!counted(this) || !fn || (signal && signal.aborted) || find(this, type, fn, capture)) return add.call(this, type, fn, options);
    const entry = { target: this, type, fn, capture };
    entry.drop = () => {
      const i = entries.indexOf(entry);
      if (i >= 0) {
        entries.splice(i, 1);
        live[counter]--;
      }
    };
    entries.push(entry);
    live[counter]++;
    if (signal) signal.addEventListener('abort', entry.drop, { once: true });
    if (options && options.once) add.call(this, type, entry.drop, { once: true, capture, signal });
    return add.call(this, type, fn, options);
  };
  proto.removeEventListener = function (type, fn, options) {
    const entry = find(this, type, fn, captures(options));
    if (entry) entry.drop();
    return remove.call(this, type, fn, options);
  };
}
track(MediaQueryList.prototype, 'mediaListeners');
track(HTMLCanvasElement.prototype, 'canvasListeners');
track(HTMLDivElement.prototype, 'canvasListeners', (node) => node.classList.contains('pw-canvas'));
