import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SubscriptionServer } from './subscription-server.js';

/** GraphQL subscriptions over WebSockets on /graphql. */
@Module({ imports: [AuthModule], providers: [SubscriptionServer] })
export class LiveModule {}
