import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('login_failures')
export class LoginFailureEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  /** organization slug and lower-cased email, as typed at sign-in */
  @Column()
  account: string;

  @Column()
  address: string;

  @Column({ name: 'failed_at', type: 'timestamptz' })
  failedAt: Date;
}
