import { QueryFailedError } from 'typeorm';

/** True when a write failed on a unique constraint (a concurrent insert won the race). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError && (error.driverError as { code?: string })?.code === '23505'
  );
}
