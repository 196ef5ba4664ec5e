import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import { OrganizationEntity, OrganizationSetting } from './organization.entity.js';

/**
 * Organizations are the tenants. Reads by id are for the caller's own organization only;
 * lookups by slug are for sign-in and the command line.
 */
@Injectable()
export class OrganizationsRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get repo() {
    return this.tx.repository(OrganizationEntity);
  }

  findById(id: string): Promise<OrganizationEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findBySlug(slug: string): Promise<OrganizationEntity | null> {
    return this.repo.findOneBy({ slug });
  }

  async allIds(): Promise<string[]> {
    return (await this.repo.find({ select: { id: true }, order: { createdAt: 'ASC' } })).map(
      (organization) => organization.id,
    );
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  create(slug: string, name: string): Promise<OrganizationEntity> {
    return this.repo.save(this.repo.create({ slug, name }));
  }

  async update(
    id: string,
    changes: Partial<Pick<OrganizationEntity, 'name' | OrganizationSetting>>,
  ): Promise<OrganizationEntity | null> {
    await this.repo.update({ id }, changes);
    return this.findById(id);
  }

  async addLanguage(id: string, language: string): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update(OrganizationEntity)
      .set({ languages: () => 'array_append(languages, :language)' })
      .where('id = :id AND NOT (:language = ANY(languages))', { id, language })
      .execute();
  }
}
