/**
 * Row writes coalesced to the group commit's COMMIT, seen through the campaign runtime (the row the dialler saves at
 * every step): saved many times in a turn, written once with the last values; a command that throws takes its saves
 * back, even after a read inside it wrote the earlier commands' saves; outside a turn a save is written at once.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { newCampaignCounters } from '../../src/engine/dialler/campaign-stats.js';
import type { CampaignRuntime } from '../../src/engine/dialler/dialler-store.js';
import { createStores } from '../../src/store/create-stores.js';
import { createDiallerStateRepository } from '../../src/store/dialler-state-repository.js';
import { prepareUnguarded } from '../../src/store/pending-writes.js';
import { DAY_START } from '../engine/dialler/support/fixtures.js';
import { testSystemRecord } from '../support/test-system.js';
import { trackedDatabases } from '../support/tracked-databases.js';

const dbs = trackedDatabases();

function setUp() {
  const db = dbs.open(':memory:');
  const stores = createStores(db);
  const systemId = stores.systems.insert(testSystemRecord('coalesced'));
  const store = createDiallerStateRepository(db.sqlite, systemId);
  /** The row as the table holds it now: [rev, dials], or undefined (a statement that does not write held rows first). */
  const row = (campaignId = 7) => {
    const r = prepareUnguarded<[number, number], { rev: number; dials: number }>(
      db.sqlite,
      'SELECT rev, dials FROM dialler_campaign_state WHERE system_id = ? AND campaign_id = ?',
    ).get(systemId, campaignId);
    return r ? [r.rev, r.dials] : undefined;
  };
  const runtime = (dials: number, campaignId = 7): CampaignRuntime => ({
    campaignId,
    stats: { ...newCampaignCounters(DAY_START), dials },
    pacing: { resolved: 0, needAgent: 0, answerDelayMs: 0, answered: 0, linesPerAgent: 0, gain: 1 },
    arrival: null,
    wakeAt: null,
  });
  return { db, tx: stores.tx, store, row, runtime };
}

describe('coalesced writes', () => {
  it('a row saved in every command of a turn is written once, with the last values, in its COMMIT', async () => {
    const { tx, store, row, runtime } = setUp();
    for (let dials = 1; dials <= 5; dials++) tx.run(() => store.saveRuntime(runtime(dials)));
    expect(row()).toBeUndefined();
    expect(store.runtime(7)?.stats.dials).toBe(5);
    await tx.durable();
    expect(row()).toEqual([1, 5]);
    // Outside a turn: written at once.
    store.saveRuntime(runtime(6));
    expect(row()).toEqual([2, 6]);
  });

  it('a command that throws takes its save back; the earlier command’s is written, even after a read wrote it', async () => {
    const { db, tx, store, row, runtime } = setUp();
    tx.run(() => store.saveRuntime(runtime(1)));
    expect(() =>
      tx.run(() => {
        // A rolled-back savepoint empties the memory beside the rows: the next read goes to the table, which
        // first writes the held save (inside this command).
        expect(() =>
          db.sqlite.transaction(() => {
            store.saveRuntime(runtime(50));
            throw new Error('inner');
          })(),
        ).toThrow('inner');
        expect(store.runtime(7)?.stats.dials).toBe(1);
        expect(row()).toEqual([1, 1]);
        store.saveRuntime(runtime(2));
        throw new Error('refused');
      }),
    ).toThrow('refused');
    // The command's rollback undid that write; the first command's save is still held, and read as it stands.
    expect(row()).toBeUndefined();
    expect(store.runtime(7)?.stats.dials).toBe(1);
    tx.run(() => store.saveRuntime(runtime(3, 8)));
    await tx.durable();
    expect([row(7), row(8)]).toEqual([
      [1, 1],
      [1, 3],
    ]);
  });

  it('a system wiped in the turn loses its held rows too', async () => {
    const { db, tx, store, row, runtime } = setUp();
    const stores = createStores(db);
    tx.run(() => store.saveRuntime(runtime(1)));
    tx.run(() => stores.systems.wipeData(1));
    await tx.durable();
    expect(row()).toBeUndefined();
  });
});
