// The public face: the <plan-widget> custom element (its attributes become options) and
// mount() for a plain element. Both hand out the same methods, forwarded to the controller from
// one list (METHODS).

import { Controller } from './controller.js';
import { widgetError } from './errors.js';
import { LinkState, claimKey } from './link-state.js';
import { splitList } from './options.js';

/** The attributes that set options (`src` loads; `wasm-url`, `link-state` are read on connect). */
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

/** The controller's methods a page calls, on mount()'s handle and on the element alike. */
const METHODS = ['update', 'setOptions', 'currentOptions', 'hits', 'back', 'toPNG', 'toCSV', 'downloadCSV'];

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
  const handle = {};
  for (const m of METHODS) handle[m] = (...args) => controller[m](...args);
  return { ...handle, destroy: () => controller.destroy(), ready };
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
 * link-state> (`wasm-url` and `link-state` are read when the element connects). Its methods
 * (METHODS, added below) are mount()'s.
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
}

for (const m of METHODS) {
  Object.defineProperty(PlanWidgetElement.prototype, m, {
    value(...args) {
      return this.controller[m](...args);
    },
    writable: true,
    configurable: true,
  });
}

if (typeof customElements !== 'undefined' && !customElements.get('plan-widget')) {
  customElements.define('plan-widget', PlanWidgetElement);
}
