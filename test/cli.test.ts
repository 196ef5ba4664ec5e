import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestDatabase, copyDataDir, createTestDatabase } from './support/database.js';
import { cli } from './support/processes.js';
import { testTempDir } from './support/temp.js';

/** The command line against PostgreSQL (DATABASE_URL) or, without it, an embedded data directory. */
describe('command line', () => {
  let env: Record<string, string>;
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let workDir: string;

  beforeAll(async () => {
    workDir = testTempDir('cli');
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase();
      env = { DATABASE_URL: database.target.url, DATA_DIR: workDir };
    } else {
      dataDir = await copyDataDir(process.env.FLOORWALKER_TEST_TEMPLATE!);
      env = { DATA_DIR: dataDir, DEMO_DATA: 'false' };
    }
  });
  afterAll(async () => {
    await database?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await rm(workDir, { recursive: true, force: true });
  });

  it.each([
    [[], /Usage: npm run cli/],
    [['org', 'create', '--slug', 'x'], /org create needs --name\./],
    [['org', 'launch'], /Unknown command "org launch"/],
    [
      [
        'user',
        'create',
        '--org',
        'x',
        '--email',
        'e@x.io',
        '--password',
        'p',
        '--name',
        'N',
        '--role',
        'BOSS',
      ],
      /--role must be one of AGENT, TEAM_LEAD, ADMIN/,
    ],
    [
      ['team', 'create', '--org', 'x', '--name', 'T', '--colour', 'red'],
      /Unknown option '--colour'/,
    ],
  ])('prints usage and exits 1 for bad arguments %p', async (args, message) => {
    const result = await cli(args, env);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(message);
    expect(result.stdout + result.stderr).toContain('Usage: npm run cli');
  });

  // Each command with a database costs a process start: these tests check the commands'
  // wiring (arguments, output, exit codes); what each line of an import does is tested
  // on the services (imports.test.ts).
  it('creates an organization, a team and a user who can then be found', async () => {
    expect(await cli(['org', 'create', '--slug', 'tele', '--name', 'Tele Co'], env)).toMatchObject({
      code: 0,
      stdout: 'Created organization tele.\n',
    });
    expect((await cli(['team', 'create', '--org', 'tele', '--name', 'Billing'], env)).code).toBe(0);
    const user = await cli(
      [
        'user',
        'create',
        '--org',
        'tele',
        '--email',
        'lead@tele.example',
        '--password',
        'long enough',
        '--role',
        'team_lead',
        '--name',
        'Lead',
        '--team',
        'billing',
      ],
      env,
    );
    expect(user).toMatchObject({ code: 0, stdout: 'Created user lead@tele.example.\n' });
    const noTeam = await cli(
      [
        'user',
        'create',
        '--org',
        'tele',
        '--email',
        'a@tele.example',
        '--password',
        'long enough',
        '--role',
        'AGENT',
        '--name',
        'A',
        '--team',
        'Ghosts',
      ],
      env,
    );
    expect(noTeam).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No team named "Ghosts"'),
    });
  });

  // builds on the organization and team the first test creates
  it('imports users from CSV, reporting each bad line and going on', async () => {
    const csv = [
      'email,name,role,team,locale,password',
      'ann@bulk.example,Ann,AGENT,Billing,fi,first password',
      'not-an-email,Bob,AGENT,,,',
      'cy@bulk.example,Cy,WIZARD,,,',
      '"dee@bulk.example","Dee, the lead",team_lead,Billing,en,',
      'ANN@bulk.example,Ann Again,AGENT,,,',
      'eve@bulk.example,Eve,AGENT,Night,,',
    ].join('\n');
    const file = join(workDir, 'users.csv');
    await writeFile(file, csv);
    const result = await cli(['user', 'import', file, '--org', 'tele'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('line 2: created ann@bulk.example');
    expect(result.stdout).toMatch(/line 5: created dee@bulk\.example \(temporary password: \S+\)/);
    expect(result.stderr).toContain('line 3: "not-an-email" is not a valid email address');
    expect(result.stderr).toContain('line 4: role "WIZARD" is not one of AGENT, TEAM_LEAD, ADMIN');
    expect(result.stderr).toContain('line 6: A user with email ANN@bulk.example already exists');
    expect(result.stderr).toContain('line 7: no team named "Night"');
    expect(result.stdout).toContain('2 created, 4 failed.');

    const missingFile = await cli(
      ['user', 'import', join(workDir, 'nope.csv'), '--org', 'tele'],
      env,
    );
    expect(missingFile).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Cannot read the file'),
    });
  });

  // builds on the organization the first test creates
  it('imports tips from JSON Lines, reports bad lines, and exports what it imported for a round trip', async () => {
    const lines = [
      {
        externalId: 'a',
        title: 'Refund a cancelled order',
        body: 'Refund to the card.',
        tags: ['Billing'],
        language: 'en',
      },
      {
        externalId: 'b',
        title: 'Draft tip',
        body: 'Not yet.',
        tags: [],
        language: 'en',
        status: 'DRAFT',
      },
      'not json',
      { externalId: 'c', title: '', body: 'x', tags: [], language: 'en' },
      { externalId: 'a', title: 'Duplicate', body: 'x', tags: [], language: 'en' },
      { externalId: 'd', title: 'Bad status', body: 'x', tags: [], language: 'en', status: 'LIVE' },
      {
        externalId: 'e',
        title: 'Hidas yhteys',
        body: 'Testaa kaapelilla.',
        tags: ['yhteys'],
        language: 'fi',
      },
    ];
    const file = join(workDir, 'tips.jsonl');
    await writeFile(
      file,
      lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'),
    );
    const first = await cli(['import', file, '--org', 'tele'], env);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('line 3: not valid JSON');
    expect(first.stderr).toContain('line 4: title: The title must be 1-200 characters.');
    expect(first.stderr).toContain('line 5: externalId "a" is already on line 1');
    expect(first.stderr).toContain(
      'line 6: "status" must be one of DRAFT, PUBLISHED, NEEDS_REVIEW, ARCHIVED',
    );
    expect(first.stdout).toContain('3 created, 0 updated, 0 unchanged, 4 failed.');

    const exported = await cli(['export', '--org', 'tele'], env);
    expect(exported.code).toBe(0);
    const tips = exported.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .sort((a, b) => a.externalId.localeCompare(b.externalId));
    expect(tips).toEqual([
      {
        externalId: 'a',
        title: 'Refund a cancelled order',
        body: 'Refund to the card.',
        tags: ['billing'],
        language: 'en',
        status: 'PUBLISHED',
      },
      {
        externalId: 'b',
        title: 'Draft tip',
        body: 'Not yet.',
        tags: [],
        language: 'en',
        status: 'DRAFT',
      },
      {
        externalId: 'e',
        title: 'Hidas yhteys',
        body: 'Testaa kaapelilla.',
        tags: ['yhteys'],
        language: 'fi',
        status: 'PUBLISHED',
      },
    ]);
    const roundTrip = join(workDir, 'export.jsonl');
    await writeFile(roundTrip, exported.stdout);
    expect(await cli(['import', roundTrip, '--org', 'tele'], env)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('0 created, 0 updated, 3 unchanged, 0 failed.'),
    });
    const author = await cli(
      ['import', roundTrip, '--org', 'tele', '--author', 'nobody@tele.example'],
      env,
    );
    expect(author).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No user with email nobody@tele.example'),
    });
  });

  it('rebuilds the points balances from the ledger', async () => {
    expect(await cli(['recognition', 'rebuild', '--org', 'tele'], env)).toMatchObject({
      code: 0,
      stdout: 'Rebuilt the points balances of 1 organization(s) from the ledger.\n',
    });
    expect(await cli(['recognition', 'rebuild', '--org', 'nowhere'], env)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No organization with slug "nowhere"'),
    });
  });

  it('refuses to reindex without Meilisearch, saying what is missing', async () => {
    expect(await cli(['reindex'], env)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Meilisearch is not configured (MEILI_URL).'),
    });
  });
});
