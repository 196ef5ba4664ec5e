import { Module } from '@nestjs/common';
import { JobQueue } from './job-queue.js';
import { JobWorker } from './job-worker.js';
import { JobsRepository } from './jobs.repository.js';

/** Scheduling timed work: for every module that needs it. */
@Module({ providers: [JobsRepository, JobQueue], exports: [JobQueue] })
export class JobsModule {}

/** Running it: only where the API runs, not in a one-off command. */
@Module({ imports: [JobsModule], providers: [JobsRepository, JobWorker] })
export class JobWorkerModule {}
