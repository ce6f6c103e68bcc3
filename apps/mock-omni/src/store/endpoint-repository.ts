import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import type { EndpointStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { NotifySettingsCache } from './notify-settings-cache.js';
import { notificationEndpoints } from './schema/index.js';

/** A system's webhook endpoint; each write drops the endpoint delivery keeps in memory (notify-settings-cache.ts). */
export function createEndpointRepository(db: Db, sqlite: Database.Database): EndpointStore {
  const cache = NotifySettingsCache.of(sqlite);
  return {
    set(e) {
      const row = {
        systemId: e.systemId,
        url: e.url,
        notificationTypes: JSON.stringify(e.notificationTypes),
        secret: e.secret,
        updatedAt: e.updatedAt,
      };
      cache.endpoints.drop(e.systemId);
      db.insert(notificationEndpoints)
        .values(row)
        .onConflictDoUpdate({ target: notificationEndpoints.systemId, set: row })
        .run();
    },
    get(systemId) {
      const r = db.select().from(notificationEndpoints).where(eq(notificationEndpoints.systemId, systemId)).get();
      return r ? { ...r, notificationTypes: JSON.parse(r.notificationTypes) as string[] } : undefined;
    },
    delete(systemId) {
      cache.endpoints.drop(systemId);
      return db.delete(notificationEndpoints).where(eq(notificationEndpoints.systemId, systemId)).run().changes > 0;
    },
  };
}
