import { describe, expect, it } from '@jest/globals';
import { UUID } from '../../common/graphql/global-id.js';
import { newSearchId, searchTimeOf } from './search-id.js';

describe('search ids', () => {
  it('are UUIDs that tell when they were made, in the order they were made', () => {
    const at = Date.UTC(2026, 10, 27, 10, 30, 15, 123);
    const id = newSearchId(at);
    expect(id).toMatch(UUID);
    expect(searchTimeOf(id)).toBe(at);
    expect(newSearchId(at + 1) > newSearchId(at)).toBe(true);
    expect(newSearchId(at)).not.toBe(id);
  });

  it('have no time when they are not time-ordered ids', () => {
    expect(searchTimeOf('2f1c2a59-0f1e-4b3c-9d2e-6a7b8c9d0e1f')).toBeNull();
    expect(searchTimeOf('not an id')).toBeNull();
  });
});
