// End-to-end tests of the tiled canvases (src/js/tiles.js): on a 390×844 phone at DPR 3, every
// sample plan's dashboard and sections view and the 5,000-indicator plan keep every canvas within
// iOS Safari's 16,777,216 px, hold at most 64 MiB of canvases at any moment while scrolling top to
// bottom, and show the bottom of the view painted when scrolled to; and the tiles side by side
// match a single-canvas render of the same list at DPR 1 and 2 (no seam). Run: node --test tests/e2e/
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { openPage, serveAndLaunch } from './setup.mjs';
import { cityWide } from '../../bench/gen.mjs';

const env = serveAndLaunch();
const dataDir = new URL('../../www/data/', import.meta.url);
const MAX_AREA = 16777216;
const MAX_BYTES = 64 * 1048576;

async function samples() {
  const names = (await readdir(dataDir)).filter((n) => n.endsWith('.json')).sort();
  return Promise.all(names.map(async (n) => [n, await readFile(new URL(n, dataDir), 'utf8')]));
}

/** A page with a full-width host element and mount(), at a phone's size unless told otherwise. */
async function phone(context = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 }) {
  const opened = await openPage(env, 'e2e/mount.html', { context });
  await opened.page.waitForFunction(() => window.__mountReady);
  await opened.page.evaluate(() => {
    document.body.style.margin = '0';
    Object.assign(document.getElementById('host').style, { width: 'auto', margin: '0', border: '0' });
  });
  return opened;
}

/**
 * Mounts `text` in `view`, then scrolls from top to bottom one viewport at a time, sampling after
 * each step (once the observer has answered): the largest canvas, the canvases' memory, and at
 * the bottom whether the last item is painted.
 */
function scrollThrough(page, text, view, viewports = 1) {
  return page.evaluate(
    async ([text, view, viewports]) => {
      const host = document.getElementById('host');
      window.scrollTo(0, 0);
      const w = window.__mount(host, { data: text, view });
      await w.ready;
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const canvases = () => [...host.shadowRoot.querySelectorAll('canvas')];
      let maxArea = 0;
      let maxBytes = 0;
      let steps = 0;
      const sample = () => {
        let bytes = 0;
        for (const c of canvases()) {
          maxArea = Math.max(maxArea, c.width * c.height);
          bytes += c.width * c.height * 4;
        }
        maxBytes = Math.max(maxBytes, bytes);
      };
      await frame();
      sample();
      const end = () => document.documentElement.scrollHeight - window.innerHeight;
      while (window.scrollY < end() - 1) {
        window.scrollBy(0, window.innerHeight * viewports);
        steps++;
        await frame();
        await frame();
        sample();
      }
      // The bottom: the last interactive item lies in a painted tile that shows it (the observer
      // may answer a few frames late on a loaded machine).
      const box = host.shadowRoot.querySelector('.pw-canvas').getBoundingClientRect();
      const hits = w.hits();
      // The lowest item (hits come in drawing order, not sorted by position).
      const last = hits.reduce((a, b) => (b.y + b.h > a.y + a.h ? b : a));
      const tile = canvases().find((c) => {
        const r = c.getBoundingClientRect();
        return r.top - box.top <= last.y + last.h / 2 && r.bottom - box.top > last.y + last.h / 2;
      });
      for (let i = 0; i < 30 && tile && tile.width === 0; i++) await frame();
      let colours = 0;
      let opaque = false;
      if (tile && tile.width > 0) {
        const k = tile.width / tile.getBoundingClientRect().width;
        const y0 = Math.max(0, Math.floor((last.y - (tile.getBoundingClientRect().top - box.top)) * k));
        const h = Math.max(1, Math.min(tile.height - y0, Math.floor(last.h * k)));
        const px = tile.getContext('2d').getImageData(0, y0, tile.width, h).data;
        const seen = new Set();
        for (let i = 0; i < px.length; i += 4 * 7) seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
        colours = seen.size;
        opaque = px[3] === 255 && px[px.length - 1] === 255;
      }
      const result = {
        tiles: canvases().length,
        height: box.height,
        maxArea,
        maxBytes,
        steps,
        bottomPainted: !!tile && tile.width > 0 && opaque,
        colours,
      };
      w.destroy();
      return result;
    },
    [text, view, viewports],
  );
}

