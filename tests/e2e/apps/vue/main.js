// Vue 3, with the wasm taken through Vite's `?url` import of the package's wasm export and
// handed to setWasmSource() (the page-wide setting), as a site moving the file would.
import { createApp } from 'vue';
import { setWasmSource } from 'plan-widget';
import wasmUrl from 'plan-widget/plan_widget_bg.wasm?url';
import App from './App.vue';

setWasmSource(wasmUrl);
createApp(App).mount('#app');
