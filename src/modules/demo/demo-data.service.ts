import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import { SearchIndexer } from '../../search/search-indexer.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { TeamsService } from '../teams/teams.service.js';
import type { Caller } from '../../common/context/request-context.js';
import { ExpertiseService } from '../expertise/expertise.service.js';
import { CoachingService } from '../mentoring/coaching.service.js';
import { MentoringService } from '../mentoring/mentoring.service.js';
import { Weekday } from '../mentoring/shifts.js';
import { KudosService } from '../recognition/kudos.service.js';
import { TipsService } from '../tips/tips.service.js';
import { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { DEMO_ACCOUNTS, DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_TEAMS } from './demo-accounts.js';
import { DEMO_EXPERTISE, DEMO_MENTORS, DEMO_REUSERS, DEMO_SHIFTS, DEMO_TIPS } from './demo-tips.js';

@Injectable()
export class DemoDataService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly organizations: OrganizationsService,
    private readonly teams: TeamsService,
    private readonly users: UsersService,
    private readonly tips: TipsService,
    private readonly expertise: ExpertiseService,
    private readonly indexer: SearchIndexer,
    private readonly kudos: KudosService,
    private readonly mentoring: MentoringService,
    private readonly coaching: CoachingService,
  ) {}

  /** On a database without organizations, creates the demo one; returns how to sign in, or null. */
  async createIfEmpty(): Promise<string | null> {
    if ((await this.organizations.count()) > 0) return null;
    await this.tx.run(async () => {
      const organization = required(
        await this.organizations.create(DEMO_ORGANIZATION.slug, DEMO_ORGANIZATION.name),
      );
      const teamIds = new Map<string, string>();
      for (const name of DEMO_TEAMS)
        teamIds.set(name, required(await this.teams.create(organization.id, name)).id);
      const users = new Map<string, UserEntity>();
      for (const account of DEMO_ACCOUNTS) {
        const teamId = account.team ? teamIds.get(account.team) : null;
        const details = { ...account, teamId, password: DEMO_PASSWORD };
        users.set(account.email, required(await this.users.create(organization.id, details)));
      }
      const as = (email: string): Caller => {
        const user = users.get(email)!;
        return {
          userId: user.id,
          organizationId: organization.id,
          role: user.role,
          teamId: user.teamId,
          sessionId: '',
        };
      };
      const tipsBy = new Map<string, string[]>();
      for (const { author, ...tip } of DEMO_TIPS) {
        const created = required(await this.tips.create(as(author), { ...tip, publish: true }));
        tipsBy.set(author, [...(tipsBy.get(author) ?? []), created.id]);
      }
      // a believable team: colleagues reuse the experts' tips and find them helpful, a lead
      // thanks one of them and makes both mentors (recognition turns this into points and
      // badges as soon as the server runs)
      for (const [author, tipIds] of tipsBy)
        for (const reuser of DEMO_REUSERS.filter((email) => email !== author))
          for (const tipId of tipIds.slice(0, 4)) {
            await this.tips.markUsed(as(reuser), tipId);
            await this.tips.setHelpful(as(reuser), tipId, true);
          }
      const weekdays = Object.values(Weekday).slice(0, 5);
      for (const { email, timeZone, start, end } of DEMO_SHIFTS)
        required(
          await this.coaching.setSchedule(as(email), users.get(email)!.id, {
            timeZone,
            shifts: weekdays.map((day) => ({ day, start, end })),
          }),
        );
      // each lead thanks a mentor, makes them one and pairs them with an agent, whom the
      // mentor has coached once already
      for (const { lead, mentor, tags, reason, kudos, mentee, coaching } of DEMO_MENTORS) {
        const mentorId = users.get(mentor)!.id;
        required(await this.kudos.give(as(lead), { userId: mentorId, message: kudos }));
        required(await this.mentoring.grant(as(lead), mentorId, { tags, capacity: 3, reason }));
        required(await this.mentoring.pair(as(lead), users.get(mentee)!.id, mentorId, tags));
        required(
          await this.coaching.record(as(mentor), users.get(mentee)!.id, {
            heldAt: new Date(Date.now() - 86_400_000),
            notes: coaching,
            tipIds: tipsBy.get(mentor)!.slice(0, 1),
            questionIds: [],
          }),
        );
      }
      for (const { email, tags } of DEMO_EXPERTISE) {
        for (const tag of tags) {
          required(
            await this.expertise.change(null, organization.id, users.get(email)!.id, tag, true),
          );
        }
      }
    });
    await this.indexer.drain();
    return signInHelp();
  }
}

function required<T>(outcome: { value?: T; userErrors: { message: string }[] }): T {
  if (outcome.value === undefined)
    throw new Error(`Demo data: ${outcome.userErrors.map((e) => e.message).join('; ')}`);
  return outcome.value;
}

export function signInHelp(): string {
  const rows = DEMO_ACCOUNTS.map(
    (a) => `  ${a.email.padEnd(26)} ${a.role.padEnd(10)} ${a.team ?? ''}`,
  );
  return [
    `Demo data created: organization "${DEMO_ORGANIZATION.slug}" with ${DEMO_TIPS.length} tips; password "${DEMO_PASSWORD}" for everyone:`,
    ...rows,
    `Sign in: mutation { login(input: {organization: "demo", email: "agent@demo.example", password: "${DEMO_PASSWORD}"}) { token } }`,
  ].join('\n');
}
