import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { UsersModule } from '../users/users.module.js';
import { ExpertiseModule } from '../expertise/expertise.module.js';
import { TagsModule } from '../tags/tags.module.js';
import { TipActivityRepository } from './tip-activity.repository.js';
import { TipsImportService } from './tips-import.service.js';
import { TipsRepository } from './tips.repository.js';
import { TipsResolver } from './tips.resolver.js';
import { TipsService } from './tips.service.js';

@Module({
  imports: [OrganizationsModule, UsersModule, TagsModule, ExpertiseModule, EventsModule],
  providers: [TipsRepository, TipActivityRepository, TipsService, TipsImportService, TipsResolver],
  exports: [TipsService, TipsImportService],
})
export class TipsModule {}
