import { expect } from '@jest/globals';
import type { SearchEngine, SearchRequest } from '../../src/search/search-engine.js';

/**
 * Searches with the engine's bounded ranking and with the ranking of every match, expects
 * the same page (hits with their scores, whether there are more, totals), and returns how
 * many hits were compared.
 */
export async function expectSameAsExhaustive(
  engine: SearchEngine,
  request: SearchRequest,
): Promise<number> {
  const bounded = await engine.search(request);
  const exhaustive = await engine.search({ ...request, exhaustive: true });
  expect(bounded.hits.map((hit) => [hit.id, hit.score])).toEqual(
    exhaustive.hits.map((hit) => [hit.id, hit.score]),
  );
  expect(bounded.hasMore).toBe(exhaustive.hasMore);
  expect(bounded.totals).toEqual(exhaustive.totals);
  return bounded.hits.length;
}
