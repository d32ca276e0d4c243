// Real plans as they are written (issue 15), in the browser: a level without baseline renders
// and says 原文未给基期值 where the baseline would be; a repeated key is reported at its second
// occurrence and leaves its indicator out. Screenshots at 390 px (DPR 3) and 1280 px (DPR 1)
// are written to $SCREENSHOT_DIR when it is set. Run: node --test tests/e2e/real-plans.test.mjs
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveAndLaunch, openPage } from './setup.mjs';

const env = serveAndLaunch();
const fixture = await readFile(new URL('../fixtures/no-baseline.json', import.meta.url), 'utf8');
const shots = process.env.SCREENSHOT_DIR;

async function mounted(context, options) {
  const { page, problems, close } = await openPage(env, 'e2e/mount.html', { context });
  await page.waitForFunction(() => window.__mountReady);
  const out = await page.evaluate(async (opts) => {
    const host = document.getElementById('host');
    // The page's width, as a portal gives it (the test page's box is 700 px otherwise).
    host.style.width = `${window.innerWidth - 18}px`;
    const w = window.__mount(host, opts);
    const report = await w.ready;
    const root = host.shadowRoot;
    const tips = await window.__hoverEveryHit(w, root);
    return { text: root.textContent, tips, diagnostics: report.diagnostics, rejected: report.rejected, indicators: report.indicators };
  }, options);
  return { page, problems, close, out };
}

describe('real plans', () => {
  for (const [label, context] of [
    ['390', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 }],
    ['1280', { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 }],
  ]) {
    test(`a level without baseline renders and says 原文未给基期值 (${label} px)`, async () => {
      for (const [view, indicator] of [['indicator', 'gross-enrolment'], ['indicator', 'inclusive-coverage'], ['dashboard', undefined]]) {
        const { page, problems, close, out } = await mounted(context, { data: fixture, view, indicator });
        assert.deepEqual(out.diagnostics, [], 'check accepts it');
        assert.equal(out.indicators, 4);
        assert.ok(out.text.includes('原文未给基期值'), `${view}: the fallback text says so`);
        if (view === 'dashboard') {
          // The cards' tooltips (the detail view has no hover regions).
          assert.ok(out.tips.some((t) => t.includes('原文未给基期值')), `a tooltip says so: ${JSON.stringify(out.tips)}`);
        }
        if (shots) await page.screenshot({ path: `${shots}/no-baseline-${view}${indicator ? '-' + indicator : ''}-${label}.png`, fullPage: true });
        assert.deepEqual(problems, []);
        await close();
      }
    });
  }

  test('a repeated key is an error at its second occurrence; the indicator is left out', async () => {
    const data = fixture.replace('"quote": "普惠覆盖率94%"', '"quote": "普惠覆盖率94%",\n      "quote": "另一句"');
    const { problems, close, out } = await mounted({}, { data, lang: 'en' });
    const dup = out.diagnostics.find((d) => d.code === 'key.duplicate');
    assert.ok(dup, JSON.stringify(out.diagnostics));
    assert.equal(dup.path, 'indicators[1].quote');
    const line = data.split('\n').findIndex((l) => l.includes('"quote": "另一句"')) + 1;
    assert.equal(dup.line, line);
    assert.equal(dup.column, 7);
    assert.equal(out.indicators, 3);
    assert.equal(out.rejected.length, 1);
    assert.deepEqual(problems, []);
    await close();
  });
});
