import type { OfficeHours } from '@omnikit/contracts/control';
import { eq, sql } from 'drizzle-orm';
import type { ClockMode } from '../engine/clock.js';
import type { SystemRecord, SystemStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { systems } from './schema/index.js';

type Row = typeof systems.$inferSelect;

function toRecord(r: Row): SystemRecord {
  return {
    systemId: r.systemId,
    systemKey: r.systemKey,
    isDefault: r.isDefault,
    seed: r.seed,
    clock: {
      mode: r.clockMode as ClockMode,
      scale: r.clockScale,
      virtualAnchor: r.clockVirtualAnchor,
      wallAnchor: r.clockWallAnchor,
    },
    clockStart: r.clockStart,
    officeHours: JSON.parse(r.officeHours) as OfficeHours,
    tokenLifetimeMs: r.tokenLifetimeMs,
    vary: r.vary,
    createdAt: r.createdAt,
  };
}

/** Tables a system owns, wiped by a reset (the system row stays). */
const OWNED_TABLES = [
  'outbox',
  'calls',
  'agent_sessions',
  'virtual_phones',
  'callee_rules',
  'webhook_chaos',
  'tokens',
  'token_revocations',
  'timers',
  'users',
  'campaigns',
  'lists',
  'leads',
  'archived_leads',
  'dnc_numbers',
  'notification_endpoints',
  'sequences',
  'shotgun_races',
  'dialler_leads',
  'dialler_agents',
  'dialler_calls',
  'dialler_campaign_state',
  'messaging_campaigns',
  'messaging_agents',
  'conversations',
  'messages',
  'message_templates',
  'messaging_opt_outs',
];

/**
 * `onWiped` hears of every system whose data was deleted (reset, system deleted), so the stores'
 * in-memory caches forget it. `beforeWipe` runs first: rows held back for the COMMIT
 * (store/pending-writes.ts) are written, so that the wipe deletes them too.
 */
export function createSystemRepository(
  db: Db,
  onWiped: (systemId: number) => void = () => {},
  beforeWipe: () => void = () => {},
): SystemStore {
  const byKey = db
    .select()
    .from(systems)
    .where(eq(systems.systemKey, sql.placeholder('key')))
    .prepare();
  // Prepared once: a manual clock is saved after every run of due timers (a dialler day: twice a simulated minute),
  // where building the UPDATE cost more than running it.
  const clockUpdate = db
    .update(systems)
    .set({
      clockMode: sql`${sql.placeholder('mode')}`,
      clockScale: sql`${sql.placeholder('scale')}`,
      clockVirtualAnchor: sql`${sql.placeholder('virtualAnchor')}`,
      clockWallAnchor: sql`${sql.placeholder('wallAnchor')}`,
    })
    .where(eq(systems.systemId, sql.placeholder('id')))
    .prepare();
  const byId = db
    .select()
    .from(systems)
    .where(eq(systems.systemId, sql.placeholder('id')))
    .prepare();
  // Prepared once: every REGISTER over /ws looks the default system up.
  const defaultSystem = db.select().from(systems).where(eq(systems.isDefault, true)).prepare();
  return {
    insert(record) {
      const row = db
        .insert(systems)
        .values({
          systemKey: record.systemKey,
          isDefault: record.isDefault,
          seed: record.seed,
          clockMode: record.clock.mode,
          clockScale: record.clock.scale,
          clockVirtualAnchor: record.clock.virtualAnchor,
          clockWallAnchor: record.clock.wallAnchor,
          clockStart: record.clockStart,
          officeHours: JSON.stringify(record.officeHours),
          tokenLifetimeMs: record.tokenLifetimeMs,
          vary: record.vary,
          createdAt: record.createdAt,
        })
        .returning({ id: systems.systemId })
        .get();
      return row.id;
    },
    getByKey(systemKey) {
      const r = byKey.get({ key: systemKey });
      return r ? toRecord(r) : undefined;
    },
    getById(systemId) {
      const r = byId.get({ id: systemId });
      return r ? toRecord(r) : undefined;
    },
    getDefault() {
      const r = defaultSystem.get();
      return r ? toRecord(r) : undefined;
    },
    list() {
      return db.select().from(systems).orderBy(systems.systemId).all().map(toRecord);
    },
    saveClock(systemId, clock) {
      clockUpdate.run({
        id: systemId,
        mode: clock.mode,
        scale: clock.scale,
        virtualAnchor: clock.virtualAnchor,
        wallAnchor: clock.wallAnchor,
      });
    },
    setSeed(systemId, seed) {
      db.update(systems).set({ seed }).where(eq(systems.systemId, systemId)).run();
    },
    setOfficeHours(systemId, hours) {
      db.update(systems)
        .set({ officeHours: JSON.stringify(hours) })
        .where(eq(systems.systemId, systemId))
        .run();
    },
    setVary(systemId, vary) {
      db.update(systems).set({ vary }).where(eq(systems.systemId, systemId)).run();
    },
    delete(systemId) {
      beforeWipe();
      db.delete(systems).where(eq(systems.systemId, systemId)).run();
      onWiped(systemId);
    },
    wipeData(systemId) {
      beforeWipe();
      for (const table of OWNED_TABLES) db.run(sql`DELETE FROM ${sql.identifier(table)} WHERE system_id = ${systemId}`);
      onWiped(systemId);
    },
  };
}
