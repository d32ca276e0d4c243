// End-to-end tests of large plans and redraws: the canvas comes first and a large plan's text
// equivalent follows in chunks (complete when `ready` settles), and redraws that do not change
// the words (resize, focus) leave the fallback content alone. Run: node --test tests/e2e/
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage, serveAndLaunch } from './setup.mjs';

const env = serveAndLaunch();

/** Plan 001 with its indicators repeated `copies` times (unique ids), as JSON text. */
async function repeated(copies) {
  const plan = JSON.parse(await readFile(new URL('../../www/data/001-yancheng-kfq.json', import.meta.url), 'utf8'));
  const indicators = [];
  for (let k = 0; k < copies; k++) {
    for (const ind of plan.indicators) indicators.push({ ...ind, id: `${ind.id}-${k}` });
  }
  return JSON.stringify({ ...plan, indicators });
}

/** The mount() test page, ready to mount. */
async function open() {
  const opened = await openPage(env, 'e2e/mount.html');
  await opened.page.waitForFunction(() => window.__mountReady);
  return opened;
}

describe('large plans', () => {
  test('a 690-indicator plan: canvas first, then the whole text equivalent in chunks; ready when complete', async () => {
    const { page, problems, close } = await open();
    const data = await repeated(10);
    const seen = await page.evaluate(async (text) => {
      const host = document.getElementById('host');
      const a11y = () => host.shadowRoot.querySelector('.pw-a11y');
      const atRender = [];
      host.addEventListener('plan-widget-render', () => {
        atRender.push({ rows: a11y().querySelectorAll('tbody tr').length, busy: a11y().getAttribute('aria-busy') });
      });
      let readyEvent = null;
      host.addEventListener('plan-widget-ready', (ev) => {
        readyEvent = { indicators: ev.detail.indicators, rows: a11y().querySelectorAll('tbody tr').length };
      });
      const w = window.__mount(host, { data: text });
      const report = await w.ready;
      return {
        report: report.indicators,
        atRender,
        readyEvent,
        rows: a11y().querySelectorAll('tbody tr').length,
        sentences: a11y().querySelectorAll('li[data-id]').length,
        busy: a11y().getAttribute('aria-busy'),
        heading: a11y().querySelector('h2')?.textContent,
      };
    }, data);
    assert.equal(seen.report, 690);
    assert.ok(seen.atRender.length >= 1, 'a plan-widget-render event');
    assert.ok(seen.atRender[0].rows < 690, `the first picture comes before the whole table (had ${seen.atRender[0].rows} rows)`);
    assert.equal(seen.atRender[0].busy, 'true', 'the fallback content says it is being built');
    assert.deepEqual(seen.readyEvent, { indicators: 690, rows: 690 }, 'plan-widget-ready comes with the whole table');
    assert.equal(seen.rows, 690);
    assert.equal(seen.sentences, 690);
    assert.equal(seen.busy, null, 'aria-busy is removed when done');
    assert.match(seen.heading, /盐城/);
    assert.deepEqual(problems, []);
    await close();
  });

  test('a newer update() replaces a large description that is still being built', async () => {
    const { page, problems, close } = await open();
    const big = await repeated(10);
    const small = await readFile(new URL('../../www/data/000-jiujiang-2025.json', import.meta.url), 'utf8');
    const seen = await page.evaluate(
      async ([a, b]) => {
        const host = document.getElementById('host');
        const w = window.__mount(host, { data: a });
        await new Promise((r) => host.addEventListener('plan-widget-render', r, { once: true }));
        const report = await w.update(b);
        await w.ready;
        // Let any chunk of the old job that was already queued run.
        for (let i = 0; i < 5; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const a11y = host.shadowRoot.querySelector('.pw-a11y');
        return { indicators: report.indicators, rows: a11y.querySelectorAll('tbody tr').length, busy: a11y.getAttribute('aria-busy') };
      },
      [big, small],
    );
    assert.equal(seen.rows, seen.indicators, 'only the newer plan is described');
    assert.equal(seen.busy, null);
    assert.deepEqual(problems, []);
    await close();
  });

  test('a resize redraws the canvas but does not rebuild the fallback content; a filter does', async () => {
    const { page, problems, close } = await open();
    const data = await readFile(new URL('../../www/data/001-yancheng-kfq.json', import.meta.url), 'utf8');
    const seen = await page.evaluate(async (text) => {
      const host = document.getElementById('host');
      const w = window.__mount(host, { data: text });
      await w.ready;
      const table = () => host.shadowRoot.querySelector('.pw-a11y table');
      const before = table();
      const width = host.shadowRoot.querySelector('canvas').width;
      const rendered = new Promise((r) => host.addEventListener('plan-widget-render', (ev) => r(ev.detail), { once: true }));
      host.style.width = '500px';
      const detail = await rendered;
      const sameAfterResize = table() === before;
      w.setOptions({ filter: { statuses: ['atRisk'] } });
      const rows = table().querySelectorAll('tbody tr').length;
      return { width, detail, sameAfterResize, replacedByFilter: table() !== before, rows };
    }, data);
    assert.ok(seen.detail.width < seen.width, `redrawn narrower (${seen.detail.width} px)`);
    assert.ok(seen.sameAfterResize, 'the fallback table survives a resize untouched');
    assert.ok(seen.replacedByFilter, 'a filter rebuilds the fallback content');
    assert.equal(seen.rows, 9, 'plan 001 has 9 indicators at risk');
    assert.deepEqual(problems, []);
    await close();
  });
});
