// Shareable state (the opt-in `link-state` attribute, or mount()'s `linkState` option): the
// widget's view, indicator and filters live in the page's URL fragment, so a citizen can share a
// link to one indicator and Back/Forward move between views.
//
//   #pw=indicator:primary-excellent-rate
//   #pw=sections
//   #pw=status:atRisk,offTrack;section:s2
//   #pw=indicator:a&budget=unit:%E5%9F%BA%E6%95%99%E7%A7%91     (two widgets, two keys)
//
// The fragment is a list of `key=value` parts joined by `&`; each widget owns one key (the
// attribute's value, else `pw`, then `pw2`, `pw3`… for further widgets without one) and leaves
// every other part alone. The value is `;`-separated tokens: `indicator:ID` or `sections` (the
// dashboard is the default and writes nothing), `status:`, `section:` and `unit:` with
// comma-separated lists. Names are percent-encoded. A new view or indicator (or a section or unit
// filter) is a new history entry; toggling a status filter replaces the current one. Entries
// made by something else (a click on an in-page anchor, `#top`) leave the widget as it is unless
// they name its key.
//
// Nothing runs at import time, so the module is safe to import in Node or during server-side
// rendering.

const claimed = new Set();
/** Marks the history entries this module made or visited (in `history.state`). */
const TAG = 'planWidgetLinkState';

/** history.state with the tag added (a state that is not a plain object is left as it is). */
function tagged() {
  const st = history.state;
  if (st === null || st === undefined) return { [TAG]: true };
  if (Object.getPrototypeOf(st) === Object.prototype) return { ...st, [TAG]: true };
  return st;
}

/** True when the current entry was made (or first seen) by a widget with link state. */
function isTagged() {
  const st = history.state;
  return !!(st && st[TAG]);
}

/** The fragment key for a widget: `requested` when given, else the first free of pw, pw2, pw3… */
export function claimKey(requested) {
  let key = (requested || '').trim();
  if (!key) {
    key = 'pw';
    for (let n = 2; claimed.has(key); n++) key = `pw${n}`;
  } else if (claimed.has(key)) {
    console.warn(`plan-widget: two widgets use the link-state key "${key}"; give each its own (link-state="name")`);
  }
  claimed.add(key);
  return key;
}

/** Frees a key when its widget leaves the page. */
export function releaseKey(key) {
  claimed.delete(key);
}

