// Hostile input and reliability, end to end (playwright-core driving Debian's Chromium against the
// built bundle): script and HTML payloads stay text, every network failure has its own error and
// no retry, a newer load cancels an older fetch, every cap has its own error and a plan at the
// caps renders, and a panic in one widget leaves the others working. (The mount/destroy memory
// loop is in hostile-memory.test.mjs.) Run: node --test tests/e2e/hostile.test.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';


const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  '{{constructor}}',
  "'; alert(1); //",
  '\u202eevil\u202c \u2066rtl\u2069',
];

let server;
let base;
let other; // a second origin (another port): sends no CORS header
let otherBase;
let browser;

before(async () => {
  ({ server, url: base } = await startServer(0));
  ({ server: other, url: otherBase } = await startServer(0));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  other?.close();
});

/** The hostile test page, recording dialogs, page errors, console messages and widget events. */
async function open() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const dialogs = [];
  const errors = [];
  const warnings = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.addInitScript(() => {
    window.__events = [];
    window.__record = true;
    for (const name of ['plan-widget-ready', 'plan-widget-error']) {
      document.addEventListener(name, (ev) => {
        if (!window.__record) return;
        const d = ev.detail || {};
        window.__events.push({
          name,
          target: ev.target.id,
          code: d.code,
          message: d.message,
          planId: d.planId,
          title: d.title,
          codes: (d.diagnostics || []).map((x) => x.code),
          messages: (d.diagnostics || []).map((x) => x.messageEn),
          rejected: (d.rejected || []).length,
        });
      });
    }
  });
  await page.goto(base + 'e2e/hostile.html');
  await page.waitForFunction(() => window.__hostileReady);
  return { page, dialogs, errors, warnings, close: () => context.close() };
}

/** Waits for the nth event of a kind from an element id; returns all such events. */
async function waitEvent(page, name, target, count = 1, timeout = 20000) {
  await page.waitForFunction(
    ([n, t, c]) => window.__events.filter((e) => e.name === n && e.target === t).length >= c,
    [name, target, count],
    { timeout },
  );
  return page.evaluate(([n, t]) => window.__events.filter((e) => e.name === n && e.target === t), [name, target]);
}

/** A <plan-widget> with an id and attributes, appended to #box-c. */
function addElement(page, id, attrs) {
  return page.evaluate(
    ([i, a]) => {
      const w = document.createElement('plan-widget');
      w.id = i;
      for (const [k, v] of Object.entries(a)) w.setAttribute(k, v);
      document.getElementById('box-c').append(w);
    },
    [id, attrs],
  );
}

function boxText(page, id) {
  return page.evaluate((i) => {
    const m = document.getElementById(i).shadowRoot.querySelector('.pw-message');
    return m.hidden ? '' : m.textContent;
  }, id);
}

function stats(reset = false) {
  return fetch(base + 'e2e-net/stats' + (reset ? '?reset=1' : '')).then((r) => r.json());
}

/** Elements and attributes that could run script, anywhere in the page or a shadow root. */
function dangerousNodes(page) {
  return page.evaluate(() => {
    const found = [];
    const walk = (root) => {
      for (const n of root.querySelectorAll('*')) {
        const tag = n.tagName.toLowerCase();
        if (['img', 'svg', 'iframe', 'object', 'embed', 'h1'].includes(tag)) found.push(tag);
        if (tag === 'script' && !(n.type === 'module' && n.src.endsWith('/e2e/hostile.js'))) found.push('script');
        for (const a of n.attributes) {
          if (a.name.startsWith('on')) found.push(`${tag}[${a.name}]`);
          if ((a.name === 'href' || a.name === 'src') && /^\s*javascript:/i.test(a.value)) found.push(`${tag}[${a.name}=javascript:]`);
        }
        if (n.shadowRoot) walk(n.shadowRoot);
      }
    };
    walk(document);
    return found;
  });
}

