import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { offsetCursor } from '../src/common/graphql/connection.js';
import { TransactionHost } from '../src/database/transaction-host.js';
import { MaintenanceService } from '../src/modules/maintenance/maintenance.service.js';
import { TipsService } from '../src/modules/tips/tips.service.js';
import { TestApp } from './support/test-app.js';

const SEARCH = `query ($q: String!, $first: Int = 5, $tags: [String!], $language: String, $statuses: [TipStatus!], $session: String) {
  search(query: $q, first: $first, tags: $tags, language: $language, statuses: $statuses, typingSession: $session) {
    totalCount searchId facets { tag count }
    edges { titleHighlight snippet node { __typename ... on Tip { id externalId title status } } }
  }
}`;

const TIPS: {
  externalId: string;
  title: string;
  body: string;
  tags: string[];
  language: string;
}[] = [
  {
    externalId: 'refund',
    title: 'Refund a cancelled order',
    body: 'Refund to the original card.',
    tags: ['billing'],
    language: 'en',
  },
  {
    externalId: 'receive',
    title: 'Customer did not receive the invoice',
    body: 'Resend it from the invoices page.',
    tags: ['billing'],
    language: 'en',
  },
  {
    externalId: 'address',
    title: 'Change the billing address',
    body: 'Confirm the card digits first.',
    tags: ['account'],
    language: 'en',
  },
  {
    externalId: 'cancel',
    title: 'Cancel a subscription',
    body: 'Offer a pause first.',
    tags: ['account'],
    language: 'en',
  },
  {
    externalId: 'router',
    title: 'Router lights are red',
    body: 'Power it off for thirty seconds, then check the cable.',
    tags: ['connectivity'],
    language: 'en',
  },
  {
    externalId: 'late',
    title: 'Compensation for a late delivery',
    body: 'Parcels more than two days late get a ten percent credit on the account.',
    tags: ['delivery'],
    language: 'en',
  },
  {
    externalId: 'acknowledge',
    title: 'Acknowledgement letters',
    body: 'Send the acknowledgement template.',
    tags: ['letters'],
    language: 'en',
  },
  {
    externalId: 'want',
    title: 'مشتری می‌خواهم قرارداد را لغو کنم',
    body: 'فرم لغو را ارسال کنید. شماره ۱۲۳ را بدهید.',
    tags: ['account'],
    language: 'fa',
  },
  // Persian compounds: joined, with a zero-width non-joiner, and with a space
  {
    externalId: 'joined',
    title: 'راهنمای کتابخانه دیجیتال',
    body: 'ورود به کتابخانه با شماره عضویت.',
    tags: ['account'],
    language: 'fa',
  },
  {
    externalId: 'spaced',
    title: 'نصب دوربین مدار بسته',
    body: 'دوربین را به شبکه وصل کنید.',
    tags: ['devices'],
    language: 'fa',
  },
  {
    externalId: 'zwnj',
    title: 'تماس با پشتیبانی\u200cکننده',
    body: 'شماره تماس را از فاکتور بخوانید.',
    tags: ['account'],
    language: 'fa',
  },
  {
    externalId: 'plural',
    title: 'پرداخت قبض ها',
    body: 'پرداخت از درگاه بانک انجام می‌شود.',
    tags: ['billing'],
    language: 'fa',
  },
  {
    externalId: 'keskus',
    title: 'Puhelinkeskus ei vastaa',
    body: 'Tarkista huoltokatko ja tee linjatesti.',
    tags: ['landline'],
    language: 'fi',
  },
  {
    externalId: 'kortti',
    title: 'Asiakas kysyy puhelinkeskuksessa jonotuksesta',
    body: 'Kerro arvioitu jonotusaika.',
    tags: ['landline'],
    language: 'fi',
  },
];

const CLICK = `mutation ($input: RecordSearchClickInput!) { recordSearchClick(input: $input) { recorded userErrors { message } } }`;

