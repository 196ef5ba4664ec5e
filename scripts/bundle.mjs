// Bundles the compiled server and command line into dist/bundle: one module graph read
// from a few files starts about half a second sooner than thousands of small ones
// (docs/performance.md, Start-up). Run after the compiler (npm run build does both).
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Left to Node: packages with native code or files of their own read at run time, and
 * optional packages that Nest and TypeORM try to load only when configured to use them.
 */
const EXTERNAL = [
  '@node-rs/argon2',
  '@electric-sql/pglite',
  '@zxcvbn-ts/*',
  'graphiql',
  'react',
  'react-dom',
  '@nestjs/microservices',
  '@nestjs/microservices/*',
  '@nestjs/websockets',
  '@nestjs/websockets/*',
  '@nestjs/platform-fastify',
  '@apollo/subgraph',
  '@apollo/subgraph/*',
  '@apollo/gateway',
  '@as-integrations/fastify',
  '@fastify/*',
  'class-transformer/storage',
  'ts-morph',
  'pg-native',
  'pg-query-stream',
  'mysql',
  'mysql2',
  'oracledb',
  'mssql',
  'mongodb',
  'redis',
  'ioredis',
  'sqlite3',
  'better-sqlite3',
  'sql.js',
  'react-native-sqlite-storage',
  'typeorm-aurora-data-api-driver',
  '@sap/hana-client',
  '@sap/hana-client/*',
  'hdb-pool',
  '@google-cloud/spanner',
];

export async function bundle() {
  // chunks are named by their content: those of earlier builds would pile up
  await rm(`${ROOT}dist/bundle`, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'dist/src/main.js', cli: 'dist/src/cli/main.js' },
    outdir: 'dist/bundle',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    keepNames: true, // Nest and TypeORM read class names
    external: EXTERNAL,
    logLevel: 'warning',
    // bundled CommonJS packages call require()
    banner: {
      js: "import { createRequire as floorwalkerRequire } from 'node:module'; const require = floorwalkerRequire(import.meta.url);",
    },
  });
  // the embedded database's process is started from a file beside the code that starts it
  await mkdir(`${ROOT}dist/bundle`, { recursive: true });
  await copyFile(
    `${ROOT}dist/src/database/embedded/pglite-worker.mjs`,
    `${ROOT}dist/bundle/pglite-worker.mjs`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle();
