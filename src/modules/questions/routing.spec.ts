import { describe, expect, it } from '@jest/globals';
import { RoutingCandidate, chooseExperts, rankCandidates, uncoveredTags } from './routing.js';

const candidate = (userId: string, more: Partial<RoutingCandidate> = {}): RoutingCandidate => ({
  userId,
  matchedTags: ['billing'],
  recentAccepted: 0,
  openQuestions: 0,
  lastRoutedAt: null,
  ...more,
});
const ids = (candidates: RoutingCandidate[]) => candidates.map((c) => c.userId);

describe('rankCandidates', () => {
  it('orders by matching tags, accepted answers, open questions, then longest since routed', () => {
    const ranked = rankCandidates([
      candidate('recently-routed', { lastRoutedAt: new Date(2000) }),
      candidate('busy', { openQuestions: 1 }),
      candidate('two-tags', { matchedTags: ['billing', 'refunds'] }),
      candidate('long-ago', { lastRoutedAt: new Date(1000) }),
      candidate('accepted', { recentAccepted: 3 }),
      candidate('never-routed'),
    ]);
    expect(ids(ranked)).toEqual([
      'two-tags',
      'accepted',
      'never-routed',
      'long-ago',
      'recently-routed',
      'busy',
    ]);
  });

  it('puts a preferred expert (the asker’s mentor) first', () => {
    const ranked = rankCandidates([
      candidate('expert', { matchedTags: ['billing', 'refunds'] }),
      candidate('mentor', { preferred: true }),
    ]);
    expect(ids(ranked)).toEqual(['mentor', 'expert']);
  });
});

describe('chooseExperts', () => {
  it('prefers the fewest experts that cover the most tags', () => {
    const ranked = rankCandidates([
      candidate('billing-a', { matchedTags: ['billing'], recentAccepted: 9 }),
      candidate('billing-b', { matchedTags: ['billing'], recentAccepted: 5 }),
      candidate('router', { matchedTags: ['router'] }),
    ]);
    expect(ids(chooseExperts(ranked, 2))).toEqual(['billing-a', 'router']);
    expect(ids(chooseExperts(ranked, 3))).toEqual(['billing-a', 'router', 'billing-b']);
    expect(ids(chooseExperts(ranked, 1))).toEqual(['billing-a']);
  });

  it('gives what there is when there are fewer experts than asked for', () => {
    expect(chooseExperts([], 3)).toEqual([]);
    expect(ids(chooseExperts([candidate('only')], 3))).toEqual(['only']);
  });
});

describe('uncoveredTags', () => {
  it('names the tags no candidate covers', () => {
    expect(uncoveredTags(['billing', 'router', 'fiber'], [candidate('a')])).toEqual([
      'router',
      'fiber',
    ]);
  });
});
