import {
  ArgsType,
  Field,
  Float,
  ID,
  InputType,
  Int,
  ObjectType,
  createUnionType,
  registerEnumType,
} from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { stripUnstorable } from '../../common/validation/storable-text.js';
import { MAX_COUNTED_MATCHES } from '../../search/search-engine.js';
import { fromGlobalId } from '../../common/graphql/global-id.js';
import { PageInfo } from '../../common/graphql/connection.js';
import { UserError } from '../../common/graphql/user-error.js';
import { TipStatus } from '../tips/tip.entities.js';
import { Tip } from '../tips/tip.types.js';
import { Question } from '../questions/question.types.js';

export const MAX_SEARCH_RESULTS = 50;

/** What an agent types is searched as far as it can be stored: a stray NUL does not stop the search. */
const stripText = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? stripUnstorable(value) : value;
export const MAX_QUERY_LENGTH = 200;

export enum SearchResultType {
  TIP = 'TIP',
  QUESTION = 'QUESTION',
}
registerEnumType(SearchResultType, {
  name: 'SearchResultType',
  valuesMap: { QUESTION: { description: 'Answered questions (with their accepted answer).' } },
});

export const SearchResultNode = createUnionType({
  name: 'SearchResult',
  description: 'Something search finds: a tip, or an answered question.',
  types: () => [Tip, Question] as const,
  resolveType: (value: { id: string }) => fromGlobalId(value.id)?.type,
});

@ArgsType()
export class SearchArgs {
  @Field({
    description: `What the agent typed (at most ${MAX_QUERY_LENGTH} characters). A trailing space ends the last word; otherwise it is matched as a prefix.`,
  })
  @Transform(stripText)
  query: string;

  @Field(() => Int, { defaultValue: 10, description: `From 1 to ${MAX_SEARCH_RESULTS}.` })
  first: number = 10;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only tips with all of these tags.' })
  tags?: string[] | null;

  @Field(() => String, { nullable: true })
  language?: string | null;

  @Field(() => [TipStatus], {
    defaultValue: [TipStatus.PUBLISHED, TipStatus.NEEDS_REVIEW],
    description:
      'Of tips (questions are found once answered). ARCHIVED is honoured for leads and admins only.',
  })
  statuses: TipStatus[] = [TipStatus.PUBLISHED, TipStatus.NEEDS_REVIEW];

  @Field(() => [SearchResultType], {
    defaultValue: [SearchResultType.TIP, SearchResultType.QUESTION],
    description: 'What to find: tips, answered questions, or both.',
  })
  @IsEnum(SearchResultType, { each: true })
  types: SearchResultType[] = [SearchResultType.TIP, SearchResultType.QUESTION];

  @Field(() => String, {
    nullable: true,
    description:
      'Search-as-you-type: one id per burst of keystrokes, so the burst counts as one search in searchGaps.',
  })
  @Transform(stripText)
  typingSession?: string | null;
}

@ObjectType()
export class SearchEdge {
  @Field()
  cursor: string;

  @Field(() => SearchResultNode)
  node: Tip | Question;

  @Field({ description: 'The title, HTML-escaped, matches in <mark>.' })
  titleHighlight: string;

  @Field({ description: 'Best-matching passages of the body, HTML-escaped, matches in <mark>.' })
  snippet: string;

  @Field(() => Float, {
    description:
      'Relevance class: the weight of the query words the result matches, a rare word (or one naming a tag of the organization) counting 1, an uncommon one 2/3 and a common one 1/3 (stop words are left out), plus 0.2 when those words are all in the title, or 0.1 in the title or tags; rounded to hundredths. Equal classes are ordered by verification, reuse and freshness. While Meilisearch answers (see /health/ready), its ranking score from 0 to 1 instead.',
  })
  score: number;
}

@ObjectType()
export class TagFacet {
  @Field()
  tag: string;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class SearchConnection {
  @Field(() => [SearchEdge])
  edges: SearchEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, {
    description: `How many results match in all, counted up to ${MAX_COUNTED_MATCHES} (then read it as "${MAX_COUNTED_MATCHES} or more").`,
  })
  totalCount: number;

  @Field(() => [TagFacet], {
    description: `Tags of the matching results (of the first ${MAX_COUNTED_MATCHES} found when there are more), most frequent first.`,
  })
  facets: TagFacet[];

  @Field(() => ID, {
    nullable: true,
    description: 'Send with recordSearchClick when the agent opens a result.',
  })
  searchId: string | null;
}

@InputType()
export class RecordSearchClickInput {
  @Field(() => ID)
  searchId: string;

  @Field(() => ID, { description: 'The result opened.' })
  nodeId: string;

  @Field(() => Int, { nullable: true, description: 'Its position in the results, from 1.' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'The position counts from 1.' })
  @Max(MAX_COUNTED_MATCHES, { message: `The position is at most ${MAX_COUNTED_MATCHES}.` })
  position?: number | null;
}

@ObjectType()
export class RecordSearchClickPayload {
  @Field(() => Boolean, {
    nullable: true,
    description: 'True once recorded; false or null when userErrors say why not.',
  })
  recorded?: boolean;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType()
export class SearchGap {
  @Field({ description: 'The normalized query.' })
  query: string;

  @Field(() => Int, {
    description:
      'Searches (typing bursts) for it that found nothing or were not followed by a click.',
  })
  searches: number;

  @Field(() => Int, { description: 'Of those, how many found nothing at all.' })
  withoutResults: number;

  @Field(() => Int, {
    description:
      'Of those, how many were followed by a question to the experts (asked after searching).',
  })
  askedAfter: number;

  @Field()
  lastSearchedAt: Date;
}

@ObjectType()
export class SynonymGroupType {
  @Field(() => ID)
  id: string;

  @Field(() => [String])
  terms: string[];
}

@InputType()
export class AddSynonymsInput {
  @Field(() => [String], {
    description: 'Terms that should find each other, e.g. ["refund", "reimbursement"].',
  })
  terms: string[];
}

@InputType()
export class RemoveSynonymsInput {
  @Field(() => ID)
  id: string;
}

@ObjectType()
export class SynonymsPayload {
  @Field(() => SynonymGroupType, { nullable: true })
  synonyms?: SynonymGroupType;

  @Field(() => [UserError])
  userErrors: UserError[];
}
