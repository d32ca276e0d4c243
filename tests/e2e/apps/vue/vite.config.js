import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: fileURLToPath(new URL('../../../../www/data', import.meta.url)),
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true },
  // Tell Vue's template compiler that <plan-widget> is a custom element, not a Vue component.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'plan-widget' } } })],
});
