import { Module } from '@nestjs/common';
import { DomainEventsRepository } from './domain-events.repository.js';
import { DomainEvents } from './domain-events.service.js';
import { EventDispatcher } from './event-dispatcher.js';

/** Recording domain events: for every module that changes what others react to. */
@Module({
  providers: [DomainEventsRepository, DomainEvents],
  exports: [DomainEvents],
})
export class EventsModule {}

/** Delivering them to consumers: only where the API runs, not in a one-off command. */
@Module({
  imports: [EventsModule],
  providers: [DomainEventsRepository, EventDispatcher],
  exports: [EventDispatcher],
})
export class EventDeliveryModule {}
