import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
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

  static from(entity: OrganizationEntity): Organization {
    return {
      id: toGlobalId('Organization', entity.id),
      slug: entity.slug,
      name: entity.name,
      createdAt: entity.createdAt,
      tipVerifyDays: entity.tipVerifyDays,
      searchLogRetentionDays: entity.searchLogRetentionDays,
      languages: entity.languages,
    };
  }
}

@InputType()
export class UpdateOrganizationSettingsInput {
  @Field(() => Int, { nullable: true, description: 'From 1 to 3650.' })
  tipVerifyDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'From 1 to 3650.' })
  searchLogRetentionDays?: number | null;
}

@ObjectType()
export class OrganizationPayload {
  @Field(() => Organization, { nullable: true })
  organization?: Organization;

  @Field(() => [UserError])
  userErrors: UserError[];
}
