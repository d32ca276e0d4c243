// Exposes mount() to the end-to-end tests.
import { mount } from '/pkg/plan-widget.js';
window.__mount = mount;
window.dispatchEvent(new Event('mount-ready'));
window.__mountReady = true;
