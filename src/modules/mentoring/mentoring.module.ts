import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { TipsModule } from '../tips/tips.module.js';
import { UsersModule } from '../users/users.module.js';
import { QuestionRouting } from '../questions/question-routing.service.js';
import { QuestionsModule } from '../questions/questions.module.js';
import { CoachingSessionsRepository } from './coaching-sessions.repository.js';
import {
  CoachingResolver,
  CoachingSessionResolver,
  MentorSuggestionResolver,
  MentorshipRequestResolver,
} from './coaching.resolver.js';
import { CoachingService } from './coaching.service.js';
import { MentorRolesRepository, MentorshipsRepository } from './mentor-roles.repository.js';
import { MentorshipRequestsRepository } from './mentorship-requests.repository.js';
import { MentorshipRequestsService } from './mentorship-requests.service.js';
import { ShiftSchedulesRepository } from './shift-schedules.repository.js';
import { MentoringResolver, MentorshipResolver } from './mentoring.resolver.js';
import { MentoringService } from './mentoring.service.js';

/** The asker's mentors are offered their questions first, and count as experts for them. */
@Injectable()
export class MentorFirstRouting implements OnModuleInit {
  constructor(
    private readonly routing: QuestionRouting,
    private readonly mentoring: MentoringService,
  ) {}

  onModuleInit(): void {
    this.routing.addExpertSource((organizationId, tags, askerId) =>
      this.mentoring.mentorsOf(organizationId, askerId, tags),
    );
    this.routing.addPreferenceSource(
      async (organizationId, tags, askerId) =>
        new Set((await this.mentoring.mentorsOf(organizationId, askerId, tags)).keys()),
    );
  }
}

/** The mentor role, mentorships and their requests, shift schedules and coaching sessions. */
@Module({
  imports: [EventsModule, UsersModule, QuestionsModule, TipsModule],
  providers: [
    MentorRolesRepository,
    MentorshipsRepository,
    MentorshipRequestsRepository,
    ShiftSchedulesRepository,
    CoachingSessionsRepository,
    MentoringService,
    MentorshipRequestsService,
    CoachingService,
    MentoringResolver,
    MentorshipResolver,
    CoachingResolver,
    MentorshipRequestResolver,
    MentorSuggestionResolver,
    CoachingSessionResolver,
    MentorFirstRouting,
  ],
  exports: [MentoringService, CoachingService],
})
export class MentoringModule {}
