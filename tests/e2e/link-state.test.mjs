// link-state: view, indicator and filters in the URL fragment; Back/Forward move between views;
// two widgets on one page use separate keys (www/e2e/link-state.html: a and b take pw and pw2,
// c asks for "budget").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, serveAndLaunch } from './setup.mjs';

const env = serveAndLaunch();
const PAGE = 'e2e/link-state.html';

async function readyAll(page, ids = ['a', 'b', 'c']) {
  await page.waitForFunction(
    (want) => want.every((id) => window.__events.some((e) => e.name === 'plan-widget-ready' && e.target === id)),
    ids,
    { timeout: 20000 },
  );
}

/** `{a, b, c}`: each widget's view and indicator, plus the fragment. */
function state(page) {
  return page.evaluate(() => {
    const out = { hash: decodeURIComponent(location.hash) };
    for (const id of ['a', 'b', 'c']) {
      const o = document.getElementById(id).currentOptions();
      out[id] = [o.view, o.indicator, o.filter.statuses.join(',')].filter(Boolean).join(' ');
    }
    return out;
  });
}

async function waitHash(page, predicate) {
  await page.waitForFunction(predicate, null, { timeout: 10000 });
}

/** Clicks the first indicator of widget `id` on its canvas (a drill-down by mouse). */
async function clickFirstIndicator(page, id) {
  const hit = await page.evaluate((i) => document.getElementById(i).hits().find((h) => h.type === 'indicator'), id);
  const box = await page.evaluate((i) => {
    const r = document.getElementById(i).shadowRoot.querySelector('canvas').getBoundingClientRect();
    return { x: r.left, y: r.top };
  }, id);
  await page.evaluate(([x, y]) => window.scrollTo(0, y + window.scrollY - 100), [box.x, box.y]);
  const r = await page.evaluate((i) => {
    const c = document.getElementById(i).shadowRoot.querySelector('canvas').getBoundingClientRect();
    return { x: c.left, y: c.top };
  }, id);
  await page.mouse.click(r.x + hit.x + hit.w / 2, r.y + hit.y + Math.min(hit.h / 2, 20));
  return hit.value;
}

describe('link-state', () => {
  test('drill-downs write the fragment under separate keys; Back and Forward move between views', async () => {
    const { page, problems, close } = await openPage(env, PAGE, { events: ['plan-widget-ready', 'plan-widget-error', 'plan-widget-view'] });
    await readyAll(page);
    assert.deepEqual(await state(page), { hash: '', a: 'dashboard', b: 'dashboard', c: 'dashboard' });
    const start = await page.evaluate(() => history.length);

    // a: the page switches the view (an attribute) → a new history entry with pw=sections.
    await page.evaluate(() => document.getElementById('a').setAttribute('view', 'sections'));
    await waitHash(page, () => location.hash === '#pw=sections');
    // b: a citizen clicks an indicator → pw2=indicator:ID, another entry.
    const id = await clickFirstIndicator(page, 'b');
    await waitHash(page, () => location.hash.includes('pw2=indicator:'));
    assert.equal((await state(page)).hash, `#pw=sections&pw2=indicator:${id}`);
    // c: a status filter is not a new view: it replaces the current entry.
    await page.evaluate(() => document.getElementById('c').setAttribute('filter-status', 'atRisk offTrack'));
    await waitHash(page, () => location.hash.includes('budget='));
    assert.deepEqual(await state(page), {
      hash: `#pw=sections&pw2=indicator:${id}&budget=status:atRisk,offTrack`,
      a: 'sections',
      b: `indicator ${id}`,
      c: 'dashboard atRisk,offTrack',
    });
    assert.equal(await page.evaluate(() => history.length), start + 2);

    // Back: b returns to its dashboard (and c to the entry before its filter).
    await page.evaluate(() => history.back());
    await waitHash(page, () => location.hash === '#pw=sections');
    await page.waitForFunction(() => document.getElementById('b').currentOptions().view === 'dashboard');
    assert.deepEqual(await state(page), { hash: '#pw=sections', a: 'sections', b: 'dashboard', c: 'dashboard' });
    // The widget says its view changed, as for its own drill-downs.
    const views = await page.evaluate(() => window.__events.filter((e) => e.name === 'plan-widget-view' && e.target === 'b').map((e) => e.view));
    assert.deepEqual(views, ['indicator', 'dashboard']);
    // Back again: a returns to its dashboard.
    await page.evaluate(() => history.back());
    await page.waitForFunction(() => document.getElementById('a').currentOptions().view === 'dashboard');
    assert.equal((await state(page)).hash, '');
    // Forward twice: sections, then b's indicator with c's filter.
    await page.evaluate(() => history.forward());
    await page.waitForFunction(() => document.getElementById('a').currentOptions().view === 'sections');
    await page.evaluate(() => history.forward());
    await page.waitForFunction(() => document.getElementById('b').currentOptions().view === 'indicator');
    assert.deepEqual(await state(page), {
      hash: `#pw=sections&pw2=indicator:${id}&budget=status:atRisk,offTrack`,
      a: 'sections',
      b: `indicator ${id}`,
      c: 'dashboard atRisk,offTrack',
    });
    assert.deepEqual(problems, []);
    await close();
  });

  test('a shared link opens each widget in the state its key names', async () => {
    const { page, problems, close } = await openPage(env, `${PAGE}#pw=indicator:primary-excellent-rate-2025&budget=sections`, {
      events: ['plan-widget-ready', 'plan-widget-error'],
    });
    await readyAll(page);
    const s = await state(page);
    assert.deepEqual(s, { hash: '#pw=indicator:primary-excellent-rate-2025&budget=sections', a: 'indicator primary-excellent-rate-2025', b: 'dashboard', c: 'sections' });
    // Opening a link adds no history entry of its own: about:blank (the new tab) and this page.
    assert.equal(await page.evaluate(() => history.length), 2);
    // A link on the page naming a key is followed; the widgets it does not name stay as they are.
    await page.evaluate(() => (location.hash = '#pw2=sections'));
    await page.waitForFunction(() => document.getElementById('b').currentOptions().view === 'sections');
    assert.deepEqual(await state(page), { hash: '#pw2=sections', a: 'indicator primary-excellent-rate-2025', b: 'sections', c: 'sections' });
    // An in-page anchor (#top) changes no widget; Back to the shared link's entry restores it.
    await page.evaluate(() => (location.hash = '#top'));
    await page.waitForTimeout(200);
    assert.deepEqual(await state(page), { hash: '#top', a: 'indicator primary-excellent-rate-2025', b: 'sections', c: 'sections' });
    await page.evaluate(() => history.go(-2));
    await page.waitForFunction(() => document.getElementById('b').currentOptions().view === 'dashboard');
    assert.deepEqual(await state(page), { hash: '#pw=indicator:primary-excellent-rate-2025&budget=sections', a: 'indicator primary-excellent-rate-2025', b: 'dashboard', c: 'sections' });
    assert.deepEqual(problems, []);
    await close();
  });
});
