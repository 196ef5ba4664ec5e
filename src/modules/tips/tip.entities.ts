import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export enum TipStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  NEEDS_REVIEW = 'NEEDS_REVIEW',
  ARCHIVED = 'ARCHIVED',
}

@Entity('tips')
export class TipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  @Column()
  title: string;

  @Column()
  body: string;

  @Column()
  language: string;

  @Column({ type: 'text' })
  status: TipStatus;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ name: 'verify_by', type: 'timestamptz', nullable: true })
  verifyBy: Date | null;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ name: 'review_reason', type: 'text', nullable: true })
  reviewReason: string | null;

  /** the question whose accepted answer the tip was promoted from */
  @Column({ name: 'question_id', type: 'uuid', nullable: true })
  questionId: string | null;

  @Column({ name: 'used_count', type: 'int' })
  usedCount: number;

  @Column({ name: 'helpful_count', type: 'int' })
  helpfulCount: number;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** tag names, loaded with the tip */
  tags?: string[];
}

@Entity('tip_tags')
export class TipTagEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ name: 'tip_id', type: 'uuid' })
  tipId: string;

  @PrimaryColumn({ name: 'tag_id', type: 'uuid' })
  tagId: string;
}

@Entity('tip_revisions')
export class TipRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'tip_id', type: 'uuid' })
  tipId: string;

  @Column({ type: 'int' })
  number: number;

  @Column()
  title: string;

  @Column()
  body: string;

  @Column({ type: 'text', array: true })
  tags: string[];

  @Column()
  language: string;

  @Column({ type: 'text', array: true })
  changed: string[];

  @Column({ name: 'editor_id', type: 'uuid' })
  editorId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('tip_helpful_votes')
export class HelpfulVoteEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ name: 'tip_id', type: 'uuid' })
  tipId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;
}

@Entity('tip_flags')
export class TipFlagEntity {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ name: 'tip_id', type: 'uuid' })
  tipId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column()
  reason: string;
}

@Entity('bookmarks')
export class BookmarkEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'tip_id', type: 'uuid' })
  tipId: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export const tipEntities = [
  TipEntity,
  TipTagEntity,
  TipRevisionEntity,
  HelpfulVoteEntity,
  TipFlagEntity,
  BookmarkEntity,
];
