// Tiles: the widget's picture on stacked canvases of bounded size, painted when they come near
// the screen and emptied when they are far from it.
//
// One canvas as tall as a long dashboard is refused by iOS Safari (more than 16,777,216 px: it
// draws nothing) and costs hundreds of MiB elsewhere. So the picture is cut into horizontal
// tiles, each at most MAX_TILE_SIDE device px on a side and MAX_TILE_AREA px in all, and a tile's
// canvas holds pixels only while the tile lies within about one viewport of the screen
// (IntersectionObserver). The canvases alive at once then hold about three viewports' worth of
// pixels, however long the plan. Rust paints each tile (`Widget.paintTile`: only the display
// list's items reaching into it, moved up by the tile's top), so the tiles side by side show the
// one-canvas picture pixel for pixel.

import { afterFrame } from './dom.js';

/** Largest width or height of one canvas, in device px. */
export const MAX_TILE_SIDE = 4096;
/** Largest area of one canvas, in device px (iOS Safari's limit). */
export const MAX_TILE_AREA = 16777216;
/** The area a tile aims at, in device px (8 MiB of backing store). */
const TILE_TARGET_AREA = 2097152;
/** Fewest rows of a tile, in device px (below that, seams cost more than memory saves). */
const MIN_TILE_ROWS = 256;
/** How far beyond the viewport, above and below, tiles are painted (IntersectionObserver margin). */
const NEAR_MARGIN = '100% 0px';

/**
 * How to cut a picture `cssWidth` × `cssHeight` CSS px at device pixel ratio `dpr` into tiles:
 * `{scale, deviceWidth, tileHeight, tiles: [{top, height, rowTop, rows}]}`. `scale` is `dpr`, or
 * less where the width would exceed MAX_TILE_SIDE; `top` and `height` are whole CSS px, `rowTop`
 * and `rows` device px. Each tile is MAX_TILE_SIDE px tall at most and MAX_TILE_AREA px at most;
 * its height is chosen from the width and the ratio to hold about TILE_TARGET_AREA px, at most
 * half of `viewportHeight` (CSS px, when given: the tiles painted before a frame then cover
 * about one viewport, not up to two), at least MIN_TILE_ROWS, and, where the ratio allows, so
 * that it is a whole number of device px too (seams on device px).
 */
export function tileGeometry(cssWidth, cssHeight, dpr, viewportHeight = 0) {
  const width = Math.max(1, Math.ceil(cssWidth));
  const height = Math.max(1, Math.ceil(cssHeight));
  const ratio = Number.isFinite(dpr) && dpr > 0 ? dpr : 1;
  const scale = Math.min(ratio, MAX_TILE_SIDE / width);
  const deviceWidth = Math.max(1, Math.round(width * scale));
  const maxRows = Math.min(MAX_TILE_SIDE, Math.floor(MAX_TILE_AREA / deviceWidth));
  const byView = viewportHeight > 0 ? Math.ceil((viewportHeight / 2) * scale) : Infinity;
  const targetRows = Math.min(maxRows, Math.max(MIN_TILE_ROWS, Math.min(byView, Math.round(TILE_TARGET_AREA / deviceWidth))));
  let tileHeight = Math.max(1, Math.floor(targetRows / scale));
  for (let h = tileHeight; h > 0 && h > tileHeight - 64; h--) {
    if (Math.abs(h * scale - Math.round(h * scale)) < 1e-6) {
      tileHeight = h;
      break;
    }
  }
  const tiles = [];
  for (let top = 0; top < height; top += tileHeight) {
    const h = Math.min(tileHeight, height - top);
    const rowTop = Math.round(top * scale);
    tiles.push({ top, height: h, rowTop, rows: Math.max(1, Math.round((top + h) * scale) - rowTop) });
  }
  return { scale, deviceWidth, tileHeight, tiles };
}

/**
 * The tiles of one widget inside `container` (a positioned element sized to the picture).
 * `paint(canvas, rowTop, rows, scale)` paints one tile (and throws to report a failure);
 * `onError(e)` hears of failures in painting caused by scrolling.
 */
export class Tiles {
  constructor(container, paint, onError) {
    this.container = container;
    this.paint = paint;
    this.onError = onError;
    /** Canvases, one per tile of `geometry`. */
    this.canvases = [];
    this.geometry = null;
    /** Per tile: painted with the current picture. */
    this.fresh = [];
    /** Per tile: within the observer's margin of the viewport (null: not heard yet). */
    this.near = [];
    /** Counts show() and destroy() calls, so that a later paint of an older picture is dropped. */
    this.generation = 0;
    this.observer =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver((entries) => this.observed(entries), { rootMargin: NEAR_MARGIN })
        : null;
  }

  /** The canvases, top to bottom. */
  get all() {
    return this.canvases;
  }

  /** Bytes of backing store the tiles hold now (width × height × 4 summed). */
  memory() {
    return this.canvases.reduce((n, c) => n + c.width * c.height * 4, 0);
  }

