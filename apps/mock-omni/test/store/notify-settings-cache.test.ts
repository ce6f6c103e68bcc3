/**
 * The delivery settings kept in memory (store/notify-settings-cache.ts), read as the worker reads them
 * (`createNotifySettingsRepository`) and written as the routes write them (the endpoint store, `setChaos`, a reset): each
 * read after a write sees the write, a write that is rolled back leaves the committed settings, and a wipe leaves none.
 *
 * @module
 */

import { afterEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/engine/ports.js';
import { NO_CHAOS } from '../../src/notify/notify-settings.js';
import { createDb, type OpenDb } from '../../src/store/create-db.js';
import { createStores } from '../../src/store/create-stores.js';
import { createNotifySettingsRepository, type WebhookSettings } from '../../src/store/notify-settings-repository.js';
import { testSystemRecord } from '../support/test-system.js';

let open: OpenDb;
let stores: Stores;
let settings: WebhookSettings;
let systemId: number;
let other: number;

function setUp(): void {
  open = createDb(':memory:');
  stores = createStores(open);
  settings = createNotifySettingsRepository(open.sqlite);
  // A table whose deferred foreign key makes a turn's COMMIT fail on demand.
  open.sqlite.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
  open.sqlite.exec('CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
  systemId = stores.systems.insert(testSystemRecord('settings-a'));
  other = stores.systems.insert(testSystemRecord('settings-b'));
}

afterEach(() => open?.close());

const endpoint = (id: number, url: string, types: string[] = []) =>
  stores.endpoints.set({ systemId: id, url, notificationTypes: types, secret: 's', updatedAt: 0 });
const urlOf = (id: number) => settings.endpoint(id)?.url;

describe('delivery settings in memory', () => {
  it('a new endpoint, a replaced one and a deleted one are each seen by the next read, in their system only', () => {
    setUp();
    // Read first, so that the absence is what is cached.
    expect(urlOf(systemId)).toBeUndefined();
    stores.tx.run(() => endpoint(systemId, 'http://127.0.0.1:1/a'));
    expect(urlOf(systemId)).toBe('http://127.0.0.1:1/a');
    stores.tx.flush();
    expect(urlOf(systemId)).toBe('http://127.0.0.1:1/a');
    expect(urlOf(other)).toBeUndefined();
    stores.tx.run(() => endpoint(systemId, 'http://127.0.0.1:1/b', ['cdr']));
    stores.tx.flush();
    expect(settings.endpoint(systemId)).toEqual({
      url: 'http://127.0.0.1:1/b',
      notificationTypes: ['cdr'],
      secret: 's',
    });
    expect(urlOf(other)).toBeUndefined();
    stores.tx.run(() => stores.endpoints.delete(systemId));
    stores.tx.flush();
    expect(urlOf(systemId)).toBeUndefined();
  });

  it('chaos switches set are read back at once; a system never set has none', () => {
    setUp();
    expect(settings.chaos(systemId)).toEqual(NO_CHAOS);
    stores.tx.run(() => settings.setChaos(systemId, { drop_first_attempts: 2 }));
    expect(settings.chaos(systemId).drop_first_attempts).toBe(2);
    stores.tx.flush();
    expect(settings.chaos(systemId)).toEqual({ ...NO_CHAOS, drop_first_attempts: 2 });
    expect(settings.chaos(other)).toEqual(NO_CHAOS);
    settings.setChaos(systemId, { reorder: true });
    expect(settings.chaos(systemId)).toEqual({ ...NO_CHAOS, reorder: true });
  });

  it('a command that throws after its write leaves the committed settings', () => {
    setUp();
    endpoint(systemId, 'http://127.0.0.1:1/committed');
    expect(urlOf(systemId)).toBe('http://127.0.0.1:1/committed');
    expect(settings.chaos(systemId)).toEqual(NO_CHAOS);
    expect(() =>
      stores.tx.run(() => {
        endpoint(systemId, 'http://127.0.0.1:1/undone');
        settings.setChaos(systemId, { delay_ms: 100 });
        expect([urlOf(systemId), settings.chaos(systemId).delay_ms]).toEqual(['http://127.0.0.1:1/undone', 100]);
        throw new Error('the command fails after its writes');
      }),
    ).toThrow('the command fails');
    expect(open.sqlite.inTransaction).toBe(true);
    expect([urlOf(systemId), settings.chaos(systemId).delay_ms]).toEqual(['http://127.0.0.1:1/committed', 0]);
    stores.tx.flush();
    expect([urlOf(systemId), settings.chaos(systemId).delay_ms]).toEqual(['http://127.0.0.1:1/committed', 0]);
  });

  it('a failed COMMIT leaves none of its turn’s settings behind', () => {
    setUp();
    expect(urlOf(systemId)).toBeUndefined();
    stores.tx.run(() => {
      endpoint(systemId, 'http://127.0.0.1:1/undone');
      expect(urlOf(systemId)).toBe('http://127.0.0.1:1/undone');
      open.sqlite.prepare('INSERT INTO child (p) VALUES (42)').run();
    });
    expect(() => stores.tx.flush()).not.toThrow();
    expect(open.sqlite.inTransaction).toBe(false);
    expect(urlOf(systemId)).toBeUndefined();
  });

  it("a reset (wipe) and a system's deletion drop its settings", () => {
    setUp();
    endpoint(systemId, 'http://127.0.0.1:1/a');
    settings.setChaos(systemId, { duplicate_rate: 0.5 });
    expect([urlOf(systemId), settings.chaos(systemId).duplicate_rate]).toEqual(['http://127.0.0.1:1/a', 0.5]);
    stores.tx.run(() => stores.systems.wipeData(systemId));
    stores.tx.flush();
    expect([urlOf(systemId), settings.chaos(systemId)]).toEqual([undefined, NO_CHAOS]);
    endpoint(systemId, 'http://127.0.0.1:1/again');
    expect(urlOf(systemId)).toBe('http://127.0.0.1:1/again');
    stores.systems.delete(systemId);
    expect(urlOf(systemId)).toBeUndefined();
  });

  it('a cached endpoint is shared, so it is frozen', () => {
    setUp();
    endpoint(systemId, 'http://127.0.0.1:1/a', ['cdr']);
    const e = settings.endpoint(systemId);
    expect(e && Object.isFrozen(e) && Object.isFrozen(e.notificationTypes)).toBe(true);
  });
});
