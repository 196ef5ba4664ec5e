import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export enum Urgency {
  LIVE_CALL = 'LIVE_CALL',
  NORMAL = 'NORMAL',
}

export enum QuestionStatus {
  OPEN = 'OPEN',
  CLAIMED = 'CLAIMED',
  ANSWERED = 'ANSWERED',
  ESCALATED = 'ESCALATED',
  CLOSED = 'CLOSED',
}

@Entity('questions')
export class QuestionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'asker_id', type: 'uuid' })
  askerId: string;

  /** the asker's team when they asked: whose leads it escalates to */
  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @Column()
  title: string;

  @Column()
  body: string;

  @Column({ name: 'steps_tried' })
  stepsTried: string;

  @Column()
  language: string;

  @Column({ type: 'text' })
  urgency: Urgency;

  @Column({ type: 'text' })
  status: QuestionStatus;

  @Column({ type: 'timestamptz' })
  deadline: Date;

  /** how many times routing has offered it (0 before the first offer) */
  @Column({ type: 'int' })
  round: number;

  /** the question's tags no available expert covered when it was last routed */
  @Column({ name: 'uncovered_tags', type: 'text', array: true })
  uncoveredTags: string[];

  @Column({ name: 'claimed_by', type: 'uuid', nullable: true })
  claimedBy: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'first_answer_at', type: 'timestamptz', nullable: true })
  firstAnswerAt: Date | null;

  @Column({ name: 'accepted_answer_id', type: 'uuid', nullable: true })
  acceptedAnswerId: string | null;

  @Column({ name: 'answer_count', type: 'int' })
  answerCount: number;

  @Column({ name: 'from_search_id', type: 'uuid', nullable: true })
  fromSearchId: string | null;

  /** the tip promoted from its accepted answer */
  @Column({ name: 'tip_id', type: 'uuid', nullable: true })
  tipId: string | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** tag names, loaded by the repository */
  tags?: string[];
}

export enum DeclineReason {
  BUSY = 'BUSY',
  NOT_MY_FIELD = 'NOT_MY_FIELD',
}

/** A question offered to one expert (or, when no expert is available, to a lead). */
@Entity('question_offers')
export class QuestionOfferEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @Column({ name: 'expert_id', type: 'uuid' })
  expertId: string;

  @Column({ type: 'int' })
  round: number;

  @Column({ name: 'to_lead' })
  toLead: boolean;

  @Column({ name: 'offered_at', type: 'timestamptz' })
  offeredAt: Date;

  @Column({ name: 'seen_at', type: 'timestamptz', nullable: true })
  seenAt: Date | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'declined_at', type: 'timestamptz', nullable: true })
  declinedAt: Date | null;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason: DeclineReason | null;

  /** someone else claimed or answered it, or it was closed */
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}

@Entity('answers')
export class AnswerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column()
  body: string;

  @Column({ type: 'int' })
  revision: number;

  /** up votes minus down votes */
  @Column({ type: 'int' })
  score: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('answer_revisions')
export class AnswerRevisionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'answer_id', type: 'uuid' })
  answerId: string;

  @Column({ type: 'int' })
  number: number;

  @Column()
  body: string;

  @Column({ name: 'editor_id', type: 'uuid' })
  editorId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export const questionEntities = [
  QuestionEntity,
  QuestionOfferEntity,
  AnswerEntity,
  AnswerRevisionEntity,
];
