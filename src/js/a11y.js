// For people who do not see the canvas: its fallback content (a heading, one sentence per
// indicator and a data table, rebuilt whenever its words change; for plans of more than 300
// indicators just after the canvas, in chunks between frames), a live region announcing loads,
// filters and the item under the keyboard focus, and the keyboard itself: the widget is one tab
// stop, arrow keys move between its items in reading order, Enter opens or filters, Escape goes
// back.

import { afterFrame, el } from './dom.js';

/** Plans with more indicators get their fallback content after the canvas, in chunks. */
const LARGE_DESCRIPTION = 300;
/** Sentences or table rows added per chunk (one chunk per frame). */
const DESCRIPTION_CHUNK = 400;

/** A widget's fallback content (the `a11y` part) and live region (`live`), for `ctl`. */
export class Description {
  constructor(ctl) {
    this.ctl = ctl;
    this.node = ctl.dom.a11y;
    this.live = ctl.dom.live;
    /** The description last built (what `widget.describe()` gave), or null. */
    this.current = null;
    /** Its JSON (null for a chunked one), to skip rebuilding identical content. */
    this.key = '';
    /** The `describeRevision()` and the widget it was built for. */
    this.rev = -1;
    this.widget = null;
    /** The build under way (a newer one drops it) and its promise (settled when built). */
    this.job = null;
    this.building = null;
    /** The last load announcement, so a redraw does not repeat it. */
    this.announced = '';
  }

  /**
   * Rebuilds the content when what it says may have changed (`describeRevision()`: new data,
   * view, language, filter or date; not a resize, a colour or the focus). A plan of up to
   * LARGE_DESCRIPTION indicators is described at once; a larger one after the canvas has been
   * shown, in chunks between frames, with `aria-busy` set meanwhile. Returns a promise that
   * settles when the content is built.
   */
  update() {
    const ctl = this.ctl;
    let rev;
    try {
      rev = ctl.guard(() => ctl.widget.describeRevision());
    } catch (e) {
      ctl.fail(e, false);
      return Promise.resolve();
    }
    if (rev === this.rev && ctl.widget === this.widget && this.building) return this.building;
    this.rev = rev;
    this.widget = ctl.widget;
    const job = {};
    this.job = job;
    if (ctl.indicatorCount <= LARGE_DESCRIPTION) {
      this.node.removeAttribute('aria-busy');
      this.build(job, false);
      this.building = Promise.resolve();
    } else {
      this.node.setAttribute('aria-busy', 'true');
      this.building = afterFrame()
        .then(() => this.build(job, true))
        .finally(() => {
          if (this.job === job) this.node.removeAttribute('aria-busy');
        });
    }
    return this.building;
  }

  /** Builds the content for `job` (dropped when a newer job starts); see update(). */
  async build(job, chunked) {
    const ctl = this.ctl;
    const current = () => this.job === job && !ctl.destroyed && ctl.widget;
    if (!current()) return;
    let d;
    try {
      d = ctl.guard(() => ctl.widget.describe());
    } catch (e) {
      ctl.fail(e, false);
      return;
    }
    if (!d) return;
    const key = chunked ? null : JSON.stringify(d);
    if (key !== null && key === this.key) return;
    this.key = key;
    this.current = d;
    const en = d.lang === 'en';
    const { canvas, tip, help } = ctl.dom;
    canvas.setAttribute('aria-label', `${d.heading}${en ? ': a chart of the plan’s targets' : '：规划目标进度图'}`);
    canvas.setAttribute('aria-roledescription', en ? 'chart' : '图表');
    for (const node of [canvas, this.node, tip, help, this.live]) node.setAttribute('lang', d.lang);
    const { nodes, list, tbody } = frame(d);
    this.node.replaceChildren(...nodes);
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
    if (announce !== this.announced) {
      this.announced = announce;
      this.announce(en ? `${d.heading}. ${d.summary}` : `${d.heading}。${d.summary}`);
    }
  }

  /** Says something through the live region (polite). */
  announce(text) {
    this.live.replaceChildren(el('span', '', text));
  }

  /** Announces the focused item: an indicator's sentence, or a tooltip's words. */
  announceHit(hit) {
    const ctl = this.ctl;
    const d = this.current;
    const s = hit.type === 'indicator' && d && d.sentences.find((x) => x.id === hit.value);
    if (s) return this.announce(s.text);
    const t = ctl.widget && ctl.safely(() => ctl.widget.tooltip(hit.key));
    if (!t) return;
    const en = ctl.lang === 'en';
    const lines = t.lines.map((l) => (l.label ? `${l.label}${en ? ': ' : '：'}${l.value}` : l.value));
    this.announce([t.title, ...lines, t.hint].join(en ? '. ' : '。'));
  }

