// What every end-to-end test file shares: the site served on 127.0.0.1 (scripts/serve.mjs) and
// one headless Chromium (scripts/chromium.mjs), started before the file's tests and stopped after.
import { after, before } from 'node:test';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';

/**
 * Registers the file's before/after hooks and returns `{ base, browser, server }`, filled in
 * once `before` has run: `base` is the site's URL (ending in `/`), `browser` the Chromium.
 * `mounts` are served before www/ (see startServer).
 */
export function serveAndLaunch({ mounts = [] } = {}) {
  const env = { base: '', browser: null, server: null };
  before(async () => {
    ({ server: env.server, url: env.base } = await startServer(0, true, { mounts }));
    env.browser = await launchChromium();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}

/**
 * Opens `path` of the served site in a new browser context (1280×900 at DPR 1 unless `context`
 * says otherwise) and records what the tests check: console errors and page errors in
 * `problems`, and in `window.__events` each of the named widget `events` (`{name, target, code,
 * message, path, id, indicators, view, filter}` from its detail) and every CSP violation
 * (`{name: 'csp', directive}`).
 */
export async function openPage(env, path, { context: contextOptions = {}, events = [] } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript((names) => {
    window.__events = [];
    for (const name of names) {
      document.addEventListener(name, (ev) => {
        const d = ev.detail || {};
        const { code, message, path: at, id, indicators, view, filter } = d;
        window.__events.push({ name, target: ev.target.id, code, message, path: at, id, indicators, view, filter });
      });
    }
    document.addEventListener('securitypolicyviolation', (ev) => {
      window.__events.push({ name: 'csp', directive: ev.violatedDirective });
    });
  }, events);
  await page.goto(env.base + path);
  return { page, context, problems, close: () => context.close() };
}
