import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Role } from '../../common/auth/role.js';
import { inputProblems } from '../../common/validation/input-validation.pipe.js';
import { TeamsService } from '../teams/teams.service.js';
import { parseCsv } from './csv.js';
import { CreateUserInput } from './user.types.js';
import { UsersService } from './users.service.js';

export interface ImportReport {
  created: number;
  failed: number;
  lines: string[];
}

const REQUIRED = ['email', 'name', 'role'] as const;
const KNOWN = new Set([...REQUIRED, 'team', 'locale', 'password']);

/**
 * Adds many users from CSV with the header `email,name,role[,team][,locale][,password]`.
 * Each line stands alone: a bad line is reported with its number and the rest goes on.
 * Lines without a password get a generated one, printed once.
 */
@Injectable()
export class UsersImportService {
  constructor(
    private readonly users: UsersService,
    private readonly teams: TeamsService,
  ) {}

  async import(organizationId: string, csv: string): Promise<ImportReport> {
    const parsed = parseCsv(csv);
    const [header, ...records] = parsed.records;
    const columns = header?.fields.map((name) => name.trim().toLowerCase()) ?? [];
    const missing = REQUIRED.filter((name) => !columns.includes(name));
    const unknown = columns.filter((name) => !KNOWN.has(name));
    if (missing.length || unknown.length) {
      const problems = [
        missing.length ? `missing column(s) ${missing.join(', ')}` : '',
        unknown.length ? `unknown column(s) ${unknown.join(', ')}` : '',
      ].filter(Boolean);
      return {
        created: 0,
        failed: records.length + parsed.problems.length,
        lines: [
          `line 1: ${problems.join('; ')}. Expected the header email,name,role,team,locale,password (team, locale and password optional).`,
        ],
      };
    }
    const report: ImportReport = { created: 0, failed: 0, lines: [] };
    const lines: { line: number; text: string }[] = parsed.problems.map((problem) => ({
      line: problem.line,
      text: `line ${problem.line}: ${problem.message}`,
    }));
    report.failed += parsed.problems.length;
    for (const record of records) {
      const row = Object.fromEntries(
        columns.map((name, i) => [name, (record.fields[i] ?? '').trim()]),
      );
      const result = await this.importRow(organizationId, row);
      if (result.ok) report.created++;
      else report.failed++;
      lines.push({ line: record.line, text: `line ${record.line}: ${result.message}` });
    }
    report.lines = lines.sort((a, b) => a.line - b.line).map((line) => line.text);
    return report;
  }

  private async importRow(
    organizationId: string,
    row: Record<string, string>,
  ): Promise<{ ok: boolean; message: string }> {
    const role = row.role.toUpperCase() as Role;
    if (!Object.values(Role).includes(role)) {
      return {
        ok: false,
        message: `role "${row.role}" is not one of ${Object.values(Role).join(', ')}`,
      };
    }
    let teamId: string | null = null;
    if (row.team) {
      const team = await this.teams.findByName(organizationId, row.team);
      if (!team)
        return { ok: false, message: `no team named "${row.team}" (create it first: team create)` };
      teamId = team.id;
    }
    const password = row.password || randomBytes(12).toString('base64url');
    const { instance, problems } = inputProblems(CreateUserInput, {
      email: row.email,
      displayName: row.name,
      role,
      locale: row.locale || 'en',
      password,
    });
    if (problems.length)
      return { ok: false, message: problems.map((problem) => problem.message).join('; ') };
    const outcome = await this.users.create(organizationId, { ...instance, teamId });
    if (!outcome.value)
      return { ok: false, message: outcome.userErrors.map((error) => error.message).join('; ') };
    const generated = row.password ? '' : ` (temporary password: ${password})`;
    return { ok: true, message: `created ${outcome.value.email}${generated}` };
  }
}
