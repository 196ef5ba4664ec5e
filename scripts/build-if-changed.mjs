// Builds (npm run build: the compiler, then the bundle) only when a source is newer than the
// last build: a start with nothing changed does not wait for the compiler. Used by
// `npm start` and the tests.
import { execFileSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundle.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Written by every build, last (the bundle's entry point). */
const BUILT = join(ROOT, 'dist/bundle/main.js');
const SOURCES = ['src', 'migrations'];
const CONFIG = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/bundle.mjs'];

async function newestSource() {
  let newest = 0;
  for (const folder of SOURCES) {
    for (const file of await readdir(join(ROOT, folder), { recursive: true })) {
      if (/\.m?[jt]s$/.test(file))
        newest = Math.max(newest, (await stat(join(ROOT, folder, file))).mtimeMs);
    }
  }
  for (const file of CONFIG) newest = Math.max(newest, (await stat(join(ROOT, file))).mtimeMs);
  return newest;
}

export async function buildIfChanged() {
  const built = await stat(BUILT).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  if (built >= (await newestSource())) return false;
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  await bundle();
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildIfChanged();
