import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { TipsModule } from '../tips/tips.module.js';
import { UsersModule } from '../users/users.module.js';
import { NodeResolver } from './node.resolver.js';

@Module({
  imports: [OrganizationsModule, TeamsModule, UsersModule, TipsModule],
  providers: [NodeResolver],
})
export class NodeModule {}
