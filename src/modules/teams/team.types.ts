import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Length } from 'class-validator';
import { ConnectionType } from '../../common/graphql/connection.js';
import { toGlobalId } from '../../common/graphql/global-id.js';
import { Node } from '../../common/graphql/node.interface.js';
import { UserError } from '../../common/graphql/user-error.js';
import { Trimmed } from '../../common/validation/decorators.js';
import { TeamEntity } from './team.entity.js';

@ObjectType('Team', { implements: () => [Node] })
export class Team implements Node {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  createdAt: Date;

  /** database id, for field resolvers; not in the schema */
  teamId: string;

  static from(entity: TeamEntity): Team {
    return {
      id: toGlobalId('Team', entity.id),
      teamId: entity.id,
      name: entity.name,
      createdAt: entity.createdAt,
    };
  }
}

export const TeamConnection = ConnectionType(Team, 'Team');

@InputType()
export class CreateTeamInput {
  @Field()
  @Trimmed()
  @Length(1, 200, { message: 'The team name must be 1-200 characters.' })
  name: string;
}

@ObjectType()
export class CreateTeamPayload {
  @Field(() => Team, { nullable: true })
  team?: Team;

  @Field(() => [UserError])
  userErrors: UserError[];
}
