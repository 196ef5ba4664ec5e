import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Role } from '../../common/auth/role.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { SearchIndexer } from '../../search/search-indexer.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { UsersService } from '../users/users.service.js';
import { inputProblems } from '../../common/validation/input-validation.pipe.js';
import { TipContent, cleanContent } from './tip-rules.js';
import { CreateTipInput } from './tip.types.js';
import { TipEntity, TipStatus } from './tip.entities.js';
import { TipsRepository } from './tips.repository.js';
import { TipsService, searchDocuments } from './tips.service.js';

export const IMPORT_AUTHOR_EMAIL = 'import@floorwalker.invalid';
const BATCH = 2000;
const STATUSES = new Set<string>(Object.values(TipStatus));

/** One line of the import format. */
export interface TipLine {
  externalId: string;
  title: string;
  body: string;
  tags: string[];
  language: string;
  status?: TipStatus;
}

export interface ImportReport {
  created: number;
  updated: number;
  /** lines that match their tip exactly: nothing is written for them, not even a revision */
  unchanged: number;
  failed: { line: number; reason: string }[];
}

interface ParsedLine extends TipLine {
  line: number;
}

/**
 * Imports tips from JSON Lines, upserting by externalId, a batch of lines per transaction.
 * A bad line is reported with its number and the rest goes on.
 */
@Injectable()
export class TipsImportService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly tips: TipsRepository,
    private readonly tipsService: TipsService,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly indexer: SearchIndexer,
  ) {}

  /** The author to credit: the given email, or the organization's "import" author. */
  async author(
    organizationId: string,
    email?: string,
  ): Promise<{ id: string } | { error: string }> {
    if (email) {
      const user = await this.users.findByEmailWithPassword(organizationId, email);
      return user
        ? { id: user.id }
        : { error: `No user with email ${email} in this organization.` };
    }
    const existing = await this.users.findByEmailWithPassword(organizationId, IMPORT_AUTHOR_EMAIL);
    if (existing) return { id: existing.id };
    const created = await this.users.create(organizationId, {
      email: IMPORT_AUTHOR_EMAIL,
      displayName: 'Imported',
      role: Role.AGENT,
      password: randomBytes(24).toString('base64url'),
    });
    if (!created.value) return { error: created.userErrors.map((e) => e.message).join('; ') };
    await this.users.deactivate(organizationId, created.value.id);
    return { id: created.value.id };
  }

  async import(
    organizationId: string,
    authorId: string,
    text: string,
    onProgress: (done: number, total: number) => void = () => {},
  ): Promise<ImportReport> {
    const lines = text.split('\n');
    const total = lines.length;
    const report: ImportReport = { created: 0, updated: 0, unchanged: 0, failed: [] };
    const seen = new Map<string, number>();
    let batch: ParsedLine[] = [];
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].trim();
      if (raw) {
        const parsed = parseLine(raw, i + 1);
        if ('reason' in parsed) report.failed.push(parsed);
        else if (seen.has(parsed.externalId)) {
          report.failed.push({
            line: i + 1,
            reason: `externalId "${parsed.externalId}" is already on line ${seen.get(parsed.externalId)}`,
          });
        } else {
          seen.set(parsed.externalId, i + 1);
          batch.push(parsed);
        }
      }
      if (batch.length === BATCH || i === lines.length - 1) {
        await this.importBatch(organizationId, authorId, batch, report);
        batch = [];
        onProgress(i + 1, total);
      }
    }
    await this.indexer.maintain();
    return report;
  }

  /** Every tip of the organization in the import format, one JSON line each (round-trips). */
  async *export(organizationId: string): AsyncGenerator<string> {
    for await (const batch of this.tips.all(organizationId)) {
      for (const tip of batch) {
        const line: TipLine = {
          externalId: tip.externalId ?? tip.id,
          title: tip.title,
          body: tip.body,
          tags: tip.tags ?? [],
          language: tip.language,
          status: tip.status,
        };
        yield JSON.stringify(line);
      }
    }
  }

  private async importBatch(
    organizationId: string,
    authorId: string,
    batch: ParsedLine[],
    report: ImportReport,
  ) {
    if (batch.length === 0) return;
    const editor = { userId: authorId, organizationId };
    await this.tx.run(async () => {
      const existing = new Map(
        (
          await this.tips.findByExternalIds(
            organizationId,
            batch.map((line) => line.externalId),
          )
        ).map((tip) => [tip.externalId!, tip]),
      );
      const fresh = batch.filter((line) => !existing.has(line.externalId));
      const changed = batch.filter((line) => {
        const tip = existing.get(line.externalId);
        return tip !== undefined && !sameTip(tip, line);
      });
      const written = [...fresh, ...changed];
      const publication = await this.tipsService.publication(organizationId);
      const inserted = await this.tips.insert(
        organizationId,
        fresh.map((line) => {
          const status = line.status ?? TipStatus.PUBLISHED;
          const published = status === TipStatus.DRAFT ? {} : publication;
          return {
            externalId: line.externalId,
            title: line.title,
            body: line.body,
            language: line.language,
            status,
            authorId,
            ...published,
          };
        }),
      );
      const byExternalId = new Map<string, TipEntity>(
        inserted.map((tip) => [tip.externalId!, tip]),
      );
      await this.tips.updateContent(
        organizationId,
        changed.map((line) => {
          const tip = existing.get(line.externalId)!;
          return {
            id: tip.id,
            title: line.title,
            body: line.body,
            language: line.language,
            status: line.status ?? tip.status,
            revision: tip.revision + 1,
          };
        }),
      );
      const tagsByTip = new Map<string, string[]>();
      const revisions = written.map((line) => {
        const tip = existing.get(line.externalId) ?? byExternalId.get(line.externalId)!;
        tagsByTip.set(tip.id, line.tags);
        const number = existing.has(line.externalId) ? tip.revision + 1 : 1;
        const content: TipContent = {
          title: line.title,
          body: line.body,
          tags: line.tags,
          language: line.language,
        };
        return {
          organizationId,
          tipId: tip.id,
          number,
          ...content,
          changed: ['imported'],
          editorId: editor.userId,
        };
      });
      await this.tipsService.replaceTags(organizationId, tagsByTip);
      await this.tips.addRevisions(revisions);
      for (const language of new Set(written.map((line) => line.language))) {
        await this.organizations.addLanguage(organizationId, language);
      }
      // The batch's tips as they are now, indexed with the batch (no need to read them back).
      const now = new Date();
      const current = written.map((line): TipEntity => {
        const before = existing.get(line.externalId);
        const tip = before ?? byExternalId.get(line.externalId)!;
        const { title, body, language, tags } = line;
        return {
          ...tip,
          title,
          body,
          language,
          tags,
          status: line.status ?? tip.status,
          ...(before && { updatedAt: now }),
        };
      });
      await this.indexer.update(
        organizationId,
        'TIP',
        current.map((tip) => tip.id),
        searchDocuments(current),
      );
      report.created += fresh.length;
      report.updated += changed.length;
      report.unchanged += batch.length - written.length;
    });
    await this.indexer.drain();
  }
}

