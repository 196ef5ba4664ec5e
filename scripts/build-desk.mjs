// Builds the desk (src/desk) into dist/desk with Vite, and reports its first-load weight:
// the gzipped JavaScript a browser fetches for the desk page (budget: 150 KB).
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DESK_OUT = join(ROOT, 'dist/desk');

export async function buildDesk() {
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'src/desk/vite.config.mjs') });
  let gzipped = 0;
  for (const file of await readdir(join(DESK_OUT, 'assets')))
    if (file.endsWith('.js'))
      gzipped += gzipSync(await readFile(join(DESK_OUT, 'assets', file))).length;
  console.log(`desk built: ${(gzipped / 1024).toFixed(1)} KB of gzipped JavaScript`);
  await writeFile(join(DESK_OUT, '.built'), new Date().toISOString());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildDesk();
