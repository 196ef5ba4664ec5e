import { Module } from '@nestjs/common';
import { TagsRepository } from './tags.repository.js';
import { TagsService } from './tags.service.js';

@Module({ providers: [TagsRepository, TagsService], exports: [TagsService] })
export class TagsModule {}