describe('hostile input', () => {
  test('script and HTML payloads in every string field stay literal text', async () => {
    const { page, dialogs, errors, close } = await open();
    for (let [i, payload] of PAYLOADS.entries()) {
      const out = await page.evaluate(async (p) => {
        const host = document.getElementById('a');
        const w = window.__mount(host, { data: JSON.stringify(window.__plans.everyString(p)), lang: 'en', view: 'indicator', indicator: 'a' });
        const report = await w.ready;
        const root = host.shadowRoot;
        const text = root.textContent;
        const canvas = root.querySelector('.pw-canvas');
        // Hover every interactive region so each tooltip is built once.
        const tips = await window.__hoverEveryHit(w, root);
        const tableText = (root.querySelector('.pw-table') || {}).textContent || '';
        const result = { title: report.title, text, tableText, tips, aria: canvas.getAttribute('aria-label') || '', hrefs: [...root.querySelectorAll('[href]')].map((a) => a.getAttribute('href')) };
        w.setOptions({ view: 'dashboard' });
        await new Promise((ok) => setTimeout(ok, 30));
        result.dashboardText = root.textContent;
        w.destroy();
        return result;
      }, payload);
      // Bidi controls and zero-width characters are a warning (text.hidden) and are not shown.
      const HIDDEN = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]/g;
      payload = payload.replace(HIDDEN, '');
      for (const t of [out.title, out.text, out.tableText, out.aria, out.dashboardText, ...out.tips]) {
        assert.ok(!HIDDEN.test(t), `payload ${i}: a hidden character is shown`);
        HIDDEN.lastIndex = 0;
      }
      assert.equal(out.title, payload, `payload ${i}: ready event title`);
      assert.ok(out.text.includes(payload), `payload ${i} is not shown literally in the fallback text`);
      assert.ok(out.tableText.includes(payload), `payload ${i} is not in the table literally`);
      assert.ok(out.aria.includes(payload), `payload ${i} is not in the aria-label literally`);
      if (out.tips.length) assert.ok(out.tips.some((t) => t.includes(payload)), `payload ${i}: no tooltip shows it: ${out.tips[0]}`);
      for (const h of out.hrefs) assert.match(h, /^(https?:|blob:)/, `payload ${i}: href ${h}`);
      assert.ok(out.dashboardText.includes(payload), `payload ${i}: dashboard text`);
    }
    assert.deepEqual(await dangerousNodes(page), []);
    await page.waitForTimeout(100);
    assert.deepEqual(dialogs, [], 'no dialog may open');
    assert.deepEqual(errors, []);
    await close();
  });

  test('a 10,000-character string and a javascript: source URL are refused as data, shown as text', async () => {
    const { page, dialogs, close } = await open();
    const out = await page.evaluate(async () => {
      const plan = window.__plans.everyString('正常文字');
      plan.plan.title = '<b>'.repeat(3334);
      const w = window.__mount(document.getElementById('a'), { data: JSON.stringify(plan), lang: 'en' });
      let error = null;
      try {
        await w.ready;
      } catch (e) {
        error = { code: e.code, path: e.path, message: e.message };
      }
      const box = document.getElementById('a').shadowRoot.querySelector('.pw-message').textContent;
      w.destroy();
      const ok = window.__plans.everyString('正常文字');
      ok.plan.source.url = 'javascript:alert(1)';
      const w2 = window.__mount(document.getElementById('b'), { data: ok, lang: 'en' });
      const report = await w2.ready;
      const root = document.getElementById('b').shadowRoot;
      return { error, box, codes: report.diagnostics.map((d) => d.code), links: root.querySelectorAll('a[href]').length, text: root.textContent };
    });
    assert.deepEqual({ code: out.error.code, path: out.error.path }, { code: 'limit.stringLength', path: 'plan.title' });
    assert.match(out.box, /10002 characters, more than the limit of 2000/);
    assert.ok(!out.box.includes('<b><b>'), 'the refused string itself is not echoed');
    assert.ok(out.codes.includes('url.notHttp'), `codes ${out.codes}`);
    assert.equal(out.links, 0, 'a javascript: URL never becomes a link');
    assert.deepEqual(await dangerousNodes(page), []);
    assert.deepEqual(dialogs, []);
    await close();
  });
  test('a deeply nested or cyclic data object is refused with an error; the other widget keeps working', async () => {
    const { page, errors, close } = await open();
    const out = await page.evaluate(async () => {
      const res = [];
      const deep = (n) => {
        let o = [];
        for (let i = 0; i < n; i++) o = [o];
        return o;
      };
      const cyclic = {};
      cyclic.self = cyclic;
      for (const [name, value] of [['deep 5,000', deep(5000)], ['deep 100,000', deep(100000)], ['cycle', cyclic]]) {
        const plan = window.__plans.everyString('x');
        plan.plan.note = value;
        const a = window.__mount(document.getElementById('a'), { data: plan, lang: 'en' });
        let code = 'ready';
        try {
          await a.ready;
        } catch (e) {
          code = e.code;
        }
        a.destroy();
        const b = window.__mount(document.getElementById('b'), { data: window.__plans.everyString('ok'), lang: 'en' });
        let other = 'ready';
        try {
          await b.ready;
        } catch (e) {
          other = `${e.code}: ${e.message}`;
        }
        b.destroy();
        res.push({ name, code, other });
      }
      return res;
    });
    for (const r of out) {
      assert.ok(['syntax', 'data.notJson'].includes(r.code), `${r.name}: ${r.code}`);
      assert.equal(r.other, 'ready', `${r.name}: the other widget`);
    }
    assert.deepEqual(errors, []);
    await close();
  });
});

