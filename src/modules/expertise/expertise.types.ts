import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { UserError } from '../../common/graphql/user-error.js';

@InputType()
export class ExpertiseInput {
  @Field(() => ID)
  userId: string;

  @Field()
  tag: string;
}

@ObjectType()
export class ExpertisePayload {
  @Field(() => [String], { nullable: true, description: "The user's expertise after the change." })
  expertise?: string[];

  @Field(() => [UserError])
  userErrors: UserError[];
}
