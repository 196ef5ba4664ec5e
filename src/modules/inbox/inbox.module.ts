import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { TagsModule } from '../tags/tags.module.js';
import { InboxRepository } from './inbox.repository.js';
import { InboxResolver } from './inbox.resolver.js';
import { InboxService } from './inbox.service.js';

/** Each user's notifications and watched tags. */
@Module({
  imports: [EventsModule, JobsModule, TagsModule],
  providers: [InboxRepository, InboxService, InboxResolver],
  exports: [InboxService],
})
export class InboxModule {}
