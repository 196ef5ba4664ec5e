import { Injectable } from '@nestjs/common';
import { TagEntity } from './tag.entity.js';
import { TagsRepository } from './tags.repository.js';

/** Tags shared by tips, expertise and (soon) questions and routing: one vocabulary per organization. */
@Injectable()
export class TagsService {
  constructor(private readonly tags: TagsRepository) {}

  /** The tags of these normalized names, created on first use. */
  ensure(organizationId: string, names: string[]): Promise<TagEntity[]> {
    return this.tags.ensure(organizationId, names);
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
