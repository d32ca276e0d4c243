// The npm package (pkg/, built by scripts/build-web.sh): what `npm pack` puts in it, its
// package.json, and importing it in Node as server-side rendering would (no window there).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, installInTempProject, packList, packTarball } from './pack.mjs';

const run = promisify(execFile);

const PAGE_NEEDS = ['plan-widget.js', 'plan_widget.js', 'plan_widget_bg.wasm'];
const DECLARATIONS = ['plan-widget.d.ts', 'plan_widget.d.ts', 'plan_widget_bg.wasm.d.ts'];
const DOCS = ['LICENSE', 'README.md', 'package.json'];

describe('npm package', () => {
  test('npm pack lists exactly the files a page needs, the d.ts files, README and LICENSE', async () => {
    const { files, filename } = await packList();
    assert.deepEqual(files, [...PAGE_NEEDS, ...DECLARATIONS, ...DOCS].sort());
    const version = /^version = "([^"]+)"/m.exec(await readFile(join(ROOT, 'Cargo.toml'), 'utf8'))[1];
    assert.equal(filename, `plan-widget-${version}.tgz`);
  });

  test('package.json: name, licence and version from Cargo.toml, ESM, exports, types, sideEffects', async () => {
    const cargo = await readFile(join(ROOT, 'Cargo.toml'), 'utf8');
    const pkg = JSON.parse(await readFile(join(ROOT, 'pkg', 'package.json'), 'utf8'));
    assert.equal(pkg.name, 'plan-widget');
    assert.equal(pkg.version, /^version = "([^"]+)"/m.exec(cargo)[1]);
    assert.equal(pkg.license, /^license = "([^"]+)"/m.exec(cargo)[1]);
    assert.equal(pkg.type, 'module');
    assert.equal(pkg.types, './plan-widget.d.ts');
    assert.deepEqual(pkg.exports['.'], { types: './plan-widget.d.ts', default: './plan-widget.js' });
    assert.equal(pkg.exports['./plan_widget_bg.wasm'], './plan_widget_bg.wasm');
    assert.deepEqual(pkg.sideEffects, ['./plan-widget.js']);
    const readme = await readFile(join(ROOT, 'pkg', 'README.md'), 'utf8');
    assert.match(readme, /isCustomElement/);
    assert.ok(!readme.includes('{{'), 'README placeholders filled in');
    const licence = await readFile(join(ROOT, 'pkg', 'LICENSE'), 'utf8');
    assert.match(licence, /MIT License/);
    assert.match(licence, /Apache License\s+Version 2\.0/);
  });

  test('the minified scripts name no source map (the maps stay out of the package)', async () => {
    for (const f of ['plan-widget.js', 'plan_widget.js']) {
      const text = await readFile(join(ROOT, 'pkg', f), 'utf8');
      assert.ok(!text.includes('sourceMappingURL'), `${f} points at a map the package does not hold`);
    }
  });

  test('importing the installed tarball in Node touches nothing that needs window', async () => {
    const dir = await installInTempProject(await packTarball());
    try {
      const script = `
        const m = await import('plan-widget');
        const out = { exports: Object.keys(m).sort(), window: typeof window, customElements: typeof customElements };
        try { m.mount({}, {}); } catch (e) { out.mount = e.constructor.name + ': ' + e.message; }
        out.wasm = import.meta.resolve('plan-widget/plan_widget_bg.wasm').endsWith('/node_modules/plan-widget/plan_widget_bg.wasm');
        console.log(JSON.stringify(out));`;
      const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: dir });
      assert.equal(stderr, '');
      const out = JSON.parse(stdout);
      assert.deepEqual(out.exports, ['mount', 'ready', 'setWasmSource']);
      assert.equal(out.window, 'undefined');
      assert.equal(out.customElements, 'undefined');
      assert.match(out.mount, /^TypeError: mount\(element, options\)/);
      assert.equal(out.wasm, true);
      // The form the issue names: node -e "import(...)" (CommonJS entry, dynamic import).
      const cjs = await run(process.execPath, ['-e', "import('plan-widget').then((m) => console.log(typeof m.mount))"], { cwd: dir });
      assert.equal(cjs.stdout.trim(), 'function');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
