import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { QuestionsModule } from '../questions/questions.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { TipsModule } from '../tips/tips.module.js';
import { UsersModule } from '../users/users.module.js';
import { InsightsRepository } from './insights.repository.js';
import { InsightsResolver } from './insights.resolver.js';
import { InsightsService } from './insights.service.js';

/** What team leads see to coach their team. */
@Module({
  imports: [OrganizationsModule, QuestionsModule, TeamsModule, TipsModule, UsersModule],
  providers: [InsightsRepository, InsightsService, InsightsResolver],
})
export class InsightsModule {}
