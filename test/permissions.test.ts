import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import type { Caller } from '../src/common/context/request-context.js';
import { SearchService } from '../src/modules/search/search.service.js';
import { TipStatus } from '../src/modules/tips/tip.entities.js';
import { ExpertiseService } from '../src/modules/expertise/expertise.service.js';
import { TeamsService } from '../src/modules/teams/teams.service.js';
import { TestServices } from './support/test-services.js';

/** A lead's powers reach their own team (service tier: the rules, without HTTP). */
describe('a team lead’s scope', () => {
  let services: TestServices;
  let lead: Caller;
  let admin: Caller;
  let member: Caller;
  let outsider: Caller;
  let teamless: Caller;

  beforeAll(async () => {
    services = await TestServices.start();
    const org = await services.organization('acme');
    const teams = services.get(TeamsService);
    const billing = (await teams.create(org, 'Billing')).value!.id;
    const tech = (await teams.create(org, 'Tech')).value!.id;
    lead = await services.caller(org, 'lead@acme.example', Role.TEAM_LEAD, billing);
    admin = await services.caller(org, 'admin@acme.example', Role.ADMIN, billing);
    member = await services.caller(org, 'member@acme.example', Role.AGENT, billing);
    outsider = await services.caller(org, 'outsider@acme.example', Role.AGENT, tech);
    teamless = await services.caller(org, 'nobody@acme.example', Role.AGENT);
  });
  afterAll(() => services?.close());

  it('grants and revokes expertise of their team’s members only, never an admin’s', async () => {
    const expertise = services.get(ExpertiseService);
    const change = (target: Caller, grant = true) =>
      expertise.change(lead, lead.organizationId, target.userId, 'refunds', grant);
    expect((await change(member)).value).toEqual(['refunds']);
    expect((await change(member, false)).value).toEqual([]);
    for (const target of [outsider, teamless, admin])
      await expect(change(target)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(
      (await expertise.change(admin, admin.organizationId, outsider.userId, 'refunds', true)).value,
    ).toEqual(['refunds']);
  });

  it('reads the search gaps of their team; admins read the organization’s', async () => {
    const search = services.get(SearchService);
    const options = {
      first: 5,
      offset: 0,
      types: ['TIP' as const],
      statuses: [TipStatus.PUBLISHED],
      withTotals: false,
      withTips: false,
    };
    await search.search(member, 'warranty claim ', options);
    await search.search(outsider, 'lost parcel ', options);
    const since = new Date(Date.now() - 60_000);
    const gaps = async (who: Caller) =>
      (await search.gaps(who, since, new Date(Date.now() + 1000), 10)).map((gap) => gap.query);
    expect(await gaps(lead)).toEqual(['warranty claim']);
    expect((await gaps(admin)).sort()).toEqual(['lost parcel', 'warranty claim']);
  });
});
