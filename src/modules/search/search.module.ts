import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { QuestionsModule } from '../questions/questions.module.js';
import { TagsModule } from '../tags/tags.module.js';
import { TipsModule } from '../tips/tips.module.js';
import { UsersModule } from '../users/users.module.js';
import { SearchLogWriter } from './search-log-writer.js';
import { SearchLogRepository } from './search-log.repository.js';
import { SearchResolver } from './search.resolver.js';
import { SearchService } from './search.service.js';
import { SynonymsRepository } from './synonyms.repository.js';

@Module({
  imports: [OrganizationsModule, TagsModule, TipsModule, QuestionsModule, UsersModule],
  providers: [
    SearchLogRepository,
    SearchLogWriter,
    SynonymsRepository,
    SearchService,
    SearchResolver,
  ],
  exports: [SearchService],
})
export class SearchModule {}
