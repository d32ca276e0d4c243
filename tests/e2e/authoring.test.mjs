// End-to-end tests of the authoring page (www/authoring.html): a plan's text pasted in becomes
// indicator JSON, one actual is filled in, the file is downloaded, and that file passes
// `plan-widget check` and renders in the demo. Also: errors jump to their line, dropped files are
// read, and nothing goes to the network once the page has loaded.
// Run: bash scripts/build-web.sh && node --test --test-concurrency=1 tests/e2e/authoring.test.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The source plans live in ../shared/plans beside the repository (override: PLAN_SOURCES_DIR). */
const PLANS_DIR = process.env.PLAN_SOURCES_DIR || join(root, '..', 'shared', 'plans');
const PLAN_003 = join(PLANS_DIR, '003_88b1b634213b4df0.txt');

let server;
let base;
let browser;
let scratch;

before(async () => {
  assert.ok(existsSync(join(root, 'pkg/authoring/plan_widget_bg.wasm')), 'pkg/authoring/ is missing: run bash scripts/build-web.sh');
  ({ server, url: base } = await startServer(0));
  browser = await launchChromium();
  scratch = mkdtempSync(join(tmpdir(), 'plan-widget-authoring-'));
});

after(async () => {
  await browser?.close();
  server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** `plan-widget check FILE`: the built binary (as `cargo test` leaves it), else `cargo run`. */
function check(file) {
  const bin = process.env.PLAN_WIDGET_BIN || join(root, 'target/debug/plan-widget');
  const [cmd, args] = existsSync(bin) ? [bin, ['check', file]] : ['cargo', ['run', '-q', '--bin', 'plan-widget', '--', 'check', file]];
  try {
    return { code: 0, out: execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600000 }) };
  } catch (e) {
    return { code: e.status ?? -1, out: `${e.stdout || ''}${e.stderr || ''}` };
  }
}

/** A page that records console errors, page errors, CSP violations, widget events and requests. */
async function open(path, { width = 1280, height = 900, bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, bypassCSP });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ['plan-widget-ready', 'plan-widget-error']) {
      document.addEventListener(name, (ev) => {
        const d = ev.detail || {};
        window.__events.push({ name, target: ev.target.id, code: d.code, message: d.message, indicators: d.indicators });
      });
    }
    document.addEventListener('securitypolicyviolation', (ev) => {
      window.__events.push({ name: 'csp', directive: ev.violatedDirective });
    });
  });
  await page.goto(base + path);
  return { page, context, problems, requests, close: () => context.close() };
}

function events(page, name, target) {
  return page.evaluate(([n, t]) => window.__events.filter((e) => e.name === n && (!t || e.target === t)), [name, target]);
}

async function waitEvents(page, name, target, count) {
  await page.waitForFunction(
    ([n, t, c]) => window.__events.filter((e) => e.name === n && (!t || e.target === t)).length >= c,
    [name, target, count],
    { timeout: 20000 },
  );
}

async function openAuthoring(opts) {
  const o = await open('authoring.html', opts);
  await o.page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20000 });
  return o;
}

/**
 * Replaces the editor's text as an edit would (an `input` event). Not page.fill(): Chromium's
 * insertText takes tens of seconds for a 100 KB text here.
 */
function typeInEditor(page, text) {
  return page.evaluate((t) => {
    const e = document.getElementById('editor');
    e.value = t;
    e.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
  }, text);
}

/** The editor's text, parsed. */
async function editorJson(page) {
  return JSON.parse(await page.inputValue('#editor'));
}

/** Canvas facts inside a widget's shadow root. */
function canvasFacts(page, selector) {
  return page.evaluate((sel) => {
    // The picture's box, and its first tile canvas for the pixels.
    const c = document.querySelector(sel).shadowRoot.querySelector('.pw-canvas');
    const t = c.querySelector('canvas');
    const { data } = t.getContext('2d').getImageData(0, 0, t.width, t.height);
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 97) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    const m = document.querySelector(sel).shadowRoot.querySelector('.pw-message');
    return { hidden: c.hidden, height: c.getBoundingClientRect().height, colours: colours.size, message: m && !m.hidden ? m.textContent : '' };
  }, selector);
}

