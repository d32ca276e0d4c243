// End-to-end accessibility, interaction and export tests: keyboard, touch, hover, the canvas's
// fallback content, filters, CSV, printing, font size and colour preferences, greyscale, the
// no-wasm fallback and an axe-core audit of the demo pages. Run: node --test tests/e2e/
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './pack.mjs';
import { openPage, serveAndLaunch } from './setup.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

// The no-wasm page as a portal publishes it: the committed page (www/e2e/no-wasm.html) with the
// output of `plan-widget render --format html` pasted between its fallback markers, written to
// target/e2e/ and served in its place (so under its CSP, and its relative links still resolve).
const NO_WASM_PAGE = join(ROOT, 'target', 'e2e', 'no-wasm.html');
const env = serveAndLaunch({ mounts: [['/e2e/no-wasm.html', NO_WASM_PAGE]] });

/** Writes NO_WASM_PAGE: the template with the CLI's fallback (the CLI built by cargo if stale). */
async function publishNoWasmPage() {
  const template = await readFile(join(ROOT, 'www', 'e2e', 'no-wasm.html'), 'utf8');
  const args = ['render', 'www/data/003-jinfeng-2024.json', '--format', 'html', '--width', '700', '--out', '-'];
  const { stdout } = await promisify(execFile)('cargo', ['run', '--quiet', '--locked', '--bin', 'plan-widget', '--', ...args], {
    cwd: ROOT,
    maxBuffer: 64 << 20,
  });
  const page = template.replace(/(<!-- fallback: .*-->\n)[^]*?(<!-- end of fallback -->)/, (_, begin, end) => begin + stdout + end);
  assert.notEqual(page, template, 'www/e2e/no-wasm.html has its fallback markers');
  await mkdir(join(ROOT, 'target', 'e2e'), { recursive: true });
  await writeFile(NO_WASM_PAGE, page);
}

/** A page that records console errors, page errors, CSP violations and the widget's events. */
function open(path, contextOptions = {}) {
  return openPage(env, path, {
    context: contextOptions,
    events: ['plan-widget-ready', 'plan-widget-error', 'plan-widget-select', 'plan-widget-view', 'plan-widget-filter', 'plan-widget-download'],
  });
}

async function waitEvent(page, name, count = 1) {
  await page.waitForFunction(([n, c]) => window.__events.filter((e) => e.name === n).length >= c, [name, count], { timeout: 20000 });
  return page.evaluate((n) => window.__events.filter((e) => e.name === n), name);
}

/** The widget's state as the page sees it. */
function state(page, sel = '#widget') {
  return page.evaluate((s) => {
    const w = document.querySelector(s);
    const root = w.shadowRoot;
    const tip = root.querySelector('[role="tooltip"]');
    // The picture's box (focusable, labelled) and its first tile canvas (the backing store).
    const canvas = root.querySelector('.pw-canvas');
    const tile = root.querySelector('canvas');
    return {
      options: w.currentOptions(),
      hits: w.hits(),
      focused: document.activeElement === w && root.activeElement === canvas,
      tip: tip.hidden ? null : { text: tip.textContent, rect: tip.getBoundingClientRect().toJSON() },
      live: root.querySelector('[aria-live]').textContent,
      rows: [...root.querySelectorAll('.pw-a11y table tbody tr')].map((tr) => ({
        id: tr.dataset.id,
        status: tr.dataset.status,
        cells: [...tr.children].map((c) => c.textContent),
      })),
      sentences: [...root.querySelectorAll('.pw-a11y li[data-id]')].map((li) => li.textContent),
      heading: root.querySelector('.pw-a11y h2')?.textContent,
      canvas: { width: tile.width, height: tile.height, css: canvas.getBoundingClientRect().toJSON(), hidden: canvas.hidden },
    };
  }, sel);
}

async function planJson(page, url) {
  return page.evaluate(async (u) => (await fetch(u)).json(), url);
}

/** The indicator ids in dashboard order (by section, then file order). */
function dashboardOrder(plan) {
  return plan.sections.flatMap((s) => plan.indicators.filter((i) => i.section === s.id).map((i) => i.id));
}

