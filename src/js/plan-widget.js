// plan-widget loader: registers <plan-widget> and exports mount(). Install the npm package
// (pkg/, `import 'plan-widget'`), or copy this file (as built into pkg/, with its modules
// bundled in) together with plan_widget.js and plan_widget_bg.wasm into one folder of your
// site, then:
//
//   <script type="module" src="/assets/plan-widget/plan-widget.js"></script>
//   <plan-widget src="/data/plan.json"></plan-widget>
//
// No inline script or style is used, so it runs under a strict Content-Security-Policy with
// `script-src 'self' 'wasm-unsafe-eval'`. Everything taken from the data reaches the DOM as text.
//
// People who do not see the canvas get the same content in words: the canvas's fallback content
// (a heading, one sentence per indicator and a data table) is rebuilt whenever its words change
// (for plans of more than 300 indicators just after the canvas, in chunks between frames), and a
// live region announces loads, filters and the item under the keyboard focus. The widget is one
// tab stop: arrow keys move between its items in reading order, Enter opens or filters, Escape
// goes back. Until the first successful render — and for good when WebAssembly cannot run — the
// element's own children (e.g. the output of `plan-widget render --format html`) stay visible.
//
// The modules (bundled into one file by scripts/build-web.sh):
//   element.js     the custom element, its attributes, mount(); the public methods, forwarded once
//   controller.js  one widget's state, loading, options, rendering, navigation, errors
//   platform.js    every DOM listener, observer and media query, under one AbortController
//   a11y.js        the fallback content, the live region and the keyboard
//   tooltip.js     the tooltip and the pointer (hover, tap)
//   export.js      CSV and PNG export, downloads (shared with the authoring page)
//   fetch.js       fetching `src`, with its coded errors
//   options.js     filters, font scale, theme (forced colours), timeouts
//   dom.js         element creation, the parts of the shadow root, plan-widget.css
//   tiles.js       the picture on stacked tile canvases, painted near the screen
//   errors.js      coded errors
//   wasm.js        loading the WebAssembly module once; telling a trap (a Rust panic) apart
//   wasm-source.js where the WebAssembly module comes from; link-state.js the URL fragment

import './element.js';

export { mount } from './element.js';
export { ready } from './wasm.js';
export { setWasmSource } from './wasm-source.js';
