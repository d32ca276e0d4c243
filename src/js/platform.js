// Everything a widget listens to in the browser, set up in one place and torn down in one place
// (as Chart.js's platform.dom.js): its own DOM events, the page's pointer and scroll, printing,
// the colour-scheme, forced-colours and device-pixel-ratio media queries, and a ResizeObserver.
// Every listener is registered with one AbortController's signal, so destroy() is that
// controller's abort() plus the observer's disconnect().

/**
 * Watches one widget for its controller. `parts` holds the `canvas`, `csvButton` and `em` (a
 * 1em probe whose size follows the host's font); `on` has a handler for each event:
 * `click`, `pointerdown`, `pointermove`, `pointerleave`, `keydown`, `focus`, `blur` (the
 * canvas), `csv` (the download button), `docPointerDown` and `scroll` (the page, captured),
 * `beforePrint` and `afterPrint`, `scheme` (colour scheme or forced colours changed),
 * `pixelRatio` (devicePixelRatio changed: zoom, another screen) and `resize(width, refont)`
 * (the host's new content width or null, and whether its font size may have changed).
 */
export class Platform {
  constructor(host, parts, on) {
    this.aborter = new AbortController();
    this.on = on;
    this.printQuery = window.matchMedia('print');
    this.darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
    this.forcedQuery = window.matchMedia('(forced-colors: active)');
    this.resizeObserver = new ResizeObserver((entries) => this.resized(entries, parts.em));
    this.listenTo(parts);
    this.resizeObserver.observe(host);
    this.resizeObserver.observe(parts.em);
    this.watchPixelRatio();
  }

  /** addEventListener with this platform's signal. */
  listen(target, type, handler, options = {}) {
    target.addEventListener(type, handler, { ...options, signal: this.aborter.signal });
  }

  listenTo({ canvas, csvButton }) {
    const on = this.on;
    for (const type of ['click', 'pointerdown', 'pointermove', 'pointerleave', 'keydown', 'focus', 'blur']) {
      this.listen(canvas, type, on[type]);
    }
    this.listen(csvButton, 'click', on.csv);
    // A tap or click anywhere else closes a tooltip opened by a tap or hover; scrolling too.
    this.listen(document, 'pointerdown', on.docPointerDown, { capture: true });
    this.listen(window, 'scroll', on.scroll, { capture: true, passive: true });
    // Printing re-renders at print resolution (the events, and the print media query for
    // browsers that only report that).
    this.listen(window, 'beforeprint', on.beforePrint);
    this.listen(window, 'afterprint', on.afterPrint);
    this.listen(this.printQuery, 'change', (ev) => (ev.matches ? on.beforePrint() : on.afterPrint()));
    // The page's colour scheme and forced colours (theme "auto", the default).
    this.listen(this.darkQuery, 'change', on.scheme);
    this.listen(this.forcedQuery, 'change', on.scheme);
  }

  /** Listens for the next change of devicePixelRatio, once (the handler watches again). */
  watchPixelRatio() {
    const query = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    const changed = () => {
      this.watchPixelRatio();
      this.on.pixelRatio();
    };
    this.listen(query, 'change', changed, { once: true });
  }

  resized(entries, em) {
    let width = null;
    let refont = false;
    for (const entry of entries) {
      if (entry.target === em) refont = true;
      else width = Math.floor(entry.contentRect.width);
    }
    this.on.resize(width, refont);
  }

  /** The reader prefers a dark colour scheme. */
  get dark() {
    return this.darkQuery.matches;
  }

  /** Forced colours (Windows high contrast) are on. */
  get forced() {
    return this.forcedQuery.matches;
  }

  /** The reader asks for reduced motion. */
  get reducedMotion() {
    return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  }

  /** Removes every listener and stops observing. */
  destroy() {
    this.aborter.abort();
    this.resizeObserver.disconnect();
  }
}