describe('search', () => {
  let t: TestApp;
  let agent: string;
  let lead: string;

  const search = async (q: string, variables: Record<string, unknown> = {}, token = agent) => {
    const result = await t.gql(SEARCH, { q, ...variables }, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.search;
  };
  const topIds = async (q: string) => (await search(q)).edges.map((e: any) => e.node.externalId);

  beforeAll(async () => {
    t = await TestApp.start();
    const org = await t.organization('acme');
    const team = await t.team(org.id, 'Billing');
    await t.user(org.id, 'agent@acme.example', Role.AGENT, team.id);
    await t.user(org.id, 'lead@acme.example', Role.TEAM_LEAD, team.id);
    agent = await t.token('acme', 'agent@acme.example');
    lead = await t.token('acme', 'lead@acme.example');
    const create = `mutation ($input: CreateTipInput!) { createTip(input: $input) { userErrors { message } } }`;
    for (const tip of TIPS) {
      const result = await t.gql(create, { input: { ...tip, publish: true } }, agent);
      expect(result.data?.createTip.userErrors).toEqual([]);
    }
    // Another organization's tip with the same words must never show up.
    const other = await t.organization('other');
    await t.user(other.id, 'agent@other.example');
    const otherToken = await t.token('other', 'agent@other.example');
    await t.gql(
      create,
      { input: { title: 'Refund a cancelled order (other)', body: 'x', tags: [], publish: true } },
      otherToken,
    );
  });
  afterAll(() => t?.close());

  it('finds exact title words', async () => {
    expect((await topIds('router lights '))[0]).toBe('router');
  });

  it('matches a prefix of 3+ letters of the word being typed', async () => {
    expect(await topIds('refu')).toContain('refund');
    expect(await topIds('customer did not rec')).toContain('receive');
  });

  it.each([
    ['recieve', 'receive'],
    ['adress', 'address'],
    ['cancle', 'cancel'],
    ['acknowldgemnt', 'acknowledge'],
  ])('tolerates typos: %s finds %s', async (query, expected) => {
    expect(await topIds(query + ' ')).toContain(expected);
  });

  it('does not turn a short word into a different one', async () => {
    expect(await topIds('cad ')).toEqual([]);
  });

  it.each(['می‌خواهم', 'میخواهم', 'می خواهم', 'مي خواهم'])(
    'finds Persian written as %s',
    async (query) => {
      expect(await topIds(query)).toContain('want');
    },
  );

  it.each([
    ['joined', ['کتابخانه ', 'کتاب\u200cخانه ', 'کتاب خانه ']],
    ['spaced', ['مداربسته ', 'مدار\u200cبسته ', 'مدار بسته ']],
    ['zwnj', ['پشتیبانیکننده ', 'پشتیبانی\u200cکننده ', 'پشتیبانی کننده ']],
    ['plural', ['قبضها ', 'قبض\u200cها ', 'قبض ها ']],
  ])('finds a Persian compound written %s in all three spellings', async (expected, queries) => {
    for (const query of queries) expect(await topIds(query)).toContain(expected);
  });

  it('matches a Persian compound being typed, joined or apart', async () => {
    expect(await topIds('پشتیبانی کنن')).toContain('zwnj');
    expect(await topIds('کتاب خا')).toContain('joined');
  });

  it('leaves Persian and Finnish stop words out of a ranking, and searches by them alone', async () => {
    // "را" is in the title of another Persian tip: it must not bring that one in
    expect(await topIds('دوربین را ')).toEqual(['spaced']);
    // "ei" (not) is in one Finnish title, "jonotuksesta" in another
    expect(await topIds('ei jonotuksesta ')).toEqual(['kortti']);
    expect(await topIds('ei ')).toContain('keskus');
  });

  it('finds Persian digits as ASCII and back', async () => {
    expect(await topIds('123 ')).toContain('want');
  });

  it('finds Finnish inflections of a base word and the base of an inflection', async () => {
    expect(await topIds('puhelinkeskuksessa ')).toContain('keskus');
    expect(await topIds('puhelinkeskus ')).toContain('kortti');
  });

  it('answers a question in plain words whose key terms are in the body', async () => {
    expect(await topIds('what credit do customers get when parcels arrive late? ')).toContain(
      'late',
    );
  });

  it('returns only the caller’s organization, with highlights, facets and a search id', async () => {
    const result = await search('refund');
    expect(result.edges).toHaveLength(1);
    expect(result.edges[0].node).toMatchObject({ __typename: 'Tip', externalId: 'refund' });
    expect(result.edges[0].titleHighlight).toBe('<mark>Refund</mark> a cancelled order');
    expect(result.facets).toEqual([{ tag: 'billing', count: 1 }]);
    expect(result.searchId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a search box from the index, and reads the tips for other fields', async () => {
    const stored = 'id title body bodyHtml tags language status viewerBookmarked';
    const searchFor = async (fields: string) => {
      const result = await t.gql(
        `query ($q: String!) { search(query: $q) { edges { node { ...Hit } } } }
         fragment Hit on SearchResult { ... on Tip { ${fields} } }`,
        { q: 'refund' },
        agent,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.search.edges.map((e: any) => e.node);
    };
    const readTips = jest.spyOn(t.app.get(TipsService), 'findByIds');
    try {
      const fromIndex = await searchFor(stored);
      expect(readTips).not.toHaveBeenCalled();
      const fromTips = await searchFor(`${stored} externalId author { displayName }`);
      expect(readTips).toHaveBeenCalledTimes(1);
      expect(fromIndex).toEqual([
        expect.objectContaining({
          title: 'Refund a cancelled order',
          tags: ['billing'],
          language: 'en',
          status: 'PUBLISHED',
          viewerBookmarked: false,
        }),
      ]);
      expect(fromTips).toEqual([
        { ...fromIndex[0], externalId: 'refund', author: { displayName: expect.any(String) } },
      ]);
    } finally {
      readTips.mockRestore();
    }
  });

  it('filters by tags and language', async () => {
    const landline = await search('puhelinkeskus ', { tags: ['landline'], first: 10 });
    expect(landline.edges.map((e: any) => e.node.externalId).sort()).toEqual(['keskus', 'kortti']);
    expect((await search('refund ', { tags: ['landline'] })).edges).toEqual([]);
    const finnish = await search('puhelinkeskus ', { language: 'fi' });
    expect(finnish.edges.every((e: any) => ['keskus', 'kortti'].includes(e.node.externalId))).toBe(
      true,
    );
    const billing = await search('refund ', { tags: ['Billing'] });
    expect(billing.edges.map((e: any) => e.node.externalId)).toEqual(['refund']);
  });

  it('escapes HTML in highlights', async () => {
    const create = `mutation ($input: CreateTipInput!) { createTip(input: $input) { userErrors { message } } }`;
    await t.gql(
      create,
      {
        input: {
          title: 'Script <b>tags</b> in xylophone tips',
          body: '<script>alert(1)</script> xylophone',
          publish: true,
        },
      },
      agent,
    );
    const result = await search('xylophone');
    expect(result.edges[0].titleHighlight).toBe(
      'Script &lt;b&gt;tags&lt;/b&gt; in <mark>xylophone</mark> tips',
    );
    expect(result.edges[0].snippet).not.toContain('<script>');
  });

  it('rejects a query that is too long and a page that is too big', async () => {
    const long = await t.gql(SEARCH, { q: 'x'.repeat(201) }, agent);
    expect(long.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const big = await t.gql(SEARCH, { q: 'refund', first: 500 }, agent);
    expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages through the first 1,000 results only', async () => {
    const page = `query ($after: String) { search(query: "refund", first: 10, after: $after) { edges { node { __typename } } } }`;
    expect((await t.gql(page, { after: offsetCursor(990) }, agent)).errors).toBeUndefined();
    const deep = await t.gql(page, { after: offsetCursor(991) }, agent);
    expect(deep.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(deep.errors?.[0].message).toMatch(/first 1000; refine the query/);
  });

  it('shows searches with no result or no click to leads, a typing burst counting once', async () => {
    for (const q of ['zebr', 'zebra', 'zebra crossing']) await search(q, { session: 'burst-1' });
    await search('zebra crossing', { session: 'burst-2' });
    const clicked = await search('router');
    const click = await t.gql(
      CLICK,
      { input: { searchId: clicked.searchId, nodeId: clicked.edges[0].node.id, position: 1 } },
      agent,
    );
    expect(click.data?.recordSearchClick.recorded).toBe(true);
    const gaps = `{ searchGaps(first: 50) { query searches withoutResults } }`;
    const result = await t.gql(gaps, {}, lead);
    const rows = result.data?.searchGaps as {
      query: string;
      searches: number;
      withoutResults: number;
    }[];
    expect(rows.find((row) => row.query === 'zebra crossing')).toEqual({
      query: 'zebra crossing',
      searches: 2,
      withoutResults: 2,
    });
    expect(rows.find((row) => row.query === 'zebr')).toBeUndefined();
    expect(rows.find((row) => row.query === 'router')).toBeUndefined();
    expect((await t.gql(gaps, {}, agent)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  // The embedded database runs one API instance: this needs two (PostgreSQL).
  const withTwoInstances = process.env.DATABASE_URL ? it : it.skip;

  withTwoInstances(
    'records a click that reaches another API instance right after its search (PostgreSQL only)',
    async () => {
      // Each instance writes its search log in batches.
      const other = await t.alongside();
      try {
        const found = await search('router');
        const nodeId = found.edges[0].node.id;
        const click = await other.gql(
          CLICK,
          { input: { searchId: found.searchId, nodeId } },
          agent,
        );
        expect(click.data?.recordSearchClick).toEqual({ recorded: true, userErrors: [] });
        const none = await other.gql(CLICK, { input: { searchId: randomUUID(), nodeId } }, agent);
        expect(none.data?.recordSearchClick.recorded).toBe(false);
      } finally {
        await other.close();
      }
    },
  );

  it('deletes search logs past each organization’s retention period', async () => {
    const short = await t.organization('shortlog');
    const long = await t.organization('longlog');
    await t.user(short.id, 'admin@shortlog.example', Role.ADMIN);
    await t.user(long.id, 'agent@longlog.example');
    const admin = await t.token('shortlog', 'admin@shortlog.example');
    const settings = await t.gql(
      `mutation { updateOrganizationSettings(input: { searchLogRetentionDays: 30 }) {
         organization { searchLogRetentionDays } userErrors { message } } }`,
      {},
      admin,
    );
    expect(settings.data?.updateOrganizationSettings.organization).toEqual({
      searchLogRetentionDays: 30,
    });
    await search('retention probe ', {}, admin);
    await search('retention probe ', {}, await t.token('longlog', 'agent@longlog.example'));
    await t.gql(`{ searchGaps { query } }`, {}, admin); // writes the queued log entries
    // Both organizations' searches were made 40 days ago: past 30 days, within the default 90.
    const manager = t.app.get(TransactionHost).manager;
    await manager.query(
      `UPDATE search_log SET created_at = created_at - interval '40 days'
       WHERE organization_id = ANY($1::uuid[])`,
      [[short.id, long.id]],
    );
    await t.app.get(MaintenanceService).run();
    const kept = async (organizationId: string) =>
      (
        await manager.query(
          `SELECT count(*)::int AS n FROM search_log WHERE organization_id = $1`,
          [organizationId],
        )
      )[0].n;
    expect(await kept(short.id)).toBe(0);
    expect(await kept(long.id)).toBe(1);
    const since = new Date(Date.now() - 60 * 24 * 3600 * 1000).toISOString();
    const gaps = await t.gql(
      `query ($since: DateTime) { searchGaps(since: $since) { query } }`,
      { since },
      admin,
    );
    expect(gaps.data?.searchGaps).toEqual([]);
  });

  it('uses the organization’s synonyms', async () => {
    expect(await topIds('compensation ')).toContain('late');
    expect(await topIds('reimbursement ')).toEqual([]);
    const add = `mutation ($terms: [String!]!) { addSynonyms(input: {terms: $terms}) { synonyms { id terms } userErrors { message } } }`;
    const added = (await t.gql(add, { terms: ['Reimbursement', 'compensation'] }, lead)).data
      ?.addSynonyms.synonyms;
    expect(added.terms).toEqual(['reimbursement', 'compensation']);
    expect(await topIds('reimbursement ')).toContain('late');
    const remove = `mutation ($id: ID!) { removeSynonyms(input: {id: $id}) { userErrors { message } } }`;
    expect((await t.gql(remove, { id: added.id }, lead)).data?.removeSynonyms.userErrors).toEqual(
      [],
    );
    expect(await topIds('reimbursement ')).toEqual([]);
    await t.gql(add, { terms: ['reimbursement', 'compensation'] }, lead);
    expect(await topIds('reimbursement ')).toContain('late');
    expect(
      (await t.gql(add, { terms: ['only-one'] }, lead)).data?.addSynonyms.userErrors,
    ).toHaveLength(1);
  });
});