/** The fragment's parts as `[key, rawValue]` pairs (a part without `=` keeps a null value). */
export function parseFragment(hash) {
  const text = (hash || '').replace(/^#/, '');
  if (!text) return [];
  return text.split('&').filter(Boolean).map((part) => {
    const i = part.indexOf('=');
    return i < 0 ? [part, null] : [part.slice(0, i), part.slice(i + 1)];
  });
}

/** The fragment (with `#`, or '' when empty) after setting `key` to `value` (null removes it). */
export function withPart(hash, key, value) {
  const parts = parseFragment(hash).filter(([k]) => k !== key);
  if (value) parts.push([key, value]);
  const text = parts.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join('&');
  return text ? `#${text}` : '';
}

const enc = (s) => encodeURIComponent(s);
function dec(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `{view, indicator, filter}` → the fragment value ('' for the dashboard without filters). */
export function encodeState(state) {
  const tokens = [];
  if (state.view === 'indicator' && state.indicator) tokens.push(`indicator:${enc(state.indicator)}`);
  else if (state.view === 'sections') tokens.push('sections');
  const f = state.filter || {};
  for (const [name, list] of [
    ['status', f.statuses],
    ['section', f.sections],
    ['unit', f.units],
  ]) {
    if (list && list.length) tokens.push(`${name}:${list.map(enc).join(',')}`);
  }
  return tokens.join(';');
}

/** A fragment value → `{view, indicator, filter}`; unknown tokens are ignored. */
export function decodeState(value) {
  const state = { view: 'dashboard', indicator: undefined, filter: { statuses: [], sections: [], units: [] } };
  for (const token of (value || '').split(';')) {
    const i = token.indexOf(':');
    const name = i < 0 ? token : token.slice(0, i);
    const rest = i < 0 ? '' : token.slice(i + 1);
    const list = rest.split(',').filter(Boolean).map(dec);
    if (name === 'indicator' && rest) {
      state.view = 'indicator';
      state.indicator = dec(rest);
    } else if (name === 'sections') state.view = 'sections';
    else if (name === 'status') state.filter.statuses = list;
    else if (name === 'section') state.filter.sections = list;
    else if (name === 'unit') state.filter.units = list;
  }
  return state;
}

/** True when moving from state `a` to `b` is a new view (a history entry), not a status toggle. */
function isNewView(a, b) {
  const same = (x, y) => JSON.stringify(x || []) === JSON.stringify(y || []);
  return (
    a.view !== b.view ||
    (a.view === 'indicator' && a.indicator !== b.indicator) ||
    !same(a.filter.sections, b.filter.sections) ||
    !same(a.filter.units, b.filter.units)
  );
}

/**
 * Keeps one widget's state and the URL fragment in step. `controller` gives `currentOptions()`,
 * `setOptions()`, `emitView()`, `history` (its drill-down stack, for Escape) and `platform`
 * (whose listen() registers the listeners, all removed when the widget is destroyed); `host`
 * fires `plan-widget-render` after each redraw.
 */
export class LinkState {
  constructor(host, controller, key) {
    this.host = host;
    this.controller = controller;
    this.key = key;
    /** The first write (a view set by attributes, say) records the page's state in place. */
    this.wrote = false;
    // Removed with the widget's other listeners (platform.js) when it is destroyed.
    const listen = (target, type, fn) => controller.platform.listen(target, type, fn);
    listen(host, 'plan-widget-render', () => this.write());
    listen(window, 'popstate', () => this.read());
    listen(window, 'hashchange', () => this.read());
  }

  /** The state written in the fragment now, or null when the fragment has no part for this key. */
  static fromLocation(key) {
    const part = parseFragment(location.hash).find(([k]) => k === key);
    return part && part[1] !== null ? decodeState(part[1]) : null;
  }

  /** The widget's state as the fragment would say it. */
  current() {
    const o = this.controller.currentOptions();
    return { view: o.view, indicator: o.indicator, filter: o.filter };
  }

  /** After a redraw: writes a changed state (a new entry for a new view, else in place). */
  write() {
    const state = this.current();
    const value = encodeState(state);
    const before = parseFragment(location.hash).find(([k]) => k === this.key);
    const previous = before && before[1] !== null ? before[1] : '';
    const first = !this.wrote;
    this.wrote = true;
    if (value === previous) {
      if (first && !isTagged()) history.replaceState(tagged(), '', location.href);
      return;
    }
    const hash = withPart(location.hash, this.key, value);
    const url = `${location.pathname}${location.search}${hash}`;
    if (!first && isNewView(decodeState(previous), state)) history.pushState(tagged(), '', url);
    else history.replaceState(tagged(), '', url);
  }

  /** Back, Forward or an edited fragment: shows the state the fragment names. */
  read() {
    const named = LinkState.fromLocation(this.key);
    // An entry without this widget's key that no widget made (an in-page anchor): not ours.
    if (!named && !isTagged()) return;
    const next = named || decodeState('');
    const now = this.current();
    if (encodeState(next) === encodeState(now)) return;
    // Keep Escape meaningful: going back to the view the widget would go back to pops it.
    const stack = this.controller.history;
    const top = stack[stack.length - 1];
    if (top && encodeState({ ...top, filter: top.filter }) === encodeState(next)) stack.pop();
    else stack.push({ ...now, focus: null });
    try {
      this.controller.setOptions({ view: next.view, indicator: next.indicator, filter: next.filter });
    } catch {
      // A stale link (an indicator no longer in the plan): reported in the box and by event.
      return;
    }
    this.controller.emitView();
  }

  /** The widget left the page: its key is free again (its listeners go with its platform). */
  stop() {
    releaseKey(this.key);
  }
}
