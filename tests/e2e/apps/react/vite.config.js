import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The sample plans (www/data/) are the app's public files; the build is served from a sub-path.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: fileURLToPath(new URL('../../../../www/data', import.meta.url)),
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true },
});
