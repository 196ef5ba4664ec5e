import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { ConnectionType } from '../../common/graphql/connection.js';
import { NodeType, toGlobalId } from '../../common/graphql/global-id.js';
import { UserError as UserErrorType } from '../../common/graphql/user-error.js';
import { TagName } from '../tags/tag-name.js';
import { NotificationEntity, NotificationKind } from './notification.entity.js';

registerEnumType(NotificationKind, { name: 'NotificationKind' });

/** What a notification's subject is, by its kind. */
const SUBJECT_TYPE: Record<NotificationKind, NodeType | null> = {
  QUESTION_OFFERED: 'Question',
  QUESTION_CLAIMED: 'Question',
  QUESTION_ANSWERED: 'Question',
  ANSWER_ACCEPTED: 'Question',
  QUESTION_ESCALATED: 'Question',
  EXPERTISE_GRANTED: 'User',
  BADGE_AWARDED: 'User',
  KUDOS_RECEIVED: 'User',
  MENTOR_ROLE_GRANTED: 'User',
  MENTORSHIP_REQUESTED: 'User',
  MENTORSHIP_DECLINED: 'User',
  MENTORSHIP_STARTED: 'User',
  COACHING_SESSION_RECORDED: 'User',
  TAG_DIGEST: null,
};

@ObjectType('Notification')
export class Notification {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field({ description: 'In English; the desk words it in the reader’s language from `kind`.' })
  message: string;

  @Field(() => ID, { nullable: true, description: 'The question (or user) it is about.' })
  subjectId: string | null;

  @Field()
  read: boolean;

  @Field()
  createdAt: Date;

  static from(entity: NotificationEntity): Notification {
    const type = SUBJECT_TYPE[entity.kind];
    return {
      id: entity.id,
      kind: entity.kind,
      message: entity.message,
      subjectId: type && entity.subjectId ? toGlobalId(type, entity.subjectId) : null,
      read: entity.readAt !== null,
      createdAt: entity.createdAt,
    };
  }
}

export const NotificationConnection = ConnectionType(Notification, 'Notification');

export const MAX_MARKED = 100;

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], {
    nullable: true,
    description: `Up to ${MAX_MARKED} notifications; leave out to mark all read.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_MARKED, { message: `Mark at most ${MAX_MARKED} at once, or all.` })
  @IsUUID('all', { each: true, message: 'Send notification ids as the inbox returned them.' })
  ids?: string[] | null;
}

@ObjectType()
export class MarkNotificationsReadPayload {
  @Field(() => Int, { nullable: true, description: 'How many were unread.' })
  marked?: number | null;

  @Field(() => Int, { nullable: true })
  unreadCount?: number | null;

  @Field(() => [UserErrorType])
  userErrors: UserErrorType[];
}

@InputType()
export class WatchTagInput {
  @Field()
  @TagName()
  tag: string;

  @Field({ defaultValue: true, description: 'false stops watching.' })
  watch: boolean = true;
}

@ObjectType()
export class WatchTagPayload {
  @Field(() => [String], { nullable: true, description: 'The tags you watch now.' })
  watchedTags?: string[] | null;

  @Field(() => [UserErrorType])
  userErrors: UserErrorType[];
}