describe('tiled canvases', () => {
  test('390×844 at DPR 3: every canvas within 16,777,216 px, at most 64 MiB while scrolling, the bottom painted', async () => {
    const plans = await samples();
    plans.push(['city-5000', JSON.stringify(cityWide(5000, fileURLToPath(new URL('001-yancheng-kfq.json', dataDir))))]);
    const { page, problems, close } = await phone();
    try {
      for (const [name, text] of plans) {
        for (const view of ['dashboard', 'sections']) {
          // The 5,000-indicator dashboard is a million px tall: eight viewports a step.
          const r = await scrollThrough(page, text, view, name === 'city-5000' ? 8 : 1);
          const what = `${name} ${view} (${r.height} px, ${r.tiles} tiles, ${r.steps} steps)`;
          assert.ok(r.maxArea <= MAX_AREA, `${what}: a canvas of ${r.maxArea} px`);
          assert.ok(r.maxBytes <= MAX_BYTES, `${what}: ${(r.maxBytes / 1048576).toFixed(1)} MiB of canvases`);
          assert.ok(r.bottomPainted, `${what}: the bottom is not painted`);
          assert.ok(r.colours > 2, `${what}: the last item shows ${r.colours} colours`);
          if (name === 'city-5000' && view === 'dashboard') {
            assert.ok(r.height > 200000, `${what}: all 5,000 cards are laid out`);
            assert.ok(r.tiles > 100, what);
          }
        }
      }
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  for (const dpr of [1, 2]) {
    test(`no seam at DPR ${dpr}: the tiles match a single-canvas render pixel for pixel`, async () => {
      const text = await readFile(new URL('001-yancheng-kfq.json', dataDir), 'utf8');
      const { page, problems, close } = await phone({ viewport: { width: 390, height: 844 }, deviceScaleFactor: dpr });
      try {
        const r = await page.evaluate(
          async ([text, dpr]) => {
            const host = document.getElementById('host');
            const w = window.__mount(host, { data: text, theme: 'light' });
            await w.ready;
            const frame = () => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
            // The same list on one canvas, from a second widget with the options the element uses.
            const { Widget } = await import('/pkg/plan_widget.js');
            const one = new Widget();
            one.load(text);
            const o = w.currentOptions();
            const d = new Date();
            const p = (n) => String(n).padStart(2, '0');
            one.setOptions({ today: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, theme: 'light', fontScale: o.fontScale, filter: o.filter, focus: '' });
            const full = document.createElement('canvas');
            const width = host.shadowRoot.querySelector('.pw-canvas').getBoundingClientRect().width;
            one.render(full, width, dpr);
            const compared = new Set();
            let pixels = 0;
            let off = 0;
            let worst = 0;
            let seams = 0;
            for (let step = 0; step < 40 && compared.size < 6; step++) {
              for (const c of host.shadowRoot.querySelectorAll('canvas')) {
                if (c.width === 0 || compared.has(c.dataset.tile)) continue;
                compared.add(c.dataset.tile);
                if (c.dataset.tile !== '0') seams++;
                const top = Math.round((c.getBoundingClientRect().top - host.shadowRoot.querySelector('.pw-canvas').getBoundingClientRect().top) * dpr);
                const tile = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                if (c.width !== full.width) return { error: `tile ${c.dataset.tile} is ${c.width} wide, the full canvas ${full.width}` };
                const ref = full.getContext('2d').getImageData(0, top, full.width, c.height).data;
                for (let i = 0; i < tile.length; i += 4) {
                  const j = i;
                  const diff = Math.max(Math.abs(tile[i] - ref[j]), Math.abs(tile[i + 1] - ref[j + 1]), Math.abs(tile[i + 2] - ref[j + 2]), Math.abs(tile[i + 3] - ref[j + 3]));
                  worst = Math.max(worst, diff);
                  if (diff > 24) off++;
                  pixels++;
                }
              }
              window.scrollBy(0, window.innerHeight);
              await frame();
              await frame();
            }
            one.free();
            return { tiles: compared.size, seams, pixels, off, worst };
          },
          [text, dpr],
        );
        assert.equal(r.error, undefined, r.error);
        assert.ok(r.seams >= 2, `only ${r.seams} seams compared`);
        assert.ok(r.off <= r.pixels / 10000, `${r.off} of ${r.pixels} pixels differ (worst by ${r.worst})`);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  }
});
