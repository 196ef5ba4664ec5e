import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsInt, Length, Max, Min } from 'class-validator';
import { UserError } from '../../common/graphql/user-error.js';
import { Trimmed } from '../../common/validation/decorators.js';
import { TagName } from '../tags/tag-name.js';
import { User } from '../users/user.types.js';

@ObjectType('MentorRole', { description: 'The mentor role: a capability beside the user’s role.' })
export class MentorRoleType {
  @Field(() => [String])
  tags: string[];

  @Field(() => Int, { description: 'Mentees at most.' })
  capacity: number;

  @Field()
  reason: string;

  @Field()
  grantedAt: Date;
}

@InputType()
export class GrantMentorRoleInput {
  @Field(() => ID)
  userId: string;

  @Field(() => [String], { description: 'The fields they mentor in (1 to 10 tags).' })
  @ArrayMinSize(1, { message: 'Name at least one tag to mentor in.' })
  @ArrayMaxSize(10, { message: 'At most 10 tags.' })
  @TagName({ each: true })
  tags: string[];

  @Field(() => Int, { description: 'Mentees at most, from 1 to 20.' })
  @IsInt({ message: 'The capacity is a whole number of mentees from 1 to 20.' })
  @Min(1, { message: 'The capacity is a whole number of mentees from 1 to 20.' })
  @Max(20, { message: 'The capacity is a whole number of mentees from 1 to 20.' })
  capacity: number;

  @Field({ description: 'Why: the evidence a lead saw (1-500 characters).' })
  @Trimmed()
  @Length(1, 500, { message: 'Give a reason of 1-500 characters.' })
  reason: string;
}

@InputType()
export class RevokeMentorRoleInput {
  @Field(() => ID)
  userId: string;

  @Field()
  @Trimmed()
  @Length(1, 500, { message: 'Give a reason of 1-500 characters.' })
  reason: string;
}

@ObjectType()
export class MentorRolePayload {
  @Field(() => User, { nullable: true })
  user?: User | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType('Mentorship', { description: 'A mentor and a mentee, in tags.' })
export class MentorshipType {
  @Field(() => ID)
  id: string;

  @Field(() => [String])
  tags: string[];

  @Field()
  startedAt: Date;

  @Field(() => Date, { nullable: true })
  endedAt: Date | null;

  organizationId: string;
  mentorId: string;
  menteeId: string;
}

@InputType()
export class PairMentorInput {
  @Field(() => ID)
  menteeId: string;

  @Field(() => ID)
  mentorId: string;

  @Field(() => [String], { description: 'Tags the mentor mentors in (1 to 10).' })
  @ArrayMinSize(1, { message: 'Name at least one tag.' })
  @ArrayMaxSize(10, { message: 'At most 10 tags.' })
  @TagName({ each: true })
  tags: string[];
}

@InputType()
export class MentorshipIdInput {
  @Field(() => ID)
  mentorshipId: string;
}

@ObjectType()
export class MentorshipPayload {
  @Field(() => MentorshipType, { nullable: true })
  mentorship?: MentorshipType | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
