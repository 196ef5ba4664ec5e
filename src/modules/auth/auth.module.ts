import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { IntegrationsModule } from '../integrations/integrations.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthGuard } from './auth.guard.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { LoginFailuresRepository } from './login-failures.repository.js';
import { SessionsRepository } from './sessions.repository.js';

@Module({
  imports: [UsersModule, OrganizationsModule, IntegrationsModule],
  providers: [
    SessionsRepository,
    LoginFailuresRepository,
    AuthService,
    AuthResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