describe('network failures', () => {
  test('404, 500, timeout, CORS refusal, HTML page, JSON as text/html and a truncated body: one request each, each its own error', async () => {
    await stats(true);
    const { page, dialogs, warnings, close } = await open();
    const cases = [
      ['n404', { src: '/e2e-net/status/404' }, 'fetch.status', /404 \(not found\)/],
      ['n500', { src: '/e2e-net/status/500' }, 'fetch.status', /500 \(server error\)/],
      ['nhang', { src: '/e2e-net/hang/000-jiujiang-2025.json', 'fetch-timeout': '1000' }, 'fetch.timeout', /timed out after 1 s/],
      ['ncors', { src: `${otherBase}data/000-jiujiang-2025.json` }, 'fetch.network', /cross-origin request refused/],
      ['nhtml', { src: '/e2e-net/html' }, 'fetch.contentType', /is a web page \(text\/html\), not JSON/],
      ['ntrunc', { src: '/e2e-net/truncated/001-yancheng-kfq.json' }, 'fetch.body', /broke off before the end/],
    ];
    const t0 = Date.now();
    for (const [id, attrs] of cases) await addElement(page, id, { lang: 'en', ...attrs });
    await addElement(page, 'nashtml', { lang: 'en', src: '/e2e-net/as-html/000-jiujiang-2025.json' });
    await addElement(page, 'ncorsok', { lang: 'en', src: `${otherBase}e2e-net/cors/000-jiujiang-2025.json` });
    for (const [id, , code, text] of cases) {
      const [e] = await waitEvent(page, 'plan-widget-error', id);
      assert.equal(e.code, code, id);
      assert.match(await boxText(page, id), text, id);
    }
    const timeoutAfter = Date.now() - t0;
    assert.ok(timeoutAfter < 8000, `the 1 s timeout fired after ${timeoutAfter} ms`);
    // Valid JSON labelled text/html is read, with a console warning; CORS-enabled cross-origin works.
    await waitEvent(page, 'plan-widget-ready', 'nashtml');
    assert.ok(warnings.some((w) => /served as text\/html/.test(w)), `warnings: ${warnings}`);
    await waitEvent(page, 'plan-widget-ready', 'ncorsok');
    // Nothing from the HTML page became DOM or ran.
    assert.deepEqual(await dangerousNodes(page), []);
    assert.deepEqual(dialogs, []);
    // No retry storm: one request per failing URL, also after redraws and a while.
    await page.evaluate(() => {
      for (const w of document.querySelectorAll('plan-widget')) w.setAttribute('theme', 'dark');
      document.getElementById('box-c').style.width = '500px';
    });
    await page.waitForTimeout(1500);
    const s = await stats();
    for (const path of ['/e2e-net/status/404', '/e2e-net/status/500', '/e2e-net/hang/000-jiujiang-2025.json', '/e2e-net/html', '/e2e-net/truncated/001-yancheng-kfq.json', '/e2e-net/as-html/000-jiujiang-2025.json']) {
      assert.equal(s.requests[path], 1, `${path}: ${s.requests[path]} requests`);
    }
    // The timed-out request was aborted, and the server saw the connection go.
    assert.equal(s.aborted['/e2e-net/hang/000-jiujiang-2025.json'], 1);
    await close();
  });

  test('update() while a slow fetch is in flight cancels it: the slow response never renders', async () => {
    await stats(true);
    const { page, close } = await open();
    await addElement(page, 'slow', { lang: 'en', src: '/e2e-net/slow/1500/001-yancheng-kfq.json' });
    await page.waitForFunction(async () => (await (await fetch('/e2e-net/stats')).json()).requests['/e2e-net/slow/1500/001-yancheng-kfq.json'] === 1);
    await page.evaluate(async () => {
      const plan = window.__plans.everyString('后来的数据');
      plan.plan.id = 'newer';
      await document.getElementById('slow').update(JSON.stringify(plan));
    });
    // A src change while a fetch is in flight cancels it too.
    await addElement(page, 'slow2', { lang: 'en', src: '/e2e-net/slow/1500/003-jinfeng-2024.json' });
    await page.waitForTimeout(200);
    await page.evaluate(() => document.getElementById('slow2').setAttribute('src', '/data/004-licheng-2022.json'));
    await page.waitForTimeout(2500);
    const ready = await page.evaluate(() => window.__events.filter((e) => e.name === 'plan-widget-ready' && e.target.startsWith('slow')).map((e) => `${e.target}:${e.planId}`));
    assert.deepEqual(ready.sort(), ['slow2:licheng-2022', 'slow:newer']);
    const s = await stats();
    assert.equal(s.requests['/e2e-net/slow/1500/001-yancheng-kfq.json'], 1);
    assert.equal(s.aborted['/e2e-net/slow/1500/001-yancheng-kfq.json'], 1, 'the server saw the abort');
    assert.equal(s.aborted['/e2e-net/slow/1500/003-jinfeng-2024.json'], 1, 'the server saw the abort');
    await close();
  });
});

