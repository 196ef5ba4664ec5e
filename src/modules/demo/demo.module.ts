import { Module } from '@nestjs/common';
import { ExpertiseModule } from '../expertise/expertise.module.js';
import { MentoringModule } from '../mentoring/mentoring.module.js';
import { RecognitionModule } from '../recognition/recognition.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { TipsModule } from '../tips/tips.module.js';
import { UsersModule } from '../users/users.module.js';
import { DemoDataService } from './demo-data.service.js';

@Module({
  imports: [
    OrganizationsModule,
    TeamsModule,
    UsersModule,
    TipsModule,
    ExpertiseModule,
    RecognitionModule,
    MentoringModule,
  ],
  providers: [DemoDataService],
  exports: [DemoDataService],
})
export class DemoModule {}
