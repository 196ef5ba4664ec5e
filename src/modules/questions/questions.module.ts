import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { ExpertiseModule } from '../expertise/expertise.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { TagsModule } from '../tags/tags.module.js';
import { TipsModule } from '../tips/tips.module.js';
import { UsersModule } from '../users/users.module.js';
import { AnswersRepository } from './answers.repository.js';
import { QuestionRouting } from './question-routing.service.js';
import {
  AnswersResolver,
  QuestionOffersResolver,
  QuestionsResolver,
  RoutingStepsResolver,
  TipQuestionResolver,
} from './questions.resolver.js';
import { QuestionsRepository } from './questions.repository.js';
import { QuestionsService } from './questions.service.js';

/** Expert questions: asking, routing to available experts, answering, accepting. */
@Module({
  imports: [
    EventsModule,
    JobsModule,
    ExpertiseModule,
    OrganizationsModule,
    TagsModule,
    TipsModule,
    UsersModule,
  ],
  providers: [
    QuestionsRepository,
    AnswersRepository,
    QuestionRouting,
    QuestionsService,
    QuestionsResolver,
    AnswersResolver,
    QuestionOffersResolver,
    RoutingStepsResolver,
    TipQuestionResolver,
  ],
  exports: [QuestionsService, QuestionRouting],
})
export class QuestionsModule {}
