// plan-widget loader: registers <plan-widget> and exports mount(). Copy this file together with
// plan_widget.js and plan_widget_bg.wasm into one folder of your site, then:
//
//   <script type="module" src="/assets/plan-widget/plan-widget.js"></script>
//   <plan-widget src="/data/plan.json"></plan-widget>
//
// No inline script or style is used, so it runs under a strict Content-Security-Policy with
// `script-src 'self' 'wasm-unsafe-eval'`. Everything taken from the data reaches the DOM as text.

import init, { Widget, takePanicMessage } from './plan_widget.js';

const FETCH_TIMEOUT_MS = 15000;
const OPTION_ATTRIBUTES = ['view', 'indicator', 'lang', 'theme', 'as-of'];

let ready = null;
/** Loads and instantiates the WebAssembly module once per page. */
function loadModule() {
  if (!ready) ready = init();
  return ready;
}

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
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
.pw-canvas { display: block; }
.pw-message { box-sizing: border-box; padding: 12px 14px; margin: 0; border: 2px solid #d1450f;
  border-radius: 6px; background: #fff8f5; color: #1f2328; font: 15px/1.6 system-ui, sans-serif; }
.pw-message[hidden], .pw-rejected[hidden], .pw-loading[hidden] { display: none; }
.pw-message strong { display: block; margin-bottom: 4px; }
.pw-message code { font-family: ui-monospace, monospace; font-size: 13px; }
.pw-rejected { box-sizing: border-box; margin: 8px 0 0; padding: 8px 12px; border-left: 4px solid #b06d00;
  background: #fffbf0; color: #1f2328; font: 14px/1.6 system-ui, sans-serif; }
.pw-rejected ul { margin: 4px 0 0; padding-left: 20px; }
.pw-loading { padding: 12px; color: #57606a; font: 14px system-ui, sans-serif; }
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

/**
 * Drives one widget inside `root` (a shadow root or an element), reporting to `host`.
 */
class Controller {
  constructor(host, root, options = {}) {
    this.host = host;
    this.root = root;
    this.options = { ...options };
    this.widget = null;
    this.destroyed = false;
    this.fetchAbort = null;
    this.loadToken = 0;
    this.width = 0;
    this.rendered = false;

    const s = styleSheet();
    if (s && 'adoptedStyleSheets' in root) root.adoptedStyleSheets = [s];
    this.loading = el('div', 'pw-loading', '正在加载… / Loading…');
    this.canvas = el('canvas', 'pw-canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.hidden = true;
    this.message = el('div', 'pw-message');
    this.message.setAttribute('role', 'alert');
    this.message.hidden = true;
    this.rejected = el('div', 'pw-rejected');
    this.rejected.hidden = true;
    this.root.append(this.loading, this.canvas, this.message, this.rejected);

    this.onClick = (ev) => this.handleClick(ev);
    this.canvas.addEventListener('click', this.onClick);
    this.resizeObserver = new ResizeObserver((entries) => {
      const w = Math.floor(entries[entries.length - 1].contentRect.width);
      if (w > 0 && w !== this.width) {
        this.width = w;
        this.render();
      }
    });
    this.resizeObserver.observe(host);
    this.watchPixelRatio();
  }

  get lang() {
    return this.options.lang === 'en' ? 'en' : 'zh-CN';
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

  emit(name, detail) {
    this.host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  /** Calls into wasm, turning a Rust panic into a reported error. */
  guard(fn) {
    try {
      return fn();
    } catch (e) {
      const panic = takePanicMessage();
      if (panic) {
        throw widgetError('internal.panic', `内部错误：${panic}`, `internal error: ${panic}`, { lang: this.lang });
      }
      throw e;
    }
  }

  async ensureWidget() {
    await loadModule();
    if (!this.widget) this.widget = new Widget();
    return this.widget;
  }

  /** Loads data (a JSON string or object) and renders it. */
  async update(data) {
    const token = ++this.loadToken;
    if (this.fetchAbort) this.fetchAbort.abort();
    const widget = await this.ensureWidget();
    if (this.destroyed || token !== this.loadToken) return;
    try {
      const report = this.guard(() => widget.load(data));
      this.applyOptions();
      this.showRejected(report);
      this.render();
      this.emit('plan-widget-ready', {
        planId: report.planId,
        title: report.title,
        indicators: report.indicators,
        rejected: report.rejected,
        diagnostics: report.diagnostics,
      });
      return report;
    } catch (e) {
      this.fail(e);
      throw e;
    }
  }

  /** Fetches `url` (with a timeout; a newer load cancels an older one) and loads it. */
  async load(url) {
    const token = ++this.loadToken;
    if (this.fetchAbort) this.fetchAbort.abort();
    const abort = new AbortController();
    this.fetchAbort = abort;
    const timer = setTimeout(() => abort.abort('timeout'), FETCH_TIMEOUT_MS);
    this.showLoading();
    let text;
    try {
      const response = await fetch(url, { signal: abort.signal, credentials: 'same-origin' });
      if (!response.ok) {
        throw widgetError(
          'fetch.status',
          `无法加载数据文件 ${url}：服务器返回 ${response.status}${response.status === 404 ? '（文件不存在）' : ''}`,
          `cannot load the data file ${url}: the server answered ${response.status}${response.status === 404 ? ' (not found)' : ''}`,
          { lang: this.lang, path: url },
        );
      }
      text = await response.text();
    } catch (e) {
      clearTimeout(timer);
      if (token !== this.loadToken || this.destroyed) return;
      if (e && e.code) return this.fail(e);
      const timedOut = abort.signal.aborted;
      return this.fail(
        widgetError(
          timedOut ? 'fetch.timeout' : 'fetch.network',
          timedOut
            ? `加载数据文件 ${url} 超时（${FETCH_TIMEOUT_MS / 1000} 秒）`
            : `无法加载数据文件 ${url}：网络错误或跨域请求被拒绝`,
          timedOut
            ? `loading the data file ${url} timed out after ${FETCH_TIMEOUT_MS / 1000} s`
            : `cannot load the data file ${url}: network error or cross-origin request refused`,
          { lang: this.lang, path: url },
        ),
      );
    }
    clearTimeout(timer);
    if (token !== this.loadToken || this.destroyed) return;
    this.loadToken = token - 1; // let update() take the next token for this same load
    return this.update(text).catch(() => {});
  }

  applyOptions() {
    if (!this.widget) return;
    const o = this.options;
    const opts = { today: today() };
    for (const k of ['view', 'indicator', 'lang', 'theme', 'asOf', 'colors', 'fontFamily', 'fontScale', 'filter']) {
      if (o[k] !== undefined && o[k] !== null && o[k] !== '') opts[k] = o[k];
    }
    this.guard(() => this.widget.setOptions(opts));
  }

  /** Changes options and redraws; throws an Error with `code` and `path` for bad options. */
  setOptions(options) {
    const previous = this.options;
    this.options = { ...this.options, ...options };
    try {
      this.applyOptions();
    } catch (e) {
      this.options = previous;
      this.fail(e, false);
      throw e;
    }
    this.render();
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

  render() {
    if (this.destroyed || !this.widget || this.measureWidth() <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    let height;
    try {
      height = this.guard(() => this.widget.render(this.canvas, this.width, dpr));
    } catch (e) {
      if (e && e.code === 'render.noData') return;
      this.fail(e);
      return;
    }
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${height}px`;
    this.canvas.hidden = false;
    this.loading.hidden = true;
    this.message.hidden = true;
    const plan = this.widget.plan();
    if (plan) this.canvas.setAttribute('aria-label', plan.title);
    this.rendered = true;
  }

  handleClick(ev) {
    if (!this.widget) return;
    const r = this.canvas.getBoundingClientRect();
    const hit = this.widget.hitAt(ev.clientX - r.left, ev.clientY - r.top);
    if (hit && hit.type === 'indicator') this.emit('plan-widget-select', { id: hit.value });
  }

  showLoading() {
    this.loading.hidden = false;
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

  /** A PNG of the current view at 2×, with the plan's title, as-of date and source burned in. */
  async toPNG() {
    if (this.widget && !this.rendered) this.render();
    if (!this.widget || !this.rendered) throw widgetError('export.notReady', '尚未显示数据', 'nothing is shown yet', { lang: this.lang });
    const scale = 2;
    const chart = document.createElement('canvas');
    const height = this.guard(() => this.widget.render(chart, this.width, scale));
    const plan = this.widget.plan() || {};
    const ev = this.widget.evaluation() || {};
    const en = this.lang === 'en';
    const lines = [
      plan.title || '',
      `${en ? 'As of' : '截至'} ${ev.asOf || ''}${plan.sampleData ? (en ? ' · Sample data' : ' · 示例数据') : ''}`,
      `${en ? 'Source' : '来源'}: ${(plan.source && (plan.source.url || plan.source.title)) || plan.issuer || ''}`,
    ];
    const out = document.createElement('canvas');
    const footer = 24 * lines.length + 16;
    out.width = chart.width;
    out.height = chart.height + footer * scale;
    const g = out.getContext('2d');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, out.width, out.height);
    g.drawImage(chart, 0, 0);
    g.fillStyle = '#1f2328';
    g.font = `${14 * scale}px system-ui, sans-serif`;
    g.textBaseline = 'top';
    lines.forEach((t, i) => g.fillText(t, 12 * scale, (height + 8 + i * 24) * scale, out.width - 24 * scale));
    this.render();
    return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'));
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.loadToken++;
    if (this.fetchAbort) this.fetchAbort.abort();
    this.resizeObserver.disconnect();
    if (this.dprQuery) this.dprQuery.removeEventListener('change', this.onDpr);
    this.canvas.removeEventListener('click', this.onClick);
    if (this.widget) {
      this.widget.free();
      this.widget = null;
    }
    this.root.replaceChildren();
  }
}

/**
 * Mounts a widget into `element` (a <div> or similar). Options: `data` (JSON string or object) or
 * `src` (URL), and `view`, `indicator`, `lang`, `theme`, `asOf`, `colors`, `fontFamily`,
 * `fontScale`, `filter`. Returns `{ update, setOptions, toPNG, destroy, ready }`.
 */
export function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('mount(element, options): element must be a DOM element');
  const { data, src, ...rest } = options;
  const root = element.shadowRoot || element.attachShadow({ mode: 'open' });
  const controller = new Controller(element, root, rest);
  const ready = data !== undefined ? controller.update(data) : src ? controller.load(src) : Promise.resolve();
  ready.catch(() => {});
  return {
    update: (d) => controller.update(d),
    setOptions: (o) => controller.setOptions(o),
    toPNG: () => controller.toPNG(),
    destroy: () => controller.destroy(),
    ready,
  };
}

function optionsFromAttributes(node) {
  const o = {};
  for (const name of OPTION_ATTRIBUTES) {
    const v = node.getAttribute(name);
    if (v !== null && v !== '') o[name === 'as-of' ? 'asOf' : name] = v;
  }
  return o;
}

/** <plan-widget src="plan.json" view="dashboard|sections|indicator" indicator="ID" lang theme as-of> */
class PlanWidgetElement extends HTMLElement {
  static get observedAttributes() {
    return ['src', ...OPTION_ATTRIBUTES];
  }

  connectedCallback() {
    if (this.controller) return;
    const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
    this.controller = new Controller(this, root, optionsFromAttributes(this));
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
    try {
      this.controller.setOptions(optionsFromAttributes(this));
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

  /** Same as mount()'s toPNG(). */
  toPNG() {
    return this.controller.toPNG();
  }
}

if (!customElements.get('plan-widget')) {
  customElements.define('plan-widget', PlanWidgetElement);
}

export { loadModule as ready };
