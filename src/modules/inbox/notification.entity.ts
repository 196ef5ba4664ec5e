import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum NotificationKind {
  QUESTION_OFFERED = 'QUESTION_OFFERED',
  QUESTION_CLAIMED = 'QUESTION_CLAIMED',
  QUESTION_ANSWERED = 'QUESTION_ANSWERED',
  ANSWER_ACCEPTED = 'ANSWER_ACCEPTED',
  QUESTION_ESCALATED = 'QUESTION_ESCALATED',
  EXPERTISE_GRANTED = 'EXPERTISE_GRANTED',
  BADGE_AWARDED = 'BADGE_AWARDED',
  KUDOS_RECEIVED = 'KUDOS_RECEIVED',
  MENTOR_ROLE_GRANTED = 'MENTOR_ROLE_GRANTED',
  MENTORSHIP_REQUESTED = 'MENTORSHIP_REQUESTED',
  MENTORSHIP_DECLINED = 'MENTORSHIP_DECLINED',
  MENTORSHIP_STARTED = 'MENTORSHIP_STARTED',
  COACHING_SESSION_RECORDED = 'COACHING_SESSION_RECORDED',
  TAG_DIGEST = 'TAG_DIGEST',
}

@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column()
  message: string;

  /** the question (or user, for expertise) it is about */
  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId: string | null;

  /** the domain event it came from: one notification per user, event and kind */
  @Column({ name: 'event_id', type: 'bigint', nullable: true })
  eventId: string | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export type NewNotification = Pick<
  NotificationEntity,
  'organizationId' | 'userId' | 'kind' | 'message' | 'subjectId' | 'eventId'
>;
