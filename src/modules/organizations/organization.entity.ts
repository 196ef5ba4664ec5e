import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column()
  slug: string;

  @Column()
  name: string;

  /** days a published tip stays verified */
  @Column({ name: 'tip_verify_days', type: 'int' })
  tipVerifyDays: number;

  /** days search logs are kept (they may hold customer details agents typed) */
  @Column({ name: 'search_log_retention_days', type: 'int' })
  searchLogRetentionDays: number;

  /** languages the organization's tips are written in; queries are analysed in each */
  @Column({ type: 'text', array: true })
  languages: string[];

  /** how long a LIVE_CALL question waits for an answer before it escalates */
  @Column({ name: 'live_call_deadline_seconds', type: 'int' })
  liveCallDeadlineSeconds: number;

  @Column({ name: 'normal_deadline_seconds', type: 'int' })
  normalDeadlineSeconds: number;

  /** how long a LIVE_CALL offer waits for a claim before more experts are offered it */
  @Column({ name: 'live_call_widen_seconds', type: 'int' })
  liveCallWidenSeconds: number;

  @Column({ name: 'normal_widen_seconds', type: 'int' })
  normalWidenSeconds: number;

  /** an expert with this many open questions is offered no more */
  @Column({ name: 'max_open_questions_per_expert', type: 'int' })
  maxOpenQuestionsPerExpert: number;

  /** the IANA time zone recognition's days, weeks and months follow */
  @Column({ name: 'time_zone' })
  timeZone: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** What admins set with updateOrganizationSettings. */
export type OrganizationSetting =
  | 'tipVerifyDays'
  | 'searchLogRetentionDays'
  | 'liveCallDeadlineSeconds'
  | 'normalDeadlineSeconds'
  | 'liveCallWidenSeconds'
  | 'normalWidenSeconds'
  | 'maxOpenQuestionsPerExpert'
  | 'timeZone';
