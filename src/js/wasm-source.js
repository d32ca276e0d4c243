// Where the widget's WebAssembly comes from. By default the file sits beside the loader
// (`new URL('./plan_widget_bg.wasm', import.meta.url)`, which bundlers such as Vite and webpack
// recognise and emit as an asset). A page can point elsewhere (a CDN, a proxy, a bundler's `?url`
// import) per widget (`wasmUrl` option, `wasm-url` attribute) or page-wide (`setWasmSource()`, or
// `<meta name="plan-widget-wasm-url" content="…">` for pages that cannot run a script of their own).
//
// A source is a URL (string or URL object), a Response (or a promise of one), bytes (ArrayBuffer,
// typed array or DataView) or a compiled WebAssembly.Module. A URL is fetched here, so that a
// server sending `.wasm` as `application/octet-stream` (or any type) still works, and is still
// compiled while it streams in: its first bytes are checked, then the body is handed on as
// `application/wasm` (the only type `WebAssembly.instantiateStreaming` takes).
//
// Nothing here touches `window` or `document` when the module is imported (server-side rendering
// and Node import it safely); the page is only read when a widget asks for the module.

/** The name of the page-wide `<meta>` setting. */
export const WASM_META_NAME = 'plan-widget-wasm-url';

let pageSource;

/**
 * Sets the page-wide source of the WebAssembly module, for every widget that names none of its
 * own. Call it before the first widget loads (in the same module that imports the loader is
 * early enough: the module is fetched in a microtask after the widgets connect).
 */
export function setWasmSource(source) {
  if (source !== undefined && source !== null && describeSource(source) === null) {
    throw new TypeError('setWasmSource(source): a URL, a Response, bytes or a WebAssembly.Module');
  }
  pageSource = source === null ? undefined : source;
}

/** The `<meta name="plan-widget-wasm-url">` content, resolved against the page, or undefined. */
function metaSource() {
  if (typeof document === 'undefined') return undefined;
  const meta = document.querySelector(`meta[name="${WASM_META_NAME}"]`);
  const content = meta && meta.getAttribute('content');
  return content && content.trim() ? new URL(content.trim(), document.baseURI) : undefined;
}

/** The default: the wasm file beside this script (bundlers rewrite this expression). */
function besideLoader() {
  return new URL('./plan_widget_bg.wasm', import.meta.url);
}

/**
 * The source to use: the widget's own (option, then attribute), else the page-wide setting, else
 * the `<meta>`, else the file beside the loader.
 */
export function chooseSource(widgetSource) {
  for (const s of [widgetSource, pageSource]) {
    if (s !== undefined && s !== null && s !== '') return s;
  }
  return metaSource() || besideLoader();
}

/** What kind of source `s` is ('url', 'response', 'bytes', 'module', 'promise'), or null. */
export function describeSource(s) {
  if (typeof s === 'string' || (typeof URL === 'function' && s instanceof URL)) return 'url';
  if (typeof Response === 'function' && s instanceof Response) return 'response';
  if (typeof WebAssembly === 'object' && s instanceof WebAssembly.Module) return 'module';
  if (s instanceof ArrayBuffer || ArrayBuffer.isView(s)) return 'bytes';
  if (s && typeof s.then === 'function') return 'promise';
  return null;
}

/** A readable name of a source for error messages. */
function label(s) {
  return describeSource(s) === 'url' ? String(s) : describeSource(s) || typeof s;
}

/** An Error with the widget's stable code and both languages (the loader shows it in its box). */
function wasmError(code, zh, en) {
  const e = new Error(en);
  e.code = code;
  e.messageZh = zh;
  e.messageEn = en;
  return e;
}

/** A Response's body as something WebAssembly can compile, or an Error for a failed download. */
async function fromResponse(response, name) {
  if (!response.ok) {
    throw wasmError(
      'wasm.fetch',
      `无法加载 WebAssembly 文件 ${name}：服务器返回 ${response.status}`,
      `cannot load the WebAssembly file ${name}: the server answered ${response.status}`,
    );
  }
  const type = (response.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
  if (type === 'application/wasm') return response;
  const notWasm = () =>
    wasmError(
      'wasm.fetch',
      `${name} 不是 WebAssembly 文件（服务器返回了 ${type || '未知类型'}）：地址是否有误？`,
      `${name} is not a WebAssembly file (the server sent ${type || 'no content type'}): is the address right?`,
    );
  // application/octet-stream, or no type at all: still compiled while it streams in, once its
  // first bytes show the WebAssembly magic number (the browser only streams application/wasm,
  // so the body is handed on in a Response of that type). An HTML page (a 200 error page, a
  // wrong address) is refused.
  if (type !== 'text/html' && response.body && typeof response.body.getReader === 'function') {
    const streamed = await restreamed(response.body);
    if (!streamed) throw notWasm();
    return streamed;
  }
  const bytes = await response.arrayBuffer();
  if (type === 'text/html' || !looksLikeWasm(bytes)) throw notWasm();
  return bytes;
}

/**
 * The body `stream` as a Response of type application/wasm that hands on every chunk as it
 * arrives, after checking the first four bytes; null (and the download cancelled) when they are
 * not the WebAssembly magic number.
 */
async function restreamed(stream) {
  const reader = stream.getReader();
  const head = [];
  let length = 0;
  while (length < 4) {
    const { done, value } = await reader.read();
    if (done) break;
    head.push(value);
    length += value.byteLength;
  }
  const first = new Uint8Array(Math.min(4, length));
  let at = 0;
  for (const chunk of head) {
    const part = chunk.subarray(0, first.length - at);
    first.set(part, at);
    at += part.length;
    if (at === first.length) break;
  }
  if (!looksLikeWasm(first.buffer)) {
    reader.cancel().catch(() => {});
    return null;
  }
  const body = new ReadableStream({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/wasm' } });
}

/** True when the bytes start with the WebAssembly magic number `\0asm`. */
function looksLikeWasm(bytes) {
  const b = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  return b.length === 4 && b[0] === 0 && b[1] === 0x61 && b[2] === 0x73 && b[3] === 0x6d;
}

/**
 * Turns a source into what wasm-bindgen's `init({ module_or_path })` takes, without the slow
 * path's console warning: a Response served as application/wasm (compiled while streaming), else
 * bytes or a compiled module. A URL that cannot be fetched, a 404 or a non-wasm answer rejects
 * with a `wasm.fetch` error.
 */
export async function resolveSource(source) {
  let s = source;
  if (describeSource(s) === 'promise') s = await s;
  switch (describeSource(s)) {
    case 'url': {
      let response;
      try {
        response = await fetch(s, { credentials: 'same-origin' });
      } catch (cause) {
        const e = wasmError(
          'wasm.fetch',
          `无法加载 WebAssembly 文件 ${label(s)}：网络错误或被拒绝`,
          `cannot load the WebAssembly file ${label(s)}: network error or request refused`,
        );
        e.cause = cause;
        throw e;
      }
      return fromResponse(response, label(s));
    }
    case 'response':
      return fromResponse(s, s.url || 'Response');
    case 'bytes':
    case 'module':
      return s;
    default:
      throw new TypeError('plan-widget: the wasm source must be a URL, a Response, bytes or a WebAssembly.Module');
  }
}
