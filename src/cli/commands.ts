import { INestApplicationContext, Type } from '@nestjs/common';
import { Role } from '../common/auth/role.js';
import { inputProblems } from '../common/validation/input-validation.pipe.js';
import { OrganizationsService } from '../modules/organizations/organizations.service.js';
import { CreateTeamInput } from '../modules/teams/team.types.js';
import { RecognitionService } from '../modules/recognition/recognition.service.js';
import { TeamsService } from '../modules/teams/teams.service.js';
import { TipsImportService } from '../modules/tips/tips-import.service.js';
import { CreateUserInput } from '../modules/users/user.types.js';
import { UsersImportService } from '../modules/users/users-import.service.js';
import { UsersService } from '../modules/users/users.service.js';
import { SearchReindexer } from '../search/search-reindexer.js';
import type { Command, Output } from './command-line.js';

/** Runs a parsed command with the application's services; returns the exit code. */
export async function runCommand(
  app: INestApplicationContext,
  command: Command,
  output: Output,
): Promise<number> {
  const { options } = command;
  const organizationId = async () => {
    const organization = await app.get(OrganizationsService).findBySlug(options.org);
    if (!organization)
      output.err(
        `No organization with slug "${options.org}". Create it with: org create --slug ${options.org} --name "…"`,
      );
    return organization?.id;
  };
  /** The command's input as its GraphQL input type reads it, or null once its problems are printed. */
  const validated = <T extends object>(type: Type<T>, value: T): T | null => {
    const { instance, problems } = inputProblems(type, value);
    problems.forEach((problem) => output.err(problem.message));
    return problems.length ? null : instance;
  };
  const report = (
    outcome: { value?: unknown; userErrors: { message: string }[] },
    done: string,
  ) => {
    if (outcome.value === undefined) {
      outcome.userErrors.forEach((error) => output.err(error.message));
      return 1;
    }
    output.out(done);
    return 0;
  };

  switch (command.name) {
    case 'org create': {
      const outcome = await app.get(OrganizationsService).create(options.slug, options.name);
      return report(outcome, `Created organization ${options.slug}.`);
    }
    case 'team create': {
      const orgId = await organizationId();
      if (!orgId) return 1;
      const input = validated(CreateTeamInput, { name: options.name });
      if (!input) return 1;
      return report(
        await app.get(TeamsService).create(orgId, input.name),
        `Created team ${input.name}.`,
      );
    }
    case 'user create': {
      const orgId = await organizationId();
      if (!orgId) return 1;
      let teamId: string | null = null;
      if (options.team) {
        const team = await app.get(TeamsService).findByName(orgId, options.team);
        if (!team) {
          output.err(
            `No team named "${options.team}" in ${options.org}. Create it with: team create --org ${options.org} --name "${options.team}"`,
          );
          return 1;
        }
        teamId = team.id;
      }
      const input = validated(CreateUserInput, {
        email: options.email,
        displayName: options.name,
        role: options.role.toUpperCase() as Role,
        password: options.password,
        locale: options.locale,
      });
      if (!input) return 1;
      const outcome = await app.get(UsersService).create(orgId, { ...input, teamId });
      return report(outcome, `Created user ${input.email}.`);
    }
    case 'import': {
      const orgId = await organizationId();
      if (!orgId) return 1;
      const importer = app.get(TipsImportService);
      const author = await importer.author(orgId, options.author);
      if ('error' in author) {
        output.err(author.error);
        return 1;
      }
      const report = await importer.import(orgId, author.id, command.file ?? '', output.progress);
      report.failed.forEach(({ line, reason }) => output.err(`line ${line}: ${reason}`));
      output.out(
        `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failed.length} failed.`,
      );
      return report.failed.length > 0 ? 1 : 0;
    }
    case 'export': {
      const orgId = await organizationId();
      if (!orgId) return 1;
      for await (const line of app.get(TipsImportService).export(orgId)) output.out(line);
      return 0;
    }
    case 'recognition rebuild': {
      const ids = options.org
        ? [await organizationId()]
        : await app.get(OrganizationsService).allIds();
      if (ids.some((id) => !id)) return 1;
      await app.get(RecognitionService).rebuild(ids as string[], output.progress);
      output.out(`Rebuilt the points balances of ${ids.length} organization(s) from the ledger.`);
      return 0;
    }
    case 'reindex': {
      const outcome = await app.get(SearchReindexer).reindex(output.progress);
      if (!outcome.done) {
        output.err(outcome.reason);
        return 1;
      }
      output.out(
        `Reindexed ${outcome.documents} documents into new Meilisearch indexes and swapped them in (${outcome.changedMeanwhile} changed meanwhile, sent again).`,
      );
      return 0;
    }
    case 'user import': {
      const orgId = await organizationId();
      if (!orgId) return 1;
      const result = await app.get(UsersImportService).import(orgId, command.file ?? '');
      result.lines.forEach((line) =>
        line.includes(': created ') ? output.out(line) : output.err(line),
      );
      output.out(`${result.created} created, ${result.failed} failed.`);
      return result.failed > 0 ? 1 : 0;
    }
  }
}
