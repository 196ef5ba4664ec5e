import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Length } from 'class-validator';
import { UserError } from '../../common/graphql/user-error.js';
import { Trimmed } from '../../common/validation/decorators.js';
import { IntegrationTokenEntity } from './integration-token.entity.js';

@ObjectType('Integration', {
  description: 'A system acting for the organization, e.g. the phone system.',
})
export class Integration {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  static from(entity: IntegrationTokenEntity): Integration {
    return {
      id: entity.id,
      name: entity.name,
      createdAt: entity.createdAt,
      lastUsedAt: entity.lastUsedAt,
      revokedAt: entity.revokedAt,
    };
  }
}

@InputType()
export class CreateIntegrationTokenInput {
  @Field({ description: 'What it is for, e.g. "Phone system presence".' })
  @Trimmed()
  @Length(1, 100, { message: 'The name must be 1-100 characters.' })
  name: string;
}

@InputType()
export class RevokeIntegrationTokenInput {
  @Field(() => ID)
  id: string;
}

@ObjectType()
export class IntegrationTokenPayload {
  @Field(() => String, {
    nullable: true,
    description:
      'The bearer token, shown this once: it may only call setPresence for users of the organization.',
  })
  token?: string | null;

  @Field(() => Integration, { nullable: true })
  integration?: Integration | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
