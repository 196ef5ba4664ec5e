import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsTimeZone } from '../../common/validation/decorators.js';
import { UserError } from '../../common/graphql/user-error.js';
import { Node } from '../../common/graphql/node.interface.js';
import { toGlobalId } from '../../common/graphql/global-id.js';
import { OrganizationEntity } from './organization.entity.js';

@ObjectType('Organization', {
  implements: () => [Node],
  description: "One client's contact center.",
})
export class Organization implements Node {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Short name used at sign-in, e.g. "demo".' })
  slug: string;

  @Field()
  name: string;

  @Field()
  createdAt: Date;

  @Field(() => Int, { description: 'Days a published tip stays verified before it needs review.' })
  tipVerifyDays: number;

  @Field(() => Int, { description: 'Days search logs are kept before they are deleted.' })
  searchLogRetentionDays: number;

  @Field(() => [String], {
    description: 'Languages the tips are written in; searches are analysed in each.',
  })
  languages: string[];

  @Field(() => Int, {
    description:
      'Seconds a LIVE_CALL question waits for an answer before it escalates to the lead.',
  })
  liveCallDeadlineSeconds: number;

  @Field(() => Int, {
    description: 'Seconds a NORMAL question waits for an answer before it escalates to the lead.',
  })
  normalDeadlineSeconds: number;

  @Field(() => Int, {
    description:
      'Seconds an unclaimed LIVE_CALL question waits before the next experts are offered it.',
  })
  liveCallWidenSeconds: number;

  @Field(() => Int, {
    description: 'Seconds an unclaimed NORMAL question waits before the next expert is offered it.',
  })
  normalWidenSeconds: number;

  @Field(() => Int, {
    description:
      'Open questions (offered or claimed, unanswered) an expert holds before routing passes them by.',
  })
  maxOpenQuestionsPerExpert: number;

  @Field({
    description:
      'IANA time zone, e.g. "Europe/Helsinki": the days, weeks and months points count in.',
  })
  timeZone: string;

  static from(entity: OrganizationEntity): Organization {
    return {
      id: toGlobalId('Organization', entity.id),
      slug: entity.slug,
      name: entity.name,
      createdAt: entity.createdAt,
      tipVerifyDays: entity.tipVerifyDays,
      searchLogRetentionDays: entity.searchLogRetentionDays,
      languages: entity.languages,
      timeZone: entity.timeZone,
      liveCallDeadlineSeconds: entity.liveCallDeadlineSeconds,
      normalDeadlineSeconds: entity.normalDeadlineSeconds,
      liveCallWidenSeconds: entity.liveCallWidenSeconds,
      normalWidenSeconds: entity.normalWidenSeconds,
      maxOpenQuestionsPerExpert: entity.maxOpenQuestionsPerExpert,
    };
  }
}

/** Admins' settings, each optional: what is left out stays as it is. */
@InputType()
export class UpdateOrganizationSettingsInput {
  @Field(() => String, { nullable: true, description: 'An IANA time zone, e.g. "Asia/Tehran".' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string | null;

  @Field(() => Int, { nullable: true, description: 'From 1 to 3650.' })
  @IsOptional()
  @IsInt({ message: 'Must be a whole number of days from 1 to 3650.' })
  @Min(1, { message: 'Must be a whole number of days from 1 to 3650.' })
  @Max(3650, { message: 'Must be a whole number of days from 1 to 3650.' })
  tipVerifyDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'From 1 to 3650.' })
  @IsOptional()
  @IsInt({ message: 'Must be a whole number of days from 1 to 3650.' })
  @Min(1, { message: 'Must be a whole number of days from 1 to 3650.' })
  @Max(3650, { message: 'Must be a whole number of days from 1 to 3650.' })
  searchLogRetentionDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'From 5 to 86400.' })
  @IsOptional()
  @IsInt({ message: 'Must be a whole number of seconds from 5 to 86400.' })
  @Min(5, { message: 'Must be a whole number of seconds from 5 to 86400.' })
  @Max(86400, { message: 'Must be a whole number of seconds from 5 to 86400.' })
  liveCallDeadlineSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'From 5 to 2592000.' })
  @IsOptional()
  @IsInt({ message: 'Must be a whole number of seconds from 5 to 2592000.' })
  @Min(5, { message: 'Must be a whole number of seconds from 5 to 2592000.' })
  @Max(2592000, { message: 'Must be a whole number of seconds from 5 to 2592000.' })
  normalDeadlineSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'From 5 to 3600.' })
  @IsOptional()
  @IsInt({ message: 'Must be a whole number of seconds from 5 to 3600.' })
  @Min(5, { message: 'Must be a whole number of seconds from 5 to 3600.' })
  @Max(3600, { message: 'Must be a whole number of seconds from 5 to 3600.' })
  liveCallWidenSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'From 5 to 604800.' })
  @IsOptional()
  @IsInt({ message: 'Must be a whole number of seconds from 5 to 604800.' })
  @Min(5, { message: 'Must be a whole number of seconds from 5 to 604800.' })
  @Max(604800, { message: 'Must be a whole number of seconds from 5 to 604800.' })
  normalWidenSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'From 1 to 20.' })
  @IsOptional()
  @IsInt({ message: 'Must be a whole number of questions from 1 to 20.' })
  @Min(1, { message: 'Must be a whole number of questions from 1 to 20.' })
  @Max(20, { message: 'Must be a whole number of questions from 1 to 20.' })
  maxOpenQuestionsPerExpert?: number | null;
}

@ObjectType()
export class OrganizationPayload {
  @Field(() => Organization, { nullable: true })
  organization?: Organization;

  @Field(() => [UserError])
  userErrors: UserError[];
}
