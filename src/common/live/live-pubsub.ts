import { Global, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { PubSub, PubSubEngine } from 'graphql-subscriptions';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';

/**
 * Live messages to subscribers: in this process by default; through Redis pub/sub with
 * REDIS_URL, so that a subscriber on one API instance hears what another published.
 */
@Injectable()
export class LivePubSub implements OnModuleDestroy {
  private active = 0;

  private constructor(
    readonly engine: PubSubEngine,
    private readonly redis: Redis[] = [],
  ) {}

  /** Redis's client is loaded only when configured: most starts never need it. */
  static async create(config: AppConfig): Promise<LivePubSub> {
    if (!config.redisUrl) return new LivePubSub(new PubSub());
    // CommonJS packages: their exports may arrive as the namespace or as its default
    const [ioredis, subscriptions] = await Promise.all([
      import('ioredis'),
      import('graphql-redis-subscriptions'),
    ]);
    const Redis = ioredis.Redis ?? ioredis.default.Redis;
    const RedisPubSub = subscriptions.RedisPubSub ?? subscriptions.default.RedisPubSub;
    const clients = [0, 1].map(() => new Redis(config.redisUrl!, { maxRetriesPerRequest: 2 }));
    return new LivePubSub(
      new RedisPubSub({ publisher: clients[0], subscriber: clients[1] }),
      clients,
    );
  }

  publish(channel: string, payload: unknown): Promise<void> {
    return this.engine.publish(channel, payload);
  }

  /** Subscriptions open on this instance (for health and for tests that wait for a subscriber). */
  get activeSubscriptions(): number {
    return this.active;
  }

  subscribe<T>(channel: string): AsyncIterableIterator<T> {
    const iterator = this.engine.asyncIterableIterator<T>(channel);
    this.active++;
    const end = iterator.return?.bind(iterator);
    let ended = false;
    iterator.return = () => {
      if (!ended) this.active--;
      ended = true;
      return end ? end() : Promise.resolve({ done: true, value: undefined });
    };
    return iterator;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.redis.map((client) => client.quit().catch(() => client.disconnect())));
  }
}

@Global()
@Module({
  providers: [
    {
      provide: LivePubSub,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => LivePubSub.create(config),
    },
  ],
  exports: [LivePubSub],
})
export class LivePubSubModule {}
