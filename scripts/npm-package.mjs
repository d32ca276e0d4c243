// Makes pkg/ an npm package (run by scripts/build-web.sh after the bundle is built): writes
// pkg/package.json (name, licence and version from Cargo.toml), pkg/README.md (from
// src/js/README.npm.md) and pkg/LICENSE (the MIT and Apache-2.0 texts). `files` lists exactly
// what a page needs — the loader, wasm-bindgen's glue and the wasm — plus the TypeScript
// declarations; npm adds package.json, README.md and LICENSE itself. The authoring bundle
// (pkg/authoring/) and the source maps stay out of the package.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cargo = await readFile(`${root}Cargo.toml`, 'utf8');

/** A string field of Cargo.toml's [package] table. */
function field(name) {
  const table = cargo.split(/^\[/m).find((t) => t.startsWith('package]'));
  const m = table && new RegExp(`^${name}\\s*=\\s*"([^"]*)"`, 'm').exec(table);
  if (!m) throw new Error(`Cargo.toml: [package] has no ${name}`);
  return m[1];
}

export const FILES = [
  'plan-widget.js',
  'plan-widget.d.ts',
  'plan_widget.js',
  'plan_widget.d.ts',
  'plan_widget_bg.wasm',
  'plan_widget_bg.wasm.d.ts',
];

const manifest = {
  name: field('name'),
  version: field('version'),
  description: field('description'),
  license: field('license'),
  keywords: ['plan', 'progress', 'indicators', 'chart', 'web-component', 'custom-element', 'webassembly', 'government'],
  type: 'module',
  main: './plan-widget.js',
  types: './plan-widget.d.ts',
  exports: {
    '.': { types: './plan-widget.d.ts', default: './plan-widget.js' },
    './plan_widget_bg.wasm': './plan_widget_bg.wasm',
    './package.json': './package.json',
  },
  files: FILES,
  // The loader registers <plan-widget> when imported: bundlers must keep it.
  sideEffects: ['./plan-widget.js'],
};

const pkg = `${root}pkg/`;
await writeFile(`${pkg}package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
const readme = await readFile(`${root}src/js/README.npm.md`, 'utf8');
await writeFile(`${pkg}README.md`, readme.replaceAll('{{version}}', manifest.version));
const mit = await readFile(`${root}LICENSE-MIT`, 'utf8');
const apache = await readFile(`${root}LICENSE-APACHE`, 'utf8');
await writeFile(
  `${pkg}LICENSE`,
  `plan-widget is licensed under either of the MIT licence or the Apache License, Version 2.0,\nat your option (SPDX: ${manifest.license}). Both texts follow.\n\n` +
    `${'='.repeat(78)}\n\n${mit}\n${'='.repeat(78)}\n\n${apache}`,
);
console.log(`pkg/package.json: ${manifest.name}@${manifest.version}`);
