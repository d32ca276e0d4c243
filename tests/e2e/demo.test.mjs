// End-to-end tests: the built bundle (pkg/) and the demo pages (www/) served on 127.0.0.1,
// driven in Debian's headless Chromium by playwright-core. Run: node --test tests/e2e/
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, serveAndLaunch } from './setup.mjs';


const PLANS = [
  'data/000-jiujiang-2025.json',
  'data/001-yancheng-kfq.json',
  'data/002-county-annual.json',
  'data/003-jinfeng-2024.json',
  'data/004-licheng-2022.json',
];

const env = serveAndLaunch();

/** A page that records console errors, page errors, CSP violations and the widget's events. */
function open(path, { width = 1280, height = 900, dpr = 1 } = {}) {
  return openPage(env, path, {
    context: { viewport: { width, height }, deviceScaleFactor: dpr },
    events: ['plan-widget-ready', 'plan-widget-error', 'plan-widget-select'],
  });
}

/** Waits for the nth event of a kind from an element. */
async function waitEvent(page, name, target, count = 1) {
  await page.waitForFunction(
    ([n, t, c]) => window.__events.filter((e) => e.name === n && (!t || e.target === t)).length >= c,
    [name, target, count],
    { timeout: 20000 },
  );
  return page.evaluate(([n, t]) => window.__events.filter((e) => e.name === n && (!t || e.target === t)), [name, target]);
}

/**
 * Canvas facts inside a widget's shadow root: the picture's CSS size, and its first tile's CSS
 * size, backing size and distinct colours.
 */
function canvasFacts(page, selector) {
  return page.evaluate((sel) => {
    const host = document.querySelector(sel);
    const box = host.shadowRoot.querySelector('.pw-canvas');
    const c = box.querySelector('canvas');
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 97) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    const r = box.getBoundingClientRect();
    const t = c.getBoundingClientRect();
    return { hidden: box.hidden, cssWidth: r.width, cssHeight: r.height, tileCssWidth: t.width, tileCssHeight: t.height, width: c.width, height: c.height, colours: colours.size };
  }, selector);
}

function boxText(page, selector) {
  return page.evaluate((sel) => {
    const m = document.querySelector(sel).shadowRoot.querySelector('.pw-message');
    return m.hidden ? '' : m.textContent;
  }, selector);
}

