import { Module } from '@nestjs/common';
import { SearchModule } from '../search/search.module.js';
import { TipsModule } from '../tips/tips.module.js';
import { MaintenanceService } from './maintenance.service.js';

@Module({
  imports: [TipsModule, SearchModule],
  providers: [MaintenanceService],
  exports: [MaintenanceService],
})
export class MaintenanceModule {}
