// Builds (npm run build: the compiler, then the bundle; the desk with Vite) only what has a
// source newer than its last build: a start with nothing changed waits for neither the
// compiler nor Vite. Used by `npm start` and the tests.
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
const DESK = 'src/desk';
/** Written after every desk build. */
const DESK_BUILT = join(ROOT, 'dist/desk/.built');
const DESK_CONFIG = ['package-lock.json', 'scripts/build-desk.mjs'];

async function newest(folder, accept, skip = null) {
  let found = 0;
  for (const file of await readdir(join(ROOT, folder), { recursive: true })) {
    const path = join(folder, file);
    if (accept.test(file) && !(skip && path.startsWith(skip)))
      found = Math.max(found, (await stat(join(ROOT, path))).mtimeMs);
  }
  return found;
}

async function newestOf(files) {
  let found = 0;
  for (const file of files) found = Math.max(found, (await stat(join(ROOT, file))).mtimeMs);
  return found;
}

const builtAt = (file) =>
  stat(file).then(
    (info) => info.mtimeMs,
    () => 0,
  );

async function serverChanged() {
  let source = await newestOf(CONFIG);
  for (const folder of SOURCES) source = Math.max(source, await newest(folder, /\.m?[jt]s$/, DESK));
  return (await builtAt(BUILT)) < source;
}

async function deskChanged() {
  const source = Math.max(
    await newest(DESK, /\.(tsx?|css|html|mjs|json|svg|mp3)$/),
    await newestOf(DESK_CONFIG),
  );
  return (await builtAt(DESK_BUILT)) < source;
}

export async function buildIfChanged() {
  let built = false;
  if (await serverChanged()) {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    await bundle();
    built = true;
  }
  if (await deskChanged()) {
    const { buildDesk } = await import('./build-desk.mjs');
    await buildDesk();
    built = true;
  }
  return built;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildIfChanged();