describe('demo portal', () => {
  test('every sample plan renders in every view with no console error', async () => {
    const { page, problems, close } = await open('index.html');
    let readies = 1;
    await waitEvent(page, 'plan-widget-ready', 'widget', readies);
    for (const plan of PLANS) {
      const first = await page.evaluate(async (url) => (await (await fetch(url)).json()).indicators[0].id, plan);
      for (const [view, indicator] of [['dashboard'], ['sections'], ['indicator', first]]) {
        await page.evaluate(
          ([url, v, id]) => {
            const w = document.getElementById('widget');
            if (id) w.setAttribute('indicator', id);
            w.setAttribute('view', v);
            if (w.getAttribute('src') !== url) w.setAttribute('src', url);
          },
          [plan, view, indicator],
        );
        if (view === 'dashboard') await waitEvent(page, 'plan-widget-ready', 'widget', ++readies);
        await page.waitForTimeout(50);
        const facts = await canvasFacts(page, '#widget');
        assert.equal(facts.hidden, false, `${plan} ${view}: canvas hidden`);
        assert.ok(facts.cssHeight > 150, `${plan} ${view}: height ${facts.cssHeight}`);
        assert.ok(facts.colours >= 4, `${plan} ${view}: only ${facts.colours} colours (blank?)`);
        assert.equal(await boxText(page, '#widget'), '', `${plan} ${view}: error box shown`);
      }
    }
    const errors = await page.evaluate(() => window.__events.filter((e) => e.name === 'plan-widget-error'));
    assert.deepEqual(errors, []);
    assert.deepEqual(problems, []);
    await close();
  });

  test('the canvas is crisp: backing store is CSS size × devicePixelRatio', async () => {
    const { page, problems, close } = await open('index.html', { dpr: 2 });
    await waitEvent(page, 'plan-widget-ready', 'widget');
    await page.waitForTimeout(50);
    const f = await canvasFacts(page, '#widget');
    assert.equal(f.width, Math.round(f.cssWidth * 2));
    assert.equal(f.width, Math.round(f.tileCssWidth * 2));
    assert.equal(f.height, Math.round(f.tileCssHeight * 2));
    assert.deepEqual(problems, []);
    await close();
  });

  test('the demo portal fits a phone: nothing wider than the viewport', async () => {
    const { page, problems, close } = await open('index.html', { width: 390, height: 844, dpr: 2 });
    await waitEvent(page, 'plan-widget-ready', 'widget');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    assert.deepEqual(problems, []);
    await close();
  });

  test('the element resizes when its container does', async () => {
    const { page, close } = await open('e2e/two-widgets.html');
    await waitEvent(page, 'plan-widget-ready', 'a');
    await page.waitForTimeout(50);
    const before = await canvasFacts(page, '#a');
    assert.ok(Math.abs(before.cssWidth - 698) <= 2, `width ${before.cssWidth}`);
    await page.evaluate(() => (document.getElementById('box-a').style.width = '360px'));
    await page.waitForFunction(() => Math.abs(document.getElementById('a').shadowRoot.querySelector('canvas').getBoundingClientRect().width - 358) <= 2);
    const narrow = await canvasFacts(page, '#a');
    assert.ok(narrow.cssHeight > before.cssHeight, `narrow layout is taller (${narrow.cssHeight} vs ${before.cssHeight})`);
    await close();
  });

  test('a 404, a non-JSON file and an invalid plan each show their message and fire plan-widget-error', async () => {
    const { page, close } = await open('e2e/two-widgets.html');
    const [missing] = await waitEvent(page, 'plan-widget-error', 'c');
    assert.equal(missing.code, 'fetch.status');
    assert.match(await boxText(page, '#c'), /404/);

    // The invalid plan still renders its one valid indicator and lists the bad ones.
    await waitEvent(page, 'plan-widget-ready', 'b');
    const listed = await page.evaluate(() => document.getElementById('b').shadowRoot.querySelector('.pw-rejected').textContent);
    assert.match(listed, /3 indicator\(s\) have data errors/);
    assert.match(listed, /indicators\[0\]\.section/);
    assert.match(listed, /s9/);

    // A plan with no usable header: the box shows the located error and the event fires.
    await page.evaluate(() => document.getElementById('d').update('{"schemaVersion": 1, "plan": {}, "sections": [], "indicators": []}').catch(() => {}));
    const [bad] = await waitEvent(page, 'plan-widget-error', 'd');
    assert.equal(bad.code, 'field.missing');
    assert.match(await boxText(page, '#d'), /plan\.(id|title|issuer|start|end)/);

    await page.evaluate(() => document.getElementById('c').setAttribute('src', 'not-json.txt'));
    const errs = await waitEvent(page, 'plan-widget-error', 'c', 2);
    assert.equal(errs[1].code, 'syntax');
    assert.match(await boxText(page, '#c'), /JSON 语法错误/);
    // Text, never HTML: the non-JSON body's markup is not in the DOM.
    const html = await page.evaluate(() => document.getElementById('c').shadowRoot.innerHTML);
    assert.ok(!html.includes('<body>'), 'markup from the response must not become DOM');
    await close();
  });

  test('two widgets on one page do not interfere', async () => {
    const { page, close } = await open('e2e/two-widgets.html');
    await waitEvent(page, 'plan-widget-ready', 'a');
    await waitEvent(page, 'plan-widget-ready', 'd');
    await waitEvent(page, 'plan-widget-error', 'c');
    const a = await canvasFacts(page, '#a');
    // Tiles are painted when they come near the screen: bring the lower widget into view.
    await page.evaluate(() => document.getElementById('d').scrollIntoView());
    await page.waitForFunction(() => document.getElementById('d').shadowRoot.querySelector('canvas').width > 0);
    const d = await canvasFacts(page, '#d');
    assert.equal(a.hidden, false);
    assert.equal(d.hidden, false);
    assert.ok(a.cssHeight > d.cssHeight, 'each widget lays out its own plan');
    // Changing one widget's theme leaves the other alone.
    const before = await page.evaluate(() => document.getElementById('d').shadowRoot.querySelector('canvas').toDataURL());
    await page.evaluate(() => document.getElementById('a').setAttribute('theme', 'dark'));
    await page.waitForTimeout(100);
    const after = await page.evaluate(() => document.getElementById('d').shadowRoot.querySelector('canvas').toDataURL());
    assert.equal(after, before);
    assert.equal(await boxText(page, '#a'), '');
    await close();
  });

  test('the strict-CSP page renders with no violation', async () => {
    const { page, problems, close } = await open('strict-csp.html');
    await waitEvent(page, 'plan-widget-ready', 'widget');
    await page.waitForTimeout(50);
    const f = await canvasFacts(page, '#widget');
    assert.equal(f.hidden, false);
    assert.ok(f.colours >= 4);
    const violations = await page.evaluate(() => window.__events.filter((e) => e.name === 'csp'));
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    await close();
  });

  test('mount() API: update, setOptions, toPNG, errors as real Errors, destroy leaves nothing behind', async () => {
    const { page, problems, close } = await open('e2e/mount.html');
    await page.waitForFunction(() => window.__mountReady);
    const result = await page.evaluate(async () => {
      const host = document.getElementById('host');
      const plan = await (await fetch('../data/003-jinfeng-2024.json')).json();
      const w = window.__mount(host, { data: plan, lang: 'en' });
      const report = await w.ready;
      const out = { indicators: report.indicators };
      w.setOptions({ theme: 'contrast', view: 'sections' });
      try {
        w.setOptions({ theme: 'neon' });
      } catch (e) {
        out.optionError = { isError: e instanceof Error, code: e.code, path: e.path };
      }
      try {
        await w.update('{"schemaVersion": 1,');
      } catch (e) {
        out.dataError = { isError: e instanceof Error, code: e.code, line: e.line };
      }
      await w.update(JSON.stringify(plan));
      const png = await w.toPNG();
      out.png = { type: png.type, size: png.size };
      const live = { ...window.__live };
      w.destroy();
      out.liveBefore = live;
      out.liveAfter = { ...window.__live };
      out.childrenAfter = host.shadowRoot.childNodes.length;
      return out;
    });
    assert.equal(result.indicators, 44);
    assert.deepEqual(result.optionError, { isError: true, code: 'options.invalid', path: 'theme' });
    assert.deepEqual(result.dataError, { isError: true, code: 'syntax', line: 1 });
    assert.equal(result.png.type, 'image/png');
    assert.ok(result.png.size > 10000, `png ${result.png.size} bytes`);
    assert.ok(result.liveBefore.observers >= 1 && result.liveBefore.mediaListeners >= 1 && result.liveBefore.canvasListeners >= 1);
    assert.deepEqual(result.liveAfter, { observers: 0, mediaListeners: 0, canvasListeners: 0 });
    assert.equal(result.childrenAfter, 0);
    assert.deepEqual(problems, []);
    await close();
  });
});
