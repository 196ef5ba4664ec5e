import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import type { DomainEvent, DomainEventType, NewDomainEvent } from './domain-event.js';
import { DomainEventsRepository } from './domain-events.repository.js';

/**
 * Records domain events in the writer's transaction. Once it commits, whoever listens on
 * this instance (the event dispatcher) is told at once; other instances find the events on
 * their next poll, and a rolled-back write leaves no event for anyone.
 */
@Injectable()
export class DomainEvents {
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly tx: TransactionHost,
    private readonly events: DomainEventsRepository,
  ) {}

  /** Called after a transaction that recorded events commits. */
  onRecorded(listener: () => void): void {
    this.listeners.push(listener);
  }

  async record(...events: NewDomainEvent[]): Promise<void> {
    await this.events.append(events);
    this.tx.afterCommit(() => this.listeners.forEach((listener) => listener()));
  }

  happenedSince(
    organizationId: string,
    subjectId: string,
    actorId: string,
    type: DomainEventType,
    since: Date,
  ): Promise<boolean> {
    return this.events.happenedSince(organizationId, subjectId, actorId, type, since);
  }

  /** Events of these types in an organization after `since`, oldest first (at most `limit`). */
  since(
    organizationId: string,
    types: DomainEventType[],
    since: Date,
    limit = 1000,
  ): Promise<DomainEvent[]> {
    return this.events.since(organizationId, types, since, limit);
  }

  /** Events of these types, newest first (about `subjectIds` when given). */
  recent(
    organizationId: string,
    types: DomainEventType[],
    subjectIds: string[] | null,
    offset: number,
    limit: number,
  ): Promise<DomainEvent[]> {
    return this.events.recent(organizationId, types, subjectIds, offset, limit);
  }

  byId(organizationId: string, id: string): Promise<DomainEvent | null> {
    return this.events.byId(organizationId, id);
  }

  /** What happened to a subject, oldest first (at most `limit` events). */
  about(organizationId: string, subjectId: string, limit = 500): Promise<DomainEvent[]> {
    return this.events.about(organizationId, subjectId, limit);
  }
}
