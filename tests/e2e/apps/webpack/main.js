// mount() from the package, bundled by webpack 5: the wasm file is emitted as an asset
// (new URL(…, import.meta.url) in the loader) and found beside the bundle.
import { mount } from 'plan-widget';

const status = document.getElementById('status');
const box = document.getElementById('box');
box.addEventListener('plan-widget-ready', (ev) => {
  status.textContent = `ready: ${ev.detail.title} (${ev.detail.indicators})`;
});
box.addEventListener('plan-widget-error', (ev) => {
  status.textContent = `error: ${ev.detail.message}`;
});
mount(box, { src: '/data/003-jinfeng-2024.json' });
