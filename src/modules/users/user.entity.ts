import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Role } from '../../common/auth/role.js';
import { Presence } from './presence.js';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @Column()
  email: string;

  @Column({ name: 'display_name' })
  displayName: string;

  @Column({ type: 'text' })
  role: Role;

  @Column()
  locale: string;

  /** languages read besides the locale's, for questions routed to them */
  @Column({ name: 'reads_languages', type: 'text', array: true })
  readsLanguages: string[];

  @Column({ name: 'password_hash', select: false })
  passwordHash: string;

  @Column()
  active: boolean;

  @Column({ type: 'text' })
  presence: Presence;

  @Column({ name: 'last_active_at', type: 'timestamptz', nullable: true })
  lastActiveAt: Date | null;

  /** Sessions begun before the last deactivation never work again. */
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
