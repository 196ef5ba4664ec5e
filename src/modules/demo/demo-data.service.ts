import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { TeamsService } from '../teams/teams.service.js';
import { UsersService } from '../users/users.service.js';
import { DEMO_ACCOUNTS, DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_TEAMS } from './demo-accounts.js';

@Injectable()
export class DemoDataService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly organizations: OrganizationsService,
    private readonly teams: TeamsService,
    private readonly users: UsersService,
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
      for (const account of DEMO_ACCOUNTS) {
        const teamId = account.team ? teamIds.get(account.team) : null;
        required(
          await this.users.create(organization.id, { ...account, teamId, password: DEMO_PASSWORD }),
        );
      }
    });
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
    `Demo data created: organization "${DEMO_ORGANIZATION.slug}", password "${DEMO_PASSWORD}" for everyone:`,
    ...rows,
    `Sign in: mutation { login(input: {organization: "demo", email: "agent@demo.example", password: "${DEMO_PASSWORD}"}) { token } }`,
  ].join('\n');
}
