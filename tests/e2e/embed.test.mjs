// The iframe page (www/embed.html?src=…&view=…&indicator=…&lang=…&theme=…) under the strict CSP,
// the auto-height host script (www/embed-host.js, messages that are numbers, origin checked) on
// a host page of another origin, and the demo's copy-paste snippets.
import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../scripts/serve.mjs';
import { openPage, serveAndLaunch } from './setup.mjs';

const env = serveAndLaunch();
// The portal: a second server (another port, so another origin) framing the widget's site.
const host = { base: '', server: null };
before(async () => {
  ({ server: host.server, url: host.base } = await startServer(0));
});
after(() => host.server?.close());

const PLAN = 'data/003-jinfeng-2024.json';

/** The embed frame of the host page whose iframe sits in `#id`. */
async function frameIn(page, id) {
  const handle = await page.waitForSelector(`#${id} iframe`);
  return handle.contentFrame();
}

async function frameReady(frame) {
  await frame.waitForFunction(() => {
    const w = document.querySelector('plan-widget');
    return w && w.shadowRoot && !w.shadowRoot.querySelector('.pw-canvas').hidden;
  }, null, { timeout: 20000 });
}

/** The widget page's own height (what it reports) and the iframe's height on the host page. */
async function heights(page, frame, id) {
  const inner = await frame.evaluate(() => Math.ceil(document.getElementById('embed').getBoundingClientRect().height));
  const outer = await page.evaluate((i) => document.querySelector(`#${i} iframe`).getBoundingClientRect().height, id);
  return { inner, outer };
}

