import type Database from 'better-sqlite3';
import type { ShotgunRace } from '../engine/shotgun/shotgun-race.js';
import type { ShotgunStore } from '../engine/shotgun/shotgun-store.js';

/** Shotgun races on the `shotgun_races` table: the race as JSON, its user and state as columns. */
export function createShotgunRaceRepository(sqlite: Database.Database): ShotgunStore {
  const insert = sqlite.prepare<[number, number, number, string, string]>(
    'INSERT INTO shotgun_races (system_id, shotgun_id, user_id, state, race) VALUES (?, ?, ?, ?, ?)',
  );
  const get = sqlite.prepare<[number, number], { race: string }>(
    'SELECT race FROM shotgun_races WHERE system_id = ? AND shotgun_id = ?',
  );
  const update = sqlite.prepare<[string, string, number, number]>(
    'UPDATE shotgun_races SET state = ?, race = ? WHERE system_id = ? AND shotgun_id = ?',
  );
  return {
    insert(systemId, race) {
      insert.run(systemId, race.shotgunId, race.userId, race.state, JSON.stringify(race));
    },
    get(systemId, shotgunId) {
      const row = get.get(systemId, shotgunId);
      return row ? (JSON.parse(row.race) as ShotgunRace) : undefined;
    },
    update(systemId, race) {
      const r = update.run(race.state, JSON.stringify(race), systemId, race.shotgunId);
      if (r.changes !== 1) throw new Error(`shotgun ${race.shotgunId} of system ${systemId} does not exist`);
    },
  };
}
