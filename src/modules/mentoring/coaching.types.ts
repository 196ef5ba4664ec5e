import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { ConnectionType } from '../../common/graphql/connection.js';
import { UserError } from '../../common/graphql/user-error.js';
import { IsTimeZone, Trimmed } from '../../common/validation/decorators.js';
import { TagName } from '../tags/tag-name.js';
import { MentorshipRequestStatus } from './mentorship-requests.repository.js';
import { CLOCK_TIME, Weekday } from './shifts.js';

registerEnumType(Weekday, { name: 'Weekday' });
registerEnumType(MentorshipRequestStatus, { name: 'MentorshipRequestStatus' });

const CLOCK = 'A time of day as HH:MM, from 00:00 to 23:59.';

@ObjectType('Shift', { description: 'A weekly shift on its owner’s clock.' })
export class ShiftType {
  @Field(() => Weekday)
  day: Weekday;

  @Field({ description: 'HH:MM.' })
  start: string;

  @Field({ description: 'HH:MM; at or before the start, the shift ends the next day.' })
  end: string;
}

@ObjectType('ShiftSchedule')
export class ShiftScheduleType {
  @Field({ description: 'The IANA time zone the shifts are in.' })
  timeZone: string;

  @Field(() => [ShiftType])
  shifts: ShiftType[];
}

@InputType()
export class ShiftInput {
  @Field(() => Weekday)
  @IsEnum(Weekday)
  day: Weekday;

  @Field({ description: CLOCK })
  @Matches(CLOCK_TIME, { message: CLOCK })
  start: string;

  @Field({ description: `${CLOCK} At or before the start: the shift ends the next day.` })
  @Matches(CLOCK_TIME, { message: CLOCK })
  end: string;
}

@InputType()
export class SetShiftScheduleInput {
  @Field(() => ID, { nullable: true, description: 'Whose schedule; yours when left out.' })
  @IsOptional()
  userId?: string | null;

  @Field({ description: 'An IANA time zone, e.g. "Europe/Helsinki".' })
  @IsTimeZone()
  timeZone: string;

  @Field(() => [ShiftInput], { description: 'Up to 21 shifts a week; none clears the schedule.' })
  @ArrayMaxSize(21, { message: 'At most 21 shifts a week.' })
  @ValidateNested({ each: true })
  @Type(() => ShiftInput)
  shifts: ShiftInput[];
}

@ObjectType('MentorshipRequest', { description: 'A mentee asking a mentor to mentor them.' })
export class MentorshipRequestType {
  @Field(() => ID)
  id: string;

  @Field(() => [String])
  tags: string[];

  @Field()
  message: string;

  @Field(() => MentorshipRequestStatus)
  status: MentorshipRequestStatus;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  organizationId: string;
  menteeId: string;
  mentorId: string;
  mentorshipId: string | null;
}

@InputType()
export class RequestMentorInput {
  @Field(() => ID)
  mentorId: string;

  @Field(() => [String], { description: 'Tags to be mentored in (1 to 10).' })
  @ArrayMinSize(1, { message: 'Name at least one tag.' })
  @ArrayMaxSize(10, { message: 'At most 10 tags.' })
  @TagName({ each: true })
  tags: string[];

  @Field({ defaultValue: '', description: 'What you would like help with (up to 500 characters).' })
  @Trimmed()
  @Length(0, 500, { message: 'Keep the message under 500 characters.' })
  message: string = '';
}

@InputType()
export class RespondToMentorshipRequestInput {
  @Field(() => ID)
  requestId: string;

  @Field({ description: 'true to start mentoring, false to decline.' })
  @IsBoolean()
  accept: boolean;
}

@InputType()
export class MentorshipRequestIdInput {
  @Field(() => ID)
  requestId: string;
}

@ObjectType()
export class MentorshipRequestPayload {
  @Field(() => MentorshipRequestType, { nullable: true })
  request?: MentorshipRequestType | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType('MentorSuggestion', { description: 'A mentor with room, and why they fit.' })
export class MentorSuggestionType {
  @Field(() => [String], { description: 'The tags asked for that they mentor in.' })
  tags: string[];

  @Field(() => Int, {
    nullable: true,
    description:
      'Minutes a week both are on shift, each on their own clock; null when either has no schedule.',
  })
  sharedShiftMinutes: number | null;

  @Field(() => Int)
  activeMentees: number;

  @Field(() => Int)
  capacity: number;

  organizationId: string;
  mentorId: string;
}

@ObjectType('CoachingSession', { description: 'A check-in of a mentor or lead with a mentee.' })
export class CoachingSessionType {
  @Field(() => ID)
  id: string;

  @Field()
  heldAt: Date;

  @Field({ description: 'Visible to the mentee.' })
  notes: string;

  @Field()
  createdAt: Date;

  organizationId: string;
  menteeId: string;
  coachId: string;
  tipIds: string[];
  questionIds: string[];
}

export const CoachingSessionConnection = ConnectionType(CoachingSessionType, 'CoachingSession');

@InputType()
export class RecordCoachingSessionInput {
  @Field(() => ID)
  menteeId: string;

  @Field({ description: 'When it took place, within a year of today.' })
  heldAt: Date;

  @Field({ description: 'What was covered and agreed (1-5000 characters), visible to the mentee.' })
  @Trimmed()
  @Length(1, 5000, { message: 'Write notes of 1-5000 characters.' })
  notes: string;

  @Field(() => [ID], { defaultValue: [], description: 'Follow-up tips (up to 20).' })
  @ArrayMaxSize(20, { message: 'Link at most 20 tips.' })
  tipIds: string[] = [];

  @Field(() => [ID], { defaultValue: [], description: 'Follow-up questions (up to 20).' })
  @ArrayMaxSize(20, { message: 'Link at most 20 questions.' })
  questionIds: string[] = [];
}

@ObjectType()
export class CoachingSessionPayload {
  @Field(() => CoachingSessionType, { nullable: true })
  session?: CoachingSessionType | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