describe('caps', () => {
  test('each cap gives its own error in the browser', async () => {
    const { page, close } = await open();
    const caps = ['fileSize', 'sections', 'indicators', 'targets', 'actuals', 'totalActuals', 'stringLength', 'names'];
    const got = await page.evaluate(async (list) => {
      const out = {};
      for (const which of list) {
        const host = document.getElementById('a');
        const w = window.__mount(host, { data: window.__plans.overCap(which), lang: 'en' });
        try {
          const r = await w.ready;
          out[which] = { codes: r.diagnostics.map((d) => d.code), messages: r.diagnostics.map((d) => d.messageEn), shown: host.shadowRoot.textContent };
        } catch (e) {
          out[which] = { codes: [e.code], messages: [e.messageEn], shown: host.shadowRoot.querySelector('.pw-message').textContent };
        }
        w.destroy();
      }
      return out;
    }, caps);
    for (const which of caps) {
      const g = got[which];
      const code = `limit.${which}`;
      assert.ok(g.codes.includes(code), `${which}: codes ${g.codes}`);
      const message = g.messages[g.codes.indexOf(code)];
      assert.match(message, /more than the limit of [\d,]+/, `${which}: ${message}`);
      if (!['sections', 'indicators'].includes(which)) assert.ok(g.shown.includes(message), `${which}: the message is shown`);
    }
    await close();
  });

  test('a plan at the caps renders (timed)', async () => {
    const { page, errors, close } = await open();
    const t = await page.evaluate(async () => {
      const text = window.__plans.atCaps();
      const host = document.getElementById('a');
      const times = { megabytes: Math.round((text.length * 10) / 1048576) / 10 };
      let t0 = performance.now();
      const w = window.__mount(host, { data: text, lang: 'en' });
      const report = await w.ready;
      times.dashboard = Math.round(performance.now() - t0);
      const canvas = host.shadowRoot.querySelector('.pw-canvas');
      const tiles = [...canvas.querySelectorAll('canvas')];
      times.indicators = report.indicators;
      times.dashboardCanvas = `${tiles.length} tiles, ${tiles.filter((c) => c.width > 0).length} painted, ${tiles[0].width}x${tiles[0].height} the first`;
      times.dashboardHidden = canvas.hidden;
      // (The sections view, 1,000 sections × 50 units, is timed natively: tests/hostile.rs.)
      for (const [name, o] of [['indicatorDaily', { view: 'indicator', indicator: 'i5' }], ['indicatorTargets', { view: 'indicator', indicator: 'i0' }]]) {
        t0 = performance.now();
        w.setOptions(o);
        times[name] = Math.round(performance.now() - t0);
        const c = host.shadowRoot.querySelector('canvas');
        const px = c.getContext('2d').getImageData(0, 0, Math.min(c.width, 400), Math.min(c.height, 400)).data;
        let ink = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i] < 200) ink++;
        times[`${name}Ink`] = ink;
      }
      times.box = host.shadowRoot.querySelector('.pw-message').hidden ? '' : host.shadowRoot.querySelector('.pw-message').textContent;
      w.destroy();
      return times;
    });
    console.log(`# at the caps in Chromium: ${JSON.stringify(t)}`);
    assert.equal(t.indicators, 10000);
    assert.equal(t.dashboardHidden, false);
    assert.equal(t.box, '');
    for (const k of ['indicatorDailyInk', 'indicatorTargetsInk']) assert.ok(t[k] > 50, `${k}: ${t[k]}`);
    assert.deepEqual(errors, []);
    await close();
  });
});

