import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TransactionHost } from '../src/database/transaction-host.js';
import { TipsImportService } from '../src/modules/tips/tips-import.service.js';
import { UsersImportService } from '../src/modules/users/users-import.service.js';
import { TestServices } from './support/test-services.js';

const line = (externalId: string, changes: Record<string, unknown> = {}) =>
  JSON.stringify({
    externalId,
    title: `Tip ${externalId}`,
    body: `How to handle ${externalId}.`,
    tags: ['Billing', 'refunds'],
    language: 'en',
    ...changes,
  });

/** Imports line by line (the command line only reads files and prints what these return). */
describe('imports', () => {
  let services: TestServices;
  let importer: TipsImportService;
  let organizationId: string;
  let authorId: string;

  const revisions = async () =>
    (
      await services
        .get(TransactionHost)
        .manager.query(`SELECT count(*)::int AS n FROM tip_revisions WHERE organization_id = $1`, [
          organizationId,
        ])
    )[0].n as number;

  beforeAll(async () => {
    services = await TestServices.start();
    importer = services.get(TipsImportService);
    organizationId = await services.organization('kb');
    const author = await importer.author(organizationId);
    if (!('id' in author)) throw new Error(author.error);
    authorId = author.id;
  });
  afterAll(() => services?.close());

  it('changes nothing for unchanged lines, not even a revision, however often it runs', async () => {
    const file = Array.from({ length: 50 }, (_, i) => line(`kb-${i}`)).join('\n');
    expect(await importer.import(organizationId, authorId, file)).toEqual({
      created: 50,
      updated: 0,
      unchanged: 0,
      failed: [],
    });
    expect(await revisions()).toBe(50);
    for (let run = 0; run < 2; run++) {
      expect(await importer.import(organizationId, authorId, file)).toEqual({
        created: 0,
        updated: 0,
        unchanged: 50,
        failed: [],
      });
    }
    expect(await revisions()).toBe(50);
  });

  it('counts tags in another order or spelling as unchanged, and a real change as an update', async () => {
    const file = [
      line('kb-0', { tags: ['Refunds', 'billing'] }),
      line('kb-1', { body: 'A better answer.' }),
      line('kb-2', { status: 'ARCHIVED' }),
      line('kb-3', { status: 'PUBLISHED' }),
    ].join('\n');
    expect(await importer.import(organizationId, authorId, file)).toEqual({
      created: 0,
      updated: 2,
      unchanged: 2,
      failed: [],
    });
    expect(await revisions()).toBe(52);
  });

  it('reads users from CSV: a bad header refuses the file, a bad line is reported and the rest read on', async () => {
    const users = services.get(UsersImportService);
    const header = await users.import(organizationId, 'mail,name\nx@y.z,X\n');
    expect(header).toMatchObject({ created: 0, failed: 1 });
    expect(header.lines[0]).toMatch(/^line 1: missing column\(s\) email, role/);
    const csv = [
      'email,name,role',
      'ana@kb.example,Ana "the" Agent,AGENT', // a stray quote mid-field
      'bo@kb.example,Bo,AGENT',
      'cy@kb.example,,AGENT',
    ].join('\n');
    const report = await users.import(organizationId, csv);
    expect(report.created).toBe(1);
    expect(report.failed).toBe(2);
    expect(report.lines).toEqual([
      expect.stringMatching(/^line 2: .*quote/i),
      expect.stringMatching(/^line 3: created bo@kb\.example \(temporary password: \S+\)$/),
      'line 4: The display name must be 1-200 characters.',
    ]);
  });
});
