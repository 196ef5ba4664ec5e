import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { TagEntity } from './tag.entity.js';
import { TagsRepository } from './tags.repository.js';

/** Tags shared by tips, expertise and (soon) questions and routing: one vocabulary per organization. */
@Injectable()
export class TagsService {
  /** each organization's tag names, read again after a minute (or a new tag here) */
  private readonly names = new LRUCache<string, Promise<string[]>>({ max: 10_000, ttl: 60_000 });

  constructor(private readonly tags: TagsRepository) {}

  /** The tags of these normalized names, created on first use. */
  async ensure(organizationId: string, names: string[]): Promise<TagEntity[]> {
    const tags = await this.tags.ensure(organizationId, names);
    if (tags.length > 0) this.names.delete(organizationId);
    return tags;
  }

  /** Every tag name of the organization. */
  namesOf(organizationId: string): Promise<string[]> {
    const cached = this.names.get(organizationId);
    if (cached) return cached;
    const read = this.tags.namesOf(organizationId);
    this.names.set(organizationId, read);
    read.catch(() => {
      if (this.names.get(organizationId) === read) this.names.delete(organizationId);
    });
    return read;
  }

  findByNames(organizationId: string, names: string[]): Promise<TagEntity[]> {
    return this.tags.findByNames(organizationId, names);
  }

  /** Tag ids by name, created on first use. */
  async idsByName(organizationId: string, names: string[]): Promise<Map<string, string>> {
    const tags = await this.ensure(organizationId, [...new Set(names)]);
    return new Map(tags.map((tag) => [tag.name, tag.id]));
  }
}
