// setWasmSource() right after importing the loader: early enough even for a widget with inline
// data, which asks for the module while the loader registers the element.
import { setWasmSource } from '/pkg/plan-widget.js';

setWasmSource('/e2e-octet/plan_widget_bg.wasm');
