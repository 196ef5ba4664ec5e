import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { EventDispatcher } from '../events/event-dispatcher.js';
import { EventDeliveryModule, EventsModule } from '../events/events.module.js';
import { MentoringModule } from '../mentoring/mentoring.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { QuestionRouting } from '../questions/question-routing.service.js';
import { QuestionsModule } from '../questions/questions.module.js';
import { TipsModule } from '../tips/tips.module.js';
import { UsersModule } from '../users/users.module.js';
import { RecognitionFeedLive, RecognitionFeedSubscriptions } from './feed-live.js';
import { RecognitionFeedResolver } from './feed.resolver.js';
import { KudosRepository } from './kudos.repository.js';
import { KudosResolver, UserKudosResolver } from './kudos.resolver.js';
import { KudosService } from './kudos.service.js';
import { RecognitionRepository } from './recognition.repository.js';
import {
  BadgesResolver,
  MentorCandidatesResolver,
  RecognitionResolver,
  UserBadgeResolver,
  UserPointsResolver,
} from './recognition.resolver.js';
import { RecognitionService } from './recognition.service.js';

/** Earned expertise routes questions too, beside granted expertise. */
@Injectable()
export class EarnedExpertiseRouting implements OnModuleInit {
  constructor(
    private readonly routing: QuestionRouting,
    private readonly recognition: RecognitionService,
  ) {}

  onModuleInit(): void {
    this.routing.addExpertSource((organizationId, tags) =>
      this.recognition.earnedExpertsIn(organizationId, tags),
    );
  }
}

/** Recognition: points from evidence of reuse, read by users, leads and admins. */
@Module({
  imports: [
    EventsModule,
    MentoringModule,
    OrganizationsModule,
    TipsModule,
    QuestionsModule,
    UsersModule,
  ],
  providers: [
    RecognitionRepository,
    RecognitionService,
    RecognitionResolver,
    BadgesResolver,
    MentorCandidatesResolver,
    UserBadgeResolver,
    UserPointsResolver,
    KudosRepository,
    KudosService,
    KudosResolver,
    UserKudosResolver,
    RecognitionFeedResolver,
    EarnedExpertiseRouting,
  ],
  exports: [RecognitionService, KudosService],
})
export class RecognitionModule {}

/** The event log's recognition consumer: from its start, every event credits once. */
@Injectable()
export class RecognitionConsumer implements OnModuleInit {
  constructor(
    private readonly dispatcher: EventDispatcher,
    private readonly recognition: RecognitionService,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register({
      name: 'recognition',
      from: 'start',
      handle: (events) => this.recognition.credit(events),
    });
  }
}

/** Crediting points as events happen, and the live feed: where the API runs. */
@Module({
  imports: [RecognitionModule, EventDeliveryModule, EventsModule, UsersModule],
  providers: [RecognitionConsumer, RecognitionFeedLive, RecognitionFeedSubscriptions],
})
export class RecognitionLiveModule {}
