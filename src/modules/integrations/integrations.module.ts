import { Module } from '@nestjs/common';
import { IntegrationsRepository } from './integrations.repository.js';
import { IntegrationsResolver } from './integrations.resolver.js';
import { IntegrationsService } from './integrations.service.js';

/** Integration tokens: systems that act for an organization. */
@Module({
  providers: [IntegrationsRepository, IntegrationsService, IntegrationsResolver],
  exports: [IntegrationsService],
})
export class IntegrationsModule {}
