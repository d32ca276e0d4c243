// ?wasm-url=URL replaces the widget's wasm-url attribute before the loader upgrades the element
// (module scripts run in order): one page for a good and a missing file.
const url = new URLSearchParams(location.search).get('wasm-url');
if (url) document.getElementById('w').setAttribute('wasm-url', url);
