import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { TagsModule } from '../tags/tags.module.js';
import { UsersModule } from '../users/users.module.js';
import { ExpertiseRepository } from './expertise.repository.js';
import { ExpertiseResolver } from './expertise.resolver.js';
import { ExpertiseService } from './expertise.service.js';

/** Who is an expert in which tag: granted by leads and admins (tips, questions and routing read it). */
@Module({
  imports: [TagsModule, UsersModule, EventsModule],
  providers: [ExpertiseRepository, ExpertiseService, ExpertiseResolver],
  exports: [ExpertiseService],
})
export class ExpertiseModule {}
