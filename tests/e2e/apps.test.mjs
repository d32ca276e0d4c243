// Apps that install the packed tarball (npm pack ./pkg) the way a portal's developers would and
// render a plan in Chromium: Vite 8 (dev server and build), webpack 5 (build), Vue 3
// (isCustomElement) and React 19 (the custom element and its events), all in tests/e2e/apps/.
// Their npm packages are pinned in tests/e2e/apps/package-lock.json; `npm ci` runs only when
// node_modules is missing or older than the lock file. Each app's index.html is written from the
// one page they share, tests/e2e/apps/page.html, with the app's title, script and body (PAGES).
// The built apps are served by scripts/serve.mjs under its strict Content-Security-Policy.
import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT, npm, packTarball } from './pack.mjs';

const APPS = join(ROOT, 'tests', 'e2e', 'apps');
const env = { base: '', browser: null, server: null };
const PLAN = JSON.parse(await readFile(join(ROOT, 'www', 'data', '003-jinfeng-2024.json'), 'utf8'));
let vite;

const MODULE = '<script type="module" src="./main.js"></script>';
/** What each app's page holds: its title, its script, its body (status line and widget or mount point). */
const PAGES = {
  vite: ['a Vite app', MODULE, '<h1>Vite</h1>\n  <p id="status">…</p>\n  <plan-widget id="w" src="./003-jinfeng-2024.json"></plan-widget>'],
  webpack: ['a webpack 5 app', '<script defer src="dist/main.js"></script>', '<h1>webpack</h1>\n  <p id="status">…</p>\n  <div id="box"></div>'],
  vue: ['a Vue 3 app', MODULE, '<div id="app"></div>'],
  react: ['a React 19 app', MODULE, '<div id="root"></div>'],
};

/** Writes every app's index.html from tests/e2e/apps/page.html. */
async function writePages() {
  const page = await readFile(join(APPS, 'page.html'), 'utf8');
  for (const [app, [title, script, body]] of Object.entries(PAGES)) {
    const html = page.replace('%APP%', title).replace('%SCRIPT%', script).replace('%BODY%', body);
    await writeFile(join(APPS, app, 'index.html'), html);
  }
}

/** `npm ci` in tests/e2e/apps unless node_modules is current, then the tarball on top. */
async function installApps() {
  const mtime = (p) => stat(p).then((s) => s.mtimeMs, () => 0);
  const installed = await mtime(join(APPS, 'node_modules', '.package-lock.json'));
  if (!installed || installed < (await mtime(join(APPS, 'package-lock.json')))) {
    await npm(['ci', '--no-audit', '--no-fund'], APPS);
  }
  // --no-save: the lock file pins the registry packages only; plan-widget is this build's tarball.
  await npm(['install', '--no-save', '--no-audit', '--no-fund', '--offline', await packTarball()], APPS);
}

before(async () => {
  await installApps();
  await writePages();
  vite = await import(pathToFileURL(join(APPS, 'node_modules', 'vite', 'dist', 'node', 'index.js')).href);
  const mounts = ['vite', 'vue', 'react', 'webpack'].map((app) => [`/apps/${app}/`, join(APPS, app)]);
  ({ server: env.server, url: env.base } = await startServer(0, true, { mounts }));
  env.browser = await launchChromium();
});
after(async () => {
  await env.browser?.close();
  env.server?.close();
});

/** Opens `url` and waits until the app says the widget is ready; returns the page and problems. */
async function openApp(url) {
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  const wasm = [];
  page.on('response', (r) => {
    if (/\.wasm($|\?)/.test(r.url())) wasm.push(new URL(r.url()).pathname);
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (ev) => window.__csp.push(ev.violatedDirective));
  });
  await page.goto(url);
  await page.waitForFunction(() => /^(ready|error)/.test(document.getElementById('status')?.textContent || ''), null, { timeout: 30000 });
  return { page, problems, wasm, close: () => context.close() };
}