  /**
   * Shows a new picture of `cssWidth` × `cssHeight` CSS px at ratio `dpr`: every tile is stale;
   * those on the screen are painted now (all of them with `all`, for printing), the others near
   * it in a background-priority task after the next frame (the first frame waits only for what
   * it shows), the rest emptied and painted when they come near. Returns the geometry.
   */
  show(cssWidth, cssHeight, dpr, all = false) {
    const g = tileGeometry(cssWidth, cssHeight, dpr, all ? 0 : viewportHeight());
    this.geometry = g;
    while (this.canvases.length > g.tiles.length) {
      const c = this.canvases.pop();
      if (this.observer) this.observer.unobserve(c);
      release(c);
      c.remove();
    }
    while (this.canvases.length < g.tiles.length) {
      const c = document.createElement('canvas');
      c.className = 'pw-tile';
      c.setAttribute('aria-hidden', 'true');
      c.dataset.tile = String(this.canvases.length);
      this.container.append(c);
      this.canvases.push(c);
      this.near.push(null);
      if (this.observer) this.observer.observe(c);
    }
    this.near.length = g.tiles.length;
    this.fresh = g.tiles.map(() => false);
    g.tiles.forEach((t, i) => {
      const s = this.canvases[i].style;
      s.top = `${t.top}px`;
      s.width = `${cssWidth}px`;
      s.height = `${t.height}px`;
    });
    // Near by the container's place now, or by the observer's last word (which it repeats only
    // when a tile's state changes, and which also knows about scrolling containers).
    const generation = ++this.generation;
    const place = all ? null : this.placeNow();
    const later = [];
    g.tiles.forEach((_, i) => {
      if (all || place[i].onScreen) {
        this.paintTile(i);
        return;
      }
      release(this.canvases[i]);
      if (place[i].near || this.near[i] === true) later.push(i);
    });
    if (later.length) this.paintLater(generation, later);
    return g;
  }

  /**
   * Where each tile lies now, by the container's place in the viewport: `{onScreen, near}`
   * (near: within a viewport of the screen; the observer answers later, and also for scrolling
   * containers).
   */
  placeNow() {
    const vh = viewportHeight();
    const r = this.container.getBoundingClientRect();
    return this.geometry.tiles.map((t) => {
      const top = r.top + t.top;
      const bottom = top + t.height;
      return { onScreen: top < vh && bottom > 0, near: top < 2 * vh && bottom > -vh };
    });
  }

  /**
   * Paints the tiles `list` of picture `generation` after the next frame, those the observer has
   * not since reported far (it paints the ones it reports near itself).
   */
  paintLater(generation, list) {
    afterFrame().then(() => {
      for (const i of list) {
        if (generation !== this.generation) return;
        if (this.near[i] === false) continue;
        try {
          this.paintTile(i);
        } catch (err) {
          this.onError(err);
          return;
        }
      }
    });
  }

  /** Paints tile `i` now (if it is stale). */
  paintTile(i) {
    if (this.fresh[i]) return;
    const t = this.geometry.tiles[i];
    this.paint(this.canvases[i], t.rowTop, t.rows, this.geometry.scale);
    this.fresh[i] = true;
  }

  /**
   * The observer's word: tiles that left the margin are emptied; those that came near are
   * painted now when on the screen, else in a background task after the next frame (the
   * observer answers in a task of its own just after a frame: painting a tile the screen does
   * not show yet there would hold back the next frame, e.g. right after a resize).
   */
  observed(entries) {
    const vh = viewportHeight();
    const later = [];
    for (const e of entries) {
      const i = this.canvases.indexOf(e.target);
      if (i < 0) continue;
      this.near[i] = e.isIntersecting;
      if (!e.isIntersecting) {
        release(this.canvases[i]);
        this.fresh[i] = false;
        continue;
      }
      const r = e.boundingClientRect;
      if (r.top >= vh || r.bottom <= 0) {
        if (!this.fresh[i]) later.push(i);
        continue;
      }
      try {
        this.paintTile(i);
      } catch (err) {
        this.onError(err);
        return;
      }
    }
    if (later.length) this.paintLater(this.generation, later);
  }

  /** Forgets every tile and stops observing. */
  destroy() {
    this.generation++;
    if (this.observer) this.observer.disconnect();
    for (const c of this.canvases) {
      release(c);
      c.remove();
    }
    this.canvases = [];
  }
}

/** The viewport's height in CSS px. */
function viewportHeight() {
  return window.innerHeight || document.documentElement.clientHeight || 800;
}

/** Empties a canvas's backing store (its CSS size stays). */
function release(canvas) {
  if (canvas.width !== 0 || canvas.height !== 0) {
    canvas.width = 0;
    canvas.height = 0;
  }
}

/**
 * Paints the whole picture, tile by tile, into one new canvas at `scale` device px per CSS px
 * (reduced to fit `maxArea` px and `maxSide` px on a side, with `extraRows` CSS px added below
 * for the caller): `{canvas, scale}`. `paint(canvas, rowTop, rows, scale)` paints one tile; a
 * scale below `minPaintScale` is painted at that and drawn smaller.
 */
export function composeTiles(cssWidth, cssHeight, scale, paint, { extraRows = 0, maxArea = MAX_TILE_AREA, maxSide = 32767, minPaintScale = 0.5 } = {}) {
  const total = cssHeight + extraRows;
  const fit = Math.min(scale, Math.sqrt(maxArea / (cssWidth * total)), maxSide / total, maxSide / cssWidth);
  const s = Math.floor(fit * 1000) / 1000;
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.floor(cssWidth * s));
  out.height = Math.max(1, Math.floor(total * s));
  const g = out.getContext('2d');
  const paintScale = Math.max(s, minPaintScale);
  const geometry = tileGeometry(cssWidth, cssHeight, paintScale);
  const tile = document.createElement('canvas');
  const k = s / geometry.scale;
  for (const t of geometry.tiles) {
    paint(tile, t.rowTop, t.rows, geometry.scale);
    g.drawImage(tile, 0, 0, tile.width, tile.height, 0, t.rowTop * k, tile.width * k, tile.height * k);
  }
  release(tile);
  return { canvas: out, scale: s };
}
