import { Global, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { PubSub, PubSubEngine } from 'graphql-subscriptions';
import { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';

/**
 * Live messages to subscribers: in this process by default; through Redis pub/sub with
 * REDIS_URL, so that a subscriber on one API instance hears what another published.
 */
@Injectable()
export class LivePubSub implements OnModuleDestroy {
  readonly engine: PubSubEngine;
  private readonly redis: Redis[] = [];
  private active = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.redisUrl) {
      this.engine = new PubSub();
      return;
    }
    const connect = () => {
      const client = new Redis(config.redisUrl!, { maxRetriesPerRequest: 2 });
      this.redis.push(client);
      return client;
    };
    this.engine = new RedisPubSub({ publisher: connect(), subscriber: connect() });
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
@Module({ providers: [LivePubSub], exports: [LivePubSub] })
export class LivePubSubModule {}
