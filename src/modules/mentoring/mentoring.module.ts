import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { UsersModule } from '../users/users.module.js';
import { QuestionRouting } from '../questions/question-routing.service.js';
import { QuestionsModule } from '../questions/questions.module.js';
import { MentorRolesRepository, MentorshipsRepository } from './mentor-roles.repository.js';
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

/** The mentor role and mentorships. */
@Module({
  imports: [EventsModule, UsersModule, QuestionsModule],
  providers: [
    MentorRolesRepository,
    MentorshipsRepository,
    MentoringService,
    MentoringResolver,
    MentorshipResolver,
    MentorFirstRouting,
  ],
  exports: [MentoringService],
})
export class MentoringModule {}
