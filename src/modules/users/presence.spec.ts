import { describe, expect, it } from '@jest/globals';
import { IDLE_AFTER_MS, Presence, effectivePresence } from './presence.js';

describe('effectivePresence', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('is what the user set while they are active', () => {
    expect(effectivePresence(Presence.ON_CALL, ago(60_000), now)).toBe(Presence.ON_CALL);
  });
  it('reads AWAY after 15 minutes without activity', () => {
    expect(effectivePresence(Presence.AVAILABLE, ago(IDLE_AFTER_MS - 1), now)).toBe(
      Presence.AVAILABLE,
    );
    expect(effectivePresence(Presence.AVAILABLE, ago(IDLE_AFTER_MS), now)).toBe(Presence.AWAY);
    expect(effectivePresence(Presence.AVAILABLE, null, now)).toBe(Presence.AWAY);
  });
  it('stays OFFLINE once signed out', () => {
    expect(effectivePresence(Presence.OFFLINE, ago(1000), now)).toBe(Presence.OFFLINE);
  });
});
