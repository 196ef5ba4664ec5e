// Start-up times, as users meet them: `npm start` when nothing changed, the server's cold
// start on PostgreSQL and on the embedded database, and one command-line command with no
// server running. Each is run `runs` times; the median and the slowest are printed.
//
//   npm run build && node bench/startup.mjs [runs]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/startup.mjs
//
// Without DATABASE_URL the PostgreSQL rows are left out; with it, use a scratch database
// (the command-line rows create organizations in it). Embedded data goes to a folder of its
// own under the project, removed at the end.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.argv[2] ?? 5);
const DATA_DIR = join(ROOT, '.bench-startup');
const PORT = '3917';

/** Milliseconds from spawning `command` until its output matches `ready` (or it exits). */
function timeUntil(command, args, env, ready) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // npm start's server is its grandchild: stop the whole group
    });
    let output = '';
    let done = false;
    const finish = (error) => {
      if (done) return;
      done = true;
      const elapsed = performance.now() - started;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const settle = () => (error ? reject(error) : resolve(elapsed));
      if (child.exitCode !== null) settle();
      else child.once('exit', settle);
    };
    const read = (chunk) => {
      output += chunk;
      if (ready.test(output)) finish();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      if (!done && !ready.test(output)) finish(new Error(`exited with ${code}:\n${output}`));
      else if (!done) finish();
    });
  });
}

/** The data folder is free again once the processes its lock names (API, database) are gone. */
async function released() {
  let lock;
  try {
    lock = JSON.parse(readFileSync(join(DATA_DIR, 'floorwalker.lock'), 'utf8'));
  } catch {
    return; // no lock
  }
  const pids = [lock.pid, lock.databasePid].filter(Boolean);
  const alive = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  while (pids.some(alive)) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function series(label, run) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    await released();
    times.push(await run(i));
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `${label.padEnd(44)} median ${median.toFixed(0).padStart(5)} ms   slowest ${times.at(-1).toFixed(0).padStart(5)} ms`,
  );
}

const node = process.execPath;
const server = (env) => timeUntil(node, ['dist/bundle/main.js'], { PORT, ...env }, /API at http/);
const cli = (env, i) =>
  timeUntil(
    node,
    [
      'dist/bundle/cli.js',
      'org',
      'create',
      '--slug',
      `bench-${Date.now()}-${i}`,
      '--name',
      'Bench',
    ],
    env,
    /Created organization/,
  );

rmSync(DATA_DIR, { recursive: true, force: true });
mkdirSync(DATA_DIR, { recursive: true });
const embedded = { DATA_DIR, DATABASE_URL: '' };
console.log(`${RUNS} runs each; node ${process.version}`);
try {
  // the first start creates the data folder and the demo organization
  const first = await server(embedded);
  console.log(
    `${'embedded: first start (new data folder, demo data)'.padEnd(44)} ${first.toFixed(0)} ms`,
  );
  await series('npm start, nothing changed (embedded)', () =>
    timeUntil('npm', ['start'], embedded, /API at http/),
  );
  await series('server cold start, embedded', () => server(embedded));
  await series('command line, no server (embedded)', (i) => cli(embedded, i));
  if (process.env.DATABASE_URL) {
    const postgres = { DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
    await server(postgres); // migrations, once
    await series('server cold start, PostgreSQL', () => server(postgres));
    await series('command line (PostgreSQL)', (i) => cli(postgres, i));
  }
} finally {
  rmSync(DATA_DIR, { recursive: true, force: true });
}
