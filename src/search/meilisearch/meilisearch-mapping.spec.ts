import { describe, expect, it } from '@jest/globals';
import type { SearchRequest } from '../search-engine.js';
import {
  facetsOf,
  filterOf,
  highlighted,
  indexSettings,
  matchedTerms,
  persianJoins,
  queryText,
  settingsMatch,
  standingOf,
  toMeiliDocument,
} from './meilisearch-mapping.js';

const request: SearchRequest = {
  organizationId: 'a7d5b0f2-4a6e-4c1a-9a53-0d1c1c9f3b10',
  text: 'refund',
  languages: ['en'],
  first: 10,
  offset: 0,
  statuses: ['PUBLISHED', 'NEEDS_REVIEW'],
};

describe('Meilisearch mapping', () => {
  it('stores the analysed text to search and the original to show', () => {
    const doc = toMeiliDocument({
      organizationId: request.organizationId,
      type: 'TIP',
      id: 'b1c2',
      language: 'fa',
      status: 'NEEDS_REVIEW',
      tags: ['billing-refunds'],
      title: 'كارت پشتیبانی\u200cکننده',
      body: 'Refund ÉTÉ',
      reuse: 4,
      freshAt: new Date('2026-11-30T10:00:00.500Z'),
    });
    expect(doc).toEqual({
      id: 'b1c2',
      organizationId: request.organizationId,
      title: 'کارت پشتیبانیکننده',
      tags: ['billing-refunds'],
      body: 'refund ete',
      // the Persian words joined, for a query that writes them together
      forms: 'کارتپشتیبانیکننده',
      status: 'NEEDS_REVIEW',
      language: 'fa',
      standing: 1,
      reuse: 4,
      freshAt: 1796032800,
      stored: {
        title: 'كارت پشتیبانی\u200cکننده',
        body: 'Refund ÉTÉ',
        tags: ['billing-refunds'],
        language: 'fa',
        status: 'NEEDS_REVIEW',
      },
    });
    expect([standingOf('PUBLISHED'), standingOf('ARCHIVED'), standingOf('QUESTION')]).toEqual([
      0, 2, 2,
    ]);
  });

  it('adds the joins of adjacent Persian words and the Finnish stems it is given', () => {
    expect(persianJoins('تماس با پشتیبانی کننده refund')).toEqual([
      'تماسبا',
      'باپشتیبانی',
      'پشتیبانیکننده',
    ]);
    const doc = toMeiliDocument(
      {
        organizationId: request.organizationId,
        type: 'TIP',
        id: 'f1',
        language: 'fi',
        status: 'PUBLISHED',
        tags: [],
        title: 'Puhelinkeskus',
        body: 'ei vastaa',
        reuse: 0,
        freshAt: new Date(0),
      },
      ['puhelinkeskus', 'vasta'],
    );
    expect(doc.forms).toBe('puhelinkeskus vasta');
  });

  it('ranks and tolerates typos as the PostgreSQL engine does', () => {
    const settings = indexSettings();
    expect(settings.rankingRules.slice(0, 6)).toEqual([
      'words',
      'typo',
      'attribute',
      'standing:asc',
      'reuse:desc',
      'freshAt:desc',
    ]);
    expect(settings.searchableAttributes).toEqual(['title', 'tags', 'body', 'forms']);
    expect(settings.typoTolerance.minWordSizeForTypos).toEqual({ oneTypo: 5, twoTypos: 9 });
    expect(settings.filterableAttributes).toContain('organizationId');
    // as Meilisearch returns them: a restart finds the same settings and does not reindex
    expect(
      settingsMatch(settings, {
        ...settings,
        typoTolerance: { ...settings.typoTolerance, disableOnWords: [] },
      }),
    ).toBe(true);
    expect(settingsMatch(settings, { ...settings, rankingRules: ['words'] })).toBe(false);
    expect(settings.stopWords).toEqual(expect.arrayContaining(['the', 'و', 'ja']));
  });

  it('always filters by organization, and quotes every value', () => {
    expect(filterOf(request, request.statuses)).toBe(
      `organizationId = "${request.organizationId}" AND status IN ["PUBLISHED", "NEEDS_REVIEW"]`,
    );
    expect(
      filterOf({ ...request, tags: ['Billing', 'a"b\\c'], language: 'fi' }, ['QUESTION']),
    ).toBe(
      `organizationId = "${request.organizationId}" AND status IN ["QUESTION"] AND tags = "billing" AND tags = "a\\"b\\\\c" AND language = "fi"`,
    );
  });

  it('sends the normalized query, keeping whether the last word is finished', () => {
    expect(queryText('Refund  ڪارت')).toBe('refund ڪارت');
    expect(queryText('كارت هدية ')).toBe('کارت هدیة ');
    expect(queryText('  ')).toBe('');
  });

  it('highlights the words Meilisearch matched, as escaped HTML', () => {
    const analysed = { title: 'reset <b> password', body: 'send the link', tags: [] };
    // byte offsets into the analysed title: "password" starts at byte 10
    const terms = matchedTerms(analysed, { title: [{ start: 10, length: 8 }] });
    expect(terms).toEqual(['password']);
    expect(
      highlighted(
        {
          title: 'Reset <b> Password',
          body: 'Send the link',
          tags: [],
          language: 'en',
          status: 'PUBLISHED',
        },
        terms,
      ).titleHighlight,
    ).toBe('Reset &lt;b&gt; <mark>Password</mark>');
  });

  it('merges tag facets, most frequent first', () => {
    expect(
      facetsOf([
        { tags: { billing: 3, devices: 1 } },
        { tags: { billing: 1, account: 1 } },
        undefined,
      ]),
    ).toEqual([
      { tag: 'billing', count: 4 },
      { tag: 'account', count: 1 },
      { tag: 'devices', count: 1 },
    ]);
  });
});
