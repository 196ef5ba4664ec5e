import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { UsersModule } from '../users/users.module.js';
import { MentorRolesRepository } from './mentor-roles.repository.js';
import { MentoringResolver } from './mentoring.resolver.js';
import { MentoringService } from './mentoring.service.js';

/** The mentor role (and, to come, mentorships). */
@Module({
  imports: [EventsModule, UsersModule],
  providers: [MentorRolesRepository, MentoringService, MentoringResolver],
  exports: [MentoringService],
})
export class MentoringModule {}
