// One widget's controller: its state, loading (inline data or a fetched `src`), options and
// theme, rendering, navigation (drill-down, filters, Back) and errors. The DOM parts come from
// dom.js, the browser's events from platform.js, the tooltip and pointer from tooltip.js, the
// fallback content and keyboard from a11y.js, export from export.js.

import { Widget } from './plan_widget.js';
import { LinkState } from './link-state.js';
import { Description, moveFocus, onBlur, onFocus, onKey } from './a11y.js';
import { adoptStyles, createParts, el, hasFallbackContent } from './dom.js';
import { widgetError } from './errors.js';
import { downloadCSV, toCSV, toPNG } from './export.js';
import { fetchText } from './fetch.js';
import { fetchTimeoutMs, fontScale, normalizeFilter, resolveTheme, today } from './options.js';
import { Platform } from './platform.js';
import { Tiles } from './tiles.js';
import { Tooltip } from './tooltip.js';
import { loadModule, panicError } from './wasm.js';

/** Device pixel ratio for printing (about 300 dpi), limited by the tiles' total area below. */
const PRINT_SCALE = 3;
/** Most device px of all tiles together while printing (every tile is painted then). */
const MAX_PRINT_AREA = 100e6;

/**
 * The controllers alive on the page. The first one to read its host's size or font size reads
 * those of every other that has not yet, all in a row: one forced style and layout for a page of
 * 40 widgets instead of one per widget between their renders (each render invalidates layout).
 */
const live = new Set();

/** Reads the host width of every live controller that has none yet (reads only, no writes). */
function readWidths() {
  for (const c of live) {
    if (c.width || c.destroyed || !c.host.isConnected) continue;
    const cs = getComputedStyle(c.host);
    const pad = parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth);
    c.width = Math.floor(c.host.getBoundingClientRect().width - (pad || 0));
  }
}

/** Reads the host font size of every live controller that has not applied one yet. */
function readFontSizes() {
  for (const c of live) {
    if (c.fontPx || c.readFontPx || c.destroyed || !c.host.isConnected) continue;
    c.readFontPx = parseFloat(getComputedStyle(c.host).fontSize) || 16;
  }
}

/** The region types of `Widget.hitsPacked()`'s `kinds`, by number. */
const HIT_TYPES = ['indicator', 'status', 'section', 'unit'];

/**
 * `Widget.hits()`'s objects (`{type, value, key, x, y, w, h}`) from `Widget.hitsPacked()`: the
 * values come as one string with their lengths, so a dashboard of 5,000 cards passes one string
 * from wasm instead of 15,000.
 */
function unpackHits({ kinds, rects, values, lengths }) {
  const out = new Array(kinds.length);
  let at = 0;
  for (let i = 0; i < kinds.length; i++) {
    const type = HIT_TYPES[kinds[i]];
    const value = values.slice(at, at + lengths[i]);
    at += lengths[i];
    const r = 4 * i;
    out[i] = { type, value, key: type === 'indicator' ? value : `${type}:${value}`, x: rects[r], y: rects[r + 1], w: rects[r + 2], h: rects[r + 3] };
  }
  return out;
}

