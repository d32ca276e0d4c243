// A small static server for the demo and the end-to-end tests: serves www/ at / and pkg/ at
// /pkg/ on 127.0.0.1, with correct MIME types (application/wasm) and a strict
// Content-Security-Policy on every page (the strict-CSP demo page gets the strictest one).
// Usage: node scripts/serve.mjs [--port N] [--quiet]; prints the URL. Port 0 picks a free one.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const mounts = [
  ['/pkg/', join(root, 'pkg')],
  ['/', join(root, 'www')],
];
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};
// What a portal needs for the widget: its own scripts plus 'wasm-unsafe-eval'.
export const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
// The fallback demo: a page whose CSP forbids WebAssembly.
export const NO_WASM_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'";

function resolvePath(urlPath) {
  for (const [prefix, dir] of mounts) {
    if (urlPath.startsWith(prefix)) {
      const rel = decodeURIComponent(urlPath.slice(prefix.length));
      const full = normalize(join(dir, rel));
      if (full !== dir && !full.startsWith(dir + sep)) return null;
      return full;
    }
  }
  return null;
}

export function startServer(port = 0, quiet = true) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let file = resolvePath(url.pathname);
      if (file && (await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = file ? await readFile(file).catch(() => null) : null;
      if (!body) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('not found');
        return;
      }
      const csp = url.pathname.includes('no-wasm') ? NO_WASM_CSP : STRICT_CSP;
      res.writeHead(200, {
        'content-type': types[extname(file)] || 'application/octet-stream',
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch (e) {
      res.writeHead(500);
      res.end(String(e));
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      if (!quiet) console.log(`plan-widget demo: ${url}`);
      ok({ server, url });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT || 8080);
  startServer(port, false).catch(async (e) => {
    if (e.code === 'EADDRINUSE') {
      console.error(`port ${port} is busy; picking a free one`);
      await startServer(0, false);
    } else {
      throw e;
    }
  });
}
