import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import type { ShiftSchedule } from './shifts.js';

/** Each user's weekly shifts on their own clock. */
@Injectable()
export class ShiftSchedulesRepository {
  constructor(private readonly tx: TransactionHost) {}

  async set(organizationId: string, userId: string, schedule: ShiftSchedule): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO shift_schedules (organization_id, user_id, time_zone, shifts) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, user_id) DO UPDATE
       SET time_zone = excluded.time_zone, shifts = excluded.shifts, updated_at = clock_timestamp()`,
      [organizationId, userId, schedule.timeZone, JSON.stringify(schedule.shifts)],
    );
  }

  async of(
    organizationId: string,
    userIds: readonly string[],
  ): Promise<Map<string, ShiftSchedule>> {
    const rows: { userId: string; timeZone: string; shifts: ShiftSchedule['shifts'] }[] =
      await this.tx.manager.query(
        `SELECT user_id AS "userId", time_zone AS "timeZone", shifts FROM shift_schedules
         WHERE organization_id = $1 AND user_id = ANY($2::uuid[])`,
        [organizationId, [...userIds]],
      );
    return new Map(rows.map((row) => [row.userId, { timeZone: row.timeZone, shifts: row.shifts }]));
  }
}
