import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { Permission, Scope, allows, callerScope } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import {
  Outcome,
  UserError,
  UserErrorCode,
  failure,
  success,
  userError,
} from '../../common/graphql/user-error.js';
import { DatabaseNotifications } from '../../database/database-notifications.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { QUESTION_STATUS, SEARCH_ENGINE } from '../../search/search-engine.js';
import type {
  DocumentType,
  SearchEngine,
  SearchHit,
  SearchTotals,
} from '../../search/search-engine.js';
import { normalizeForIndex } from '../../search/text/normalize.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { TipEntity, TipStatus } from '../tips/tip.entities.js';
import { TagsService } from '../tags/tags.service.js';
import { TipsService } from '../tips/tips.service.js';
import { QuestionEntity } from '../questions/question.entities.js';
import { QuestionsService } from '../questions/questions.service.js';
import { UsersService } from '../users/users.service.js';
import { newSearchId, searchTimeOf } from './search-id.js';
import { SearchLogWriter, WRITTEN_WITHIN_MS } from './search-log-writer.js';
import { SearchGapRow, SearchLogRepository } from './search-log.repository.js';
import { SynonymGroup, SynonymsRepository } from './synonyms.repository.js';

/** Synonym changes, by organization id, for every instance's search engine. */
const SYNONYMS_CHANNEL = 'floorwalker_synonyms';

export interface SearchOptions {
  first: number;
  offset: number;
  tags?: string[];
  language?: string;
  statuses: TipStatus[];
  /** tips, answered questions, or both */
  types: DocumentType[];
  typingSession?: string | null;
  /** count the matches and their tags too */
  withTotals: boolean;
  /** read the hits' tips, for fields the index does not store */
  withTips: boolean;
  /** false: not an agent's search (a look for duplicates), so not in the search log */
  logged?: boolean;
}

export interface FoundHit extends SearchHit {
  /** a tip hit's tip, with `withTips` */
  tip?: TipEntity;
  /** a question hit's question (always read: the index holds only its text) */
  question?: QuestionEntity;
}

export interface SearchResult {
  searchId: string | null;
  hits: FoundHit[];
  hasMore: boolean;
  totals?: SearchTotals;
  normalizedQuery: string;
}

