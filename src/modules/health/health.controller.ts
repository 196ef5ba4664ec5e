import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '../../common/auth/decorators.js';
import { SearchEngineRouter, SearchServing } from '../../search/search-engine-router.js';
import { HealthService } from './health.service.js';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly search: SearchEngineRouter,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: the database answers. `search` says which engine answers searches and, when
   * PostgreSQL stands in for Meilisearch, why.
   */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; database: 'up'; search: SearchServing }> {
    const search = this.search.serving();
    if (!(await this.health.databaseReachable())) {
      throw new ServiceUnavailableException({ status: 'unavailable', database: 'down', search });
    }
    return { status: 'ok', database: 'up', search };
  }
}