describe('accessibility and interaction', () => {
  test('keyboard: one tab stop, arrows in reading order with a ring and tooltip, Enter opens, Escape goes back', async () => {
    const { page, problems, close } = await open('e2e/a11y.html');
    await waitEvent(page, 'plan-widget-ready');
    await page.focus('#before');
    const pixelsBefore = await page.evaluate(() => document.getElementById('widget').shadowRoot.querySelector('canvas').toDataURL());
    await page.keyboard.press('Tab');
    let s = await state(page);
    assert.ok(s.focused, 'Tab lands on the widget');
    assert.equal(s.options.focus, s.hits[0].key, 'the first item in reading order has the focus');
    assert.ok(s.hits[0].key.startsWith('status:'), 'the summary bar comes first');
    assert.ok(s.tip, 'keyboard focus shows the tooltip');
    const pixelsAfter = await page.evaluate(() => document.getElementById('widget').shadowRoot.querySelector('canvas').toDataURL());
    assert.notEqual(pixelsAfter, pixelsBefore, 'the focus ring is drawn on the canvas');

    // Arrows walk the hits in reading order.
    const firstIndicator = s.hits.findIndex((h) => h.type === 'indicator');
    for (let i = 1; i <= firstIndicator; i++) {
      await page.keyboard.press('ArrowRight');
      s = await state(page);
      assert.equal(s.options.focus, s.hits[i].key);
    }
    const target = s.hits[firstIndicator];
    assert.equal(target.type, 'indicator');
    const plan = await planJson(page, '../data/001-yancheng-kfq.json');
    const ind = plan.indicators.find((i) => i.id === target.value);
    assert.ok(s.tip.text.includes(ind.name), 'the tooltip names the indicator');
    assert.ok(s.tip.text.includes(ind.quote), 'the tooltip quotes the plan');
    assert.match(s.tip.text, /最新值|目标|状态/);
    assert.ok(s.live.includes(ind.name), `the live region announces the indicator: ${s.live}`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    assert.equal((await state(page)).options.focus, target.key);

    // Enter opens the indicator view and fires plan-widget-select; Escape comes back to it.
    await page.keyboard.press('Enter');
    const [select] = await waitEvent(page, 'plan-widget-select');
    assert.equal(select.id, target.value);
    s = await state(page);
    assert.equal(s.options.view, 'indicator');
    assert.equal(s.options.indicator, target.value);
    assert.ok(s.options.canGoBack);
    assert.equal(s.sentences.length, 1);
    assert.ok(s.heading.startsWith(ind.name));
    await page.keyboard.press('Escape');
    s = await state(page);
    assert.equal(s.options.view, 'dashboard');
    assert.equal(s.options.focus, target.key, 'focus returns to the indicator that was opened');
    assert.equal(s.sentences.length, plan.indicators.length);
    const views = await waitEvent(page, 'plan-widget-view', 2);
    assert.deepEqual(views.map((v) => v.view), ['indicator', 'dashboard']);

    // One tab stop: the next Tab leaves the canvas (for the download button, then the page).
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.getElementById('widget').shadowRoot.activeElement?.getAttribute('part'));
    assert.equal(next, 'download-csv');
    s = await state(page);
    assert.equal(s.options.focus, null, 'leaving removes the ring');
    assert.equal(s.tip, null);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'after');
    // Back in, the focus returns to where it was.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    s = await state(page);
    assert.ok(s.focused);
    assert.equal(s.options.focus, target.key);
    assert.deepEqual(problems, []);
    await close();
  });

  test('a tap shows the tooltip, a tap elsewhere hides it, a second tap opens', async () => {
    const { page, problems, close } = await open('e2e/a11y.html', { hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 }, deviceScaleFactor: 2 });
    await waitEvent(page, 'plan-widget-ready');
    await page.waitForTimeout(50);
    let s = await state(page);
    const card = s.hits.find((h) => h.type === 'indicator');
    const canvasBox = s.canvas.css;
    const tapAt = { x: canvasBox.x + card.x + card.w / 2, y: canvasBox.y + card.y + Math.min(20, card.h / 2) };
    await page.evaluate((y) => window.scrollTo(0, y - 200), tapAt.y + (await page.evaluate(() => window.scrollY)));
    s = await state(page);
    const y = s.canvas.css.y + card.y + Math.min(20, card.h / 2);
    await page.touchscreen.tap(tapAt.x, y);
    s = await state(page);
    assert.ok(s.tip, 'the tap shows the tooltip');
    assert.equal(s.options.view, 'dashboard', 'the first tap does not open');
    const vw = 390;
    assert.ok(s.tip.rect.left >= 0 && s.tip.rect.right <= vw, `tooltip inside the viewport: ${JSON.stringify(s.tip.rect)}`);
    assert.ok(s.tip.rect.top >= 0 && s.tip.rect.bottom <= 800, `tooltip inside the viewport: ${JSON.stringify(s.tip.rect)}`);
    // Tap elsewhere (outside the widget) hides it.
    const outside = await page.evaluate(() => document.querySelector('h1').getBoundingClientRect().toJSON());
    if (outside.bottom > 0) await page.touchscreen.tap(outside.x + 10, outside.y + 10);
    else await page.touchscreen.tap(5, 5);
    s = await state(page);
    assert.equal(s.tip, null, 'a tap elsewhere hides the tooltip');
    // Tap, then tap the same card again: it opens.
    await page.touchscreen.tap(tapAt.x, y);
    assert.ok((await state(page)).tip);
    await page.touchscreen.tap(tapAt.x, y);
    s = await state(page);
    assert.equal(s.options.view, 'indicator');
    assert.equal(s.options.indicator, card.value);
    assert.deepEqual(problems, []);
    await close();
  });

  test('hovering shows the tooltip next to the pointer, inside the viewport; scrolling hides it', async () => {
    const { page, close } = await open('e2e/a11y.html', { viewport: { width: 760, height: 600 } });
    await waitEvent(page, 'plan-widget-ready');
    await page.waitForTimeout(50);
    let s = await state(page);
    // The rightmost card of the first row: the tooltip must not overflow the right edge.
    const cards = s.hits.filter((h) => h.type === 'indicator');
    const right = cards.reduce((a, b) => (b.x > a.x && b.y === cards[0].y ? b : a), cards[0]);
    await page.evaluate((top) => window.scrollTo(0, top), s.canvas.css.y + right.y - 100 + (await page.evaluate(() => window.scrollY)));
    s = await state(page);
    const x = s.canvas.css.x + right.x + right.w - 4;
    const y = s.canvas.css.y + right.y + 10;
    await page.mouse.move(x, y);
    s = await state(page);
    assert.ok(s.tip, 'hover shows the tooltip');
    assert.ok(s.tip.rect.right <= 760 && s.tip.rect.left >= 0, JSON.stringify(s.tip.rect));
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(100);
    assert.equal((await state(page)).tip, null, 'scrolling hides a hover tooltip');
    await close();
  });

  test('the fallback table and sentences equal the plan’s indicators and values, in sync with every redraw', async () => {
    const { page, close } = await open('e2e/a11y.html');
    await waitEvent(page, 'plan-widget-ready');
    const plan = await planJson(page, '../data/001-yancheng-kfq.json');
    let s = await state(page);
    assert.deepEqual(s.rows.map((r) => r.id), dashboardOrder(plan));
    assert.equal(s.sentences.length, plan.indicators.length);
    assert.equal(s.heading, plan.plan.title);
    const asOf = plan.plan.asOf;
    const periodStart = (p) => (/^\d{4}$/.test(p) ? `${p}-01-01` : /H2/.test(p) ? `${p.slice(0, 4)}-07-01` : /H1/.test(p) ? `${p.slice(0, 4)}-01-01` : /Q(\d)/.test(p) ? `${p.slice(0, 4)}-${String((Number(p.slice(-1)) - 1) * 3 + 1).padStart(2, '0')}-01` : p);
    let checked = 0;
    for (const ind of plan.indicators) {
      const row = s.rows.find((r) => r.id === ind.id);
      assert.equal(row.cells[0], ind.name);
      if (ind.kind !== 'level' || ind.unit !== '%' || !ind.actuals?.length) continue;
      const latest = ind.actuals.filter((a) => periodStart(a.period) <= asOf).at(-1);
      assert.equal(row.cells[3], `${latest.value}%`, `${ind.id}`);
      checked++;
    }
    assert.ok(checked >= 10, `checked ${checked} values`);
    // A real <table> with headers, and the canvas is a labelled application.
    const structure = await page.evaluate(() => {
      const root = document.getElementById('widget').shadowRoot;
      const c = root.querySelector('.pw-canvas');
      return {
        th: root.querySelectorAll('.pw-a11y thead th[scope="col"]').length,
        rowHeaders: root.querySelectorAll('.pw-a11y tbody th[scope="row"]').length,
        caption: root.querySelector('.pw-a11y caption').textContent,
        role: c.getAttribute('role'),
        label: c.getAttribute('aria-label'),
        tabIndex: c.tabIndex,
      };
    });
    assert.equal(structure.th, 10);
    assert.equal(structure.rowHeaders, plan.indicators.length);
    assert.equal(structure.role, 'application');
    assert.ok(structure.label.startsWith(plan.plan.title));
    assert.equal(structure.tabIndex, 0);

    // Attributes filter; the table follows.
    await page.evaluate(() => document.getElementById('widget').setAttribute('filter-status', 'atRisk offTrack'));
    s = await state(page);
    assert.deepEqual(s.options.filter.statuses, ['atRisk', 'offTrack']);
    assert.equal(s.rows.length, 14);
    assert.ok(s.rows.every((r) => r.status === 'atRisk' || r.status === 'offTrack'));
    assert.match(s.live, /显示 14 项/);
    await page.evaluate(() => document.getElementById('widget').removeAttribute('filter-status'));
    await page.evaluate(() => document.getElementById('widget').setAttribute('filter-section', 'goals'));
    s = await state(page);
    assert.equal(s.rows.length, plan.indicators.filter((i) => i.section === 'goals').length);
    await page.evaluate(() => document.getElementById('widget').removeAttribute('filter-section'));
    // The API filters too, by responsible unit (plan 003 names units).
    await page.evaluate(() => document.getElementById('widget').setAttribute('src', '../data/003-jinfeng-2024.json'));
    await waitEvent(page, 'plan-widget-ready', 2);
    const plan3 = await planJson(page, '../data/003-jinfeng-2024.json');
    const unit = plan3.indicators.find((x) => x.units?.length).units[0];
    await page.evaluate((u) => document.getElementById('widget').setOptions({ filter: { units: [u] } }), unit);
    s = await state(page);
    assert.ok(s.rows.length > 0 && s.rows.length < plan3.indicators.length, `${s.rows.length}`);
    assert.ok(s.rows.every((r) => r.cells[8].includes(unit)));
    await page.evaluate(() => document.getElementById('widget').setOptions({ filter: {} }));
    await page.evaluate(() => document.getElementById('widget').setAttribute('src', '../data/001-yancheng-kfq.json'));
    await waitEvent(page, 'plan-widget-ready', 3);

    // English sentences when lang="en".
    await page.evaluate(() => document.getElementById('widget').setAttribute('lang', 'en'));
    s = await state(page);
    assert.equal(s.rows.length, plan.indicators.length);
    assert.ok(s.sentences.every((t) => t.startsWith('As of ')), s.sentences[0]);
    assert.equal(await page.evaluate(() => document.getElementById('widget').shadowRoot.querySelector('.pw-a11y').lang), 'en');
    await close();
  });

  test('the summary bar’s segments toggle a status filter by click and by Enter', async () => {
    const { page, problems, close } = await open('e2e/a11y.html');
    await waitEvent(page, 'plan-widget-ready');
    await page.waitForTimeout(50);
    let s = await state(page);
    const seg = s.hits.find((h) => h.key === 'status:missed');
    await page.mouse.click(s.canvas.css.x + seg.x + seg.w / 2, s.canvas.css.y + seg.y + seg.h / 2);
    s = await state(page);
    assert.deepEqual(s.options.filter.statuses, ['missed']);
    assert.equal(s.rows.length, 2);
    assert.ok(s.hits.some((h) => h.key === 'status:missed'), 'the segment stays, so it can be undone');
    const [ev] = await waitEvent(page, 'plan-widget-filter');
    assert.deepEqual(ev.filter.statuses, ['missed']);
    await page.mouse.click(s.canvas.css.x + seg.x + seg.w / 2, s.canvas.css.y + seg.y + seg.h / 2);
    s = await state(page);
    assert.deepEqual(s.options.filter.statuses, []);
    assert.equal(s.rows.length, 69);
    // By keyboard: Tab in (the first segment), Enter toggles it.
    await page.focus('#before');
    await page.keyboard.press('Tab');
    s = await state(page);
    const first = s.options.focus.slice('status:'.length);
    await page.keyboard.press('Enter');
    s = await state(page);
    assert.deepEqual(s.options.filter.statuses, [first]);
    assert.ok(s.rows.every((r) => r.status === first));
    assert.equal(s.options.focus, `status:${first}`);
    await page.keyboard.press('Enter');
    assert.deepEqual((await state(page)).options.filter.statuses, []);
    assert.deepEqual(problems, []);
    await close();
  });

  test('the sections view’s rows open the dashboard filtered to that section; Escape returns', async () => {
    const { page, close } = await open('e2e/a11y.html');
    await waitEvent(page, 'plan-widget-ready');
    await page.evaluate(() => document.getElementById('widget').setAttribute('view', 'sections'));
    let s = await state(page);
    const section = s.hits.find((h) => h.type === 'section');
    await page.mouse.click(s.canvas.css.x + section.x + 20, s.canvas.css.y + section.y + section.h / 2);
    s = await state(page);
    assert.equal(s.options.view, 'dashboard');
    assert.deepEqual(s.options.filter.sections, [section.value]);
    await page.focus('#before');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    s = await state(page);
    assert.equal(s.options.view, 'sections');
    assert.deepEqual(s.options.filter.sections, []);
    await close();
  });

  test('download data: toCSV() and the button give one row per indicator', async () => {
    const { page, problems, close } = await open('e2e/a11y.html');
    await waitEvent(page, 'plan-widget-ready');
    const csv = await page.evaluate(() => document.getElementById('widget').toCSV());
    const lines = csv.trim().split('\r\n');
    assert.equal(lines.length, 70);
    assert.match(lines[0], /^编号,章节编号,章节,指标,/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.evaluate(() => document.getElementById('widget').shadowRoot.querySelector('[part="download-csv"]').click()),
    ]);
    assert.equal(download.suggestedFilename(), 'yancheng-kfq-2024-2026.csv');
    const body = await readFile(await download.path(), 'utf8');
    assert.equal(body.charCodeAt(0), 0xfeff, 'a BOM so that spreadsheets read UTF-8');
    assert.equal(body.slice(1), csv);
    const label = await page.evaluate(() => document.getElementById('widget').shadowRoot.querySelector('[part="download-csv"]').textContent);
    assert.equal(label, '下载数据（CSV）');
    // toPNG still works (with the focus ring left out).
    const png = await page.evaluate(async () => {
      const b = await document.getElementById('widget').toPNG();
      return { type: b.type, size: b.size };
    });
    assert.equal(png.type, 'image/png');
    assert.ok(png.size > 10000);
    assert.deepEqual(problems, []);
    await close();
  });

  test('printing re-renders the canvas at print resolution, then back', async () => {
    const { page, close } = await open('e2e/a11y.html');
    await waitEvent(page, 'plan-widget-ready');
    await page.waitForTimeout(50);
    let s = await state(page);
    assert.equal(s.canvas.width, Math.round(s.canvas.css.width));
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction(() => {
      const c = document.getElementById('widget').shadowRoot.querySelector('canvas');
      return c.width >= c.getBoundingClientRect().width * 2.5;
    });
    s = await state(page);
    assert.ok(s.canvas.width >= Math.round(s.canvas.css.width * 2.5), `print width ${s.canvas.width}`);
    await page.emulateMedia({ media: 'screen' });
    await page.waitForFunction(() => {
      const c = document.getElementById('widget').shadowRoot.querySelector('canvas');
      return c.width === Math.round(c.getBoundingClientRect().width);
    });
    // beforeprint/afterprint do the same.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    s = await state(page);
    assert.ok(s.canvas.width >= Math.round(s.canvas.css.width * 2.5));
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    s = await state(page);
    assert.equal(s.canvas.width, Math.round(s.canvas.css.width));
    await close();
  });

  test('elderly readers: page font size, large-text, colour scheme, forced colours, reduced motion', async () => {
    const { page, close } = await open('e2e/a11y.html');
    await waitEvent(page, 'plan-widget-ready');
    await page.waitForTimeout(50);
    let s = await state(page);
    assert.equal(s.options.fontScale, 1);
    assert.equal(s.options.theme, 'light');
    const h1 = s.canvas.css.height;
    // The page's font size (e.g. a reader's larger default font): 20px → fontScale 1.25.
    await page.evaluate(() => (document.getElementById('box').style.fontSize = '20px'));
    await page.waitForFunction(() => document.getElementById('widget').currentOptions().fontScale === 1.25);
    await page.waitForFunction((h) => document.getElementById('widget').shadowRoot.querySelector('.pw-canvas').getBoundingClientRect().height > h, h1);
    // large-text multiplies by 1.25.
    await page.evaluate(() => document.getElementById('widget').setAttribute('large-text', ''));
    s = await state(page);
    assert.equal(s.options.fontScale, 1.563);
    assert.equal(s.options.largeText, true);
    // An explicit font-scale wins over the page's size.
    await page.evaluate(() => document.getElementById('widget').setAttribute('font-scale', '1'));
    assert.equal((await state(page)).options.fontScale, 1.25);
    await page.evaluate(() => {
      const w = document.getElementById('widget');
      w.removeAttribute('font-scale');
      w.removeAttribute('large-text');
      document.getElementById('box').style.fontSize = '';
    });

    const bg = () => page.evaluate(() => [...document.getElementById('widget').shadowRoot.querySelector('canvas').getContext('2d').getImageData(2, 2, 1, 1).data].slice(0, 3));
    assert.deepEqual(await bg(), [255, 255, 255]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.getElementById('widget').currentOptions().theme === 'dark');
    assert.deepEqual(await bg(), [0x0d, 0x11, 0x17]);
    // A theme attribute wins over the colour scheme.
    await page.evaluate(() => document.getElementById('widget').setAttribute('theme', 'light'));
    assert.equal((await state(page)).options.theme, 'light');
    await page.evaluate(() => document.getElementById('widget').removeAttribute('theme'));
    assert.equal((await state(page)).options.theme, 'dark');
    // Forced colours take the system's colours (whatever the theme).
    await page.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
    await page.waitForFunction(() => document.getElementById('widget').currentOptions().theme === 'forced');
    const system = await page.evaluate(() => {
      const d = document.createElement('div');
      d.style.backgroundColor = 'Canvas';
      document.body.append(d);
      const c = getComputedStyle(d).backgroundColor;
      d.remove();
      return c.match(/\d+/g).slice(0, 3).map(Number);
    });
    assert.deepEqual(await bg(), system);
    await page.emulateMedia({ forcedColors: 'none' });
    await page.waitForFunction(() => document.getElementById('widget').currentOptions().theme === 'light');
    // Reduced motion: the tooltip does not fade.
    const fade = async () => page.evaluate(() => getComputedStyle(document.getElementById('widget').shadowRoot.querySelector('[role="tooltip"]')).transitionDuration);
    assert.notEqual(await fade(), '0s');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    assert.equal(await fade(), '0s');
    await close();
  });

  test('greyscale: every status label sits next to an icon, and the seven icons differ in shape', async () => {
    for (const theme of ['light', 'dark', 'contrast']) {
      const { page, problems, close } = await open(`e2e/greyscale.html?theme=${theme}`);
      await page.waitForFunction(() => window.__greyscale, null, { timeout: 20000 });
      const g = await page.evaluate(() => window.__greyscale);
      assert.equal(g.error, undefined, g.error);
      assert.deepEqual(Object.keys(g.labels).sort(), ['achieved', 'missed', 'noData', 'notDue', 'offTrack', 'onTrack', 'atRisk'].sort());
      for (const [status, ink] of Object.entries(g.ink)) assert.ok(ink > 60, `${theme} ${status}: icon barely visible (${ink})`);
      assert.equal(g.pairs.length, 21);
      for (const p of g.pairs) assert.ok(p.differ > 0.12, `${theme}: ${p.a} and ${p.b} look alike in greyscale (${(p.differ * 100).toFixed(0)}%)`);
      assert.deepEqual(problems, []);
      await close();
    }
  });

  test('a page whose CSP forbids WebAssembly shows the pasted fallback, with no error beyond the refusal', async () => {
    await publishNoWasmPage();
    const { page, problems, close } = await open('e2e/no-wasm.html');
    const [err] = await waitEvent(page, 'plan-widget-error');
    assert.equal(err.code, 'wasm.unavailable');
    await page.waitForTimeout(100);
    const facts = await page.evaluate(() => {
      const w = document.getElementById('widget');
      const root = w.shadowRoot;
      const table = w.querySelector('table');
      const svg = w.querySelector('svg');
      return {
        slotHidden: root.querySelector('slot').hidden,
        canvasHidden: root.querySelector('.pw-canvas').hidden,
        messageHidden: root.querySelector('.pw-message').hidden,
        loadingHidden: root.querySelector('.pw-loading').hidden,
        tableVisible: table.checkVisibility(),
        tableHeight: table.getBoundingClientRect().height,
        svgWidth: svg.getBoundingClientRect().width,
        rows: w.querySelectorAll('tbody tr').length,
        sentences: w.querySelectorAll('li[data-id]').length,
      };
    });
    assert.deepEqual(
      { ...facts, tableHeight: facts.tableHeight > 100, svgWidth: facts.svgWidth > 600 },
      { slotHidden: false, canvasHidden: true, messageHidden: true, loadingHidden: true, tableVisible: true, tableHeight: true, svgWidth: true, rows: 44, sentences: 44 },
    );
    const csp = await page.evaluate(() => window.__events.filter((e) => e.name === 'csp'));
    assert.ok(csp.length >= 1 && csp.every((e) => e.directive.startsWith('script-src')), JSON.stringify(csp));
    const others = problems.filter((p) => !/WebAssembly|wasm-unsafe-eval|Content Security Policy/i.test(p));
    assert.deepEqual(others, []);
    await close();
  });

  test('axe-core finds no violations on the demo pages', async () => {
    for (const path of ['index.html', 'strict-csp.html', 'e2e/a11y.html', 'embed.html?src=data/003-jinfeng-2024.json']) {
      // bypassCSP only so that the audit script itself may be injected.
      const { page, close } = await open(path, { bypassCSP: true });
      await waitEvent(page, 'plan-widget-ready');
      await page.waitForTimeout(100);
      await page.addScriptTag({ path: AXE_PATH });
      const audit = async (what) => {
        const violations = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
        });
        assert.deepEqual(violations, [], `${path} ${what}: ${JSON.stringify(violations, null, 1)}`);
      };
      await audit('as loaded');
      // With the keyboard focus and its tooltip showing.
      await page.evaluate(() => document.querySelector('plan-widget').shadowRoot.querySelector('.pw-canvas').focus({ focusVisible: true }));
      await page.keyboard.press('ArrowRight');
      await audit('with the tooltip');
      await close();
    }
  });
});