@Injectable()
export class SearchService {
  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    private readonly log: SearchLogRepository,
    private readonly logWriter: SearchLogWriter,
    private readonly synonyms: SynonymsRepository,
    private readonly organizations: OrganizationsService,
    private readonly tags: TagsService,
    private readonly tips: TipsService,
    private readonly questions: QuestionsService,
    private readonly users: UsersService,
    private readonly tx: TransactionHost,
    private readonly notifications: DatabaseNotifications,
  ) {
    notifications.subscribe(SYNONYMS_CHANNEL, {
      message: (organizationId) => this.engine.synonymsChanged(organizationId),
    });
  }

  /** Searches the caller's organization and logs the search (query, result count, time taken). */
  async search(caller: Caller, text: string, options: SearchOptions): Promise<SearchResult> {
    const started = process.hrtime.bigint();
    const tipStatuses = options.types.includes('TIP')
      ? options.statuses.filter(
          (status) =>
            status !== TipStatus.DRAFT &&
            (status !== TipStatus.ARCHIVED || allows(caller, Permission.TIP_READ_ARCHIVED)),
        )
      : [];
    // tips' statuses and the one of questions never overlap: the list picks both at once
    const statuses: string[] = options.types.includes('QUESTION')
      ? [...tipStatuses, QUESTION_STATUS]
      : tipStatuses;
    const response = await this.engine.search({
      organizationId: caller.organizationId,
      text,
      languages: await this.organizations.languagesOf(caller.organizationId),
      tagNames: await this.tags.namesOf(caller.organizationId),
      first: options.first,
      offset: options.offset,
      statuses,
      tags: options.tags,
      language: options.language,
      withTotals: options.withTotals,
    });
    const hits = await this.withDocuments(caller, response.hits, options.withTips);
    let searchId: string | null = null;
    if (response.normalizedQuery && options.logged !== false) {
      const searchedAt = Date.now();
      searchId = newSearchId(searchedAt);
      this.logWriter.add({
        id: searchId,
        organizationId: caller.organizationId,
        userId: caller.userId,
        typingSession: options.typingSession ?? null,
        query: text.slice(0, 500),
        normalized: response.normalizedQuery,
        // Without totals, the results up to this page: zero still means nothing was found.
        resultCount: response.totals?.total ?? options.offset + response.hits.length,
        tookMs: Number(process.hrtime.bigint() - started) / 1e6,
        searchedAt: new Date(searchedAt),
      });
    }
    return {
      searchId,
      hits,
      hasMore: response.hasMore,
      totals: response.totals,
      normalizedQuery: response.normalizedQuery,
    };
  }

  /** Hits with their questions, and their tips when asked for; hits whose source is gone are left out. */
  private async withDocuments(
    caller: Caller,
    hits: SearchHit[],
    withTips: boolean,
  ): Promise<FoundHit[]> {
    const idsOf = (type: DocumentType) =>
      hits.filter((hit) => hit.type === type).map((hit) => hit.id);
    const tips = new Map(
      withTips
        ? (await this.tips.findByIds(caller.organizationId, idsOf('TIP'))).map((tip) => [
            tip.id,
            tip,
          ])
        : [],
    );
    const questions = new Map(
      (await this.questions.findByIds(caller.organizationId, idsOf('QUESTION'))).map((q) => [
        q.id,
        q,
      ]),
    );
    return hits.flatMap((hit): FoundHit[] => {
      if (hit.type === 'QUESTION') {
        const question = questions.get(hit.id);
        return question ? [{ ...hit, question }] : [];
      }
      if (!withTips) return [hit];
      const tip = tips.get(hit.id);
      return tip ? [{ ...hit, tip }] : [];
    });
  }

  /** Records that the caller opened a result of their search; the problem, if it cannot be recorded. */
  async recordClick(
    caller: Caller,
    searchId: string,
    result: { type: DocumentType; id: string },
    position: number | null,
  ): Promise<UserError | null> {
    if (!(await this.resultVisible(caller, result)))
      return userError(UserErrorCode.NOT_FOUND, 'No such result.', 'nodeId');
    const noSearch = userError(UserErrorCode.NOT_FOUND, 'No such search of yours.', 'searchId');
    const add = () =>
      this.log.addClick(caller.organizationId, caller.userId, searchId, result, position);
    await this.logWriter.flush();
    if (await add()) return null;
    // Another API instance may have answered the search and not yet written its log batch.
    const searchedAt = searchTimeOf(searchId);
    const wait = searchedAt === null ? 0 : searchedAt + WRITTEN_WITHIN_MS - Date.now();
    if (wait <= 0 || wait > WRITTEN_WITHIN_MS) return noSearch;
    await sleep(wait);
    return (await add()) ? null : noSearch;
  }

  private async resultVisible(
    caller: Caller,
    { type, id }: { type: DocumentType; id: string },
  ): Promise<boolean> {
    if (type === 'QUESTION')
      return (await this.questions.findByIds(caller.organizationId, [id])).length > 0;
    const [tip] = await this.tips.findByIds(caller.organizationId, [id]);
    return Boolean(tip && this.tips.canSee(caller, tip));
  }

  /** Searches that found nothing or got no click: the organization's for admins, their team's for leads. */
  async gaps(caller: Caller, since: Date, until: Date, first: number): Promise<SearchGapRow[]> {
    const wholeOrganization =
      callerScope(caller, Permission.SEARCH_GAPS_READ) === Scope.ORGANIZATION;
    const searchers = wholeOrganization
      ? null
      : caller.teamId
        ? await this.users.memberIds(caller.organizationId, caller.teamId)
        : [];
    await this.logWriter.flush();
    return this.log.gaps(caller.organizationId, searchers, since, until, first);
  }

  pruneLog(): Promise<number> {
    return this.log.prune();
  }

  listSynonyms(caller: Caller): Promise<SynonymGroup[]> {
    return this.synonyms.list(caller.organizationId);
  }

  async addSynonyms(caller: Caller, terms: string[]): Promise<Outcome<SynonymGroup>> {
    const clean = [...new Set(terms.map(normalizeForIndex).filter(Boolean))];
    if (clean.length < 2 || clean.length > 20) {
      return failure(
        userError(UserErrorCode.INVALID, 'A synonym group has 2-20 different terms.', 'terms'),
      );
    }
    return success(
      await this.tx.run(async () => {
        const group = await this.synonyms.add(caller.organizationId, clean);
        await this.synonymsChanged(caller.organizationId);
        return group;
      }),
    );
  }

  removeSynonyms(caller: Caller, id: string): Promise<boolean> {
    return this.tx.run(async () => {
      const removed = await this.synonyms.remove(caller.organizationId, id);
      if (removed) await this.synonymsChanged(caller.organizationId);
      return removed;
    });
  }

  /** In the writer's transaction: this instance's engine hears of it on commit, others by notification. */
  private async synonymsChanged(organizationId: string): Promise<void> {
    this.tx.afterCommit(() => this.engine.synonymsChanged(organizationId));
    await this.notifications.notify(SYNONYMS_CHANNEL, organizationId);
  }
}
