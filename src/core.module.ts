import { DynamicModule, Module } from '@nestjs/common';
import { CallerCacheModule } from './common/auth/caller-cache.module.js';
import { NodeRegistryModule } from './common/graphql/node-registry.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseTarget } from './database/data-source-options.js';
import { DatabaseModule } from './database/database.module.js';
import { DemoModule } from './modules/demo/demo.module.js';
import { InboxModule } from './modules/inbox/inbox.module.js';
import { InsightsModule } from './modules/insights/insights.module.js';
import { MentoringModule } from './modules/mentoring/mentoring.module.js';
import { RecognitionModule } from './modules/recognition/recognition.module.js';
import { QuestionsModule } from './modules/questions/questions.module.js';
import { SearchModule } from './modules/search/search.module.js';
import { TipsModule } from './modules/tips/tips.module.js';
import { TagsModule } from './modules/tags/tags.module.js';
import { EventsModule } from './modules/events/events.module.js';
import { JobsModule } from './modules/jobs/jobs.module.js';
import { ExpertiseModule } from './modules/expertise/expertise.module.js';
import { SearchInfrastructureModule } from './search/search-infrastructure.module.js';
import { OrganizationsModule } from './modules/organizations/organizations.module.js';
import { TeamsModule } from './modules/teams/teams.module.js';
import { UsersModule } from './modules/users/users.module.js';

/** Configuration, database and the domain modules: what both the API and the command line need. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, database: DatabaseTarget): DynamicModule {
    const domain = [
      OrganizationsModule,
      TeamsModule,
      UsersModule,
      EventsModule,
      JobsModule,
      TagsModule,
      ExpertiseModule,
      TipsModule,
      QuestionsModule,
      InboxModule,
      RecognitionModule,
      MentoringModule,
      InsightsModule,
      SearchModule,
      DemoModule,
    ];
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(database),
        CallerCacheModule,
        NodeRegistryModule,
        SearchInfrastructureModule,
        ...domain,
      ],
      exports: domain,
    };
  }
}
