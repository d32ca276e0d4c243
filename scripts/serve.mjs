// A small static server for the demo and the end-to-end tests: serves www/ at / and pkg/ at
// /pkg/ on 127.0.0.1, with correct MIME types (application/wasm) and a strict
// Content-Security-Policy on every page (the strict-CSP demo page gets the strictest one).
// Usage: node scripts/serve.mjs [--port N] [--quiet]; prints the URL. Port 0 picks a free one.
//
// Test-only routes under /e2e-net/ play a misbehaving server for tests/e2e/hostile.test.mjs:
//   /e2e-net/status/CODE            answers CODE (404, 500, …) with a short text body
//   /e2e-net/slow/MS/FILE           waits MS ms, then serves www/data/FILE (or sees the abort)
//   /e2e-net/hang/FILE              never answers (until the client gives up)
//   /e2e-net/html                   an HTML page, as text/html, where JSON is expected
//   /e2e-net/as-html/FILE           www/data/FILE, valid JSON, but labelled text/html
//   /e2e-net/truncated/FILE         announces the whole length, sends half, closes the socket
//   /e2e-net/cors/FILE              www/data/FILE with Access-Control-Allow-Origin: *
//   /e2e-net/stats                  JSON {requests: {path: n}, aborted: {path: n}}; ?reset=1 clears
//   /e2e-octet/FILE                 pkg/FILE, but .wasm as application/octet-stream (as many servers)
// The iframe page (/embed.html) may be framed (frame-ancestors: any 127.0.0.1 port here; a
// portal names its own sites); the test host pages /e2e/embed-host* may frame other ports.
// startServer(port, quiet, { mounts }) serves further directories first: [['/prefix/', dir]], or
// single files: [['/path.html', file]] (a page generated elsewhere, served at a www/ path).
// Every other URL (www/data/… included) sends no CORS header, so a page on another origin
// (a second server on another port) is refused.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const baseMounts = [
  ['/e2e-octet/', join(root, 'pkg')],
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
// The hostile-input test pages: the strict policy, but fetches may go to other local ports (to
// see a cross-origin request refused by CORS rather than by this policy).
export const E2E_NET_CSP = STRICT_CSP.replace("connect-src 'self'", "connect-src 'self' http://127.0.0.1:*");
// The iframe page: the strict policy, but it may be framed (by any local port here).
export const EMBED_CSP = STRICT_CSP.replace("frame-ancestors 'none'", 'frame-ancestors http://127.0.0.1:*');
// A host page framing embed.html from another origin (another local port).
export const FRAME_HOST_CSP = `${STRICT_CSP}; frame-src http://127.0.0.1:*`;
// The fallback demo: a page whose CSP forbids WebAssembly.
export const NO_WASM_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'";

function resolvePath(urlPath, mounts) {
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

/** A sample plan from www/data/ by bare file name, or null. */
async function dataFile(name) {
  if (!/^[\w.-]+\.json$/.test(name || '')) return null;
  return readFile(join(root, 'www', 'data', name)).catch(() => null);
}

/** The /e2e-net/ routes (see the top of this file). Test-only: nothing in www/ links to them. */
async function testRoute(url, req, res, stats) {
  const parts = url.pathname.split('/').filter(Boolean); // ['e2e-net', kind, ...]
  const kind = parts[1];
  if (kind === 'stats') {
    const body = JSON.stringify(stats);
    if (url.searchParams.has('reset')) {
      stats.requests = {};
      stats.aborted = {};
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
    return;
  }
  const key = url.pathname;
  stats.requests[key] = (stats.requests[key] || 0) + 1;
  let finished = false;
  res.on('finish', () => (finished = true));
  res.on('close', () => {
    if (!finished) stats.aborted[key] = (stats.aborted[key] || 0) + 1;
  });
  const json = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  switch (kind) {
    case 'status': {
      const code = Number(parts[2]) || 500;
      res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`status ${code}`);
      return;
    }
    case 'slow': {
      const ms = Math.min(Number(parts[2]) || 1000, 60000);
      const body = await dataFile(parts[3]);
      const timer = setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(body ? 200 : 404, json);
        res.end(body || '');
      }, ms);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    case 'hang': {
      // Headers never come; the socket closes when the client aborts (or after a minute).
      const timer = setTimeout(() => res.destroy(), 60000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body><h1>请登录 / Please sign in</h1><script>alert(1)</script></body></html>');
      return;
    case 'as-html': {
      const body = await dataFile(parts[2]);
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body || '');
      return;
    }
    case 'truncated': {
      const body = await dataFile(parts[2]);
      if (!body) break;
      res.writeHead(200, { ...json, 'content-length': String(body.length) });
      res.write(body.subarray(0, body.length >> 1));
      setTimeout(() => res.destroy(), 50);
      return;
    }
    case 'cors': {
      const body = await dataFile(parts[2]);
      if (!body) break;
      res.writeHead(200, { ...json, 'access-control-allow-origin': '*' });
      res.end(body);
      return;
    }
    default:
      break;
  }
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found');
}

/** The Content-Security-Policy for a page at `path`. */
function policyFor(path) {
  if (path.includes('no-wasm')) return NO_WASM_CSP;
  if (path.startsWith('/e2e/hostile')) return E2E_NET_CSP;
  if (path === '/embed.html') return EMBED_CSP;
  if (path.startsWith('/e2e/embed-host')) return FRAME_HOST_CSP;
  return STRICT_CSP;
}

export function startServer(port = 0, quiet = true, { mounts: extra = [] } = {}) {
  const stats = { requests: {}, aborted: {} };
  const mounts = [...extra, ...baseMounts];
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (url.pathname.startsWith('/e2e-net/')) {
        await testRoute(url, req, res, stats);
        return;
      }
      let file = resolvePath(url.pathname, mounts);
      if (file && (await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = file ? await readFile(file).catch(() => null) : null;
      if (!body) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('not found');
        return;
      }
      const octet = url.pathname.startsWith('/e2e-octet/') && extname(file) === '.wasm';
      res.writeHead(200, {
        'content-type': octet ? 'application/octet-stream' : types[extname(file)] || 'application/octet-stream',
        'content-security-policy': policyFor(url.pathname),
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
