import { LRUCache } from 'lru-cache';
import { Injectable } from '@nestjs/common';
import {
  Outcome,
  UserErrorCode,
  failure,
  success,
  userError,
} from '../../common/graphql/user-error.js';
import { OrganizationEntity, OrganizationSetting } from './organization.entity.js';
import { OrganizationsRepository } from './organizations.repository.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** How long this process trusts the languages it read; another process's additions show within it. */
const LANGUAGES_TTL_MS = 5_000;

@Injectable()
export class OrganizationsService {
  private readonly languages = new LRUCache<string, string[]>({
    max: 10_000,
    ttl: LANGUAGES_TTL_MS,
  });

  constructor(private readonly organizations: OrganizationsRepository) {}

  findById(id: string): Promise<OrganizationEntity | null> {
    return this.organizations.findById(id);
  }

  findBySlug(slug: string): Promise<OrganizationEntity | null> {
    return this.organizations.findBySlug(slug.trim().toLowerCase());
  }

  allIds(): Promise<string[]> {
    return this.organizations.allIds();
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
  async addLanguage(id: string, language: string): Promise<void> {
    await this.organizations.addLanguage(id, language);
    this.languages.delete(id);
  }

  /** The languages an organization writes in: every search needs them, so they are kept a few seconds. */
  async languagesOf(id: string): Promise<string[]> {
    const known = this.languages.get(id);
    if (known) return known;
    const languages = (await this.organizations.findById(id))?.languages ?? ['en'];
    this.languages.set(id, languages);
    return languages;
  }

  async updateSettings(
    id: string,
    settings: { [K in OrganizationSetting]?: OrganizationEntity[K] | null },
  ): Promise<OrganizationEntity> {
    const changes = Object.fromEntries(
      Object.entries(settings).filter(([, value]) => value !== undefined && value !== null),
    );
    const organization = Object.keys(changes).length
      ? await this.organizations.update(id, changes)
      : await this.organizations.findById(id);
    return organization!;
  }
}
