import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { UsersImportService } from './users-import.service.js';
import { UsersRepository } from './users.repository.js';
import { TeamMembersResolver, UsersResolver } from './users.resolver.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TeamsModule, OrganizationsModule],
  providers: [
    UsersRepository,
    UsersService,
    UsersImportService,
    UsersResolver,
    TeamMembersResolver,
  ],
  exports: [UsersService, UsersImportService],
})
export class UsersModule {}
