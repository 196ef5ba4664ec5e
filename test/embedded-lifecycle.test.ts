import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { DEMO_PASSWORD } from '../src/modules/demo/demo-accounts.js';
import { copyDataDir } from './support/database.js';
import { ServerProcess, cli, graphql, isAlive, waitUntil } from './support/processes.js';
import { testTempDir } from './support/temp.js';

/**
 * The embedded database through the server's whole life, as `npm start` runs it: demo
 * data, one owner per data directory, the command line beside a running server, clean
 * shutdown, and recovery after the API process is killed.
 */
describe('server on the embedded database', () => {
  let dataDir: string;
  const running: ServerProcess[] = [];
  const start = () => {
    const server = ServerProcess.spawn({ DATA_DIR: dataDir });
    running.push(server);
    return server;
  };
  const signIn = async (url: string) => {
    const result = await graphql(
      url,
      `mutation { login(input: {organization: "demo", email: "admin@demo.example", password: "${DEMO_PASSWORD}"}) { token } }`,
    );
    return result.data!.login.token as string;
  };
  const teamNames = async (url: string) => {
    const result = await graphql(
      url,
      `
        {
          teams(first: 100) {
            edges {
              node {
                name
              }
            }
          }
        }
      `,
      {},
      await signIn(url),
    );
    return result.data!.teams.edges.map(
      (edge: { node: { name: string } }) => edge.node.name,
    ) as string[];
  };
  const createTeam = async (url: string, name: string) => {
    const result = await graphql(
      url,
      `
        mutation ($name: String!) {
          createTeam(input: { name: $name }) {
            team {
              name
            }
          }
        }
      `,
      { name },
      await signIn(url),
    );
    expect(result.data?.createTeam.team.name).toBe(name);
  };

  beforeAll(async () => {
    // The migrated template, without demo data: the first start creates it. When the run's
    // template is on PostgreSQL, start from nothing (the server runs initdb and migrations).
    dataDir = process.env.DATABASE_URL
      ? testTempDir('lifecycle')
      : await copyDataDir(process.env.FLOORWALKER_TEST_TEMPLATE!);
  });
  afterAll(async () => {
    for (const server of running) server.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates demo data on first start, refuses a second server, serves the command line, and stops cleanly', async () => {
    const server = start();
    const url = await server.ready();
    expect(server.output).toContain('Demo data created');
    expect(await teamNames(url)).toEqual(['Billing', 'Technical Support']);
    await createTeam(url, 'Night shift');
    // loopback only, unless HOST says otherwise
    const port = new URL(url).port;
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4');
    if (outside) await expect(fetch(`http://${outside.address}:${port}/health`)).rejects.toThrow();

    const second = start();
    expect(await second.exited).toBe(1);
    expect(second.output).toMatch(
      /data directory .* is in use by another floorwalker process \(pid \d+\)/,
    );

    const viaServer = await cli(['team', 'create', '--org', 'demo', '--name', 'Weekend'], {
      DATA_DIR: dataDir,
    });
    expect(viaServer).toMatchObject({ code: 0, stdout: 'Created team Weekend.\n' });
    expect(await teamNames(url)).toContain('Weekend');

    const databasePid = server.databasePid(dataDir);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(isAlive(databasePid)).toBe(false);
  });

  it('finds every committed row after a restart, and after the API process is killed', async () => {
    const server = start();
    const url = await server.ready();
    expect(server.output).not.toContain('Demo data created');
    expect(await teamNames(url)).toEqual(expect.arrayContaining(['Night shift', 'Weekend']));
    await createTeam(url, 'Survivors');

    const databasePid = server.databasePid(dataDir);
    server.child.kill('SIGKILL');
    await server.exited;
    // The database process notices its parent is gone and stops by itself.
    expect(await waitUntil(() => !isAlive(databasePid))).toBe(true);

    const restarted = start();
    const again = await restarted.ready();
    expect(await teamNames(again)).toEqual(
      expect.arrayContaining(['Night shift', 'Weekend', 'Survivors']),
    );
    restarted.child.kill('SIGINT');
    expect(await restarted.exited).toBe(0);
  });

  it('runs the command line on the data directory itself when no server is running', async () => {
    const result = await cli(['team', 'create', '--org', 'demo', '--name', 'Offline'], {
      DATA_DIR: dataDir,
    });
    expect(result).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Created team Offline.'),
    });
    const server = start();
    expect(await teamNames(await server.ready())).toContain('Offline');
    server.child.kill('SIGTERM');
    await server.exited;
  });

  it('refuses a port in use with one clear line, before touching the data directory', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    const empty = testTempDir('clash');
    try {
      const server = ServerProcess.spawn({ DATA_DIR: empty, PORT: String(port) });
      running.push(server);
      expect(await server.exited).toBe(1);
      expect(server.output.trim()).toBe(
        `Port ${port} on 127.0.0.1 is already in use (another floorwalker?). Stop that process or set PORT to a free port.`,
      );
      expect(await readdir(empty)).not.toContain('floorwalker.lock');
    } finally {
      taken.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