/** The plan rendered: the app's status line, and a canvas of some height with colours on it. */
async function assertRendered(page, problems, widget) {
  const status = await page.textContent('#status');
  assert.equal(status, `ready: ${PLAN.plan.title} (${PLAN.indicators.length})`);
  const facts = await page.evaluate((sel) => {
    // The picture's box, and its first tile canvas for the pixels.
    const c = document.querySelector(sel).shadowRoot.querySelector('.pw-canvas');
    const t = c.querySelector('canvas');
    const { data } = t.getContext('2d').getImageData(0, 0, t.width, t.height);
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 97) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    return { hidden: c.hidden, height: c.getBoundingClientRect().height, colours: colours.size };
  }, widget);
  assert.equal(facts.hidden, false);
  assert.ok(facts.height > 150, `canvas height ${facts.height}`);
  assert.ok(facts.colours >= 4, `only ${facts.colours} colours`);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
}

/** Framework apps: the bound `view` reaches the element, and its events reach the app. */
async function assertBindings(page) {
  await page.click('#sections');
  await page.waitForFunction(() => document.getElementById('w').currentOptions().view === 'sections');
  // A drill-down inside the widget fires plan-widget-view, which the app lists.
  const hit = await page.evaluate(() => document.getElementById('w').hits().find((h) => h.type === 'section'));
  const r = await page.evaluate((y) => {
    const c = document.getElementById('w').shadowRoot.querySelector('canvas');
    window.scrollTo(0, c.getBoundingClientRect().top + window.scrollY + y - 100);
    return c.getBoundingClientRect().toJSON();
  }, hit.y);
  await page.mouse.click(r.left + hit.x + hit.w / 2, r.top + hit.y + Math.min(hit.h / 2, 16));
  await page.waitForFunction(() => document.getElementById('views').textContent.trim() === 'dashboard');
}

async function viteBuild(app) {
  await vite.build({ configFile: join(APPS, app, 'vite.config.js'), logLevel: 'warn' });
}

function webpackBuild() {
  return new Promise(async (resolve, reject) => {
    const { default: webpack } = await import(pathToFileURL(join(APPS, 'node_modules', 'webpack', 'lib', 'index.js')).href);
    const { default: config } = await import(pathToFileURL(join(APPS, 'webpack', 'webpack.config.js')).href);
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString('errors-only')));
      resolve(stats.toJson({ assets: true }).assets.map((a) => a.name));
    });
  });
}

describe('apps installing the npm package', () => {
  test('Vite 8 dev server', async () => {
    const server = await vite.createServer({ configFile: join(APPS, 'vite', 'vite.config.js'), server: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
    await server.listen();
    try {
      const { page, problems, close } = await openApp(server.resolvedUrls.local[0]);
      await assertRendered(page, problems, '#w');
      await close();
    } finally {
      await server.close();
    }
  });

  test('Vite 8 build', async () => {
    await viteBuild('vite');
    const { page, problems, close } = await openApp(`${env.base}apps/vite/dist/index.html`);
    await assertRendered(page, problems, '#w');
    await close();
  });

  test('webpack 5 build (mount())', async () => {
    const assets = await webpackBuild();
    assert.ok(assets.some((a) => a.endsWith('.wasm')), `webpack emitted the wasm: ${assets.join(', ')}`);
    const { page, problems, close } = await openApp(`${env.base}apps/webpack/index.html`);
    await assertRendered(page, problems, '#box');
    await close();
  });

  test('Vue 3 (isCustomElement; the wasm through a ?url import), built with Vite', async () => {
    await viteBuild('vue');
    const { page, problems, wasm, close } = await openApp(`${env.base}apps/vue/dist/index.html`);
    await assertRendered(page, problems, '#w');
    // The `?url` import resolves the package's wasm export to the emitted asset, fetched once.
    assert.equal(wasm.length, 1, wasm.join(', '));
    assert.match(wasm[0], /^\/apps\/vue\/dist\/assets\/plan_widget_bg-[\w-]+\.wasm$/);
    await assertBindings(page);
    assert.deepEqual(problems, []);
    await close();
  });

  test('React 19 (the custom element and its events), built with Vite', async () => {
    await viteBuild('react');
    const { page, problems, close } = await openApp(`${env.base}apps/react/dist/index.html`);
    await assertRendered(page, problems, '#w');
    await assertBindings(page);
    assert.deepEqual(problems, []);
    await close();
  });
});
