// plan-widget loader: registers <plan-widget> and exports mount(). Install the npm package
// (pkg/, `import 'plan-widget'`), or copy this file (as built into pkg/, with wasm-source.js and
// link-state.js bundled in) together with plan_widget.js and plan_widget_bg.wasm into one
// folder of your site, then:
//
//   <script type="module" src="/assets/plan-widget/plan-widget.js"></script>
//   <plan-widget src="/data/plan.json"></plan-widget>
//
// No inline script or style is used, so it runs under a strict Content-Security-Policy with
// `script-src 'self' 'wasm-unsafe-eval'`. Everything taken from the data reaches the DOM as text.
//
// People who do not see the canvas get the same content in words: the canvas's fallback content
// (a heading, one sentence per indicator and a data table) is rebuilt whenever its words change
// (for plans of more than 300 indicators just after the canvas, in chunks between frames), and a
// live region announces loads, filters and the item under the keyboard focus. The widget is one
// tab stop: arrow keys move between its items in reading order, Enter opens or filters, Escape
// goes back. Until the first successful render — and for good when WebAssembly cannot run — the
// element's own children (e.g. the output of `plan-widget render --format html`) stay visible.

import init, { Widget, takePanicMessage } from './plan_widget.js';
import { chooseSource, resolveSource, setWasmSource } from './wasm-source.js';
import { LinkState, claimKey } from './link-state.js';
import { Tiles, composeTiles } from './tiles.js';

const FETCH_TIMEOUT_MS = 15000;
const OPTION_ATTRIBUTES = [
  'view',
  'indicator',
  'lang',
  'theme',
  'as-of',
  'font-scale',
  'large-text',
  'filter-status',
  'filter-section',
  'filter-unit',
];
/** Font multiplier of the large-text option. */
const LARGE_TEXT = 1.25;
/** Device pixel ratio for printing (about 300 dpi), limited by the tiles' total area below. */
const PRINT_SCALE = 3;
/** Most device px of all tiles together while printing (every tile is painted then). */
const MAX_PRINT_AREA = 100e6;
/** The scale of toPNG(), reduced where the PNG would exceed one canvas's area. */
const PNG_SCALE = 2;
/** Plans with more indicators get their fallback content after the canvas, in chunks. */
const LARGE_DESCRIPTION = 300;
/** Sentences or table rows added per chunk (one chunk per frame). */
const DESCRIPTION_CHUNK = 400;

/**
 * Resolves in a background-priority task (`scheduler.postTask` where the browser has it, else a
 * plain task) after the next frame has been produced, so the page's own work and input go first.
 */
function afterFrame() {
  return new Promise((resolve) => {
    const task = () =>
      globalThis.scheduler && typeof globalThis.scheduler.postTask === 'function'
        ? globalThis.scheduler.postTask(resolve, { priority: 'background' })
        : setTimeout(resolve, 0);
    if (document.hidden) task();
    else requestAnimationFrame(task);
  });
}

let loading = null;
/**
 * Loads and instantiates the WebAssembly module once per page, from `source` (a widget's
 * `wasmUrl` option or `wasm-url` attribute) or else the page-wide setting or the file beside the
 * loader (see wasm-source.js). The first widget to load decides; the choice is made in a
 * microtask, so a page's setWasmSource() right after importing the loader still counts.
 */
