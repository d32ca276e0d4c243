// Where the WebAssembly comes from: beside the loader by default (also when the server sends it
// as application/octet-stream), or from a `wasm-url` attribute, a page-wide <meta> or
// setWasmSource(), or mount()'s `wasmUrl` given a URL, a Response, bytes or a compiled module.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndLaunch } from './setup.mjs';

const env = serveAndLaunch();

/** Opens a page recording console messages (errors and warnings), wasm responses and events. */
async function open(path) {
  const context = await env.browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  const consoleLines = [];
  const wasm = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleLines.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push({ path: new URL(r.url()).pathname, status: r.status(), type: r.headers()['content-type'] });
  });
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ['plan-widget-ready', 'plan-widget-error']) {
      document.addEventListener(name, (ev) => window.__events.push({ name, code: ev.detail.code, message: ev.detail.message, target: ev.target.id }));
    }
    document.addEventListener('securitypolicyviolation', (ev) => window.__events.push({ name: 'csp', directive: ev.violatedDirective }));
  });
  await page.goto(env.base + path);
  return { page, consoleLines, wasm, close: () => context.close() };
}

/** Waits for the first ready or error event and returns it. */
async function settled(page) {
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'plan-widget-ready' || e.name === 'plan-widget-error'), null, { timeout: 20000 });
  return page.evaluate(() => window.__events.find((e) => e.name === 'plan-widget-ready' || e.name === 'plan-widget-error'));
}

async function canvasShown(page, selector) {
  return page.evaluate((sel) => {
    const c = document.querySelector(sel).shadowRoot.querySelector('.pw-canvas');
    return !c.hidden && c.getBoundingClientRect().height > 150;
  }, selector);
}

describe('wasm source', () => {
  test('a server sending .wasm as application/octet-stream still works, without a console warning', async () => {
    const { page, consoleLines, wasm, close } = await open('e2e/octet.html');
    const ev = await settled(page);
    assert.equal(ev.name, 'plan-widget-ready', JSON.stringify(ev));
    assert.ok(await canvasShown(page, '#w'));
    assert.deepEqual(wasm, [{ path: '/e2e-octet/plan_widget_bg.wasm', status: 200, type: 'application/octet-stream' }]);
    assert.deepEqual(consoleLines, []);
    assert.deepEqual(await page.evaluate(() => window.__events.filter((e) => e.name === 'csp')), []);
    await close();
  });

  for (const [path, how] of [
    ['e2e/wasm-url.html', 'the wasm-url attribute'],
    ['e2e/wasm-meta.html', 'the page-wide <meta name="plan-widget-wasm-url">'],
    ['e2e/wasm-page-wide.html', 'setWasmSource() right after the import (a widget with inline data)'],
  ]) {
    test(`${how} moves the wasm elsewhere`, async () => {
      const { page, consoleLines, wasm, close } = await open(path);
      const ev = await settled(page);
      assert.equal(ev.name, 'plan-widget-ready', JSON.stringify(ev));
      assert.ok(await canvasShown(page, '#w'));
      assert.deepEqual(wasm.map((w) => w.path), ['/e2e-octet/plan_widget_bg.wasm']);
      assert.deepEqual(consoleLines, []);
      await close();
    });
  }

  test('a wasm-url that answers 404 is a wasm.fetch error naming the file, in the box', async () => {
    const { page, close } = await open('e2e/wasm-url.html?wasm-url=/pkg/missing.wasm');
    const ev = await settled(page);
    assert.equal(ev.name, 'plan-widget-error');
    assert.equal(ev.code, 'wasm.fetch');
    const box = await page.evaluate(() => document.querySelector('#w').shadowRoot.querySelector('.pw-message').textContent);
    assert.match(box, /\/pkg\/missing\.wasm/);
    assert.match(box, /404/);
    await close();
  });

  // Each kind of source, given to mount({ wasmUrl }) or setWasmSource(), on a fresh page.
  const KINDS = {
    'a URL string': `'/e2e-octet/plan_widget_bg.wasm'`,
    'a URL object': `new URL('/e2e-octet/plan_widget_bg.wasm', location.href)`,
    'a Response': `await fetch('/e2e-octet/plan_widget_bg.wasm')`,
    'a promise of a Response': `fetch('/pkg/plan_widget_bg.wasm')`,
    'bytes (ArrayBuffer)': `await (await fetch('/e2e-octet/plan_widget_bg.wasm')).arrayBuffer()`,
    'bytes (Uint8Array)': `new Uint8Array(await (await fetch('/e2e-octet/plan_widget_bg.wasm')).arrayBuffer())`,
    'a compiled WebAssembly.Module': `await WebAssembly.compileStreaming(fetch('/pkg/plan_widget_bg.wasm'))`,
  };
  // mount() with every kind; the page-wide setWasmSource() with two (it shares the same path).
  const PAGE_WIDE = new Set(['a promise of a Response', 'bytes (Uint8Array)']);
  for (const [kind, expr] of Object.entries(KINDS)) {
    for (const via of PAGE_WIDE.has(kind) ? ['mount', 'setWasmSource'] : ['mount']) {
      test(`${via}() takes ${kind}`, async () => {
        const { page, consoleLines, close } = await open('e2e/blank.html');
        const result = await page.evaluate(`(async () => {
          const m = await import('/pkg/plan-widget.js');
          const source = ${expr};
          const box = document.getElementById('box');
          const opts = { src: '../data/003-jinfeng-2024.json' };
          if (${JSON.stringify(via)} === 'mount') opts.wasmUrl = source; else m.setWasmSource(source);
          const handle = m.mount(box, opts);
          const report = await handle.ready;
          return { indicators: report && report.indicators, view: handle.currentOptions().view };
        })()`);
        assert.ok(result.indicators > 0, JSON.stringify(result));
        assert.ok(await canvasShown(page, '#box'));
        assert.deepEqual(consoleLines, []);
        await close();
      });
    }
  }

  test('setWasmSource() refuses what is not a source', async () => {
    const { page, close } = await open('e2e/blank.html');
    const message = await page.evaluate(async () => {
      const m = await import('/pkg/plan-widget.js');
      try {
        m.setWasmSource({ url: 'x' });
        return 'accepted';
      } catch (e) {
        return `${e.constructor.name}: ${e.message}`;
      }
    });
    assert.match(message, /^TypeError: setWasmSource/);
    await close();
  });
});
