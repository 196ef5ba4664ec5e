import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { UsersModule } from '../users/users.module.js';
import { ExpertiseRepository } from './expertise.repository.js';
import { ExpertiseService } from './expertise.service.js';
import { TipActivityRepository } from './tip-activity.repository.js';
import { TipsImportService } from './tips-import.service.js';
import { TipsRepository } from './tips.repository.js';
import { TipsResolver, UserExpertiseResolver } from './tips.resolver.js';
import { TipsService } from './tips.service.js';

@Module({
  imports: [OrganizationsModule, UsersModule],
  providers: [
    TipsRepository,
    TipActivityRepository,
    ExpertiseRepository,
    TipsService,
    ExpertiseService,
    TipsImportService,
    TipsResolver,
    UserExpertiseResolver,
  ],
  exports: [TipsService, ExpertiseService, TipsImportService],
})
export class TipsModule {}