/** Drives one widget inside `root` (a shadow root), reporting to `host` (the element). */
export class Controller {
  constructor(host, root, options = {}) {
    this.host = host;
    this.root = root;
    /** The options given (attributes, mount(), setOptions()); `filter` always normalised. */
    this.options = { ...options };
    if (options.filter !== undefined) this.options.filter = normalizeFilter(options.filter);
    /** This element's wasm `Widget` (null before the module loads and after a trap). */
    this.widget = null;
    this.destroyed = false;
    this.wasmFailed = false;
    /** The fetch of `src` under way, and a counter that makes older loads stale. */
    this.fetchAbort = null;
    this.loadToken = 0;
    /** The host's content width and the drawn height, in CSS px. */
    this.width = 0;
    this.height = 0;
    this.rendered = false;
    this.printing = false;
    this.hasFallback = hasFallbackContent(host);
    /** The interactive regions of the last render, in reading order. */
    this.hitList = [];
    /** The item with the keyboard focus ring, and the one focused last (for the next Tab in). */
    this.focusKey = null;
    this.lastFocusKey = null;
    /** The drill-down stack: snapshots to go back to (Escape, back()). */
    this.history = [];
    this.indicatorCount = 0;
    /** The host's font size, the theme and the font scale as last applied. */
    this.fontPx = 0;
    /** The host's font size read ahead for the first applyOptions() (see readFontSizes), or 0. */
    this.readFontPx = 0;
    this.themeName = null;
    this.appliedScale = 0;
    this.linkState = null;
    adoptStyles(root);
    this.dom = createParts(root, this.hasFallback);
    /** The picture's tiles inside the `canvas` box (tiles.js), and the canvas text is measured with. */
    this.tiles = new Tiles(this.dom.canvas, (c, top, rows, scale) => this.paintTile(c, top, rows, scale), (e) => this.fail(e));
    this.measureCanvas = document.createElement('canvas');
    this.tooltip = new Tooltip(this);
    this.description = new Description(this);
    this.setWords();
    this.platform = new Platform(host, this.dom, this.handlers());
    live.add(this);
  }

  /** What the platform calls for each event (see platform.js). */
  handlers() {
    const tip = this.tooltip;
    return {
      click: (ev) => tip.onClick(ev),
      pointerdown: (ev) => tip.onPointerDown(ev),
      pointermove: (ev) => tip.onPointerMove(ev),
      pointerleave: () => tip.onPointerLeave(),
      keydown: (ev) => onKey(this, ev),
      focus: () => onFocus(this),
      blur: () => onBlur(this),
      csv: () => {
        try {
          this.downloadCSV();
        } catch (e) {
          this.fail(e, false);
        }
      },
      docPointerDown: (ev) => tip.onDocPointerDown(ev),
      scroll: () => tip.onScroll(),
      beforePrint: () => this.print(true),
      afterPrint: () => this.print(false),
      scheme: () => {
        if (this.widget && this.rendered) this.applyAndRender();
      },
      pixelRatio: () => this.render(),
      resize: (width, refont) => this.resized(width, refont),
    };
  }

  get lang() {
    return this.options.lang === 'en' ? 'en' : 'zh-CN';
  }

  /** Words of the widget's own controls, in its language. */
  setWords() {
    const en = this.lang === 'en';
    this.dom.csvButton.textContent = en ? 'Download data (CSV)' : '下载数据（CSV）';
    this.dom.help.textContent = en
      ? 'Arrow keys move between the items, Enter opens an indicator or applies a filter, Escape goes back. The data follows as text and a table.'
      : '用方向键在各项之间移动，回车键打开指标或筛选，Esc 键返回。图表内容另以文字和表格提供。';
  }

  /** Printing starts (`on`) or ends: re-renders at print resolution, or back at the screen's. */
  print(on) {
    if (this.printing === on) return;
    this.printing = on;
    if (on) this.tooltip.hide();
    this.render();
  }

  /** The host was resized (`width`, or null) or its font size may have changed (`refont`). */
  resized(width, refont) {
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
      const err = panicError(e, this.lang);
      if (err) {
        this.dropTrappedWidget();
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
      this.dom.loading.hidden = true;
      this.dom.message.hidden = true;
      this.dom.fallbackSlot.hidden = false;
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
      this.description.announced = '';
      this.tooltip.hide();
      this.applyOptions();
      this.showRejected(report);
      this.render();
      // A large plan's fallback content follows the first picture; ready means all of it.
      if (this.description.building) await this.description.building;
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
      this.dom.toolbar.hidden = true;
      this.fail(e);
      throw e;
    }
  }

