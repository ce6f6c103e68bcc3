import type Database from 'better-sqlite3';
import type { VirtualPhoneRecord, VirtualPhoneStore } from '../engine/agents/virtual-phone-store.js';

const COLUMNS = 'system_id AS systemId, extension, user_id AS userId, registered_at AS registeredAt';

export function createVirtualPhoneRepository(sqlite: Database.Database): VirtualPhoneStore {
  const get = sqlite.prepare<[number, string], VirtualPhoneRecord>(
    `SELECT ${COLUMNS} FROM virtual_phones WHERE system_id = ? AND extension = ?`,
  );
  const add = sqlite.prepare<[number, string, number, number]>(
    'INSERT OR IGNORE INTO virtual_phones (system_id, extension, user_id, registered_at) VALUES (?, ?, ?, ?)',
  );
  const remove = sqlite.prepare<[number, string]>('DELETE FROM virtual_phones WHERE system_id = ? AND extension = ?');
  const list = sqlite.prepare<[number], VirtualPhoneRecord>(
    `SELECT ${COLUMNS} FROM virtual_phones WHERE system_id = ? ORDER BY extension`,
  );
  return {
    get: (systemId, extension) => get.get(systemId, extension),
    add: (p) => add.run(p.systemId, p.extension, p.userId, p.registeredAt).changes > 0,
    remove: (systemId, extension) => remove.run(systemId, extension).changes > 0,
    list: (systemId) => list.all(systemId),
  };
}