describe('authoring page', () => {
  test("plan 003's text → draft → one actual → download: the file passes check and renders in the demo", async () => {
    const text = readFileSync(PLAN_003, 'utf8');
    const { page, context, problems, requests, close } = await openAuthoring();
    // Everything the page needs has loaded; from here on it must work offline and ask for nothing.
    const loaded = requests.length;
    await context.setOffline(true);

    // Paste the plan's text, as a person would (clipboard, Ctrl+V).
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base.replace(/\/$/, '') });
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.focus('#source');
    await page.keyboard.press('Control+V');
    await page.waitForFunction(() => document.getElementById('editor').value.includes('"schemaVersion"'), null, { timeout: 20000 });
    assert.equal(await page.inputValue('#source'), text, 'the pasted text is in the source box');
    const drafted = await editorJson(page);
    assert.equal(drafted.schemaVersion, 1);
    assert.match(drafted.plan.title, /金凤区/);
    assert.ok(drafted.indicators.length >= 30, `${drafted.indicators.length} indicators drafted`);
    assert.match(await page.textContent('#draft-count'), new RegExp(`已从原文提取 ${drafted.indicators.length} 项指标`));
    assert.match(await page.textContent('#check-summary'), /校验通过/);
    assert.equal(await page.locator('#problems li').count(), 0);
    // The preview draws the draft.
    await waitEvents(page, 'plan-widget-ready', 'preview', 1);
    assert.equal((await events(page, 'plan-widget-ready', 'preview'))[0].indicators, drafted.indicators.length);
    // One table row per indicator.
    assert.equal(await page.locator('#actuals-body tr').count(), drafted.indicators.length);

    // Fill in one actual: the first counted (cumulative) indicator, for the first half-year.
    const target = drafted.indicators.find((i) => i.kind === 'cumulative');
    assert.ok(target, 'the draft has a cumulative indicator');
    const row = page.locator(`#actuals-body tr[data-id="${target.id}"]`);
    await row.locator('.period').fill('2024-H1');
    await row.locator('.value').fill('1200');
    await row.locator('.note').fill('测试录入');
    await row.locator('.apply').click();
    await waitEvents(page, 'plan-widget-ready', 'preview', 2);
    const edited = await editorJson(page);
    const ind = edited.indicators.find((i) => i.id === target.id);
    assert.deepEqual(ind.actuals, [{ period: '2024-H1', value: 1200, note: '测试录入' }]);
    assert.match(await row.locator('.existing').textContent(), /2024-H1：1200/);
    assert.match(await row.locator('.row-msg').textContent(), /已写入 2024-H1/);
    // Only that indicator changed.
    assert.deepEqual(
      edited.indicators.filter((i) => i.id !== target.id),
      drafted.indicators.filter((i) => i.id !== target.id),
    );
    // Another period shows its own (here: no) actual; back to 2024-H1 shows the value written.
    await row.locator('.period').fill('2024-H2');
    await row.locator('.period').dispatchEvent('change');
    assert.equal(await row.locator('.value').inputValue(), '');
    await row.locator('.period').fill('2024-H1');
    await row.locator('.period').dispatchEvent('change');
    assert.equal(await row.locator('.value').inputValue(), '1200');
    assert.equal(await row.locator('.note').inputValue(), '测试录入');
    // A bad period is refused with a message, and the JSON stays as it was.
    const before = await page.inputValue('#editor');
    await row.locator('.period').fill('2024-H3');
    await row.locator('.value').fill('5');
    await row.locator('.apply').click();
    assert.match(await row.locator('.row-msg').textContent(), /期间“2024-H3”无效/);
    assert.equal(await page.inputValue('#editor'), before);
    await row.locator('.period').fill('2024-H1');

    // The as-of date goes into plan.asOf.
    await page.fill('#as-of', '2024-06-30');
    await page.waitForFunction(() => document.getElementById('editor').value.includes('"asOf": "2024-06-30"'));
    await waitEvents(page, 'plan-widget-ready', 'preview', 3);
    assert.match(await page.textContent('#check-summary'), /校验通过/);

    // Download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-button')]);
    assert.equal(download.suggestedFilename(), `${drafted.plan.id}.json`);
    const file = join(scratch, download.suggestedFilename());
    await download.saveAs(file);
    const saved = readFileSync(file, 'utf8');
    assert.equal(saved, await page.inputValue('#editor'));
    assert.match(await page.textContent('#download-note'), /已下载/);

    // Nothing went to the network after the page had loaded; no console error, no CSP violation.
    assert.deepEqual(requests.slice(loaded).filter((u) => !u.startsWith('blob:')), []);
    assert.deepEqual(await events(page, 'csp'), []);
    assert.deepEqual(await events(page, 'plan-widget-error'), []);
    assert.deepEqual(problems, []);
    await close();

    // The command-line check accepts the file.
    const result = check(file);
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, new RegExp(`ok, ${drafted.indicators.length} indicators`));

    // And it renders in the demo portal's widget, with no error.
    const demo = await open('index.html');
    await waitEvents(demo.page, 'plan-widget-ready', 'widget', 1);
    const report = await demo.page.evaluate((t) => document.getElementById('widget').update(t), saved);
    assert.equal(report.valid, true);
    assert.equal(report.indicators, drafted.indicators.length);
    await waitEvents(demo.page, 'plan-widget-ready', 'widget', 2);
    await demo.page.waitForTimeout(50);
    const facts = await canvasFacts(demo.page, '#widget');
    assert.equal(facts.hidden, false);
    assert.ok(facts.height > 150, `height ${facts.height}`);
    assert.ok(facts.colours >= 4, `only ${facts.colours} colours`);
    assert.equal(facts.message, '');
    // The indicator with the actual shows it in the widget's words for screen readers.
    const words = await demo.page.evaluate(() => document.getElementById('widget').shadowRoot.textContent);
    assert.match(words, new RegExp(target.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.deepEqual(await events(demo.page, 'plan-widget-error'), []);
    assert.deepEqual(demo.problems, []);
    await demo.close();
  });

  test('every error is listed with its path and a click selects its line', async () => {
    const { page, problems, close } = await openAuthoring();
    // Drop a JSON file on the drop zone.
    const sample = readFileSync(join(root, 'www/data/001-yancheng-kfq.json'), 'utf8');
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], '001-yancheng-kfq.json', { type: 'application/json' }));
      const zone = document.getElementById('dropzone');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, sample);
    await page.waitForFunction((n) => document.getElementById('editor').value.length === n, sample.length);
    assert.equal(await page.inputValue('#editor'), sample, 'JSON is taken as it is, not redrafted');
    assert.equal(await page.inputValue('#filename'), '001-yancheng-kfq.json');
    await waitEvents(page, 'plan-widget-ready', 'preview', 1);
    assert.match(await page.textContent('#check-summary'), /校验通过/);

    // Two errors: a misspelt kind and a percentage out of range, on known lines.
    const lines = sample.split('\n');
    const kindLine = lines.findIndex((l) => l.includes('"kind": "level"'));
    const valueLine = lines.findIndex((l, i) => i > kindLine + 1 && /"value": \d/.test(l));
    assert.ok(kindLine > 0 && valueLine > kindLine);
    lines[kindLine] = lines[kindLine].replace('"level"', '"levle"');
    lines[valueLine] = lines[valueLine].replace(/"value": [\d.]+/, '"value": 250');
    await typeInEditor(page, lines.join('\n'));
    await page.waitForFunction(() => document.querySelectorAll('#problems li').length >= 1, null, { timeout: 5000 });
    const listed = await page.$$eval('#problems .problem', (bs) => bs.map((b) => ({ line: Number(b.dataset.line), path: b.querySelector('.path').textContent, text: b.textContent })));
    const kindProblem = listed.find((p) => /\.kind$/.test(p.path));
    assert.ok(kindProblem, JSON.stringify(listed));
    assert.equal(kindProblem.line, kindLine + 1);
    assert.match(kindProblem.text, /levle/);
    assert.match(await page.textContent('#check-summary'), /个错误/);
    // The gutter marks the line.
    assert.equal(await page.$$eval('#gutter .error', (s) => s.map((x) => x.textContent.trim())).then((a) => a.includes(String(kindLine + 1))), true);

    // A click selects the whole line in the editor and scrolls it into view.
    const index = listed.indexOf(kindProblem);
    await page.locator('#problems .problem').nth(index).click();
    const sel = await page.evaluate(() => {
      const e = document.getElementById('editor');
      return { focused: document.activeElement === e, text: e.value.slice(e.selectionStart, e.selectionEnd), before: e.value.slice(0, e.selectionStart), top: e.scrollTop, h: e.clientHeight };
    });
    assert.equal(sel.focused, true);
    assert.equal(sel.text, lines[kindLine]);
    assert.equal(sel.before.split('\n').length, kindLine + 1);
    const lineTop = kindLine * 20;
    assert.ok(lineTop >= sel.top && lineTop < sel.top + sel.h, `line at ${lineTop}px, view ${sel.top}–${sel.top + sel.h}`);

    // The rejected indicator is flagged in the table; the preview still shows the others.
    await waitEvents(page, 'plan-widget-ready', 'preview', 2);
    assert.ok((await page.locator('#actuals-body tr.rejected').count()) >= 1);

    // A syntax error: one located problem, the preview keeps its last content, the table is locked.
    await typeInEditor(page, sample.replace('"schemaVersion": 1,', '"schemaVersion": 1,,'));
    await page.waitForFunction(() => /暂不可用/.test(document.getElementById('check-summary').textContent));
    const syntax = await page.$$eval('#problems .problem', (bs) => bs.map((b) => Number(b.dataset.line)));
    assert.deepEqual(syntax, [sample.split('\n').findIndex((l) => l.includes('"schemaVersion"')) + 1]);
    assert.match(await page.textContent('#preview-note'), /上一次可用/);
    assert.equal(await page.locator('#actuals-body .apply').first().isDisabled(), true);

    // 整理格式 refuses broken JSON and formats good JSON in the format's key order.
    await typeInEditor(page, JSON.stringify(JSON.parse(sample)));
    await page.click('#format-button');
    const formatted = await page.inputValue('#editor');
    assert.deepEqual(JSON.parse(formatted), JSON.parse(sample));
    assert.ok(formatted.indexOf('"schemaVersion"') < formatted.indexOf('"plan"') && formatted.indexOf('"plan"') < formatted.indexOf('"indicators"'));
    assert.match(await page.textContent('#check-summary'), /校验通过/);

    assert.deepEqual(await events(page, 'csp'), []);
    assert.deepEqual(problems, []);
    await close();
  });

  test('a dropped plan text is drafted; task states are written; the page fits a phone', async () => {
    const { page, problems, close } = await openAuthoring({ width: 390, height: 800 });
    const text = readFileSync(join(PLANS_DIR, '004_0f4f822543ad2130.txt'), 'utf8');
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'plan.txt', { type: 'text/plain' }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, text);
    await page.waitForFunction(() => document.getElementById('editor').value.includes('"schemaVersion"'), null, { timeout: 20000 });
    const drafted = await editorJson(page);
    const task = drafted.indicators.find((i) => i.kind === 'task');
    assert.ok(task);
    const row = page.locator(`#actuals-body tr[data-id="${task.id}"]`);
    await row.locator('.period').fill(`${drafted.plan.start}-H1`);
    await row.locator('.state').selectOption('inProgress');
    await row.locator('.value').fill('40');
    await row.locator('.apply').click();
    await page.waitForFunction((id) => /推进中/.test(document.querySelector(`#actuals-body tr[data-id="${id}"] .existing`).textContent), task.id);
    const edited = (await editorJson(page)).indicators.find((i) => i.id === task.id);
    assert.deepEqual(edited.actuals, [{ period: `${drafted.plan.start}-H1`, value: 40, state: 'inProgress' }]);
    // Applying with neither value nor state removes it again.
    await row.locator('.state').selectOption('');
    await row.locator('.value').fill('');
    await row.locator('.apply').click();
    assert.equal((await editorJson(page)).indicators.find((i) => i.id === task.id).actuals, undefined);
    // Nothing is wider than the phone's screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    assert.deepEqual(problems, []);
    await close();
  });

  test('axe-core finds no violations on the authoring page', async () => {
    for (const width of [1280, 390]) {
      // bypassCSP only so that the audit script itself may be injected.
      const { page, close } = await openAuthoring({ width, bypassCSP: true });
      await page.addScriptTag({ path: AXE_PATH });
      const audit = async (what) => {
        const violations = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
        });
        assert.deepEqual(violations, [], `${width}px ${what}: ${JSON.stringify(violations, null, 1)}`);
      };
      await audit('empty');
      await page.fill('#source', readFileSync(PLAN_003, 'utf8'));
      await page.click('#draft-button');
      await waitEvents(page, 'plan-widget-ready', 'preview', 1);
      await audit('with a draft');
      const text = await page.inputValue('#editor');
      await typeInEditor(page, text.replace('"kind": "task"', '"kind": "tsak"'));
      await page.waitForFunction(() => document.querySelectorAll('#problems li').length > 0);
      await audit('with an error listed');
      await close();
    }
  });
});
