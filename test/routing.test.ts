import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import type { Caller } from '../src/common/context/request-context.js';
import { TransactionHost } from '../src/database/transaction-host.js';
import { ExpertiseService } from '../src/modules/expertise/expertise.service.js';
import { JobQueue } from '../src/modules/jobs/job-queue.js';
import { DeclineReason, Urgency } from '../src/modules/questions/question.entities.js';
import {
  MAX_WAITING_PER_ASKER,
  QuestionsService,
} from '../src/modules/questions/questions.service.js';
import { Presence } from '../src/modules/users/presence.js';
import { RecognitionService } from '../src/modules/recognition/recognition.service.js';
import { TeamsService } from '../src/modules/teams/teams.service.js';
import { UsersService } from '../src/modules/users/users.service.js';
import { TestServices } from './support/test-services.js';

/**
 * Routing rules at the service tier: no worker runs here, so the widening and deadline
 * jobs are run by the test, through the handlers the worker would call.
 */
describe('question routing', () => {
  let s: TestServices;
  let organizationId: string;
  let questions: QuestionsService;
  const who: Record<string, Caller> = {};
  const nameOf = (userId: string) => Object.keys(who).find((name) => who[name].userId === userId);

  async function expert(
    name: string,
    tags: string[],
    presence = Presence.AVAILABLE,
    teamId: string | null = null,
  ) {
    who[name] = await s.caller(organizationId, `${name}@north.test`, Role.AGENT, teamId);
    for (const tag of tags)
      await s.get(ExpertiseService).change(null, organizationId, who[name].userId, tag, true);
    await s.get(UsersService).setPresence(organizationId, who[name].userId, presence);
  }

  async function ask(tags: string[], urgency = Urgency.NORMAL, asker = who.asker) {
    const outcome = await questions.ask(asker, {
      title: `About ${tags.join(' and ')}`,
      body: '',
      stepsTried: '',
      tags,
      urgency,
    });
    expect(outcome.userErrors).toEqual([]);
    return outcome.value!;
  }

  async function offered(questionId: string): Promise<string[]> {
    const report = await questions.routingOf(
      who.admin,
      await questions.visible(who.admin, questionId),
    );
    return report!.offers.map((offer) => nameOf(offer.expertId)!);
  }

  beforeAll(async () => {
    s = await TestServices.start();
    organizationId = await s.organization('north');
    questions = s.get(QuestionsService);
    who.admin = await s.caller(organizationId, 'admin@north.test', Role.ADMIN);
    const team = (await s.get(TeamsService).create(organizationId, 'Billing floor')).value!;
    who.lead = await s.caller(organizationId, 'lead@north.test', Role.TEAM_LEAD, team.id);
    who.asker = await s.caller(organizationId, 'asker@north.test', Role.AGENT);
    await expert('accepted', ['billing']);
    await expert('plain', ['billing']);
    await expert('both', ['billing', 'refunds']);
    await expert('holding', ['billing']);
    await expert('overloaded', ['billing']);
    await expert('onCall', ['billing', 'refunds'], Presence.ON_CALL);

    // 'accepted' has an answer accepted lately in billing
    const earlier = await ask(['billing']);
    const answer = await questions.answer(who.accepted, earlier.id, 'Do this.');
    await questions.accept(who.asker, answer.value!.id);
    // 'holding' holds one claimed question; 'overloaded' holds two, the organization's maximum
    await questions.claim(who.holding, (await ask(['billing'])).id);
    for (let i = 0; i < 2; i++) await questions.claim(who.overloaded, (await ask(['billing'])).id);
    // the asker has 3 questions waiting; the tests ask as a second asker
    who.asker = await s.caller(organizationId, 'second-asker@north.test', Role.AGENT);
  });
  afterAll(() => s?.close());

  it('offers a NORMAL question to one expert at a time, best first, moving on at each decline', async () => {
    const question = await ask(['billing', 'refunds']);
    expect(await offered(question.id)).toEqual(['both']);
    const order = ['both', 'accepted', 'plain', 'holding'];
    for (let i = 0; i < order.length - 1; i++) {
      const declined = await questions.decline(
        who[order[i]],
        question.id,
        DeclineReason.NOT_MY_FIELD,
      );
      expect(declined.userErrors).toEqual([]);
      expect(await offered(question.id)).toEqual(order.slice(0, i + 2));
    }
    // the last one declines: no expert is left (one on a call, one overloaded), so the leads are offered it
    await questions.decline(who.holding, question.id, DeclineReason.BUSY);
    const offers = await offered(question.id);
    expect(offers.slice(order.length)).toEqual(['admin']); // no team lead of a team-less asker: admins
    expect((await questions.visible(who.admin, question.id)).status).toBe('OPEN');
    const again = await questions.decline(who.holding, question.id, DeclineReason.BUSY);
    expect(again.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('offers a LIVE_CALL question to three at once, covering the most tags, and names tags nobody covers', async () => {
    const question = await ask(['billing', 'refunds', 'fiber'], Urgency.LIVE_CALL);
    expect(await offered(question.id)).toEqual(
      expect.arrayContaining(['both', 'accepted', 'plain']),
    );
    expect(await offered(question.id)).toHaveLength(3);
    expect((await questions.visible(who.asker, question.id)).uncoveredTags).toEqual(['fiber']);
  });

  it('goes to the asker’s team leads at once when no expert is available, and stays OPEN', async () => {
    const teamAsker = await s.caller(
      organizationId,
      'team-asker@north.test',
      Role.AGENT,
      who.lead.teamId,
    );
    const question = await ask(['fiber'], Urgency.LIVE_CALL, teamAsker);
    expect(question.status).toBe('OPEN');
    expect(await offered(question.id)).toEqual(['lead']);
  });

  it('offers questions to experts by earned expertise too, not only granted', async () => {
    who.earned = await s.caller(organizationId, 'earned@north.test', Role.AGENT);
    await s.get(UsersService).setPresence(organizationId, who.earned.userId, Presence.AVAILABLE);
    const question = await ask(['warranty'], Urgency.LIVE_CALL);
    expect(await offered(question.id)).not.toContain('earned');
    // 60 points earned in the tag: level 1 (the balances are the ledger's sums)
    await s
      .get(TransactionHost)
      .manager.query(
        `INSERT INTO points_balances (organization_id, user_id, period, tag, points) VALUES ($1, $2, 'all', 'warranty', 60)`,
        [organizationId, who.earned.userId],
      );
    const next = await ask(['warranty'], Urgency.LIVE_CALL);
    expect(await offered(next.id)).toEqual(['earned']);
    const earned = await s
      .get(RecognitionService)
      .earnedExpertise(organizationId, [who.earned.userId]);
    expect(earned.get(who.earned.userId)).toEqual([{ tag: 'warranty', level: 1 }]);
  });

  it('lets one agent have at most 5 questions waiting for an answer', async () => {
    const busy = await s.caller(organizationId, 'busy-asker@north.test', Role.AGENT);
    for (let i = 0; i < MAX_WAITING_PER_ASKER; i++) await ask(['fiber'], Urgency.NORMAL, busy);
    const refused = await questions.ask(busy, {
      title: 'One more',
      body: '',
      stepsTried: '',
      tags: ['fiber'],
      urgency: Urgency.NORMAL,
    });
    expect(refused.userErrors[0]).toMatchObject({
      code: 'NOT_ALLOWED',
      message: expect.stringContaining('5 questions waiting'),
    });
  });

  it('widens only while nobody has claimed, and escalates once at the deadline', async () => {
    const jobs = s.get(JobQueue);
    const question = await ask(['billing']);
    const job = {
      id: '0',
      organizationId,
      key: question.id,
      runAt: new Date(),
      data: {},
      attempts: 0,
    };
    await jobs.handlers.get('question.widen')!({ ...job, kind: 'question.widen' });
    expect(await offered(question.id)).toHaveLength(2);
    await questions.claim(who.plain, question.id);
    await jobs.handlers.get('question.widen')!({ ...job, kind: 'question.widen' });
    expect(await offered(question.id)).toHaveLength(2);
    await jobs.handlers.get('question.deadline')!({ ...job, kind: 'question.deadline' });
    await jobs.handlers.get('question.deadline')!({ ...job, kind: 'question.deadline' });
    const escalated = await questions.visible(who.admin, question.id);
    expect(escalated.status).toBe('ESCALATED');
    const history = (await questions.routingOf(who.admin, escalated))!.history.map((e) => e.type);
    expect(history.filter((type) => type === 'question.escalated')).toHaveLength(1);
    // still answerable: answering moves it to ANSWERED
    await questions.answer(who.plain, question.id, 'Here is how.');
    expect((await questions.visible(who.admin, question.id)).status).toBe('ANSWERED');
  });
});
