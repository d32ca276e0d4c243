import { fileURLToPath } from 'node:url';

// Built through webpack's Node API by tests/e2e/apps.test.mjs (no webpack-cli needed).
export default {
  mode: 'production',
  context: fileURLToPath(new URL('.', import.meta.url)),
  entry: './main.js',
  output: { path: fileURLToPath(new URL('./dist', import.meta.url)), filename: 'main.js', clean: true },
  performance: { hints: false },
};
