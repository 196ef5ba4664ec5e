import { Global, Module } from '@nestjs/common';
import { CallerCache } from './caller-cache.js';

/** The caller cache, shared by authentication and by whatever changes sessions and users. */
@Global()
@Module({ providers: [CallerCache], exports: [CallerCache] })
export class CallerCacheModule {}
