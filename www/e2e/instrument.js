// Test instrumentation: counts live ResizeObservers and media-query / canvas listeners so a test
// can prove destroy() leaves none behind. Loaded before the widget on e2e/mount.html only.
const live = { observers: 0, mediaListeners: 0, canvasListeners: 0 };
window.__live = live;
const RO = window.ResizeObserver;
window.ResizeObserver = class extends RO {
  observe(...a) { if (!this.__on) { this.__on = true; live.observers++; } return super.observe(...a); }
  disconnect() { if (this.__on) { this.__on = false; live.observers--; } return super.disconnect(); }
};
const mqlAdd = MediaQueryList.prototype.addEventListener;
const mqlRemove = MediaQueryList.prototype.removeEventListener;
MediaQueryList.prototype.addEventListener = function (...a) { live.mediaListeners++; return mqlAdd.apply(this, a); };
MediaQueryList.prototype.removeEventListener = function (...a) { live.mediaListeners--; return mqlRemove.apply(this, a); };
const add = HTMLCanvasElement.prototype.addEventListener;
const remove = HTMLCanvasElement.prototype.removeEventListener;
HTMLCanvasElement.prototype.addEventListener = function (...a) { live.canvasListeners++; return add.apply(this, a); };
HTMLCanvasElement.prototype.removeEventListener = function (...a) { live.canvasListeners--; return remove.apply(this, a); };
