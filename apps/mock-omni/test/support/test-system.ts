import type { SystemRecord } from '../../src/engine/ports.js';

/**
 * A system row for store-level tests: a manual clock standing at `at` (0 unless given), no office
 * hours, seed 1, not the default system; `tokenLifetimeMs` 1 ms unless given.
 */
export function testSystemRecord(
  systemKey: string,
  options: { at?: number; tokenLifetimeMs?: number } = {},
): Omit<SystemRecord, 'systemId'> {
  const at = options.at ?? 0;
  return {
    systemKey,
    isDefault: false,
    seed: 1,
    clock: { mode: 'manual', scale: 1, virtualAnchor: at, wallAnchor: 0 },
    clockStart: at,
    officeHours: { time_zone: 'UTC', windows: [] },
    tokenLifetimeMs: options.tokenLifetimeMs ?? 1,
    vary: null,
    createdAt: at,
  };
}
