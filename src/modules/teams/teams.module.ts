import { Module } from '@nestjs/common';
import { TeamsRepository } from './teams.repository.js';
import { TeamsResolver } from './teams.resolver.js';
import { TeamsService } from './teams.service.js';

@Module({
  providers: [TeamsRepository, TeamsService, TeamsResolver],
  exports: [TeamsService],
})
export class TeamsModule {}
