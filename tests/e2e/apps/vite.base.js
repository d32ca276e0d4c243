import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// What the Vite apps here share: each app is its folder (`appUrl` is its config's
// import.meta.url), the sample plans (www/data/) are its public files, and the build is served
// from a sub-path.
export function appConfig(appUrl, extra = {}) {
  return defineConfig({
    root: fileURLToPath(new URL('.', appUrl)),
    base: './',
    publicDir: fileURLToPath(new URL('../../../www/data', import.meta.url)),
    logLevel: 'warn',
    build: { outDir: 'dist', emptyOutDir: true },
    ...extra,
  });
}