describe('panics and isolation', () => {
  test('a panic becomes internal.panic in its own box; the other widget keeps working', async () => {
    const { page, errors, close } = await open();
    const out = await page.evaluate(async () => {
      const plan = await (await fetch('/data/000-jiujiang-2025.json')).text();
      const a = window.__mount(document.getElementById('a'), { data: plan, lang: 'en' });
      const b = window.__mount(document.getElementById('b'), { data: plan, lang: 'en' });
      await Promise.all([a.ready, b.ready]);
      const box = (id) => {
        const m = document.getElementById(id).shadowRoot.querySelector('.pw-message');
        return m.hidden ? '' : m.textContent;
      };
      const canvasShown = (id) => !document.getElementById(id).shadowRoot.querySelector('.pw-canvas').hidden;
      const res = {};
      // A panic while drawing a.
      window.__armPanicForTests('render');
      a.setOptions({ theme: 'dark' });
      res.renderPanic = { box: box('a'), aShown: canvasShown('a') };
      // b still draws and loads.
      b.setOptions({ theme: 'dark' });
      await b.update(plan);
      res.bAfter = { box: box('b'), shown: canvasShown('b') };
      // a recovers on its next update().
      await a.update(plan);
      res.aRecovered = { box: box('a'), shown: canvasShown('a') };
      // A panic while loading, through update(): the promise rejects with internal.panic.
      window.__armPanicForTests('load');
      try {
        await a.update(plan);
      } catch (e) {
        res.loadPanic = { code: e.code, isError: e instanceof Error, message: e.messageEn };
      }
      // Many panics in a row do not wear the module out.
      for (let i = 0; i < 50; i++) {
        window.__armPanicForTests(i % 2 ? 'load' : 'render');
        try {
          if (i % 2) await a.update(plan);
          else a.setOptions({ theme: i % 4 ? 'light' : 'dark' });
        } catch {
          // expected
        }
        await a.update(plan);
      }
      await b.update(plan);
      res.afterMany = { a: box('a'), aShown: canvasShown('a'), b: box('b'), bShown: canvasShown('b') };
      a.destroy();
      b.destroy();
      return res;
    });
    assert.match(out.renderPanic.box, /internal error: [\s\S]*test panic in render/);
    assert.equal(out.renderPanic.aShown, false);
    assert.deepEqual(out.bAfter, { box: '', shown: true });
    assert.deepEqual(out.aRecovered, { box: '', shown: true });
    assert.equal(out.loadPanic.code, 'internal.panic');
    assert.equal(out.loadPanic.isError, true);
    assert.match(out.loadPanic.message, /test panic in load/);
    assert.deepEqual(out.afterMany, { a: '', aShown: true, b: '', bShown: true });
    const events = await page.evaluate(() => window.__events.filter((e) => e.name === 'plan-widget-error').map((e) => `${e.target}:${e.code}`));
    assert.ok(events.length >= 2 && events.every((e) => e === 'a:internal.panic'), `error events ${events.slice(0, 5)}`);
    assert.deepEqual(errors, [], 'no uncaught error reaches the page');
    await close();
  });

  test('two <plan-widget> elements: one panics on load, the other renders', async () => {
    const { page, close } = await open();
    await addElement(page, 'good', { src: '/data/001-yancheng-kfq.json' });
    await waitEvent(page, 'plan-widget-ready', 'good');
    await page.evaluate(() => window.__armPanicForTests('load'));
    await addElement(page, 'bad', { src: '/data/003-jinfeng-2024.json', lang: 'en' });
    const [e] = await waitEvent(page, 'plan-widget-error', 'bad');
    assert.equal(e.code, 'internal.panic');
    assert.match(await boxText(page, 'bad'), /internal error/);
    await page.evaluate(() => document.getElementById('good').setAttribute('src', '/data/004-licheng-2022.json'));
    await waitEvent(page, 'plan-widget-ready', 'good', 2);
    assert.equal(await boxText(page, 'good'), '');
    await close();
  });
});