  /**
   * Fetches `url` and loads it (see fetch.js for the errors). It is cancelled by a newer load()
   * or update() and by destroy(), and times out after the `fetchTimeout` option (ms, or the
   * element's `fetch-timeout` attribute; default 15 s).
   */
  async load(url) {
    const token = ++this.loadToken;
    if (this.fetchAbort) this.fetchAbort.abort();
    const abort = new AbortController();
    this.fetchAbort = abort;
    const timeoutMs = fetchTimeoutMs(this.options.fetchTimeout, this.host.getAttribute('fetch-timeout'));
    this.showLoading();
    let text;
    try {
      text = await fetchText(url, abort, timeoutMs, this.lang);
    } catch (e) {
      if (token !== this.loadToken || this.destroyed) return;
      return this.fail(e);
    }
    if (token !== this.loadToken || this.destroyed) return;
    this.loadToken = token - 1; // let update() take the next token for this same load
    return this.update(text).catch(() => {});
  }

  /** The host's font size in CSS px (follows the page's and the reader's font settings). */
  hostFontPx() {
    if (!this.fontPx) {
      // Not applied yet: read with every other new widget's (one style recalculation for all).
      readFontSizes();
      const read = this.readFontPx;
      this.readFontPx = 0;
      if (read) return read;
    }
    return parseFloat(getComputedStyle(this.host).fontSize) || 16;
  }

  /** The font multiplier for the host's font size `fontPx` (see options.js). */
  fontScale(fontPx = this.hostFontPx()) {
    return fontScale(this.options, fontPx);
  }

