// DOM helpers of the loader: element creation, the shadow root's stylesheet and scaffolding, and
// frame scheduling. Everything taken from the data reaches the DOM as text (textContent).

import STYLE from './plan-widget.css';

/** A new `tag` element with a class and text content (both optional). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** el() with attributes set (`{name: value}`) and, when `hidden`, hidden. */
function part(tag, className, attrs = {}, hidden = false) {
  const node = el(tag, className);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.hidden = hidden;
  return node;
}

let sheet = null;
/**
 * Gives `root` the widget's styles (plan-widget.css) as a constructable stylesheet, shared by
 * every widget of the page: no <style> element, so `style-src 'self'` pages need nothing else.
 */
export function adoptStyles(root) {
  if (!sheet && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  if (sheet && 'adoptedStyleSheets' in root) root.adoptedStyleSheets = [sheet];
}

/**
 * Builds a widget's parts inside `root` and returns them by name. The element's own children
 * (fallback HTML) show through `fallbackSlot` until the first render; `loading` starts hidden
 * when there are any.
 */
export function createParts(root, hasFallback) {
  const p = {
    fallbackSlot: el('slot', 'pw-fallback'),
    loading: el('div', 'pw-loading', '正在加载… / Loading…'),
    // The picture: a focusable box holding its stacked tile canvases (tiles.js).
    canvas: part('div', 'pw-canvas', { role: 'application', 'aria-describedby': 'pw-help' }, true),
    anchor: part('div', 'pw-anchor', { 'aria-hidden': 'true' }),
    em: part('div', 'pw-em', { 'aria-hidden': 'true' }),
    tip: part('div', 'pw-tip', { id: 'pw-tip', role: 'tooltip' }, true),
    help: part('span', 'pw-sr', { id: 'pw-help' }),
    a11y: el('div', 'pw-sr pw-a11y'),
    live: part('div', 'pw-sr pw-live', { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }),
    message: part('div', 'pw-message', { role: 'alert' }, true),
    rejected: part('div', 'pw-rejected', {}, true),
    toolbar: part('div', 'pw-toolbar', {}, true),
    csvButton: part('button', 'pw-button', { type: 'button', part: 'download-csv' }),
  };
  p.loading.hidden = hasFallback;
  p.canvas.tabIndex = 0;
  p.toolbar.append(p.csvButton);
  const { csvButton, ...inRoot } = p;
  root.append(...Object.values(inRoot));
  return p;
}

/** True when the element has children a reader would see (not just an inline JSON script). */
export function hasFallbackContent(host) {
  for (const n of host.childNodes) {
    if (n.nodeType === Node.TEXT_NODE && n.textContent.trim()) return true;
    if (n.nodeType === Node.ELEMENT_NODE && !['SCRIPT', 'TEMPLATE', 'STYLE'].includes(n.tagName)) return true;
  }
  return false;
}

/**
 * Resolves in a background-priority task (`scheduler.postTask` where the browser has it, else a
 * plain task) after the next frame has been produced, so the page's own work and input go first.
 */
export function afterFrame() {
  return new Promise((resolve) => {
    const task = () =>
      globalThis.scheduler && typeof globalThis.scheduler.postTask === 'function'
        ? globalThis.scheduler.postTask(resolve, { priority: 'background' })
        : setTimeout(resolve, 0);
    if (document.hidden) task();
    else requestAnimationFrame(task);
  });
}
