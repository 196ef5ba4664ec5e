import { Injectable } from '@nestjs/common';
import {
  Outcome,
  UserErrorCode,
  failure,
  success,
  userError,
} from '../../common/graphql/user-error.js';
import { OrganizationEntity } from './organization.entity.js';
import { OrganizationsRepository } from './organizations.repository.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

@Injectable()
export class OrganizationsService {
  constructor(private readonly organizations: OrganizationsRepository) {}

  findById(id: string): Promise<OrganizationEntity | null> {
    return this.organizations.findById(id);
  }

  findBySlug(slug: string): Promise<OrganizationEntity | null> {
    return this.organizations.findBySlug(slug.trim().toLowerCase());
  }

  count(): Promise<number> {
    return this.organizations.count();
  }

  async create(slug: string, name: string): Promise<Outcome<OrganizationEntity>> {
    const cleanSlug = slug.trim().toLowerCase();
    const cleanName = name.trim();
    if (!SLUG.test(cleanSlug)) {
      return failure(
        userError(
          UserErrorCode.INVALID,
          'The slug must be 1-63 lowercase letters, digits or hyphens, starting with a letter or digit.',
          'slug',
        ),
      );
    }
    if (cleanName.length < 1 || cleanName.length > 200) {
      return failure(
        userError(UserErrorCode.INVALID, 'The name must be 1-200 characters.', 'name'),
      );
    }
    if (await this.organizations.findBySlug(cleanSlug)) {
      return failure(
        userError(
          UserErrorCode.TAKEN,
          `An organization with slug "${cleanSlug}" already exists.`,
          'slug',
        ),
      );
    }
    return success(await this.organizations.create(cleanSlug, cleanName));
  }

  /** Remembers a language the organization writes in (queries are analysed in each). */
  addLanguage(id: string, language: string): Promise<void> {
    return this.organizations.addLanguage(id, language);
  }

  async updateSettings(
    id: string,
    settings: { tipVerifyDays?: number; searchLogRetentionDays?: number },
  ): Promise<Outcome<OrganizationEntity>> {
    for (const [field, value] of Object.entries(settings)) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 3650)) {
        return failure(
          userError(UserErrorCode.INVALID, 'Must be a whole number of days from 1 to 3650.', field),
        );
      }
    }
    const changes = Object.fromEntries(
      Object.entries(settings).filter(([, value]) => value !== undefined),
    );
    const organization = Object.keys(changes).length
      ? await this.organizations.update(id, changes)
      : await this.organizations.findById(id);
    return success(organization!);
  }
}
