import { describe, expect, it } from '@jest/globals';
import { fromGlobalId, idOfType, toGlobalId } from './global-id.js';

describe('global ids', () => {
  const uuid = '3f1d167d-f02a-46d2-bdca-26b7d15eb6e5';
  it('round-trip type and id', () => {
    expect(fromGlobalId(toGlobalId('User', uuid))).toEqual({ type: 'User', id: uuid });
    expect(idOfType(toGlobalId('Team', uuid), 'Team')).toBe(uuid);
  });
  it('reject other types and malformed ids', () => {
    expect(idOfType(toGlobalId('Team', uuid), 'User')).toBeNull();
    expect(fromGlobalId('garbage')).toBeNull();
    expect(fromGlobalId(Buffer.from("User:1' OR 1=1").toString('base64url'))).toBeNull();
  });
});
