import { Args, Field, ArgsType, Info, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, Max, MaxLength, Min } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Permission } from '../../common/auth/policy.js';
import { Allow, CurrentCaller } from '../../common/auth/decorators.js';
import type { Caller } from '../../common/context/request-context.js';
import { offsetCursor, offsetOf, offsetPageInfo } from '../../common/graphql/connection.js';
import { badInput } from '../../common/graphql/errors.js';
import { selectedFields, selectsAny } from '../../common/graphql/selection.js';
import { MAX_COUNTED_MATCHES } from '../../search/search-engine.js';
import type { DocumentType } from '../../search/search-engine.js';
import { UUID, fromGlobalId } from '../../common/graphql/global-id.js';
import { UserErrorCode, userError } from '../../common/graphql/user-error.js';
import { stripUnstorable } from '../../common/validation/storable-text.js';
import { TipStatus } from '../tips/tip.entities.js';
import { Question } from '../questions/question.types.js';
import { Tip } from '../tips/tip.types.js';
import {
  AddSynonymsInput,
  MAX_QUERY_LENGTH,
  MAX_SEARCH_RESULTS,
  RecordSearchClickInput,
  RecordSearchClickPayload,
  RemoveSynonymsInput,
  SearchArgs,
  SearchResultNode,
  SearchConnection,
  SearchGap,
  SynonymGroupType,
  SynonymsPayload,
} from './search.types.js';
import { SearchService } from './search.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;

@ArgsType()
class SearchGapsArgs {
  @Field(() => Date, { nullable: true, description: 'Start of the period; default 30 days ago.' })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of the period; default now.' })
  until?: Date | null;

  @Field(() => Int, { defaultValue: 20, description: 'From 1 to 100.' })
  first: number = 20;
}

/** What a search result's global id names, as the index types it. */
const RESULT_TYPES: Record<string, DocumentType | undefined> = { Tip: 'TIP', Question: 'QUESTION' };

@ArgsType()
class SimilarQuestionsArgs {
  @Field({ description: `The question's title so far (at most ${MAX_QUERY_LENGTH} characters).` })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? stripUnstorable(value) : value,
  )
  @MaxLength(MAX_QUERY_LENGTH, {
    message: `The title is limited to ${MAX_QUERY_LENGTH} characters.`,
  })
  title: string;

  @Field(() => Int, { defaultValue: 5, description: 'From 1 to 10.' })
  @IsInt()
  @Min(1, { message: '"first" must be from 1 to 10.' })
  @Max(10, { message: '"first" must be from 1 to 10.' })
  first: number = 5;
}

@Resolver()
export class SearchResolver {
  constructor(private readonly searchService: SearchService) {}

  @Allow(Permission.SEARCH)
  @Query(() => SearchConnection, {
    description:
      "One search box: the caller's organization's tips and answered questions, best first, typo-tolerant, in every language it uses.",
  })
  async search(
    @CurrentCaller() caller: Caller,
    @Args() args: SearchArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SearchConnection> {
    if (args.query.length > MAX_QUERY_LENGTH)
      throw badInput(`The query is limited to ${MAX_QUERY_LENGTH} characters.`);
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_SEARCH_RESULTS) {
      throw badInput(`"first" must be from 1 to ${MAX_SEARCH_RESULTS}; got ${args.first}.`);
    }
    const offset = offsetOf(args.after);
    if (offset + args.first > MAX_COUNTED_MATCHES) {
      throw badInput(
        `Search results are paged through the first ${MAX_COUNTED_MATCHES}; refine the query to reach others.`,
      );
    }
    const result = await this.searchService.search(caller, args.query, {
      first: args.first,
      offset,
      tags: args.tags ?? undefined,
      language: args.language ?? undefined,
      statuses: args.statuses,
      types: args.types,
      typingSession: args.typingSession?.slice(0, 100),
      withTotals: selectsAny(info, ['totalCount', 'facets']),
      // A search box shows what the index stores; other fields need the tips themselves.
      withTips: [...selectedFields(info, ['edges', 'node'])].some(
        (field) => !Tip.FIELDS_IN_SEARCH_HITS.has(field),
      ),
    });
    const edges = result.hits.map((hit, i) => ({
      cursor: offsetCursor(offset + i + 1),
      node: hit.question
        ? Question.from(hit.question)
        : hit.tip
          ? Tip.from(hit.tip)
          : Tip.fromSearchHit(caller.organizationId, hit.id, hit.document),
      titleHighlight: hit.titleHighlight,
      snippet: hit.snippet,
      score: hit.score,
    }));
    return {
      edges,
      pageInfo: offsetPageInfo(edges, offset, result.hasMore),
      // Computed only when the query selects them.
      totalCount: result.totals?.total ?? 0,
      facets: result.totals?.facets ?? [],
      searchId: result.searchId,
    };
  }

