// The npm package as a user gets it: `npm pack ./pkg` (after scripts/build-web.sh) into
// target/npm/, and a throw-away project with that tarball installed, for the tests of
// package.test.mjs and apps.test.mjs.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** Runs npm with `args` in `cwd`; resolves to its stdout. */
export async function npm(args, cwd = ROOT) {
  const { stdout } = await run('npm', args, { cwd, maxBuffer: 16 << 20, env: { ...process.env, npm_config_update_notifier: 'false' } });
  return stdout;
}

/** What `npm pack --dry-run --json ./pkg` would put in the tarball (paths), and its name. */
export async function packList() {
  const [info] = JSON.parse(await npm(['pack', '--dry-run', '--json', './pkg']));
  return { filename: info.filename, files: info.files.map((f) => f.path).sort(), info };
}

/** Packs ./pkg into target/npm/ and returns the tarball's path. */
export async function packTarball() {
  const dest = join(ROOT, 'target', 'npm');
  await mkdir(dest, { recursive: true });
  const [info] = JSON.parse(await npm(['pack', '--json', '--pack-destination', dest, './pkg']));
  return join(dest, info.filename);
}

/** A new directory with a package.json and the tarball installed (`npm install TARBALL`). */
export async function installInTempProject(tarball) {
  const dir = await mkdtemp(join(tmpdir(), 'plan-widget-consumer-'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await npm(['install', '--no-audit', '--no-fund', '--offline', tarball], dir);
  return dir;
}
