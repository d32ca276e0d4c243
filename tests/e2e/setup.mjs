// What every end-to-end test file shares: the site served on 127.0.0.1 (scripts/serve.mjs) and
// one headless Chromium (scripts/chromium.mjs), started before the file's tests and stopped after.
import { after, before } from 'node:test';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';

/**
 * Registers the file's before/after hooks and returns `{ base, browser, server }`, filled in
 * once `before` has run: `base` is the site's URL (ending in `/`), `browser` the Chromium.
 */
export function serveAndLaunch() {
  const env = { base: '', browser: null, server: null };
  before(async () => {
    ({ server: env.server, url: env.base } = await startServer(0));
    env.browser = await launchChromium();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}
