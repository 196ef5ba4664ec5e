import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Page, PageArgs, paginate } from '../../database/keyset.js';
import { returnedRows } from '../../database/returned-rows.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { TipEntity, TipRevisionEntity, TipStatus } from './tip.entities.js';

export type NewTip = Pick<
  TipEntity,
  'externalId' | 'title' | 'body' | 'language' | 'status' | 'authorId'
> &
  Partial<Pick<TipEntity, 'verifyBy' | 'verifiedAt' | 'publishedAt'>>;
export type TipChanges = Partial<
  Pick<
    TipEntity,
    | 'title'
    | 'body'
    | 'language'
    | 'status'
    | 'revision'
    | 'verifyBy'
    | 'verifiedAt'
    | 'reviewReason'
    | 'publishedAt'
    | 'externalId'
    | 'questionId'
  >
>;

export interface TipFilter {
  statuses: TipStatus[];
  /** drafts are listed for their author only */
  viewerId: string;
}

/** Tips, their tags and revisions, always within one organization. */
/** Another tip of the organization has the external id (a concurrent writer took it first). */
export class ExternalIdTakenError extends Error {}

@Injectable()
export class TipsRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get tips() {
    return this.tx.repository(TipEntity);
  }

  async findById(organizationId: string, id: string): Promise<TipEntity | null> {
    const [tip] = await this.findByIds(organizationId, [id]);
    return tip ?? null;
  }

  /**
   * Locks the tip's row until the transaction ends, so that concurrent writers of one tip
   * (revisions, reuse and vote counters) take turns; returns the tip as it is now.
   */
  async lock(organizationId: string, id: string): Promise<TipEntity | null> {
    await this.tx.manager.query(
      `SELECT 1 FROM tips WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
      [organizationId, id],
    );
    return this.findById(organizationId, id);
  }

  /** Tips with their tags, in one query: search reads the tips of every page of hits. */
  async findByIds(organizationId: string, ids: readonly string[]): Promise<TipEntity[]> {
    if (ids.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.tx.manager.query(
      `SELECT tip.*, array(
         SELECT t.name FROM tip_tags tt JOIN tags t ON t.id = tt.tag_id
         WHERE tt.organization_id = tip.organization_id AND tt.tip_id = tip.id ORDER BY t.name) AS tag_names
       FROM tips tip WHERE tip.organization_id = $1 AND tip.id = ANY($2::uuid[])`,
      [organizationId, [...ids]],
    );
    return rows.map((row) =>
      // create() copies columns only; tags are not one.
      Object.assign(this.tips.create(this.fromRow(row)), { tags: row.tag_names as string[] }),
    );
  }

  async findByExternalIds(organizationId: string, externalIds: string[]): Promise<TipEntity[]> {
    if (externalIds.length === 0) return [];
    return this.withTags(
      organizationId,
      await this.tips.findBy({ organizationId, externalId: In(externalIds) }),
    );
  }

  async list(organizationId: string, filter: TipFilter, page: PageArgs): Promise<Page<TipEntity>> {
    const query = this.tips
      .createQueryBuilder('tip')
      .where('tip.organizationId = :organizationId', { organizationId })
      .andWhere('tip.status IN (:...statuses)', { statuses: filter.statuses })
      .andWhere("(tip.status <> 'DRAFT' OR tip.authorId = :viewerId)", {
        viewerId: filter.viewerId,
      });
    const result = await paginate(query, 'tip', page);
    return { ...result, nodes: await this.withTags(organizationId, result.nodes) };
  }

  /** Every tip of the organization in creation order, a batch at a time (export). */
  async *all(organizationId: string, batch = 1000): AsyncGenerator<TipEntity[]> {
    let after: PageArgs['after'] = null;
    for (;;) {
      const query = this.tips
        .createQueryBuilder('tip')
        .where('tip.organizationId = :organizationId', { organizationId });
      const page: Page<TipEntity> = await paginate(query, 'tip', { first: batch, after });
      if (page.nodes.length === 0) return;
      yield this.withTags(organizationId, page.nodes);
      if (!page.hasNextPage) return;
      const last: TipEntity = page.nodes[page.nodes.length - 1];
      after = { createdAt: last.createdAt, id: last.id };
    }
  }

  async insert(organizationId: string, tips: NewTip[]): Promise<TipEntity[]> {
    if (tips.length === 0) return [];
    // One JSON parameter, not a dozen per tip: imports insert thousands at a time.
    const rows: Record<string, unknown>[] = await this.tx.manager
      .query(
        `INSERT INTO tips (organization_id, external_id, title, body, language, status, author_id,
         revision, used_count, helpful_count, verify_by, verified_at, published_at)
       SELECT $1, d."externalId", d.title, d.body, d.language, d.status, d."authorId", 1, 0, 0,
         d."verifyBy", d."verifiedAt", d."publishedAt"
       FROM json_to_recordset($2::json) AS d("externalId" text, title text, body text,
         language text, status text, "authorId" uuid, "verifyBy" timestamptz,
         "verifiedAt" timestamptz, "publishedAt" timestamptz)
       RETURNING *`,
        [organizationId, JSON.stringify(tips)],
      )
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? new ExternalIdTakenError() : error;
      });
    return rows.map((row) => this.tips.create(this.fromRow(row)));
  }

  async update(organizationId: string, id: string, changes: TipChanges): Promise<void> {
    await this.tips.update({ organizationId, id }, changes);
  }

  /** Imports: new content (and status) for many tips at once, each as its next revision. */
  async updateContent(
    organizationId: string,
    rows: {
      id: string;
      title: string;
      body: string;
      language: string;
      status: TipStatus;
      revision: number;
    }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.tx.manager.query(
      `UPDATE tips t SET title = d.title, body = d.body, language = d.language, status = d.status,
         revision = d.revision, updated_at = now()
       FROM json_to_recordset($2::json) AS d(id uuid, title text, body text, language text, status text, revision int)
       WHERE t.organization_id = $1 AND t.id = d.id`,
      [organizationId, JSON.stringify(rows)],
    );
  }

  async addToCounter(
    organizationId: string,
    id: string,
    counter: 'usedCount' | 'helpfulCount',
    delta: number,
  ) {
    const column = counter === 'usedCount' ? 'used_count' : 'helpful_count';
    await this.tips
      .createQueryBuilder()
      .update(TipEntity)
      .set({ [counter]: () => `greatest(0, ${column} + ${Math.trunc(delta)})` })
      .where('organization_id = :organizationId AND id = :id', { organizationId, id })
      .execute();
  }

  /** Published tips whose verification date has passed become NEEDS_REVIEW; returns them. */
  async expire(now: Date): Promise<{ organizationId: string; id: string }[]> {
    const result = await this.tx.manager.query(
      `UPDATE tips SET status = 'NEEDS_REVIEW', review_reason = 'Verification date passed', updated_at = now()
       WHERE status = 'PUBLISHED' AND verify_by < $1 RETURNING organization_id, id`,
      [now],
    );
    return returnedRows<{ organization_id: string; id: string }>(result).map((row) => ({
      organizationId: row.organization_id,
      id: row.id,
    }));
  }

  /** Replaces the tags (by id) of each tip. */
  async setTags(organizationId: string, tagIdsByTip: Map<string, string[]>): Promise<void> {
    const tipIds = [...tagIdsByTip.keys()];
    await this.tx.manager.query(
      `DELETE FROM tip_tags WHERE organization_id = $1 AND tip_id = ANY($2::uuid[])`,
      [organizationId, tipIds],
    );
    const links = [...tagIdsByTip].flatMap(([tipId, tagIds]) =>
      tagIds.map((tagId) => [tipId, tagId]),
    );
    if (links.length === 0) return;
    await this.tx.manager.query(
      `INSERT INTO tip_tags (organization_id, tip_id, tag_id)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[])`,
      [organizationId, links.map(([tipId]) => tipId), links.map(([, tagId]) => tagId)],
    );
  }

  async addRevisions(revisions: Omit<TipRevisionEntity, 'id' | 'createdAt'>[]): Promise<void> {
    if (revisions.length === 0) return;
    await this.tx.manager.query(
      `INSERT INTO tip_revisions (organization_id, tip_id, number, title, body, tags, language, changed, editor_id)
       SELECT d."organizationId", d."tipId", d.number, d.title, d.body, d.tags, d.language, d.changed, d."editorId"
       FROM json_to_recordset($1::json) AS d("organizationId" uuid, "tipId" uuid, number int, title text,
         body text, tags text[], language text, changed text[], "editorId" uuid)`,
      [JSON.stringify(revisions)],
    );
  }

  async listRevisions(
    organizationId: string,
    tipId: string,
    page: PageArgs,
  ): Promise<Page<TipRevisionEntity>> {
    const query = this.tx
      .repository(TipRevisionEntity)
      .createQueryBuilder('revision')
      .where('revision.organizationId = :organizationId AND revision.tipId = :tipId', {
        organizationId,
        tipId,
      });
    return paginate(query, 'revision', page);
  }

  findRevision(
    organizationId: string,
    tipId: string,
    number: number,
  ): Promise<TipRevisionEntity | null> {
    return this.tx.repository(TipRevisionEntity).findOneBy({ organizationId, tipId, number });
  }

  private async withTags(organizationId: string, tips: TipEntity[]): Promise<TipEntity[]> {
    if (tips.length === 0) return tips;
    const rows: { tip_id: string; name: string }[] = await this.tx.manager.query(
      `SELECT tt.tip_id, t.name FROM tip_tags tt JOIN tags t ON t.id = tt.tag_id
       WHERE tt.organization_id = $1 AND tt.tip_id = ANY($2::uuid[]) ORDER BY t.name`,
      [organizationId, tips.map((tip) => tip.id)],
    );
    for (const tip of tips)
      tip.tags = rows.filter((row) => row.tip_id === tip.id).map((row) => row.name);
    return tips;
  }

  private fromRow(row: Record<string, unknown>): Partial<TipEntity> {
    return {
      id: row.id as string,
      organizationId: row.organization_id as string,
      externalId: row.external_id as string | null,
      title: row.title as string,
      body: row.body as string,
      language: row.language as string,
      status: row.status as TipStatus,
      authorId: row.author_id as string,
      revision: row.revision as number,
      verifyBy: row.verify_by as Date | null,
      verifiedAt: row.verified_at as Date | null,
      reviewReason: row.review_reason as string | null,
      questionId: row.question_id as string | null,
      usedCount: row.used_count as number,
      helpfulCount: row.helpful_count as number,
      publishedAt: row.published_at as Date | null,
      createdAt: row.created_at as Date,
      updatedAt: row.updated_at as Date,
    };
  }
}
