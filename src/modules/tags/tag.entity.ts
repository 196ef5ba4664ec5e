import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A tag of the organization, in its one normalized form ("billing-refunds"). */
@Entity('tags')
export class TagEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column()
  name: string;
}
