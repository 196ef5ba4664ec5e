export enum Presence {
  AVAILABLE = 'AVAILABLE',
  ON_CALL = 'ON_CALL',
  AFTER_CALL_WORK = 'AFTER_CALL_WORK',
  AWAY = 'AWAY',
  OFFLINE = 'OFFLINE',
}

/** Without activity for this long a signed-in user reads as AWAY. */
export const IDLE_AFTER_MS = 15 * 60 * 1000;

/** The presence others see: what the user set, unless they have gone quiet. */
export function effectivePresence(
  set: Presence,
  lastActiveAt: Date | null,
  now = new Date(),
): Presence {
  if (set === Presence.OFFLINE) return Presence.OFFLINE;
  if (!lastActiveAt || now.getTime() - lastActiveAt.getTime() >= IDLE_AFTER_MS)
    return Presence.AWAY;
  return set;
}
