import { Field, ID, ObjectType } from '@nestjs/graphql';
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

  static from(entity: OrganizationEntity): Organization {
    return {
      id: toGlobalId('Organization', entity.id),
      slug: entity.slug,
      name: entity.name,
      createdAt: entity.createdAt,
    };
  }
}
