/**
 * Migration 0007 moves the dialler's state to its new tables without losing a row: a database at 0006 with a
 * campaign's runtime (one JSON record) and a call in the dialler's hands (its record as JSON) reads back the same
 * runtime and the same call once migrated.
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../src/store/create-db.js';
import { createDiallerStateRepository } from '../../src/store/dialler-state-repository.js';
import { databaseBefore } from '../support/old-database.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-migration-0007-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 0007 (dialler state)', () => {
  it('carries a campaign runtime and a call in hand over to the new tables', () => {
    const sqlite = databaseBefore(dir, 7, join(dir, 'omni.db'));
    const runtime = {
      campaignId: 3,
      stats: {
        since: 5,
        dials: 7,
        connects: 2,
        machines: 1,
        drops: 1,
        inboundOffered: 4,
        inboundAnswered: 3,
        abandoned: 1,
        asaTotalMs: 99,
        handled: 2,
        handleTotalMs: 800,
        agentMs: { ready: 1, on_call: 2, wrap_up: 3, paused: 4 },
        dispositions: { SALE: 1, DROP: 1 },
      },
      pacing: { resolved: 3, needAgent: 2, answerDelayMs: 50, answered: 2, linesPerAgent: 1.5, gain: 0.8 },
      arrival: {
        settings: {
          campaignId: 3,
          callsPerHour: Array.from({ length: 24 }, () => 10),
          timeZone: 'UTC',
          dids: ['0861000004'],
          patienceMedianMs: 60_000,
          patienceSigma: 0.8,
        },
        seq: 4,
        arrived: 4,
        nextAt: 1_234,
      },
      wakeAt: null,
    };
    sqlite.prepare('INSERT INTO dialler_runtimes VALUES (1, 3, ?)').run(JSON.stringify(runtime));
    const record = {
      callId: 9,
      userId: 0,
      campaignId: 3,
      listId: 1,
      leadId: 2,
      shotgunId: 0,
      parentCallId: 0,
      phoneNumber: '0821234567',
      callerId: '0215550100',
      dnis: '',
      uniqueId: 'crm-2',
      direction: 'outbound',
      callType: 2,
      machine: { role: 'system', call: 'ringing', agent: 'none', hold: 'none', recording: 'off' },
      outcome: 'answer',
      sipCode: 0,
      dispositionCode: null,
      recordingFile: '',
      timeline: [{ at: 1, event: 'initiated' }],
    };
    sqlite.prepare("INSERT INTO dialler_calls VALUES (1, 9, 3, 'dialling', NULL, 1, 0, ?)").run(JSON.stringify(record));

    migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_FOLDER });
    const store = createDiallerStateRepository(sqlite, 1);
    expect(store.runtime(3)).toEqual(runtime);
    expect(store.call(9)).toEqual({ record, phase: 'dialling', waitingSince: null, machine: true, talkMs: 0 });
    expect(store.dialling(3)).toBe(1);
    sqlite.close();
  });
});