  @Allow(Permission.SEARCH)
  @Query(() => [SearchResultNode], {
    description:
      'Before asking: published tips and answered questions like this title, best first, so that a duplicate is answered by what exists. Not logged as a search.',
  })
  async similarQuestions(
    @CurrentCaller() caller: Caller,
    @Args() args: SimilarQuestionsArgs,
  ): Promise<(Tip | Question)[]> {
    const result = await this.searchService.search(caller, `${args.title} `, {
      first: args.first,
      offset: 0,
      statuses: [TipStatus.PUBLISHED, TipStatus.NEEDS_REVIEW],
      types: ['TIP', 'QUESTION'],
      withTotals: false,
      withTips: true,
      logged: false,
    });
    return result.hits.map((hit) =>
      hit.question ? Question.from(hit.question) : Tip.from(hit.tip!),
    );
  }

  @Allow(Permission.SEARCH)
  @Mutation(() => RecordSearchClickPayload, { description: 'The agent opened a search result.' })
  async recordSearchClick(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RecordSearchClickInput,
  ): Promise<RecordSearchClickPayload> {
    const node = fromGlobalId(input.nodeId);
    const type = node && RESULT_TYPES[node.type];
    if (!UUID.test(input.searchId) || !node || !type) {
      return {
        recorded: false,
        userErrors: [userError(UserErrorCode.NOT_FOUND, 'No such search or result.', 'searchId')],
      };
    }
    const problem = await this.searchService.recordClick(
      caller,
      input.searchId,
      { type, id: node.id },
      input.position ?? null,
    );
    return problem
      ? { recorded: false, userErrors: [problem] }
      : { recorded: true, userErrors: [] };
  }

  @Allow(Permission.SEARCH_GAPS_READ)
  @Query(() => [SearchGap], {
    description:
      "Leads (their team's searches) and admins (the organization's): the most frequent searches that found nothing or got no click (aggregated, no individual searches).",
  })
  async searchGaps(
    @CurrentCaller() caller: Caller,
    @Args() args: SearchGapsArgs,
  ): Promise<SearchGap[]> {
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > 100)
      throw badInput('"first" must be from 1 to 100.');
    const until = args.until ?? new Date();
    const since = args.since ?? new Date(until.getTime() - 30 * DAY_MS);
    const rows = await this.searchService.gaps(caller, since, until, args.first);
    return rows.map((row) => ({
      query: row.query,
      searches: row.searches,
      withoutResults: row.withoutResults,
      askedAfter: row.askedAfter,
      lastSearchedAt: new Date(row.lastSearchedAt),
    }));
  }

  @Allow(Permission.SYNONYMS_READ)
  @Query(() => [SynonymGroupType], { description: "The organization's synonym groups." })
  synonyms(@CurrentCaller() caller: Caller): Promise<SynonymGroupType[]> {
    return this.searchService.listSynonyms(caller);
  }

  @Allow(Permission.SYNONYMS_MANAGE)
  @Mutation(() => SynonymsPayload, {
    description: 'Leads and admins: terms that should find each other.',
  })
  async addSynonyms(
    @CurrentCaller() caller: Caller,
    @Args('input') input: AddSynonymsInput,
  ): Promise<SynonymsPayload> {
    const outcome = await this.searchService.addSynonyms(caller, input.terms);
    return { synonyms: outcome.value, userErrors: outcome.userErrors };
  }

  @Allow(Permission.SYNONYMS_MANAGE)
  @Mutation(() => SynonymsPayload)
  async removeSynonyms(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RemoveSynonymsInput,
  ): Promise<SynonymsPayload> {
    const removed =
      UUID.test(input.id) && (await this.searchService.removeSynonyms(caller, input.id));
    return removed
      ? { userErrors: [] }
      : {
          userErrors: [userError(UserErrorCode.NOT_FOUND, 'No synonym group with that id.', 'id')],
        };
  }
}