describe('embed page', () => {
  test('query parameters set the widget; strict CSP; no violations', async () => {
    const plan = await (await fetch(env.base + PLAN)).json();
    const id = plan.indicators[1].id;
    const { page, problems, close } = await openPage(env, `embed.html?src=${PLAN}&view=indicator&indicator=${id}&lang=en&theme=dark`, {
      events: ['plan-widget-ready', 'plan-widget-error'],
    });
    await page.waitForFunction(() => window.__events.some((e) => e.name === 'plan-widget-ready'), null, { timeout: 20000 });
    const o = await page.evaluate(() => document.querySelector('plan-widget').currentOptions());
    assert.equal(o.view, 'indicator');
    assert.equal(o.indicator, id);
    assert.equal(o.lang, 'en');
    assert.equal(o.theme, 'dark');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.match(await page.title(), new RegExp(plan.plan.title.replace(/[()]/g, '.')));
    const response = await page.request.get(env.base + 'embed.html');
    const csp = response.headers()['content-security-policy'];
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /frame-ancestors http:\/\/127\.0\.0\.1:\*/);
    assert.deepEqual(await page.evaluate(() => window.__events.filter((e) => e.name === 'csp' || e.name === 'plan-widget-error')), []);
    assert.deepEqual(problems, []);
    await close();
  });

  test('data from another site is refused (the page shows a note and fetches nothing)', async () => {
    const { page, problems, close } = await openPage(env, 'embed.html?src=https://example.invalid/plan.json');
    const note = await page.textContent('.embed-note');
    assert.match(note, /同一网站/);
    assert.equal(await page.$('plan-widget'), null);
    assert.deepEqual(problems, []);
    await close();
  });

  test('auto height: the host script follows the height the frame posts (numbers only, origin checked)', async () => {
    const origin = env.base.replace(/\/$/, '');
    const { page, problems, close } = await openPage({ ...env, base: host.base }, `e2e/embed-host.html?origin=${encodeURIComponent(origin)}`, {
      context: { viewport: { width: 1280, height: 900 } },
    });
    const auto = await frameIn(page, 'auto');
    const fixed = await frameIn(page, 'fixed');
    await frameReady(auto);
    await frameReady(fixed);
    await page.waitForFunction(() => document.querySelector('#auto iframe').getBoundingClientRect().height > 300, null, { timeout: 10000 });
    let h = await heights(page, auto, 'auto');
    assert.equal(h.outer, h.inner, 'the auto-height iframe is as tall as the widget page');
    assert.ok(h.inner > 300);
    // The fixed-height form stays at its height attribute.
    assert.equal((await heights(page, fixed, 'fixed')).outer, 300);
    // A phone-wide column: the widget re-lays out narrower and taller, and the iframe follows.
    await page.evaluate(() => (document.getElementById('auto').style.width = '360px'));
    await page.waitForFunction((before) => document.querySelector('#auto iframe').getBoundingClientRect().height > before, h.outer, { timeout: 10000 });
    await page.waitForTimeout(300);
    h = await heights(page, auto, 'auto');
    assert.equal(h.outer, h.inner);
    // Every message the host page received was a bare number from the widget's origin.
    const messages = await page.evaluate(() => window.__messages);
    assert.ok(messages.length >= 2);
    for (const m of messages) {
      assert.equal(m.type, 'number');
      assert.equal(m.origin, origin);
    }

    // Not trusted: a message from the host page itself, a string, or a frame that navigated
    // to another origin (the iframe's src still names the widget's site).
    const before = h.outer;
    await page.evaluate(() => window.postMessage(77, '*'));
    await auto.evaluate(() => window.parent.postMessage('999', '*'));
    await page.waitForTimeout(200);
    assert.equal((await heights(page, auto, 'auto')).outer, before);
    const count = messages.length;
    await auto.evaluate((u) => (location.href = u), `${host.base}embed.html?src=${PLAN}&view=sections`);
    await page.waitForFunction((n) => window.__messages.length > n + 2, count, { timeout: 20000 });
    const foreign = await page.evaluate((n) => window.__messages.slice(n), count);
    assert.ok(foreign.some((m) => m.origin === host.base.replace(/\/$/, '') && m.type === 'number'), JSON.stringify(foreign));
    await page.waitForTimeout(300);
    assert.equal((await heights(page, auto, 'auto')).outer, before, 'a height from another origin is ignored');
    assert.deepEqual(problems, []);
    await close();
  });

  test('the demo shows both iframe snippets for the current choices', async () => {
    const { page, problems, close } = await openPage(env, 'index.html', { events: ['plan-widget-ready'] });
    await page.waitForFunction(() => window.__events.some((e) => e.name === 'plan-widget-ready'), null, { timeout: 20000 });
    await page.selectOption('#lang-select', 'en');
    await page.selectOption('#theme-select', 'dark');
    const fixed = await page.textContent('#iframe-fixed');
    const auto = await page.textContent('#iframe-auto');
    const src = /src="([^"]+)"/.exec(fixed)[1].replaceAll('&amp;', '&');
    const url = new URL(src);
    assert.equal(url.pathname, '/embed.html');
    assert.equal(url.searchParams.get('src'), 'data/001-yancheng-kfq.json');
    assert.equal(url.searchParams.get('lang'), 'en');
    assert.equal(url.searchParams.get('theme'), 'dark');
    assert.match(fixed, /^<iframe title="[^"]+" src="[^"]+" style="width:100%;border:0" height="\d+" loading="lazy"><\/iframe>$/);
    assert.match(auto, /<iframe [^>]*data-plan-widget[^>]*><\/iframe>\n<script src="http:\/\/127\.0\.0\.1:\d+\/embed-host\.js" defer><\/script>/);
    // The fixed height is the widget's height (rounded up, with room for its button row), at
    // most 900 px (a taller widget scrolls inside the frame); this 72-indicator plan is taller.
    const height = Number(/height="(\d+)"/.exec(fixed)[1]);
    const shown = await page.evaluate(() => document.getElementById('widget').getBoundingClientRect().height);
    assert.ok(shown > 900 && height === 900, `snippet height ${height}, widget ${shown}`);
    assert.match(src, /\?src=data\/001-yancheng-kfq\.json&view=dashboard&lang=en&theme=dark$/);
    // The snippet's own page renders.
    await page.goto(src);
    await page.waitForFunction(() => window.__events.some((e) => e.name === 'plan-widget-ready'), null, { timeout: 20000 });
    assert.deepEqual(problems, []);
    await close();
  });
});
