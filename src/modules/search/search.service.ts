import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Role } from '../../common/auth/role.js';
import type { Caller } from '../../common/context/request-context.js';
import {
  Outcome,
  UserErrorCode,
  failure,
  success,
  userError,
} from '../../common/graphql/user-error.js';
import { SEARCH_ENGINE } from '../../search/search-engine.js';
import type { SearchEngine, SearchHit } from '../../search/search-engine.js';
import { normalizeForIndex } from '../../search/text/normalize.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { TipEntity, TipStatus } from '../tips/tip.entities.js';
import { TipsService } from '../tips/tips.service.js';
import { SearchGapRow, SearchLogRepository } from './search-log.repository.js';
import { SynonymGroup, SynonymsRepository } from './synonyms.repository.js';

export interface SearchOptions {
  first: number;
  offset: number;
  tags?: string[];
  language?: string;
  statuses: TipStatus[];
  typingSession?: string | null;
}

export interface FoundTip extends Omit<SearchHit, 'type' | 'id'> {
  tip: TipEntity;
}

export interface SearchResult {
  searchId: string | null;
  hits: FoundTip[];
  total: number;
  facets: { tag: string; count: number }[];
  normalizedQuery: string;
}

@Injectable()
export class SearchService {
  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    private readonly log: SearchLogRepository,
    private readonly synonyms: SynonymsRepository,
    private readonly organizations: OrganizationsService,
    private readonly tips: TipsService,
  ) {}

  /** Searches the caller's organization and logs the search (query, result count, time taken). */
  async search(caller: Caller, text: string, options: SearchOptions): Promise<SearchResult> {
    const started = process.hrtime.bigint();
    const statuses = options.statuses.filter(
      (status) =>
        status !== TipStatus.DRAFT && (status !== TipStatus.ARCHIVED || caller.role !== Role.AGENT),
    );
    const response = await this.engine.search({
      organizationId: caller.organizationId,
      text,
      languages: await this.languagesOf(caller.organizationId),
      first: options.first,
      offset: options.offset,
      statuses,
      tags: options.tags,
      language: options.language,
    });
    const tips = new Map(
      (
        await this.tips.findByIds(
          caller.organizationId,
          response.hits.map((hit) => hit.id),
        )
      ).map((tip) => [tip.id, tip]),
    );
    const hits = response.hits.flatMap(({ id, type: _type, ...hit }) => {
      const tip = tips.get(id);
      return tip ? [{ ...hit, tip }] : [];
    });
    let searchId: string | null = null;
    if (response.normalizedQuery) {
      searchId = randomUUID();
      await this.log.add({
        id: searchId,
        organizationId: caller.organizationId,
        userId: caller.userId,
        typingSession: options.typingSession ?? null,
        query: text.slice(0, 500),
        normalized: response.normalizedQuery,
        resultCount: response.total,
        tookMs: Number(process.hrtime.bigint() - started) / 1e6,
      });
    }
    return {
      searchId,
      hits,
      total: response.total,
      facets: response.facets,
      normalizedQuery: response.normalizedQuery,
    };
  }

  recordClick(
    caller: Caller,
    searchId: string,
    tipId: string,
    position: number | null,
  ): Promise<boolean> {
    return this.log.addClick(caller.organizationId, caller.userId, searchId, tipId, position);
  }

  gaps(caller: Caller, since: Date, until: Date, first: number): Promise<SearchGapRow[]> {
    return this.log.gaps(caller.organizationId, since, until, first);
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
    return success(await this.synonyms.add(caller.organizationId, clean));
  }

  removeSynonyms(caller: Caller, id: string): Promise<boolean> {
    return this.synonyms.remove(caller.organizationId, id);
  }

  private async languagesOf(organizationId: string): Promise<string[]> {
    return (await this.organizations.findById(organizationId))?.languages ?? ['en'];
  }
}