/** Whether the line says what the tip already holds (tags in any order; no status means the tip's). */
function sameTip(tip: TipEntity, line: TipLine): boolean {
  const tags = (list: string[]) => [...list].sort().join('\n');
  return (
    tip.title === line.title &&
    tip.body === line.body &&
    tip.language === line.language &&
    tags(tip.tags ?? []) === tags(line.tags) &&
    (line.status === undefined || line.status === tip.status)
  );
}

/** Checks one JSON line; returns the tip or why the line was refused. */
export function parseLine(
  raw: string,
  line: number,
): ParsedLine | { line: number; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { line, reason: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { line, reason: 'not a JSON object' };
  const record = value as Record<string, unknown>;
  for (const field of ['externalId', 'title', 'body', 'language']) {
    if (typeof record[field] !== 'string') return { line, reason: `"${field}" must be a string` };
  }
  if (!(record.externalId as string).trim()) return { line, reason: '"externalId" is empty' };
  const tags = record.tags ?? [];
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string'))
    return { line, reason: '"tags" must be an array of strings' };
  if (record.status !== undefined && !STATUSES.has(record.status as string)) {
    return { line, reason: `"status" must be one of ${[...STATUSES].join(', ')}` };
  }
  const { instance, problems } = inputProblems(CreateTipInput, {
    externalId: record.externalId as string,
    title: record.title as string,
    body: record.body as string,
    tags: tags as string[],
    language: record.language as string,
    publish: true,
  });
  if (problems.length) {
    const [{ field, message }] = problems;
    return { line, reason: `${field![0]}: ${message}` };
  }
  const { externalId, title, body, language } = instance;
  return {
    line,
    externalId: externalId!,
    status: record.status as TipStatus | undefined,
    ...cleanContent({ title, body, tags: instance.tags, language }),
  };
}