  /** After a filter change: the new summary. */
  announceFilter() {
    // A large plan's new description is still being built; it announces itself when done.
    if (this.node.hasAttribute('aria-busy')) return;
    if (this.current) this.announce(this.current.summary);
  }
}

/** The content's heading, notes, groups and the empty sentence list and table to fill. */
function frame(d) {
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
  return { nodes, list, tbody };
}

function sentence(s) {
  const li = el('li', '', s.text);
  li.dataset.id = s.id;
  li.dataset.status = s.status;
  return li;
}

function row(r) {
  const tr = el('tr');
  tr.dataset.id = r.id;
  tr.dataset.status = r.status;
  r.cells.forEach((c, i) => {
    const cell = el(i === 0 ? 'th' : 'td', '', c);
    if (i === 0) cell.scope = 'row';
    tr.append(cell);
  });
  return tr;
}

/** Keyboard on the canvas: arrows, Home and End move the focus; Enter or Space acts; Escape goes back. */
export function onKey(ctl, ev) {
  if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
  const hits = ctl.hitList;
  const i = hits.findIndex((h) => h.key === ctl.focusKey);
  switch (ev.key) {
    case 'ArrowRight':
    case 'ArrowDown':
      if (!hits.length) return;
      moveFocus(ctl, hits[i < 0 ? 0 : Math.min(hits.length - 1, i + 1)].key);
      break;
    case 'ArrowLeft':
    case 'ArrowUp':
      if (!hits.length) return;
      moveFocus(ctl, hits[i < 0 ? 0 : Math.max(0, i - 1)].key);
      break;
    case 'Home':
      if (!hits.length) return;
      moveFocus(ctl, hits[0].key);
      break;
    case 'End':
      if (!hits.length) return;
      moveFocus(ctl, hits[hits.length - 1].key);
      break;
    case 'Enter':
    case ' ':
      if (i < 0) return;
      ctl.activate(hits[i], true);
      break;
    case 'Escape':
      if (ctl.history.length) ctl.back(true);
      else if (ctl.tooltip.open) ctl.tooltip.hide();
      else return;
      break;
    default:
      return;
  }
  ev.preventDefault();
}

/** The canvas got the keyboard focus: the ring goes to the item focused last, else the first. */
export function onFocus(ctl) {
  if (!ctl.hitList.length) return;
  let visible = true;
  try {
    visible = ctl.dom.canvas.matches(':focus-visible');
  } catch {
    // Older browsers: treat every focus as keyboard focus.
  }
  if (!visible) return;
  const known = (k) => k && ctl.hitList.some((h) => h.key === k);
  moveFocus(ctl, known(ctl.lastFocusKey) ? ctl.lastFocusKey : ctl.hitList[0].key);
}

/** The canvas lost the focus: no ring, no keyboard tooltip. */
export function onBlur(ctl) {
  if (ctl.tooltip.source === 'keyboard') ctl.tooltip.hide();
  if (ctl.focusKey) {
    ctl.focusKey = null;
    ctl.setWasmFocus();
    ctl.render();
  }
}

/** Moves the keyboard focus (and its ring, tooltip and announcement) to the item `key`. */
export function moveFocus(ctl, key) {
  ctl.focusKey = key;
  ctl.lastFocusKey = key;
  try {
    ctl.setWasmFocus();
  } catch (e) {
    ctl.fail(e, false);
    return;
  }
  ctl.render();
  const hit = ctl.hitList.find((h) => h.key === key);
  if (!hit) return;
  scrollToHit(ctl, hit);
  if ((ctl.options.view || 'dashboard') !== 'indicator') ctl.tooltip.show(hit, 'keyboard');
  ctl.description.announceHit(hit);
}

/** Scrolls the page so that an item is visible (smoothly unless reduced motion is asked for). */
function scrollToHit(ctl, hit) {
  const { anchor, canvas } = ctl.dom;
  const a = anchor.style;
  a.left = `${canvas.offsetLeft + hit.x}px`;
  a.top = `${canvas.offsetTop + hit.y}px`;
  a.width = `${hit.w}px`;
  a.height = `${Math.min(hit.h, window.innerHeight)}px`;
  anchor.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: ctl.platform.reducedMotion ? 'auto' : 'smooth' });
}
