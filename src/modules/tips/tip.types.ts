import { TipBody, TipExternalId, TipLanguage, TipTags, TipTitle } from './tip-rules.js';
import { Trimmed } from '../../common/validation/decorators.js';
import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/graphql/connection.js';
import { toGlobalId } from '../../common/graphql/global-id.js';
import { Node } from '../../common/graphql/node.interface.js';
import { UserError } from '../../common/graphql/user-error.js';
import type { StoredFields } from '../../search/search-engine.js';
import { TipEntity, TipRevisionEntity, TipStatus } from './tip.entities.js';

registerEnumType(TipStatus, { name: 'TipStatus' });

@ObjectType('Tip', {
  implements: () => [Node],
  description: 'Short, practical knowledge: say this, do this.',
})
export class Tip implements Node {
  @Field(() => ID)
  id: string;

  @Field(() => String, {
    nullable: true,
    description: 'The id in the system it was imported from.',
  })
  externalId: string | null;

  @Field()
  title: string;

  @Field({ description: 'Markdown, as written.' })
  body: string;

  @Field(() => [String])
  tags: string[];

  @Field()
  language: string;

  @Field(() => TipStatus)
  status: TipStatus;

  @Field(() => Int)
  revision: number;

  @Field(() => Date, { nullable: true, description: 'When the tip is due to be verified again.' })
  verifyBy: Date | null;

  @Field(() => Date, { nullable: true })
  verifiedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the tip needs review.' })
  reviewReason: string | null;

  @Field(() => Int, { description: 'Times other agents used it on a call.' })
  usedCount: number;

  @Field(() => Int)
  helpfulCount: number;

  @Field(() => Date, { nullable: true })
  publishedAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  tipId: string;
  authorId: string;
  questionId: string | null;
  organizationId: string;

  /**
   * The fields of a tip, its resolved ones included, that a search hit answers from the
   * index without reading the tip (see fromSearchHit).
   */
  static readonly FIELDS_IN_SEARCH_HITS: ReadonlySet<string> = new Set([
    '__typename',
    'id',
    'title',
    'body',
    'bodyHtml',
    'tags',
    'language',
    'status',
    'viewerFoundHelpful',
    'viewerBookmarked',
  ]);

  /** A tip as a search hit stores it: only FIELDS_IN_SEARCH_HITS may be read from it. */
  static fromSearchHit(organizationId: string, tipId: string, document: StoredFields): Tip {
    const partial: Partial<Tip> = {
      id: toGlobalId('Tip', tipId),
      tipId,
      organizationId,
      title: document.title,
      body: document.body,
      tags: document.tags,
      language: document.language,
      status: document.status as TipStatus,
    };
    return partial as Tip;
  }

  static from(entity: TipEntity): Tip {
    return {
      id: toGlobalId('Tip', entity.id),
      tipId: entity.id,
      authorId: entity.authorId,
      questionId: entity.questionId,
      organizationId: entity.organizationId,
      externalId: entity.externalId,
      title: entity.title,
      body: entity.body,
      tags: entity.tags ?? [],
      language: entity.language,
      status: entity.status,
      revision: entity.revision,
      verifyBy: entity.verifyBy,
      verifiedAt: entity.verifiedAt,
      reviewReason: entity.reviewReason,
      usedCount: entity.usedCount,
      helpfulCount: entity.helpfulCount,
      publishedAt: entity.publishedAt,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}

export const TipConnection = ConnectionType(Tip, 'Tip');

@ObjectType('TipRevision')
export class TipRevision {
  @Field(() => Int)
  number: number;

  @Field()
  title: string;

  @Field()
  body: string;

  @Field(() => [String])
  tags: string[];

  @Field()
  language: string;

  @Field(() => [String], { description: 'What this revision changed.' })
  changed: string[];

  @Field()
  createdAt: Date;

  editorId: string;
  organizationId: string;

  static from(entity: TipRevisionEntity): TipRevision {
    const { number, title, body, tags, language, changed, createdAt, editorId, organizationId } =
      entity;
    return { number, title, body, tags, language, changed, createdAt, editorId, organizationId };
  }
}

export const TipRevisionConnection = ConnectionType(TipRevision, 'TipRevision');

@InputType()
export class CreateTipInput {
  @Field()
  @TipTitle()
  title: string;

  @Field({ description: 'Markdown.' })
  @TipBody()
  body: string;

  @Field(() => [String], { defaultValue: [] })
  @TipTags()
  tags: string[];

  @Field({ defaultValue: 'en', description: 'Two- or three-letter language code.' })
  @TipLanguage()
  language: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TipExternalId()
  externalId?: string | null;

  @Field({ defaultValue: false, description: 'Publish now instead of keeping a draft.' })
  publish: boolean;
}

@InputType()
export class UpdateTipInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TipTitle()
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TipBody()
  body?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @TipTags()
  tags?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TipLanguage()
  language?: string | null;
}

@InputType()
export class TipIdInput {
  @Field(() => ID)
  id: string;
}

@InputType()
export class RestoreTipRevisionInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  revision: number;
}

@InputType()
export class FlagTipInput {
  @Field(() => ID)
  id: string;

  @Field({ description: 'What is wrong with the tip (1-500 characters).' })
  @Trimmed()
  @Length(1, 500, { message: 'Say what is wrong with the tip (1-500 characters).' })
  reason: string;
}

@InputType()
export class SetTipHelpfulInput {
  @Field(() => ID)
  id: string;

  @Field()
  helpful: boolean;
}

@InputType()
export class SetTipBookmarkInput {
  @Field(() => ID)
  id: string;

  @Field()
  bookmarked: boolean;
}

@ObjectType()
export class TipPayload {
  @Field(() => Tip, { nullable: true })
  tip?: Tip;

  @Field(() => [UserError])
  userErrors: UserError[];
}
