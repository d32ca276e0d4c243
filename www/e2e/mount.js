// Exposes mount() (and the tooltip walk of tips.js) to the end-to-end tests.
import { mount } from '/pkg/plan-widget.js';
import { hoverEveryHit } from './tips.js';

window.__mount = mount;
window.__hoverEveryHit = hoverEveryHit;
window.dispatchEvent(new Event('mount-ready'));
window.__mountReady = true;
