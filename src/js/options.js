// What the widget's options mean before they reach WebAssembly: filters, the fetch timeout, the
// font multiplier, the theme (with forced colours read from the system) and today's date.

import { el } from './dom.js';

const FETCH_TIMEOUT_MS = 15000;
/** Font multiplier of the large-text option. */
const LARGE_TEXT = 1.25;

/** Today's local date as YYYY-MM-DD. */
export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Splits a filter attribute: by commas (also 、，；) when it has any, else by whitespace. */
export function splitList(value) {
  if (!value) return [];
  const parts = /[,，、;；]/.test(value) ? value.split(/[,，、;；]/) : value.split(/\s+/);
  return parts.map((s) => s.trim()).filter(Boolean);
}

/** `{sections, statuses, units}` with arrays of strings, from any partial filter. */
export function normalizeFilter(f) {
  const list = (v) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? splitList(v) : []);
  return { sections: list(f && f.sections), statuses: list(f && f.statuses), units: list(f && f.units) };
}

/** The fetch timeout in ms: the `fetchTimeout` option, else the `fetch-timeout` attribute, else 15 s. */
export function fetchTimeoutMs(option, attribute) {
  for (const v of [option, attribute]) {
    const n = Number(v);
    if (v !== undefined && v !== null && v !== '' && Number.isFinite(n) && n > 0) return Math.min(n, 600000);
  }
  return FETCH_TIMEOUT_MS;
}

/**
 * The font multiplier: the `fontScale` option if set, else the host's font size `fontPx`
 * relative to 16px (never below 1), times 1.25 with `largeText`; within 0.5–3.
 */
export function fontScale(o, fontPx) {
  const base = typeof o.fontScale === 'number' && Number.isFinite(o.fontScale) ? o.fontScale : Math.max(1, fontPx / 16);
  const k = base * (o.largeText ? LARGE_TEXT : 1);
  return Math.round(Math.min(3, Math.max(0.5, k)) * 1000) / 1000;
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
 * The theme to draw with (`{theme, colors?, forced?}`): forced colours (Windows high contrast,
 * `forced` true) win and take the system's colours, read from a probe appended to `root`; `auto`
 * (the default) follows the reader's colour scheme (`dark` true for a dark one).
 */
export function resolveTheme(theme, { forced, dark }, root) {
  if (forced) {
    const probe = el('div', 'pw-sys');
    root.append(probe);
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
  if (!theme || theme === 'auto') return { theme: dark ? 'dark' : 'light' };
  return { theme };
}
