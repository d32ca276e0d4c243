// Test instrumentation: counts live ResizeObservers and IntersectionObservers and media-query /
// canvas listeners (on a canvas or on the widget's picture box, `.pw-canvas`, which holds the tile
// canvases) so a test can prove destroy() leaves none behind. Loaded before the widget on
// e2e/mount.html only.
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
const mqlAdd = MediaQueryList.prototype.addEventListener;
const mqlRemove = MediaQueryList.prototype.removeEventListener;
MediaQueryList.prototype.addEventListener = function (...a) { live.mediaListeners++; return mqlAdd.apply(this, a); };
MediaQueryList.prototype.removeEventListener = function (...a) { live.mediaListeners--; return mqlRemove.apply(this, a); };
for (const proto of [HTMLCanvasElement.prototype, HTMLDivElement.prototype]) {
  const add = proto.addEventListener;
  const remove = proto.removeEventListener;
  const counted = (node) => node instanceof HTMLCanvasElement || node.classList.contains('pw-canvas');
  proto.addEventListener = function (...a) { if (counted(this)) live.canvasListeners++; return add.apply(this, a); };
  proto.removeEventListener = function (...a) { if (counted(this)) live.canvasListeners--; return remove.apply(this, a); };
}
