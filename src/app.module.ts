import { DeskModule } from './modules/desk/desk.module.js';
import { DynamicModule, Module } from '@nestjs/common';
import { AppGraphqlModule } from './common/graphql/graphql.module.js';
import { AppConfig } from './config/app-config.js';
import { CoreModule } from './core.module.js';
import { DatabaseTarget } from './database/data-source-options.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { EventDeliveryModule } from './modules/events/events.module.js';
import { JobWorkerModule } from './modules/jobs/jobs.module.js';
import { LivePubSubModule } from './common/live/live-pubsub.js';
import { LiveModule } from './modules/live/live.module.js';
import { QuestionsLiveModule } from './modules/questions/questions-live.js';
import { InboxLiveModule } from './modules/inbox/inbox-live.js';
import { IntegrationsModule } from './modules/integrations/integrations.module.js';
import { RecognitionLiveModule } from './modules/recognition/recognition.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { MaintenanceModule } from './modules/maintenance/maintenance.module.js';
import { NodeModule } from './modules/node/node.module.js';

/** The API: the core plus GraphQL, sign-in and health endpoints. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: DatabaseTarget): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, database),
        AppGraphqlModule,
        AuthModule,
        DeskModule,
        IntegrationsModule,
        NodeModule,
        HealthModule,
        MaintenanceModule,
        EventDeliveryModule,
        JobWorkerModule,
        LivePubSubModule,
        LiveModule,
        QuestionsLiveModule,
        InboxLiveModule,
        RecognitionLiveModule,
      ],
    };
  }
}
