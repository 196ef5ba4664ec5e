import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { UsersModule } from '../users/users.module.js';
import { DeskSessionController } from './desk-session.controller.js';

/** The desk's session endpoints; its pages are served by common/http/desk-pages. */
@Module({
  imports: [AuthModule, UsersModule],
  controllers: [DeskSessionController],
})
export class DeskModule {}
