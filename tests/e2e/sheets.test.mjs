// End-to-end tests of the authoring page's fill-in spreadsheets (www/authoring.html, step 3):
// 下载填报表 offers an xlsx that `plan-widget actuals import` reads back unchanged; a sheet with
// mistakes lists each one against its cell and writes nothing; a dropped GBK CSV is merged.
// Run: bash scripts/build-web.sh && node --test tests/e2e/sheets.test.mjs
// SCREENSHOTS=DIR also saves the page at 390 px (DPR 3) and 1280 px into DIR.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage, serveAndLaunch } from './setup.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FIXTURES = join(root, 'tests/fixtures/sheets');
const PLAN = readFileSync(join(FIXTURES, 'plan.json'), 'utf8');
const env = serveAndLaunch();

/** `plan-widget ARGS…`: the built binary (as `cargo test` leaves it), else `cargo run`. */
function cli(args) {
  const bin = process.env.PLAN_WIDGET_BIN || join(root, 'target/debug/plan-widget');
  const [cmd, all] = existsSync(bin) ? [bin, args] : ['cargo', ['run', '-q', '--bin', 'plan-widget', '--', ...args]];
  try {
    return { code: 0, out: execFileSync(cmd, all, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600000 }) };
  } catch (e) {
    return { code: e.status ?? -1, out: `${e.stdout || ''}${e.stderr || ''}` };
  }
}

async function openWithPlan(context) {
  const o = await openPage(env, 'authoring.html', { context: { acceptDownloads: true, ...context } });
  await o.page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 20000 });
  await o.page.evaluate((t) => {
    const e = document.getElementById('editor');
    e.value = t;
    e.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
  }, PLAN);
  await o.page.waitForFunction(() => !document.getElementById('sheet-button').disabled, null, { timeout: 20000 });
  return o;
}

/** Drops the bytes of a file on the page, as a person dragging it from the desktop. */
function dropFile(page, name, bytes) {
  return page.evaluate(([n, b]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(b)], n));
    document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, [...bytes]]);
}

describe('authoring page: fill-in spreadsheets', () => {
  test('下载填报表 gives an xlsx that imports back unchanged', async () => {
    const { page, problems, close } = await openWithPlan();
    const scratch = mkdtempSync(join(tmpdir(), 'plan-widget-sheet-'));
    try {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#sheet-button')]);
      assert.equal(download.suggestedFilename(), 'sheet-fixture-2024-2026-填报表.xlsx');
      const file = join(scratch, 'sheet.xlsx');
      await download.saveAs(file);
      assert.equal(readFileSync(file).subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
      assert.match(await page.textContent('#sheet-report'), /已下载/);
      const planFile = join(scratch, 'plan.json');
      execFileSync('cp', [join(FIXTURES, 'plan.json'), planFile]);
      const r = cli(['actuals', 'import', planFile, file, '--dry-run', '--json']);
      assert.equal(r.code, 0, r.out);
      const report = JSON.parse(r.out);
      assert.equal(report.valid, true);
      assert.deepEqual([report.added.length, report.replaced.length, report.unchanged], [0, 0, 3]);
      assert.deepEqual(problems, []);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      await close();
    }
  });

  test('a sheet with mistakes lists each against its cell and writes nothing', async () => {
    const { page, problems, close } = await openWithPlan();
    await page.setInputFiles('#sheet-file', join(FIXTURES, 'errors-openpyxl.xlsx'));
    await page.waitForSelector('.sheet-problems li');
    const items = await page.$$eval('.sheet-problems li', (lis) => lis.map((li) => [li.querySelector('.cell').textContent, li.textContent]));
    assert.deepEqual(items.map((i) => i[0]), ['报表!E4', '报表!B5', '报表!C6', '报表!E7', '报表!F8', '报表!C10']);
    assert.match(items[0][1], /第 4 行：数值“六十”不是数字/);
    assert.match(items[0][1], /row 4: value "六十"/);
    assert.match(items[3][1], /百分比 120 超出 0–100/);
    assert.match(await page.textContent('#sheet-report'), /6 处错误，未写入任何内容/);
    assert.equal(await page.inputValue('#editor'), PLAN, 'nothing written');
    assert.deepEqual(problems, []);
    if (process.env.SCREENSHOTS) {
      await page.locator('#sheet-box').screenshot({ path: join(process.env.SCREENSHOTS, 'sheet-errors-1280.png') });
    }
    await close();
  });

  test('a dropped GBK CSV is merged; replacements are listed; the phone layout fits', async () => {
    const { page, problems, close } = await openWithPlan({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 });
    await dropFile(page, 'filled-libreoffice-gbk.csv', readFileSync(join(FIXTURES, 'filled-libreoffice-gbk.csv')));
    await page.waitForSelector('.sheet-changes li');
    const report = await page.textContent('#sheet-report');
    assert.match(report, /按 GBK\/GB18030 读取/);
    assert.match(report, /新增 1 条，替换 1 条，未变 2 条/);
    const changes = await page.$$eval('.sheet-changes li', (lis) => lis.map((li) => li.textContent));
    assert.deepEqual(changes, [
      "'filled-libreoffice-gbk'!H2 替换 kindergarten-coverage 2024：68.2 （示例数据） → 70.5 （教育统计年报）",
      "'filled-libreoffice-gbk'!H7 新增 lead-teachers 2025：29",
    ]);
    const json = JSON.parse(await page.inputValue('#editor'));
    assert.deepEqual(json.indicators[0].actuals, [{ period: '2024', value: 70.5, note: '教育统计年报' }]);
    assert.deepEqual(json.indicators[2].actuals, [{ period: '2025', value: 29 }]);
    assert.match(await page.textContent('#check-summary'), /校验通过/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page wider than the phone by ${overflow} px`);
    assert.deepEqual(problems, []);
    if (process.env.SCREENSHOTS) {
      await page.locator('#sheet-box').screenshot({ path: join(process.env.SCREENSHOTS, 'sheet-import-390.png') });
    }
    await close();
  });
});
