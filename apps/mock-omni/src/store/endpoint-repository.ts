import { eq } from 'drizzle-orm';
import type { EndpointStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { notificationEndpoints } from './schema/index.js';

export function createEndpointRepository(db: Db): EndpointStore {
  return {
    set(e) {
      const row = {
        systemId: e.systemId,
        url: e.url,
        notificationTypes: JSON.stringify(e.notificationTypes),
        secret: e.secret,
        updatedAt: e.updatedAt,
      };
      db.insert(notificationEndpoints)
        .values(row)
        .onConflictDoUpdate({ target: notificationEndpoints.systemId, set: row })
        .run();
    },
    get(systemId) {
      const r = db.select().from(notificationEndpoints).where(eq(notificationEndpoints.systemId, systemId)).get();
      return r ? { ...r, notificationTypes: JSON.parse(r.notificationTypes) as string[] } : undefined;
    },
    delete: (systemId) =>
      db.delete(notificationEndpoints).where(eq(notificationEndpoints.systemId, systemId)).run().changes > 0,
  };
}
