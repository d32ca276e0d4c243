// Memory, end to end: mounting and destroying a widget 1,000 times grows neither the JS heap
// (measured with CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage) nor the wasm memory
// (WebAssembly.Memory never shrinks, but must not grow loop over loop).
// Run: node --test tests/e2e/hostile-memory.test.mjs
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndLaunch } from './setup.mjs';


const env = serveAndLaunch();

describe('memory', () => {
  test('1,000 mount/destroy cycles grow neither the JS heap nor the wasm memory', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(env.base + 'e2e/hostile.html');
    await page.waitForFunction(() => window.__hostileReady);
    const cdp = await context.newCDPSession(page);
    await page.evaluate(() => {
      // A plan with every string field (two indicators, one section), as a string.
      window.__plan = JSON.stringify(window.__plans.everyString('内存测试'));
      window.__cycle = async (n) => {
        const host = document.getElementById('a');
        for (let i = 0; i < n; i++) {
          const w = window.__mount(host, { data: window.__plan, lang: i % 2 ? 'en' : 'zh-CN' });
          await w.ready;
          w.destroy();
        }
      };
    });
    const measure = async () => {
      for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const wasm = await page.evaluate(() => window.__wasm.memory.buffer.byteLength);
      return { heap: usedSize, wasm };
    };
    // Warm-up: the JIT's code and feedback, caches, the wasm memory's high-water mark. (The heap
    // grows over the first few hundred cycles by a shrinking amount, then stays flat.)
    await page.evaluate(() => window.__cycle(500));
    const before = await measure();
    const t0 = Date.now();
    await page.evaluate(() => window.__cycle(1000));
    const ms = Date.now() - t0;
    const afterRun = await measure();
    const growth = (afterRun.heap - before.heap) / before.heap;
    console.log(
      `# 1,000 mount/destroy cycles in ${ms} ms: JS heap ${before.heap} -> ${afterRun.heap} bytes ` +
        `(${(growth * 100).toFixed(2)}%), wasm memory ${before.wasm} -> ${afterRun.wasm} bytes`,
    );
    assert.ok(growth < 0.05, `heap grew ${(growth * 100).toFixed(1)}%`);
    assert.equal(afterRun.wasm, before.wasm, 'wasm memory grew');
    const children = await page.evaluate(() => document.getElementById('a').shadowRoot.childNodes.length);
    assert.equal(children, 0, 'destroy() leaves an empty shadow root');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
