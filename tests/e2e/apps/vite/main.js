// The package as a bundler sees it: `import 'plan-widget'` registers the element; the wasm file
// beside the loader is emitted by Vite (new URL(…, import.meta.url)) in the build and served from
// node_modules by the dev server.
import { ready } from 'plan-widget';

const status = document.getElementById('status');
document.getElementById('w').addEventListener('plan-widget-ready', (ev) => {
  status.textContent = `ready: ${ev.detail.title} (${ev.detail.indicators})`;
});
ready().catch((e) => (status.textContent = `error: ${e.message}`));
