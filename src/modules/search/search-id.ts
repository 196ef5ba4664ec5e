import { randomBytes } from 'node:crypto';

/**
 * Search ids are time-ordered UUIDs (version 7): the log's primary key grows at its end,
 * and a click can tell how recent its search is (see `SearchService.recordClick`).
 */
export function newSearchId(at: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(at, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** When a search id was made, in ms since the epoch; null for an id not made by `newSearchId`. */
export function searchTimeOf(id: string): number | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id))
    return null;
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