let loadedFrom;
function loadModule(source) {
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

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
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

/** The fetch timeout in ms: the `fetchTimeout` option, else the `fetch-timeout` attribute, else 15 s. */
function fetchTimeoutMs(option, attribute) {
  for (const v of [option, attribute]) {
    const n = Number(v);
    if (v !== undefined && v !== null && v !== '' && Number.isFinite(n) && n > 0) return Math.min(n, 600000);
  }
  return FETCH_TIMEOUT_MS;
}

/** An Error with a stable code, shown to people and given to listeners. */
function widgetError(code, zh, en, extra = {}) {
  const lang = extra.lang || 'zh-CN';
  const e = new Error(lang === 'en' ? en : zh);
  e.code = code;
  e.path = extra.path || '';
  e.messageZh = zh;
  e.messageEn = en;
  return e;
}

const STYLE = `
:host { display: block; position: relative; min-width: 0; }
.pw-canvas { display: block; position: relative; overflow: hidden; }
.pw-tile { display: block; position: absolute; left: 0; }
.pw-canvas:focus { outline: none; }
.pw-canvas:focus-visible:not(.pw-ring) { outline: 3px solid #0969da; outline-offset: 2px; }
slot.pw-fallback[hidden] { display: none; }
.pw-message { box-sizing: border-box; padding: 12px 14px; margin: 0; border: 2px solid #d1450f;
  border-radius: 6px; background: #fff8f5; color: #1f2328; font: 15px/1.6 system-ui, sans-serif; }
.pw-message[hidden], .pw-rejected[hidden], .pw-loading[hidden], .pw-toolbar[hidden], .pw-tip[hidden] { display: none; }
.pw-message strong { display: block; margin-bottom: 4px; }
.pw-message code { font-family: ui-monospace, monospace; font-size: 13px; }
.pw-rejected { box-sizing: border-box; margin: 8px 0 0; padding: 8px 12px; border-left: 4px solid #b06d00;
  background: #fffbf0; color: #1f2328; font: 14px/1.6 system-ui, sans-serif; }
.pw-rejected ul { margin: 4px 0 0; padding-left: 20px; }
.pw-loading { padding: 12px; color: #57606a; font: 14px system-ui, sans-serif; }
.pw-sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.pw-anchor, .pw-em { position: absolute; top: 0; left: 0; visibility: hidden; pointer-events: none; }
.pw-em { width: 1em; height: 1px; }
.pw-sys { position: absolute; visibility: hidden; color: CanvasText; background-color: Canvas;
  border: 1px solid Highlight; outline: 1px solid GrayText; }
.pw-tip { position: absolute; z-index: 10; box-sizing: border-box; width: max-content; max-width: min(380px, calc(100vw - 16px));
  padding: 8px 10px; border: 1px solid #57606a; border-radius: 6px; background: #ffffff; color: #1f2328;
  font: 14px/1.5 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif;
  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.18); pointer-events: none; overflow-wrap: anywhere; }
.pw-tip strong { display: block; margin-bottom: 2px; }
.pw-tip-line, .pw-tip-hint { display: block; }
.pw-tip-label, .pw-tip-hint { color: #57606a; }
.pw-tip-hint { margin-top: 4px; font-size: 0.9em; }
.pw-tip.pw-dark { background: #161b22; color: #e6edf3; border-color: #9da7b3; }
.pw-tip.pw-dark .pw-tip-label, .pw-tip.pw-dark .pw-tip-hint { color: #9da7b3; }
.pw-tip.pw-contrast { background: #000000; color: #ffffff; border: 2px solid #ffffff; }
.pw-tip.pw-contrast .pw-tip-label, .pw-tip.pw-contrast .pw-tip-hint { color: #ffffff; }
.pw-toolbar { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; margin-top: 6px; }
.pw-button { box-sizing: border-box; min-height: 36px; padding: 6px 12px; border: 1px solid #57606a;
  border-radius: 6px; background: #ffffff; color: #1f2328; font: 14px/1.4 system-ui, sans-serif; cursor: pointer; }
.pw-button:hover { background: #f3f4f6; }
.pw-button:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
.pw-toolbar.pw-dark .pw-button { background: #161b22; color: #e6edf3; border-color: #9da7b3; }
.pw-toolbar.pw-contrast .pw-button { background: #000000; color: #ffffff; border: 2px solid #ffffff; }
@media (prefers-reduced-motion: no-preference) { .pw-tip { transition: opacity 0.12s ease-out; } }
@media (forced-colors: active) {
  .pw-tip, .pw-button { border: 1px solid CanvasText; }
  .pw-canvas:focus-visible:not(.pw-ring) { outline-color: Highlight; }
}
@media print { .pw-tip, .pw-toolbar { display: none !important; } }
`;

let sheet = null;
function styleSheet() {
  if (!sheet && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  return sheet;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** True when the element has children a reader would see (not just an inline JSON script). */
function hasFallbackContent(host) {
  for (const n of host.childNodes) {
    if (n.nodeType === Node.TEXT_NODE && n.textContent.trim()) return true;
    if (n.nodeType === Node.ELEMENT_NODE && !['SCRIPT', 'TEMPLATE', 'STYLE'].includes(n.tagName)) return true;
  }
  return false;
}

/** Splits a filter attribute: by commas (also 、，；) when it has any, else by whitespace. */
function splitList(value) {
  if (!value) return [];
  const parts = /[,，、;；]/.test(value) ? value.split(/[,，、;；]/) : value.split(/\s+/);
  return parts.map((s) => s.trim()).filter(Boolean);
}

/** `{sections, statuses, units}` with arrays of strings, from any partial filter. */
function normalizeFilter(f) {
  const list = (v) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? splitList(v) : []);
  return { sections: list(f && f.sections), statuses: list(f && f.statuses), units: list(f && f.units) };
}

/** `rgb(r, g, b)` → `#rrggbb` (null when it cannot be read). */
function cssColorToHex(text) {
  const m = /rgba?\((\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(text || '');
  if (!m) return null;
  return `#${[m[1], m[2], m[3]].map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`;
}

function luminance(hex) {
  const lin = (i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(1) + 0.7152 * lin(3) + 0.0722 * lin(5);
}

/**
 * Drives one widget inside `root` (a shadow root or an element), reporting to `host`.
 */
class Controller {
  constructor(host, root, options = {}) {
    this.host = host;
    this.root = root;
    this.options = { ...options };
    if (this.options.filter !== undefined) this.options.filter = normalizeFilter(this.options.filter);
    this.widget = null;
    this.destroyed = false;
    this.fetchAbort = null;
    this.loadToken = 0;
    this.width = 0;
    this.height = 0;
    this.rendered = false;
    this.hasFallback = hasFallbackContent(host);
    this.hitList = [];
    this.focusKey = null;
    this.lastFocusKey = null;
    this.history = [];
    this.tipKey = null;
    this.tipSource = null;
    this.tipHit = null;
    this.tipPoint = null;
    this.pointerType = 'mouse';
    this.printing = false;
    this.descriptionKey = '';
    this.descriptionRev = -1;
    this.describedWidget = null;
    this.descriptionJob = null;
    this.describing = null;
    this.indicatorCount = 0;
    this.announceKey = '';
    this.description = null;
    this.fontPx = 0;

    const s = styleSheet();
    if (s && 'adoptedStyleSheets' in root) root.adoptedStyleSheets = [s];
    // The element's own children (fallback HTML) show through this slot until the first render.
    this.fallbackSlot = el('slot', 'pw-fallback');
    this.loading = el('div', 'pw-loading', '正在加载… / Loading…');
    this.loading.hidden = this.hasFallback;
    // The picture: stacked tile canvases inside one focusable box (see tiles.js).
    this.canvas = el('div', 'pw-canvas');
    this.canvas.setAttribute('role', 'application');
    this.canvas.setAttribute('aria-describedby', 'pw-help');
    this.canvas.tabIndex = 0;
    this.canvas.hidden = true;
    this.measureCanvas = document.createElement('canvas');
    this.tiles = new Tiles(
      this.canvas,
      (canvas, top, rows, scale) => this.guard(() => this.widget.paintTile(canvas, top, rows, scale)),
      (e) => this.fail(e),
    );
    this.help = el('span', 'pw-sr');
    this.help.id = 'pw-help';
    this.anchor = el('div', 'pw-anchor');
    this.anchor.setAttribute('aria-hidden', 'true');
    this.em = el('div', 'pw-em');
    this.em.setAttribute('aria-hidden', 'true');
    this.tip = el('div', 'pw-tip');
    this.tip.id = 'pw-tip';
    this.tip.setAttribute('role', 'tooltip');
    this.tip.hidden = true;
    this.a11y = el('div', 'pw-sr pw-a11y');
    this.live = el('div', 'pw-sr pw-live');
    this.live.setAttribute('role', 'status');
    this.live.setAttribute('aria-live', 'polite');
    this.live.setAttribute('aria-atomic', 'true');
    this.message = el('div', 'pw-message');
    this.message.setAttribute('role', 'alert');
    this.message.hidden = true;
    this.rejected = el('div', 'pw-rejected');
    this.rejected.hidden = true;
    this.toolbar = el('div', 'pw-toolbar');
    this.toolbar.hidden = true;
    this.csvButton = el('button', 'pw-button');
    this.csvButton.type = 'button';
    this.csvButton.setAttribute('part', 'download-csv');
    this.toolbar.append(this.csvButton);
    this.root.append(
      this.fallbackSlot,
      this.loading,
      this.canvas,
      this.anchor,
      this.em,
      this.tip,
      this.help,
      this.a11y,
      this.live,
      this.message,
      this.rejected,
      this.toolbar,
    );
    this.setWords();

    this.onClick = (ev) => this.handleClick(ev);
    this.onPointerDown = (ev) => {
      this.pointerType = ev.pointerType || 'mouse';
    };
    this.onPointerMove = (ev) => this.handlePointerMove(ev);
    this.onPointerLeave = () => {
      this.canvas.style.cursor = '';
      if (this.tipSource === 'hover') this.hideTip();
    };
    this.onKeyDown = (ev) => this.handleKey(ev);
    this.onFocus = () => this.handleFocus();
    this.onBlur = () => this.handleBlur();
    this.canvas.addEventListener('click', this.onClick);
    this.canvas.addEventListener('pointerdown', this.onPointerDown);
    this.canvas.addEventListener('pointermove', this.onPointerMove);
    this.canvas.addEventListener('pointerleave', this.onPointerLeave);
    this.canvas.addEventListener('keydown', this.onKeyDown);
    this.canvas.addEventListener('focus', this.onFocus);
    this.canvas.addEventListener('blur', this.onBlur);
    this.onCsvClick = () => {
      try {
        this.downloadCSV();
      } catch (e) {
        this.fail(e, false);
      }
    };
    this.csvButton.addEventListener('click', this.onCsvClick);
    // A tap or click anywhere else closes a tooltip opened by a tap or hover; scrolling too.
    this.onDocPointerDown = (ev) => {
      if (!this.tip.hidden && this.tipSource !== 'keyboard' && !ev.composedPath().includes(this.canvas)) this.hideTip();
    };
    this.onScroll = () => {
      if (this.tip.hidden) return;
      if (this.tipSource === 'keyboard') this.positionTip();
      else this.hideTip();
    };
    document.addEventListener('pointerdown', this.onDocPointerDown, true);
    window.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    // Printing re-renders at print resolution.
    this.onBeforePrint = () => {
      if (this.printing) return;
      this.printing = true;
      this.hideTip();
      this.render();
    };
    this.onAfterPrint = () => {
      if (!this.printing) return;
      this.printing = false;
      this.render();
    };
    this.onPrintQuery = (ev) => (ev.matches ? this.onBeforePrint() : this.onAfterPrint());
    window.addEventListener('beforeprint', this.onBeforePrint);
    window.addEventListener('afterprint', this.onAfterPrint);
    // The page's colour scheme and forced colours (theme "auto", the default).
    this.onScheme = () => {
      if (!this.widget || !this.rendered) return;
      try {
        this.applyOptions();
        this.render();
      } catch (e) {
        this.fail(e, false);
      }
    };
    this.queries = [
      [window.matchMedia('print'), this.onPrintQuery],
      [window.matchMedia('(prefers-color-scheme: dark)'), this.onScheme],
      [window.matchMedia('(forced-colors: active)'), this.onScheme],
    ];
    for (const [q, f] of this.queries) q.addEventListener('change', f);
    this.darkQuery = this.queries[1][0];
    this.forcedQuery = this.queries[2][0];

    this.resizeObserver = new ResizeObserver((entries) => {
      let width = null;
      let refont = false;
      for (const entry of entries) {
        if (entry.target === this.em) refont = true;
        else width = Math.floor(entry.contentRect.width);
      }
      // The host's font size changed (the reader's font settings, a page style): new fontScale.
      const fontChanged = refont && this.widget && this.rendered && this.fontPx !== this.hostFontPx();
      if (fontChanged) {
        try {
          this.applyOptions();
        } catch (e) {
          this.fail(e, false);
          return;
        }
      }
      if (width !== null && width > 0 && width !== this.width) {
        this.width = width;
        this.render();
      } else if (fontChanged) {
        this.render();
      }
    });
    this.resizeObserver.observe(host);
    this.resizeObserver.observe(this.em);
    this.watchPixelRatio();
  }

  get lang() {
    return this.options.lang === 'en' ? 'en' : 'zh-CN';
  }

  /** Words of the widget's own controls, in its language. */
  setWords() {
    const en = this.lang === 'en';
    this.csvButton.textContent = en ? 'Download data (CSV)' : '下载数据（CSV）';
    this.help.textContent = en
      ? 'Arrow keys move between the items, Enter opens an indicator or applies a filter, Escape goes back. The data follows as text and a table.'
      : '用方向键在各项之间移动，回车键打开指标或筛选，Esc 键返回。图表内容另以文字和表格提供。';
  }

  /** Re-renders when devicePixelRatio changes (zoom, moving to another screen). */
  watchPixelRatio() {
    if (this.dprQuery) this.dprQuery.removeEventListener('change', this.onDpr);
    this.onDpr = () => {
      this.watchPixelRatio();
      this.render();
    };
    this.dprQuery = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    this.dprQuery.addEventListener('change', this.onDpr);
  }

  emit(name, detail, cancelable = false) {
    const ev = new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable });
    this.host.dispatchEvent(ev);
    return ev;
  }

  /**
   * Calls into wasm, turning a Rust panic into a reported error. On wasm32 a panic aborts: the
   * instance traps (`unreachable`) after the panic hook kept the message. The trap leaves this
   * widget's Rust object mid-call (wasm-bindgen still counts it as borrowed, so every later call
   * on it would throw), so the controller drops it; the next update() starts a fresh one. Other
   * widgets on the page have their own objects and keep working.
   */
  guard(fn) {
    try {
      return fn();
    } catch (e) {
      const panic = takePanicSafely();
      if (panic !== null || isTrap(e)) {
        this.dropTrappedWidget();
        const detail = panic !== null ? panic : `${(e && e.message) || e}`;
        const err = widgetError('internal.panic', `内部错误：${detail}`, `internal error: ${detail}`, { lang: this.lang });
        err.cause = e;
        throw err;
      }
      throw e;
    }
  }

  /** guard() for event handlers and follow-up calls: a failure is reported, never thrown. */
  safely(fn, fallback = null) {
    try {
      return this.guard(fn);
    } catch (e) {
      this.fail(e);
      return fallback;
    }
  }

  /**
   * Forgets a widget whose wasm call trapped (see guard()); it is never called again. Its Rust
   * memory stays allocated (the trap left a reference count behind): a few kilobytes per panic.
   */
  dropTrappedWidget() {
    this.widget = null;
    this.rendered = false;
  }

  /** This widget's own wasm source: the `wasmUrl` option, else the `wasm-url` attribute. */
  wasmSource() {
    const o = this.options.wasmUrl;
    if (o !== undefined && o !== null && o !== '') return o;
    return this.host.getAttribute('wasm-url') || undefined;
  }

  async ensureWidget() {
    try {
      await loadModule(this.wasmSource());
    } catch (e) {
      throw this.wasmUnavailable(e);
    }
    if (!this.widget) this.widget = new Widget();
    return this.widget;
  }

  /**
   * WebAssembly cannot run (refused by the page's CSP, or an old browser): the element's own
   * fallback children stay visible and plan-widget-error fires; without any, the box says why.
   */
  wasmUnavailable(cause) {
    // A wasm file that could not be downloaded says so (code wasm.fetch, with its URL).
    const e =
      cause && cause.code === 'wasm.fetch'
        ? widgetError(cause.code, cause.messageZh, cause.messageEn, { lang: this.lang })
        : widgetError(
            'wasm.unavailable',
            '此浏览器无法运行 WebAssembly（可能被网站的内容安全策略禁止），无法显示图表',
            'WebAssembly cannot run here (perhaps refused by the site’s Content-Security-Policy), so the chart cannot be shown',
            { lang: this.lang },
          );
    e.cause = cause;
    if (this.wasmFailed || this.destroyed) return e;
    this.wasmFailed = true;
    if (this.hasFallback) {
      this.loading.hidden = true;
      this.message.hidden = true;
      this.fallbackSlot.hidden = false;
      this.emit('plan-widget-error', { code: e.code, message: e.message, path: '', error: e });
    } else {
      this.fail(e);
    }
    return e;
  }

  /** Loads data (a JSON string or object) and renders it. */
  async update(data) {
    const token = ++this.loadToken;
    if (this.fetchAbort) this.fetchAbort.abort();
    const widget = await this.ensureWidget();
    if (this.destroyed || token !== this.loadToken) return;
    try {
      const report = this.guard(() => widget.load(data));
      this.indicatorCount = report.indicators;
      this.history = [];
      this.focusKey = null;
      this.lastFocusKey = null;
      this.announceKey = '';
      this.hideTip();
      this.applyOptions();
      this.showRejected(report);
      this.render();
      // A large plan's fallback content follows the first picture; ready means all of it.
      if (this.describing) await this.describing;
      if (this.destroyed || token !== this.loadToken) return report;
      this.emit('plan-widget-ready', {
        planId: report.planId,
        title: report.title,
        indicators: report.indicators,
        rejected: report.rejected,
        diagnostics: report.diagnostics,
      });
      return report;
    } catch (e) {
      this.toolbar.hidden = true;
      this.fail(e);
      throw e;
    }
  }

  /**
   * Fetches `url` and loads it. One request, never retried; it is cancelled (AbortController) by
   * a newer load() or update() and by destroy(), and times out after the `fetchTimeout` option
   * (ms, or the element's `fetch-timeout` attribute; default 15 s). Errors: `fetch.status` (404,
   * 500, …), `fetch.timeout`, `fetch.network` (network down or cross-origin request refused: the
   * browser does not say which), `fetch.body` (the download broke off) and `fetch.contentType`
   * (an HTML page, e.g. a login or error page, where the JSON should be). A JSON body is read
   * whatever its content type; one served as text/html gets a console warning.
   */
  async load(url) {
    const token = ++this.loadToken;
    if (this.fetchAbort) this.fetchAbort.abort();
    const abort = new AbortController();
    this.fetchAbort = abort;
    const timeoutMs = fetchTimeoutMs(this.options.fetchTimeout, this.host.getAttribute('fetch-timeout'));
    const seconds = Math.round(timeoutMs / 100) / 10;
    const timer = setTimeout(() => abort.abort('timeout'), timeoutMs);
    this.showLoading();
    const lang = this.lang;
    let text;
    let stage = 'fetch';
    try {
      const response = await fetch(url, { signal: abort.signal, credentials: 'same-origin' });
      if (!response.ok) {
        const s = response.status;
        const why = s === 404 ? ['（文件不存在）', ' (not found)'] : s >= 500 ? ['（服务器错误）', ' (server error)'] : ['', ''];
        throw widgetError(
          'fetch.status',
          `无法加载数据文件 ${url}：服务器返回 ${s}${why[0]}`,
          `cannot load the data file ${url}: the server answered ${s}${why[1]}`,
          { lang, path: url },
        );
      }
      stage = 'body';
      text = await response.text();
      const type = (response.headers.get('content-type') || '').toLowerCase();
      if (/^\s*text\/html/.test(type)) {
        if (/^[\s\ufeff]*</.test(text)) {
          throw widgetError(
            'fetch.contentType',
            `数据文件 ${url} 返回的是网页（text/html），不是 JSON：地址是否有误，或服务器返回了登录页、错误页？`,
            `the data file ${url} is a web page (text/html), not JSON: is the address wrong, or did the server send a login or error page?`,
            { lang, path: url },
          );
        }
        console.warn(`plan-widget: ${url} is served as ${type}; reading it as JSON (serve it as application/json)`);
      }
    } catch (e) {
      clearTimeout(timer);
      if (token !== this.loadToken || this.destroyed) return;
      if (e && e.code) return this.fail(e);
      const timedOut = abort.signal.aborted;
      const [code, zh, en] = timedOut
        ? ['fetch.timeout', `加载数据文件 ${url} 超时（${seconds} 秒）`, `loading the data file ${url} timed out after ${seconds} s`]
        : stage === 'body'
          ? ['fetch.body', `数据文件 ${url} 下载中断，内容不完整`, `the download of the data file ${url} broke off before the end`]
          : ['fetch.network', `无法加载数据文件 ${url}：网络错误或跨域请求被拒绝`, `cannot load the data file ${url}: network error or cross-origin request refused`];
      const err = widgetError(code, zh, en, { lang, path: url });
      err.cause = e;
      return this.fail(err);
    }
    clearTimeout(timer);
    if (token !== this.loadToken || this.destroyed) return;
    this.loadToken = token - 1; // let update() take the next token for this same load
    return this.update(text).catch(() => {});
  }

  /** The host's font size in CSS px (follows the page's and the reader's font settings). */
  hostFontPx() {
    return parseFloat(getComputedStyle(this.host).fontSize) || 16;
  }

  /**
   * The font multiplier: the `fontScale` option if set, else the host's font size relative to
   * 16px (never below 1), times 1.25 with `largeText`; within 0.5–3.
   */
  fontScale(fontPx = this.hostFontPx()) {
    const o = this.options;
    const base = typeof o.fontScale === 'number' && Number.isFinite(o.fontScale) ? o.fontScale : Math.max(1, fontPx / 16);
    const k = base * (o.largeText ? LARGE_TEXT : 1);
    return Math.round(Math.min(3, Math.max(0.5, k)) * 1000) / 1000;
  }

  /**
   * The theme to draw with: forced colours (Windows high contrast) win and take the system's
   * colours; `auto` (the default) follows prefers-color-scheme.
   */
  resolveTheme() {
    const o = this.options;
    if (this.forcedQuery && this.forcedQuery.matches) {
      const probe = el('div', 'pw-sys');
      this.root.append(probe);
      const cs = getComputedStyle(probe);
      const bg = cssColorToHex(cs.backgroundColor);
      const fg = cssColorToHex(cs.color);
      const hi = cssColorToHex(cs.borderTopColor);
      const gray = cssColorToHex(cs.outlineColor);
      probe.remove();
      if (!bg || !fg) return { theme: 'contrast' };
      const colors = { background: bg, surface: bg, text: fg, muted: fg, border: fg, grid: gray || fg };
      if (hi) colors.accent = hi;
      return { theme: luminance(bg) > 0.5 ? 'light' : 'contrast', colors, forced: true };
    }
    const t = o.theme;
    if (!t || t === 'auto') return { theme: this.darkQuery && this.darkQuery.matches ? 'dark' : 'light' };
    return { theme: t };
  }

  /** The current filter, always with the three lists. */
  filter() {
    return normalizeFilter(this.options.filter);
  }

  applyOptions() {
    if (!this.widget) return;
    const o = this.options;
    const opts = { today: today() };
    for (const k of ['view', 'indicator', 'lang', 'asOf', 'fontFamily']) {
      if (o[k] !== undefined && o[k] !== null && o[k] !== '') opts[k] = o[k];
    }
    const theme = this.resolveTheme();
    opts.theme = theme.theme;
    if (o.colors || theme.colors) opts.colors = { ...(o.colors || {}), ...(theme.colors || {}) };
    this.themeName = theme.forced ? 'forced' : theme.theme;
    this.fontPx = this.hostFontPx();
    opts.fontScale = this.fontScale(this.fontPx);
    opts.filter = this.filter();
    opts.focus = this.focusKey || '';
    this.guard(() => this.widget.setOptions(opts));
    this.appliedScale = opts.fontScale;
    for (const node of [this.tip, this.toolbar]) {
      node.classList.toggle('pw-dark', opts.theme === 'dark');
      node.classList.toggle('pw-contrast', opts.theme === 'contrast' && !theme.forced);
    }
    this.tip.style.fontSize = `${Math.round(14 * opts.fontScale)}px`;
    this.csvButton.style.fontSize = `${Math.round(14 * opts.fontScale)}px`;
    this.setWords();
  }

  /** Changes options and redraws; throws an Error with `code` and `path` for bad options. */
  setOptions(options) {
    const previous = this.options;
    const previousFocus = this.focusKey;
    const next = { ...options };
    if ('filter' in next) next.filter = normalizeFilter(next.filter);
    if ('focus' in next) {
      this.focusKey = next.focus || null;
      delete next.focus;
    }
    this.options = { ...this.options, ...next };
    try {
      this.applyOptions();
    } catch (e) {
      this.options = previous;
      this.focusKey = previousFocus;
      this.fail(e, false);
      throw e;
    }
    this.render();
  }

  /** The options in effect: theme and font scale as resolved, the filter, the focused item. */
  currentOptions() {
    const o = this.options;
    return {
      view: o.view || 'dashboard',
      indicator: o.indicator,
      lang: this.lang,
      theme: this.themeName || this.resolveTheme().theme,
      fontScale: this.appliedScale || this.fontScale(),
      largeText: !!o.largeText,
      filter: this.filter(),
      focus: this.focusKey,
      canGoBack: this.history.length > 0,
    };
  }

  /** The interactive regions in reading order: `{type, value, key, x, y, w, h}` in CSS px. */
  hits() {
    return this.hitList.map((h) => ({ ...h }));
  }

  /** The host's content width, read directly when no ResizeObserver entry has arrived yet. */
  measureWidth() {
    if (!this.width) {
      const cs = getComputedStyle(this.host);
      const pad = parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth);
      this.width = Math.floor(this.host.getBoundingClientRect().width - (pad || 0));
    }
    return this.width;
  }

  /**
   * The device pixel ratio to draw at: the screen's, or about 300 dpi while printing (every tile
   * painted, all of them within MAX_PRINT_AREA; in eighths, so the tiles' seams fall on whole
   * device px).
   */
  pixelRatio() {
    const dpr = window.devicePixelRatio || 1;
    if (!this.printing) return dpr;
    const h = Math.max(this.height, 1);
    const byArea = Math.sqrt(MAX_PRINT_AREA / (Math.max(this.width, 1) * h));
    return Math.max(dpr, Math.floor(Math.min(PRINT_SCALE, byArea) * 8) / 8);
  }

  render() {
    if (this.destroyed || !this.widget || this.measureWidth() <= 0) return;
    let height;
    try {
      height = this.guard(() => this.widget.layout(this.measureCanvas, this.width));
      this.height = height;
      this.canvas.style.width = `${this.width}px`;
      this.canvas.style.height = `${height}px`;
      this.canvas.hidden = false;
      // The tiles near the screen are painted now, the others when they come near.
      this.tiles.show(this.width, height, this.pixelRatio(), this.printing);
    } catch (e) {
      if (e && e.code === 'render.noData') return;
      this.fail(e);
      return;
    }
    this.loading.hidden = true;
    this.message.hidden = true;
    this.fallbackSlot.hidden = true;
    this.toolbar.hidden = false;
    this.rendered = true;
    this.hitList = this.safely(() => this.widget.hits(), []) || [];
    this.canvas.classList.toggle('pw-ring', !!this.focusKey && this.hitList.some((h) => h.key === this.focusKey));
    this.updateDescription();
    if (this.tipKey) this.refreshTip();
    this.emit('plan-widget-render', { width: this.width, height, pixelRatio: this.pixelRatio() });
  }

  /**
   * Rebuilds the canvas's fallback content (heading, sentences, table) when what it says may have
   * changed (`describeRevision()`: new data, view, language, filter or date; not a resize, a
   * colour or the focus). A plan of up to LARGE_DESCRIPTION indicators is described at once; a
   * larger one after the canvas has been shown, in chunks between frames, with `aria-busy` set
   * on the fallback content meanwhile. Returns a promise that settles when the content is built.
   */
  updateDescription() {
    let rev;
    try {
      rev = this.guard(() => this.widget.describeRevision());
    } catch (e) {
      this.fail(e, false);
      return Promise.resolve();
    }
    if (rev === this.descriptionRev && this.widget === this.describedWidget && this.describing) return this.describing;
    this.descriptionRev = rev;
    this.describedWidget = this.widget;
    const job = {};
    this.descriptionJob = job;
    if (this.indicatorCount <= LARGE_DESCRIPTION) {
      this.a11y.removeAttribute('aria-busy');
      this.buildDescription(job, false);
      this.describing = Promise.resolve();
    } else {
      this.a11y.setAttribute('aria-busy', 'true');
      this.describing = afterFrame()
        .then(() => this.buildDescription(job, true))
        .finally(() => {
          if (this.descriptionJob === job) this.a11y.removeAttribute('aria-busy');
        });
    }
    return this.describing;
  }

  /** Builds the fallback content for `job` (dropped when a newer job starts); see updateDescription. */
  async buildDescription(job, chunked) {
    const current = () => this.descriptionJob === job && !this.destroyed && this.widget;
    if (!current()) return;
    let d;
    try {
      d = this.guard(() => this.widget.describe());
    } catch (e) {
      this.fail(e, false);
      return;
    }
    if (!d) return;
    const key = chunked ? null : JSON.stringify(d);
    if (key !== null && key === this.descriptionKey) return;
    this.descriptionKey = key;
    this.description = d;
    const en = d.lang === 'en';
    this.canvas.setAttribute(
      'aria-label',
      `${d.heading}${en ? ': a chart of the plan’s targets' : '：规划目标进度图'}`,
    );
    this.canvas.setAttribute('aria-roledescription', en ? 'chart' : '图表');
    for (const node of [this.canvas, this.a11y, this.tip, this.help, this.live]) node.setAttribute('lang', d.lang);
    const nodes = [el('h2', '', d.heading), el('p', '', d.asOf)];
    if (d.note) nodes.push(el('p', '', d.note));
    nodes.push(el('p', '', d.summary));
    if (d.groups.length) {
      const ul = el('ul', 'pw-groups');
      for (const g of d.groups) ul.append(el('li', '', g));
      nodes.push(ul);
    }
    const list = el('ul', 'pw-sentences');
    nodes.push(list);
    const table = el('table', 'pw-table');
    table.append(el('caption', '', d.caption));
    const head = el('tr');
    for (const c of d.columns) {
      const th = el('th', '', c);
      th.scope = 'col';
      head.append(th);
    }
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    table.append(thead, tbody);
    nodes.push(table);
    if (d.source) nodes.push(el('p', '', d.source));
    this.a11y.replaceChildren(...nodes);
    const sentence = (s) => {
      const li = el('li', '', s.text);
      li.dataset.id = s.id;
      li.dataset.status = s.status;
      return li;
    };
    const row = (r) => {
      const tr = el('tr');
      tr.dataset.id = r.id;
      tr.dataset.status = r.status;
      r.cells.forEach((c, i) => {
        const cell = el(i === 0 ? 'th' : 'td', '', c);
        if (i === 0) cell.scope = 'row';
        tr.append(cell);
      });
      return tr;
    };
    const step = chunked ? DESCRIPTION_CHUNK : Infinity;
    for (const [items, parent, make] of [
      [d.sentences, list, sentence],
      [d.rows, tbody, row],
    ]) {
      for (let i = 0; i < items.length; i += step) {
        if (i > 0) {
          await afterFrame();
          if (!current()) return;
        }
        parent.append(...items.slice(i, i + step).map(make));
      }
    }
    const announce = `${d.heading}. ${d.summary}`;
    if (announce !== this.announceKey) {
      this.announceKey = announce;
      this.announce(en ? `${d.heading}. ${d.summary}` : `${d.heading}。${d.summary}`);
    }
  }

  /** Says something through the live region (polite). */
  announce(text) {
    this.live.replaceChildren(el('span', '', text));
  }

  /** The hit at a point of the canvas (client coordinates), or null. */
  hitAtClient(x, y) {
    if (!this.widget || !this.rendered) return null;
    const r = this.canvas.getBoundingClientRect();
    return this.safely(() => this.widget.hitAt(x - r.left, y - r.top));
  }

  handleClick(ev) {
    const hit = this.hitAtClient(ev.clientX, ev.clientY);
    if (this.pointerType === 'touch' || this.pointerType === 'pen') {
      // A tap shows the tooltip; a second tap on the same item opens it; elsewhere closes it.
      if (!hit) return this.hideTip();
      if (this.tipKey === hit.key && !this.tip.hidden) {
        this.hideTip();
        this.activate(hit);
      } else {
        this.showTip(hit, 'touch', { x: ev.clientX, y: ev.clientY });
      }
      return;
    }
    if (hit) this.activate(hit);
  }

  handlePointerMove(ev) {
    if (ev.pointerType && ev.pointerType !== 'mouse') return;
    const hit = this.hitAtClient(ev.clientX, ev.clientY);
    this.canvas.style.cursor = hit ? 'pointer' : '';
    if (!hit) {
      if (this.tipSource === 'hover') this.hideTip();
      return;
    }
    if (this.tipSource === 'keyboard' && this.tipKey === hit.key) return;
    this.showTip(hit, 'hover', { x: ev.clientX, y: ev.clientY });
  }

  handleFocus() {
    if (!this.hitList.length) return;
    let visible = true;
    try {
      visible = this.canvas.matches(':focus-visible');
    } catch {
      // Older browsers: treat every focus as keyboard focus.
    }
    if (!visible) return;
    const known = (k) => k && this.hitList.some((h) => h.key === k);
    this.moveFocus(known(this.lastFocusKey) ? this.lastFocusKey : this.hitList[0].key);
  }

  handleBlur() {
    if (this.tipSource === 'keyboard') this.hideTip();
    if (this.focusKey) {
      this.focusKey = null;
      this.setWasmFocus();
      this.render();
    }
  }

  handleKey(ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const hits = this.hitList;
    const i = hits.findIndex((h) => h.key === this.focusKey);
    switch (ev.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        if (!hits.length) return;
        this.moveFocus(hits[i < 0 ? 0 : Math.min(hits.length - 1, i + 1)].key);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        if (!hits.length) return;
        this.moveFocus(hits[i < 0 ? 0 : Math.max(0, i - 1)].key);
        break;
      case 'Home':
        if (!hits.length) return;
        this.moveFocus(hits[0].key);
        break;
      case 'End':
        if (!hits.length) return;
        this.moveFocus(hits[hits.length - 1].key);
        break;
      case 'Enter':
      case ' ':
        if (i < 0) return;
        this.activate(hits[i], true);
        break;
      case 'Escape':
        if (this.history.length) this.back(true);
        else if (!this.tip.hidden) this.hideTip();
        else return;
        break;
      default:
        return;
    }
    ev.preventDefault();
  }

  /** Tells the wasm widget which item has the focus ring. */
  setWasmFocus() {
    if (!this.widget) return;
    this.guard(() => this.widget.setOptions({ focus: this.focusKey || '' }));
  }

  /** Moves the keyboard focus (and its ring, tooltip and announcement) to the item `key`. */
  moveFocus(key) {
    this.focusKey = key;
    this.lastFocusKey = key;
    try {
      this.setWasmFocus();
    } catch (e) {
      this.fail(e, false);
      return;
    }
    this.render();
    const hit = this.hitList.find((h) => h.key === key);
    if (!hit) return;
    this.scrollToHit(hit);
    if ((this.options.view || 'dashboard') !== 'indicator') this.showTip(hit, 'keyboard');
    this.announceHit(hit);
  }

  /** Scrolls the page so that an item is visible (smoothly unless reduced motion is asked for). */
  scrollToHit(hit) {
    const a = this.anchor.style;
    a.left = `${this.canvas.offsetLeft + hit.x}px`;
    a.top = `${this.canvas.offsetTop + hit.y}px`;
    a.width = `${hit.w}px`;
    a.height = `${Math.min(hit.h, window.innerHeight)}px`;
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.anchor.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
  }

  /** Announces the focused item: an indicator's sentence, or a tooltip's words. */
  announceHit(hit) {
    const d = this.description;
    const s = hit.type === 'indicator' && d && d.sentences.find((x) => x.id === hit.value);
    if (s) return this.announce(s.text);
    const t = this.widget && this.safely(() => this.widget.tooltip(hit.key));
    if (!t) return;
    const en = this.lang === 'en';
    const lines = t.lines.map((l) => (l.label ? `${l.label}${en ? ': ' : '：'}${l.value}` : l.value));
    this.announce([t.title, ...lines, t.hint].join(en ? '. ' : '。'));
  }

  /** What a view's state is, to come back to. */
  snapshot() {
    return {
      view: this.options.view || 'dashboard',
      indicator: this.options.indicator,
      filter: this.filter(),
      focus: this.focusKey || this.lastFocusKey,
    };
  }

  /**
   * Acts on an item: an indicator fires plan-widget-select (cancelable) and, unless a listener
   * prevents it, opens the indicator view; a status segment toggles that status in the filter;
   * a section's or unit's roll-up opens the dashboard filtered to it.
   */
  activate(hit, byKeyboard = false) {
    const before = this.snapshot();
    let next = null;
    if (hit.type === 'indicator') {
      const ev = this.emit('plan-widget-select', { id: hit.value }, true);
      if (ev.defaultPrevented || this.destroyed) return;
      const there = this.options.view === 'indicator' && this.options.indicator === hit.value;
      if (before.view === 'indicator' && before.indicator === hit.value) return;
      if (there) {
        // A listener (e.g. the page's own controls) already switched the view.
        this.history.push(before);
        this.focusKey = byKeyboard ? hit.value : null;
        this.afterNavigate(byKeyboard);
        return;
      }
      next = { view: 'indicator', indicator: hit.value };
    } else if (hit.type === 'status') {
      const f = this.filter();
      const s = hit.value;
      f.statuses = f.statuses.includes(s) ? f.statuses.filter((x) => x !== s) : [...f.statuses, s];
      this.options = { ...this.options, filter: f };
      this.applyAndRender();
      this.emit('plan-widget-filter', { filter: this.filter() });
      if (byKeyboard) this.moveFocus(hit.key);
      this.announceFilter();
      return;
    } else if (hit.type === 'section' || hit.type === 'unit') {
      const f = this.filter();
      if (hit.type === 'section') f.sections = [hit.value];
      else f.units = [hit.value];
      next = { view: 'dashboard', filter: f };
    }
    if (!next) return;
    this.history.push(before);
    this.options = { ...this.options, ...next };
    this.focusKey = byKeyboard && hit.type === 'indicator' ? hit.value : null;
    this.hideTip();
    this.afterNavigate(byKeyboard);
  }

  applyAndRender() {
    try {
      this.applyOptions();
    } catch (e) {
      this.fail(e, false);
      return;
    }
    this.render();
  }

  afterNavigate(byKeyboard) {
    this.hideTip();
    this.applyAndRender();
    if (byKeyboard && !this.focusKey && this.hitList.length) this.moveFocus(this.hitList[0].key);
    else if (byKeyboard && this.focusKey) this.moveFocus(this.focusKey);
    const o = this.currentOptions();
    this.emit('plan-widget-view', { view: o.view, indicator: o.indicator, filter: o.filter, canGoBack: o.canGoBack });
  }

  /** Goes back to the view before the last drill-down (Escape does this). */
  back(byKeyboard = false) {
    const prev = this.history.pop();
    if (!prev) return false;
    this.options = { ...this.options, view: prev.view, indicator: prev.indicator, filter: prev.filter };
    this.focusKey = byKeyboard ? prev.focus || null : null;
    this.hideTip();
    this.applyAndRender();
    if (byKeyboard && this.hitList.length) {
      const known = this.hitList.some((h) => h.key === this.focusKey);
      this.moveFocus(known ? this.focusKey : this.hitList[0].key);
    }
    const o = this.currentOptions();
    this.emit('plan-widget-view', { view: o.view, indicator: o.indicator, filter: o.filter, canGoBack: o.canGoBack });
    return true;
  }

  announceFilter() {
    // A large plan's new description is still being built; it announces itself when done.
    if (this.a11y.hasAttribute('aria-busy')) return;
    const d = this.description;
    if (d) this.announce(d.summary);
  }

  /** Shows the tooltip of an item, next to the pointer or (for the keyboard) the item. */
  showTip(hit, source, point = null) {
    if ((this.options.view || 'dashboard') === 'indicator' || !this.widget) return this.hideTip();
    let t;
    try {
      t = this.guard(() => this.widget.tooltip(hit.key));
    } catch (e) {
      this.fail(e, false);
      return;
    }
    if (!t) return this.hideTip();
    const en = this.lang === 'en';
    const contentKey = JSON.stringify([t, source === 'touch']);
    if (contentKey !== this.tipContent) {
      this.tipContent = contentKey;
      const nodes = [el('strong', '', t.title)];
      for (const l of t.lines) {
        const row = el('span', 'pw-tip-line');
        if (l.label) row.append(el('span', 'pw-tip-label', `${l.label}${en ? ': ' : '：'}`));
        row.append(document.createTextNode(l.value));
        nodes.push(row);
      }
      let hint = t.hint;
      if (source === 'touch' && hint) {
        // On a touch screen the next tap on the same item acts.
        const filters = hit.type === 'status';
        hint = en ? (filters ? 'Tap again to filter' : 'Tap again for details') : filters ? '再次轻点筛选' : '再次轻点查看详情';
      }
      if (hint) nodes.push(el('span', 'pw-tip-hint', hint));
      this.tip.replaceChildren(...nodes);
    }
    this.tipKey = hit.key;
    this.tipSource = source;
    this.tipHit = hit;
    this.tipPoint = point;
    this.tip.hidden = false;
    this.canvas.setAttribute('aria-describedby', 'pw-help pw-tip');
    this.positionTip();
  }

  /** Places the tooltip below (or above) its item or pointer, kept inside the viewport. */
  positionTip() {
    const hit = this.tipHit;
    if (!hit || this.tip.hidden) return;
    const cr = this.canvas.getBoundingClientRect();
    const hr = this.host.getBoundingClientRect();
    const vw = document.documentElement.clientWidth || window.innerWidth;
    const vh = window.innerHeight;
    const m = 8;
    const tw = this.tip.offsetWidth;
    const th = this.tip.offsetHeight;
    let ax;
    let top;
    let bottom;
    const p = this.tipPoint;
    if (p) {
      ax = p.x + 12;
      top = p.y - (this.tipSource === 'touch' ? 28 : 12);
      bottom = p.y + 20;
    } else {
      ax = cr.left + hit.x;
      top = cr.top + hit.y;
      bottom = cr.top + hit.y + hit.h;
    }
    // Touch: above the finger first; otherwise below first.
    const below = bottom + m;
    const above = top - th - m;
    let y;
    if (this.tipSource === 'touch') y = above >= m ? above : below;
    else y = below + th <= vh - m ? below : above;
    y = Math.max(m, Math.min(y, vh - th - m));
    const x = Math.max(m, Math.min(ax, vw - tw - m));
    this.tip.style.left = `${Math.round(x - hr.left - this.host.clientLeft)}px`;
    this.tip.style.top = `${Math.round(y - hr.top - this.host.clientTop)}px`;
  }

  /** After a redraw: the tooltip follows its item, or closes when the item is gone. */
  refreshTip() {
    const hit = this.hitList.find((h) => h.key === this.tipKey);
    if (!hit) return this.hideTip();
    this.tipContent = null;
    this.showTip(hit, this.tipSource, this.tipPoint);
  }

  hideTip() {
    this.tip.hidden = true;
    this.tipKey = null;
    this.tipSource = null;
    this.tipHit = null;
    this.tipPoint = null;
    this.canvas.setAttribute('aria-describedby', 'pw-help');
  }

  showLoading() {
    this.loading.hidden = this.hasFallback && !this.rendered;
    this.message.hidden = true;
  }

  showRejected(report) {
    this.rejected.replaceChildren();
    const rejected = report.rejected || [];
    if (!rejected.length) {
      this.rejected.hidden = true;
      return;
    }
    const en = this.lang === 'en';
    this.rejected.append(
      el('strong', '', en ? `${rejected.length} indicator(s) have data errors and are not shown:` : `以下 ${rejected.length} 项指标数据有误，未显示：`),
    );
    const list = el('ul');
    for (const r of rejected) {
      const prefix = `indicators[${r.index}]`;
      const problems = (report.diagnostics || []).filter((d) => d.path === prefix || d.path.startsWith(prefix + '.') || d.path.startsWith(prefix + '['));
      const label = [r.name, r.id ? `(${r.id})` : ''].filter(Boolean).join(' ') || prefix;
      const text = problems.map((d) => `${d.path}${d.line ? ` (${d.line}:${d.column})` : ''}: ${en ? d.messageEn : d.messageZh}`).join('; ');
      list.append(el('li', '', `${label}: ${text}`));
    }
    this.rejected.append(list);
    this.rejected.hidden = false;
  }

  /** Shows an error as text inside the box and fires plan-widget-error. */
  fail(e, hideCanvas = true) {
    if (this.destroyed) return;
    const en = this.lang === 'en';
    const code = (e && e.code) || 'internal.error';
    const message = (e && (en ? e.messageEn : e.messageZh)) || (e && e.message) || String(e);
    this.loading.hidden = true;
    if (hideCanvas) {
      this.canvas.hidden = true;
      this.rejected.hidden = true;
    }
    this.message.replaceChildren(
      el('strong', '', en ? 'The plan cannot be shown' : '无法显示规划数据'),
      el('span', '', message),
    );
    if (e && e.path) {
      this.message.append(el('br'), el('code', '', `${e.path}${e.line ? ` (${en ? 'line' : '第'} ${e.line}${en ? ', column' : ' 行第'} ${e.column}${en ? '' : ' 列'})` : ''}`));
    }
    this.message.hidden = false;
    this.emit('plan-widget-error', { code, message, path: (e && e.path) || '', error: e });
  }

  /** The indicators that pass the filter (all without one) as CSV text. */
  toCSV() {
    if (!this.widget || !this.rendered) throw widgetError('export.notReady', '尚未显示数据', 'nothing is shown yet', { lang: this.lang });
    return this.guard(() => this.widget.toCSV());
  }

  /** Offers toCSV() as a file download (UTF-8 with BOM, so spreadsheets read the Chinese). */
  downloadCSV() {
    const text = this.toCSV();
    const plan = this.widget.plan() || {};
    const filename = `${plan.id || 'plan'}.csv`;
    const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
    const a = el('a');
    a.href = url;
    a.download = filename;
    a.hidden = true;
    this.root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
    this.emit('plan-widget-download', { format: 'csv', filename });
    return filename;
  }

  /**
   * A PNG of the current view at 2× (less where it would exceed one canvas's 16,777,216 px: the
   * Blob's `scale` says), with the plan's title, as-of date and source burned in, composed tile
   * by tile.
   */
  async toPNG() {
    if (this.widget && !this.rendered) this.render();
    if (!this.widget || !this.rendered) throw widgetError('export.notReady', '尚未显示数据', 'nothing is shown yet', { lang: this.lang });
    const focus = this.focusKey;
    if (focus) this.guard(() => this.widget.setOptions({ focus: '' }));
    let height;
    let composed;
    const lineCount = 3;
    const footer = 24 * lineCount + 16;
    try {
      height = this.guard(() => this.widget.layout(this.measureCanvas, this.width));
      composed = composeTiles(this.width, height, PNG_SCALE, (c, top, rows, s) => this.guard(() => this.widget.paintTile(c, top, rows, s)), {
        extraRows: footer,
      });
    } finally {
      if (focus) this.guard(() => this.widget.setOptions({ focus }));
    }
    const { canvas: out, scale } = composed;
    const plan = this.widget.plan() || {};
    const ev = this.widget.evaluation() || {};
    const en = this.lang === 'en';
    const lines = [
      plan.title || '',
      `${en ? 'As of' : '截至'} ${ev.asOf || ''}${plan.sampleData ? (en ? ' · Sample data' : ' · 示例数据') : ''}`,
      `${en ? 'Source' : '来源'}: ${(plan.source && (plan.source.url || plan.source.title)) || plan.issuer || ''}`,
    ];
    const g = out.getContext('2d');
    g.fillStyle = '#ffffff';
    g.fillRect(0, height * scale, out.width, out.height - height * scale);
    g.fillStyle = '#1f2328';
    g.font = `${14 * scale}px system-ui, sans-serif`;
    g.textBaseline = 'top';
    lines.forEach((t, i) => g.fillText(t, 12 * scale, (height + 8 + i * 24) * scale, out.width - 24 * scale));
    this.render();
    return new Promise((resolve, reject) =>
      out.toBlob((b) => {
        if (!b) return reject(new Error('toBlob failed'));
        b.scale = scale;
        resolve(b);
      }, 'image/png'),
    );
  }

  /** Keeps view, indicator and filters in the URL fragment under `key` (see link-state.js). */
  followLink(key) {
    this.linkState = new LinkState(this.host, this, key);
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.loadToken++;
    if (this.linkState) this.linkState.stop();
    if (this.fetchAbort) this.fetchAbort.abort();
    this.resizeObserver.disconnect();
    this.tiles.destroy();
    if (this.dprQuery) this.dprQuery.removeEventListener('change', this.onDpr);
    for (const [q, f] of this.queries) q.removeEventListener('change', f);
    this.canvas.removeEventListener('click', this.onClick);
    this.canvas.removeEventListener('pointerdown', this.onPointerDown);
    this.canvas.removeEventListener('pointermove', this.onPointerMove);
    this.canvas.removeEventListener('pointerleave', this.onPointerLeave);
    this.canvas.removeEventListener('keydown', this.onKeyDown);
    this.canvas.removeEventListener('focus', this.onFocus);
    this.canvas.removeEventListener('blur', this.onBlur);
    this.csvButton.removeEventListener('click', this.onCsvClick);
    document.removeEventListener('pointerdown', this.onDocPointerDown, true);
    window.removeEventListener('scroll', this.onScroll, { capture: true });
    window.removeEventListener('beforeprint', this.onBeforePrint);
    window.removeEventListener('afterprint', this.onAfterPrint);
    if (this.widget) {
      this.widget.free();
      this.widget = null;
    }
    this.root.replaceChildren();
  }
}

/** The handle's methods, shared by mount() and the element. */
function api(controller) {
  return {
    update: (d) => controller.update(d),
    setOptions: (o) => controller.setOptions(o),
    currentOptions: () => controller.currentOptions(),
    hits: () => controller.hits(),
    back: () => controller.back(),
    toPNG: () => controller.toPNG(),
    toCSV: () => controller.toCSV(),
    downloadCSV: () => controller.downloadCSV(),
    destroy: () => controller.destroy(),
  };
}

/**
 * Mounts a widget into `element` (a <div> or similar). Options: `data` (JSON string or object) or
 * `src` (URL), and `view`, `indicator`, `lang`, `theme` (`auto` by default), `asOf`, `colors`,
 * `fontFamily`, `fontScale`, `largeText`, `filter`, `focus`. Returns `{ update, setOptions,
 * currentOptions, hits, back, toPNG, toCSV, downloadCSV, destroy, ready }`. The element's children
 * stay visible until the first render (and if WebAssembly cannot run).
 */
export function mount(element, options = {}) {
  if (typeof Element === 'undefined' || !(element instanceof Element)) {
    throw new TypeError('mount(element, options): element must be a DOM element');
  }
  const { data, src, linkState, ...rest } = options;
  const root = element.shadowRoot || element.attachShadow({ mode: 'open' });
  const link = linkLocation(linkState === true ? '' : linkState);
  const controller = new Controller(element, root, { ...rest, ...(link ? link.state : {}) });
  if (link) controller.followLink(link.key);
  const ready = data !== undefined ? controller.update(data) : src ? controller.load(src) : Promise.resolve();
  ready.catch(() => {});
  return { ...api(controller), ready };
}

/**
 * For a widget with link state (`requested`: the key asked for, '' for the default; undefined
 * or false for none): its key and the state the URL's fragment gives it (or nothing).
 */
function linkLocation(requested) {
  if (requested === undefined || requested === null || requested === false) return null;
  const key = claimKey(String(requested));
  const state = LinkState.fromLocation(key);
  return { key, state: state ? { view: state.view, indicator: state.indicator, filter: state.filter } : null };
}

function filterFromAttributes(node) {
  return {
    statuses: splitList(node.getAttribute('filter-status')),
    sections: splitList(node.getAttribute('filter-section')),
    units: splitList(node.getAttribute('filter-unit')),
  };
}

/** The option one attribute sets (a removed attribute restores the default). */
function attributeOption(node, name) {
  const v = node.getAttribute(name);
  switch (name) {
    case 'view':
      return { view: v || 'dashboard' };
    case 'indicator':
      return { indicator: v || undefined };
    case 'lang':
      return v ? { lang: v } : {};
    case 'theme':
      return { theme: v || 'auto' };
    case 'as-of':
      return v ? { asOf: v } : {};
    case 'font-scale':
      return { fontScale: v !== null && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined };
    case 'large-text':
      return { largeText: v !== null && v !== 'false' };
    case 'filter-status':
    case 'filter-section':
    case 'filter-unit':
      return { filter: filterFromAttributes(node) };
    default:
      return {};
  }
}

function optionsFromAttributes(node) {
  const o = {};
  for (const name of OPTION_ATTRIBUTES) {
    if (node.getAttribute(name) === null) continue;
    const part = attributeOption(node, name);
    for (const [k, v] of Object.entries(part)) if (v !== undefined) o[k] = v;
  }
  return o;
}

// In Node or during server-side rendering there is no HTMLElement: the class is then defined on a
// plain base and never registered, so importing this module touches nothing of the browser's.
const ElementBase = typeof HTMLElement === 'function' ? HTMLElement : class {};

/**
 * <plan-widget src="plan.json" view="dashboard|sections|indicator" indicator="ID" lang theme
 * as-of font-scale large-text filter-status filter-section filter-unit fetch-timeout wasm-url
 * link-state> (`wasm-url` and `link-state` are read when the element connects)
 */

class PlanWidgetElement extends ElementBase {
  static get observedAttributes() {
    return ['src', ...OPTION_ATTRIBUTES];
  }

  connectedCallback() {
    if (this.controller) return;
    const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
    const link = this.hasAttribute('link-state') ? linkLocation(this.getAttribute('link-state')) : null;
    this.controller = new Controller(this, root, { ...optionsFromAttributes(this), ...(link ? link.state : {}) });
    if (link) this.controller.followLink(link.key);
    const inline = this.querySelector('script[type="application/json"]');
    const src = this.getAttribute('src');
    if (src) this.controller.load(src);
    else if (inline) this.controller.update(inline.textContent).catch(() => {});
    else this.controller.fail(widgetError('data.none', '未指定数据：请设置 src 属性或内嵌 JSON', 'no data: set the src attribute or embed the JSON'));
  }

  disconnectedCallback() {
    if (this.controller) {
      this.controller.destroy();
      this.controller = null;
    }
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.controller || oldValue === newValue) return;
    if (name === 'src') {
      if (newValue) this.controller.load(newValue);
      return;
    }
    const part = attributeOption(this, name);
    // A page keeping its attributes in step with the widget's own navigation changes nothing.
    const current = this.controller.options;
    if (Object.entries(part).every(([k, v]) => JSON.stringify(v) === JSON.stringify(current[k]))) return;
    // The page chose a view or filter: drill-downs made inside the widget are forgotten.
    if (name === 'view' || name === 'indicator' || name.startsWith('filter-')) this.controller.history = [];
    try {
      this.controller.setOptions(part);
    } catch {
      // Reported through plan-widget-error and the box.
    }
  }

  /** Same as mount()'s update(). */
  update(data) {
    return this.controller.update(data);
  }

  /** Same as mount()'s setOptions(). */
  setOptions(options) {
    return this.controller.setOptions(options);
  }

  /** Same as mount()'s currentOptions(). */
  currentOptions() {
    return this.controller.currentOptions();
  }

  /** Same as mount()'s hits(). */
  hits() {
    return this.controller.hits();
  }

  /** Same as mount()'s back(). */
  back() {
    return this.controller.back();
  }

  /** Same as mount()'s toPNG(). */
  toPNG() {
    return this.controller.toPNG();
  }

  /** Same as mount()'s toCSV(). */
  toCSV() {
    return this.controller.toCSV();
  }

  /** Same as mount()'s downloadCSV(). */
  downloadCSV() {
    return this.controller.downloadCSV();
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('plan-widget')) {
  customElements.define('plan-widget', PlanWidgetElement);
}

/** Resolves when the WebAssembly module has been instantiated (and starts loading it). */
function ready() {
  return loadModule();
}

export { ready, setWasmSource };