  /** The theme to draw with (see options.js): forced colours, the `theme` option or the scheme. */
  resolveTheme() {
    return resolveTheme(this.options.theme, this.platform, this.root);
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
    const { tip, toolbar, csvButton } = this.dom;
    for (const node of [tip, toolbar]) {
      node.classList.toggle('pw-dark', opts.theme === 'dark');
      node.classList.toggle('pw-contrast', opts.theme === 'contrast' && !theme.forced);
    }
    tip.style.fontSize = `${Math.round(14 * opts.fontScale)}px`;
    csvButton.style.fontSize = `${Math.round(14 * opts.fontScale)}px`;
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
    if (!this.width) readWidths();
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

  /** Lays the view out at the current width (text measured in the browser); its height in CSS px. */
  layout() {
    return this.guard(() => this.widget.layout(this.measureCanvas, this.width));
  }

  /** Paints the rows `top .. top + rows` (device px at `scale`) of the last layout onto `canvas`. */
  paintTile(canvas, top, rows, scale) {
    this.guard(() => this.widget.paintTile(canvas, top, rows, scale));
  }

  /** Lays out and shows the view: the tiles near the screen are painted now, the others when they come near. */
  render() {
    if (this.destroyed || !this.widget || this.measureWidth() <= 0) return;
    const { canvas } = this.dom;
    let height;
    try {
      height = this.layout();
      this.height = height;
      canvas.style.width = `${this.width}px`;
      canvas.style.height = `${height}px`;
      canvas.hidden = false;
      this.tiles.show(this.width, height, this.pixelRatio(), this.printing);
    } catch (e) {
      if (e && e.code === 'render.noData') return;
      this.fail(e);
      return;
    }
    this.dom.loading.hidden = true;
    this.dom.message.hidden = true;
    this.dom.fallbackSlot.hidden = true;
    this.dom.toolbar.hidden = false;
    this.rendered = true;
    this.hitList = this.safely(() => unpackHits(this.widget.hitsPacked()), []) || [];
    canvas.classList.toggle('pw-ring', !!this.focusKey && this.hitList.some((h) => h.key === this.focusKey));
    this.description.update();
    this.tooltip.refresh(this.hitList);
    this.emit('plan-widget-render', { width: this.width, height, pixelRatio: this.pixelRatio() });
  }

  /** Tells the wasm widget which item has the focus ring. */
  setWasmFocus() {
    if (!this.widget) return;
    this.guard(() => this.widget.setOptions({ focus: this.focusKey || '' }));
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
      if (byKeyboard) moveFocus(this, hit.key);
      this.description.announceFilter();
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
    this.tooltip.hide();
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
    this.tooltip.hide();
    this.applyAndRender();
    if (byKeyboard && !this.focusKey && this.hitList.length) moveFocus(this, this.hitList[0].key);
    else if (byKeyboard && this.focusKey) moveFocus(this, this.focusKey);
    this.emitView();
  }

  /** Fires plan-widget-view with the view now shown. */
  emitView() {
    const o = this.currentOptions();
    this.emit('plan-widget-view', { view: o.view, indicator: o.indicator, filter: o.filter, canGoBack: o.canGoBack });
  }

  /** Goes back to the view before the last drill-down (Escape does this). */
  back(byKeyboard = false) {
    const prev = this.history.pop();
    if (!prev) return false;
    this.options = { ...this.options, view: prev.view, indicator: prev.indicator, filter: prev.filter };
    this.focusKey = byKeyboard ? prev.focus || null : null;
    this.tooltip.hide();
    this.applyAndRender();
    if (byKeyboard && this.hitList.length) {
      const known = this.hitList.some((h) => h.key === this.focusKey);
      moveFocus(this, known ? this.focusKey : this.hitList[0].key);
    }
    this.emitView();
    return true;
  }

  showLoading() {
    this.dom.loading.hidden = this.hasFallback && !this.rendered;
    this.dom.message.hidden = true;
  }

  showRejected(report) {
    const box = this.dom.rejected;
    box.replaceChildren();
    const rejected = report.rejected || [];
    if (!rejected.length) {
      box.hidden = true;
      return;
    }
    const en = this.lang === 'en';
    box.append(el('strong', '', en ? `${rejected.length} indicator(s) have data errors and are not shown:` : `以下 ${rejected.length} 项指标数据有误，未显示：`));
    const list = el('ul');
    for (const r of rejected) {
      const prefix = `indicators[${r.index}]`;
      const problems = (report.diagnostics || []).filter((d) => d.path === prefix || d.path.startsWith(prefix + '.') || d.path.startsWith(prefix + '['));
      const label = [r.name, r.id ? `(${r.id})` : ''].filter(Boolean).join(' ') || prefix;
      const text = problems.map((d) => `${d.path}${d.line ? ` (${d.line}:${d.column})` : ''}: ${en ? d.messageEn : d.messageZh}`).join('; ');
      list.append(el('li', '', `${label}: ${text}`));
    }
    box.append(list);
    box.hidden = false;
  }

  /** Shows an error as text inside the box and fires plan-widget-error. */
  fail(e, hideCanvas = true) {
    if (this.destroyed) return;
    const en = this.lang === 'en';
    const code = (e && e.code) || 'internal.error';
    const message = (e && (en ? e.messageEn : e.messageZh)) || (e && e.message) || String(e);
    const { message: box } = this.dom;
    this.dom.loading.hidden = true;
    if (hideCanvas) {
      this.dom.canvas.hidden = true;
      this.dom.rejected.hidden = true;
    }
    box.replaceChildren(el('strong', '', en ? 'The plan cannot be shown' : '无法显示规划数据'), el('span', '', message));
    if (e && e.path) {
      box.append(el('br'), el('code', '', `${e.path}${e.line ? ` (${en ? 'line' : '第'} ${e.line}${en ? ', column' : ' 行第'} ${e.column}${en ? '' : ' 列'})` : ''}`));
    }
    box.hidden = false;
    this.emit('plan-widget-error', { code, message, path: (e && e.path) || '', error: e });
  }

  /** See export.js. */
  toCSV() {
    return toCSV(this);
  }

  downloadCSV() {
    return downloadCSV(this);
  }

  toPNG() {
    return toPNG(this);
  }

  /** Keeps view, indicator and filters in the URL fragment under `key` (see link-state.js). */
  followLink(key) {
    this.linkState = new LinkState(this.host, this, key);
  }

  /** Stops everything: the fetch, the link state, every listener and observer, the wasm widget. */
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    live.delete(this);
    this.loadToken++;
    if (this.linkState) this.linkState.stop();
    if (this.fetchAbort) this.fetchAbort.abort();
    this.platform.destroy();
    this.tiles.destroy();
    if (this.widget) {
      this.widget.free();
      this.widget = null;
    }
    this.root.replaceChildren();
  }
}
