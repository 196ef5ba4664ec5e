import { describe, expect, it } from '@jest/globals';
import type { Caller } from '../context/request-context.js';
import { GRANTS, Permission, Scope, allows, hasPermission, scopeOf } from './policy.js';
import { Role } from './role.js';

const caller = (role: Role, teamId: string | null = 'team-a'): Caller => ({
  userId: 'me',
  organizationId: 'org',
  role,
  teamId,
  sessionId: 's',
});

describe('policy', () => {
  it('gives every role a scope for every permission it has, and admins every permission', () => {
    for (const role of Object.values(Role))
      for (const scope of Object.values(GRANTS[role]))
        expect(Object.values(Scope)).toContain(scope);
    for (const permission of Object.values(Permission))
      expect(hasPermission(caller(Role.ADMIN), permission)).toBe(true);
  });

  it('keeps lead powers from agents', () => {
    for (const permission of [
      Permission.EXPERTISE_GRANT,
      Permission.SEARCH_GAPS_READ,
      Permission.SYNONYMS_MANAGE,
      Permission.TIP_SEND_TO_REVIEW,
      Permission.USER_CREATE,
    ])
      expect(hasPermission(caller(Role.AGENT), permission)).toBe(false);
  });

  it('reaches a lead’s own team only, and never an admin on it', () => {
    const lead = caller(Role.TEAM_LEAD);
    const member = { userId: 'u1', teamId: 'team-a', role: Role.AGENT };
    expect(allows(lead, Permission.EXPERTISE_GRANT, member)).toBe(true);
    expect(allows(lead, Permission.EXPERTISE_GRANT, { ...member, teamId: 'team-b' })).toBe(false);
    expect(allows(lead, Permission.EXPERTISE_GRANT, { ...member, role: Role.ADMIN })).toBe(false);
    // a role added later is out of a team's reach until the policy lists it
    expect(allows(lead, Permission.EXPERTISE_GRANT, { ...member, role: 'AUDITOR' as Role })).toBe(
      false,
    );
    expect(allows(lead, Permission.EXPERTISE_GRANT, { userId: 'u1', teamId: null })).toBe(false);
    expect(allows(caller(Role.TEAM_LEAD, null), Permission.EXPERTISE_GRANT, { teamId: null })).toBe(
      false,
    );
    expect(scopeOf(Role.TEAM_LEAD, Permission.SEARCH_GAPS_READ)).toBe(Scope.TEAM);
  });

  it('lets agents act on their own things, and curate tips in their fields of expertise', () => {
    const agent = caller(Role.AGENT);
    expect(allows(agent, Permission.TIP_EDIT, { userId: 'me' })).toBe(true);
    expect(allows(agent, Permission.TIP_EDIT, { userId: 'someone' })).toBe(false);
    expect(allows(agent, Permission.TIP_CURATE, { inExpertise: true })).toBe(true);
    expect(allows(agent, Permission.TIP_CURATE, { inExpertise: false })).toBe(false);
    expect(allows(agent, Permission.USER_READ_EMAIL, { userId: 'me' })).toBe(true);
    expect(allows(agent, Permission.USER_READ_EMAIL, { userId: 'someone' })).toBe(false);
  });
});
