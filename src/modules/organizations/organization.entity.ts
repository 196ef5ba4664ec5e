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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
