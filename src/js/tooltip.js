// The tooltip and the pointer that opens it: hovering with a mouse shows an item's tooltip and
// a click acts on it; on a touch screen a tap shows it and a second tap on the same item acts.
// The keyboard's tooltip (see a11y.js) stays put while the page scrolls.

import { el } from './dom.js';

/** One widget's tooltip (the `tip` part) and its pointer handling, for `ctl` (the controller). */
export class Tooltip {
  constructor(ctl) {
    this.ctl = ctl;
    this.node = ctl.dom.tip;
    /** The hit key shown, and who opened it: 'hover', 'touch' or 'keyboard' (null when closed). */
    this.key = null;
    this.source = null;
    this.hit = null;
    /** The pointer's client position it was opened at (null: next to the item). */
    this.point = null;
    /** What the node shows now, to skip rebuilding it. */
    this.content = null;
    /** The last pointer's type: 'mouse', 'touch' or 'pen'. */
    this.pointerType = 'mouse';
  }

  get open() {
    return !this.node.hidden;
  }

  /** The hit at a point of the canvas (client coordinates), or null. */
  hitAtClient(x, y) {
    const ctl = this.ctl;
    if (!ctl.widget || !ctl.rendered) return null;
    const r = ctl.dom.canvas.getBoundingClientRect();
    return ctl.safely(() => ctl.widget.hitAt(x - r.left, y - r.top));
  }

  onPointerDown(ev) {
    this.pointerType = ev.pointerType || 'mouse';
  }

  onClick(ev) {
    const hit = this.hitAtClient(ev.clientX, ev.clientY);
    if (this.pointerType === 'touch' || this.pointerType === 'pen') {
      // A tap shows the tooltip; a second tap on the same item opens it; elsewhere closes it.
      if (!hit) return this.hide();
      if (this.key === hit.key && this.open) {
        this.hide();
        this.ctl.activate(hit);
      } else {
        this.show(hit, 'touch', { x: ev.clientX, y: ev.clientY });
      }
      return;
    }
    if (hit) this.ctl.activate(hit);
  }

  onPointerMove(ev) {
    if (ev.pointerType && ev.pointerType !== 'mouse') return;
    const hit = this.hitAtClient(ev.clientX, ev.clientY);
    this.ctl.dom.canvas.style.cursor = hit ? 'pointer' : '';
    if (!hit) {
      if (this.source === 'hover') this.hide();
      return;
    }
    if (this.source === 'keyboard' && this.key === hit.key) return;
    this.show(hit, 'hover', { x: ev.clientX, y: ev.clientY });
  }

  onPointerLeave() {
    this.ctl.dom.canvas.style.cursor = '';
    if (this.source === 'hover') this.hide();
  }

  /** A pointer went down on the page: outside the canvas it closes a tap's or hover's tooltip. */
  onDocPointerDown(ev) {
    if (this.open && this.source !== 'keyboard' && !ev.composedPath().includes(this.ctl.dom.canvas)) this.hide();
  }

  onScroll() {
    if (!this.open) return;
    if (this.source === 'keyboard') this.position();
    else this.hide();
  }

  /** Shows the tooltip of an item, next to the pointer or (for the keyboard) the item. */
  show(hit, source, point = null) {
    const ctl = this.ctl;
    if ((ctl.options.view || 'dashboard') === 'indicator' || !ctl.widget) return this.hide();
    let t;
    try {
      t = ctl.guard(() => ctl.widget.tooltip(hit.key));
    } catch (e) {
      ctl.fail(e, false);
      return;
    }
    if (!t) return this.hide();
    const contentKey = JSON.stringify([t, source === 'touch']);
    if (contentKey !== this.content) {
      this.content = contentKey;
      this.node.replaceChildren(...this.nodes(t, hit, source, ctl.lang === 'en'));
    }
    this.key = hit.key;
    this.source = source;
    this.hit = hit;
    this.point = point;
    this.node.hidden = false;
    ctl.dom.canvas.setAttribute('aria-describedby', 'pw-help pw-tip');
    this.position();
  }

  /** The tooltip's content: title, `label: value` lines and the hint. */
  nodes(t, hit, source, en) {
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
    return nodes;
  }

  /** Places the tooltip below (or above) its item or pointer, kept inside the viewport. */
  position() {
    const hit = this.hit;
    if (!hit || !this.open) return;
    const host = this.ctl.host;
    const cr = this.ctl.dom.canvas.getBoundingClientRect();
    const hr = host.getBoundingClientRect();
    const vw = document.documentElement.clientWidth || window.innerWidth;
    const vh = window.innerHeight;
    const m = 8;
    const tw = this.node.offsetWidth;
    const th = this.node.offsetHeight;
    let ax;
    let top;
    let bottom;
    const p = this.point;
    if (p) {
      ax = p.x + 12;
      top = p.y - (this.source === 'touch' ? 28 : 12);
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
    if (this.source === 'touch') y = above >= m ? above : below;
    else y = below + th <= vh - m ? below : above;
    y = Math.max(m, Math.min(y, vh - th - m));
    const x = Math.max(m, Math.min(ax, vw - tw - m));
    this.node.style.left = `${Math.round(x - hr.left - host.clientLeft)}px`;
    this.node.style.top = `${Math.round(y - hr.top - host.clientTop)}px`;
  }

  /** After a redraw: the tooltip follows its item, or closes when the item is gone. */
  refresh(hitList) {
    if (!this.key) return;
    const hit = hitList.find((h) => h.key === this.key);
    if (!hit) return this.hide();
    this.content = null;
    this.show(hit, this.source, this.point);
  }

  hide() {
    this.node.hidden = true;
    this.key = null;
    this.source = null;
    this.hit = null;
    this.point = null;
    this.ctl.dom.canvas.setAttribute('aria-describedby', 'pw-help');
  }
}
