// Regenerates docs/gallery/ and docs/gallery.md: screenshots of every view (dashboard, sections,
// indicator) of the widget as the browser draws it, at 390 px (DPR 2 and 3) and 1280 px (DPR 1),
// in the light and dark themes, so that a change to layout or painting can be looked at as a
// citizen sees it. Build first (bash scripts/build-web.sh); then: node scripts/gallery.mjs.
// Tall views are cut at MAX_HEIGHT CSS px (the first screens are what a reader sees first).
// It also refreshes the README's three pictures (docs/dashboard.png, indicator.png,
// sections.png: plan 001 at 1280 px, DPR 1, light).
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { startServer } from './serve.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const outDir = join(root, 'docs', 'gallery');
const MAX_HEIGHT = 1400;

// One representative plan per view: a dashboard with gauges, meters and per-period bars; the
// sections view of the plan with most sections; the indicator from issue 19 (a gauge, a trend
// with a projection, a status lowered for a missed earlier target) and a quarterly one.
const VIEWS = [
  { name: 'dashboard', plan: '003-jinfeng-2024.json', view: 'dashboard' },
  { name: 'sections', plan: '001-yancheng-kfq.json', view: 'sections' },
  { name: 'indicator', plan: '001-yancheng-kfq.json', view: 'indicator', indicator: 'gaokao-excellent-rate' },
];
const SETTINGS = [
  { width: 390, dpr: 2 },
  { width: 390, dpr: 3 },
  { width: 1280, dpr: 1 },
];
const THEMES = ['light', 'dark'];

// The README's pictures: name, view and the height they are cut at.
const README = [
  { name: 'dashboard', plan: '001-yancheng-kfq.json', view: 'dashboard', cut: 1035 },
  { name: 'indicator', plan: '001-yancheng-kfq.json', view: 'indicator', indicator: 'key-teachers' },
  { name: 'sections', plan: '001-yancheng-kfq.json', view: 'sections', cut: 981 },
];

const file = (v, theme, s) => `${v.name}-${theme}-${s.width}-dpr${s.dpr}.png`;

async function shoot(browser, base, v, theme, s, path = join(outDir, file(v, theme, s)), cut = MAX_HEIGHT) {
  const context = await browser.newContext({
    viewport: { width: s.width, height: 900 },
    deviceScaleFactor: s.dpr,
    colorScheme: theme === 'dark' ? 'dark' : 'light',
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  const q = new URLSearchParams({ plan: v.plan, view: v.view, theme });
  if (v.indicator) q.set('indicator', v.indicator);
  await page.goto(`${base}e2e/gallery.html?${q}`);
  await page.waitForFunction(() => (window.__renders || 0) > 0, null, { timeout: 30000 });
  await page.evaluate(() => document.fonts.ready);
  // One more frame after the fonts, so the last render is on screen.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const box = await page.locator('#widget').boundingBox();
  const height = Math.min(Math.ceil(box.height), cut);
  await page.screenshot({
    path,
    fullPage: true,
    clip: { x: 0, y: Math.floor(box.y), width: s.width, height },
  });
  await context.close();
  if (problems.length) throw new Error(`${file(v, theme, s)}: ${problems.join('; ')}`);
  return { height, full: Math.ceil(box.height) };
}

async function main() {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const { server, url } = await startServer(0);
  const browser = await launchChromium();
  const rows = [];
  try {
    for (const v of VIEWS) {
      for (const theme of THEMES) {
        for (const s of SETTINGS) {
          const { height, full } = await shoot(browser, url, v, theme, s);
          rows.push({ v, theme, s, height, full });
          console.log(`${file(v, theme, s)}: ${s.width}×${height} CSS px${full > height ? ` (of ${full})` : ''}`);
        }
      }
    }
    for (const v of README) {
      const path = join(root, 'docs', `${v.name}.png`);
      const { height } = await shoot(browser, url, v, 'light', { width: 1280, dpr: 1 }, path, v.cut ?? MAX_HEIGHT);
      console.log(`docs/${v.name}.png: 1280×${height} CSS px`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  await writeFile(join(root, 'docs', 'gallery.md'), markdown(rows));
  console.log(`${(await readdir(outDir)).length} images in docs/gallery/`);
}

function markdown(rows) {
  const lines = [
    '# Gallery',
    '',
    'Every view of the widget as Chromium draws it, at 390 px wide (a phone, device pixel ratio 2',
    'and 3) and 1280 px (a desktop, ratio 1), in the light and dark themes. Regenerate after any',
    'change to layout, painting or text with',
    '',
    '```sh',
    'bash scripts/build-web.sh && node scripts/gallery.mjs',
    '```',
    '',
    `and look at the pictures before committing. Views taller than ${MAX_HEIGHT} CSS px are cut there.`,
    '',
  ];
  for (const v of VIEWS) {
    const what = v.indicator ? `${v.plan}, indicator \`${v.indicator}\`` : v.plan;
    lines.push(`## ${v.name[0].toUpperCase()}${v.name.slice(1)} (${what})`, '');
    for (const theme of THEMES) {
      for (const r of rows.filter((r) => r.v === v && r.theme === theme)) {
        const f = file(v, theme, r.s);
        const cut = r.full > r.height ? `, first ${r.height} of ${r.full} px` : '';
        lines.push(`**${theme}, ${r.s.width} px, DPR ${r.s.dpr}${cut}**`, '');
        lines.push(`<img src="gallery/${f}" width="${Math.min(r.s.width, 640)}" alt="${v.name}, ${theme}, ${r.s.width} px, DPR ${r.s.dpr}">`, '');
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

await main();
