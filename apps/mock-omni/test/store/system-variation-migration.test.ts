/**
 * Migration 0010 gives each system a stored variation (`vary`): a database an older mock left has none on its systems,
 * and they follow the `--vary` of the mock that opens it, until one is set.
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/store/create-db.js';
import { createSystemRepository } from '../../src/store/system-repository.js';
import { databaseBefore } from '../support/old-database.js';
import { startMock } from '../support/omni-client.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-migration-0010-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 0010 (system variation)', () => {
  it('an older database’s systems have none, and follow the opening mock’s --vary until one is set', async () => {
    const file = join(dir, 'omni.db');
    databaseBefore(dir, 10, file, 2).close();

    const open = createDb(file);
    const systems = createSystemRepository(open.db);
    expect(systems.getByKey('key-2')?.vary).toBeNull();
    systems.setVary(2, 'errors=status-only');
    expect(systems.getByKey('key-2')?.vary).toBe('errors=status-only');
    systems.setVary(2, null);
    open.close();

    const { mock, client } = await startMock({ db: file, vary: 'ids=strings' });
    try {
      const read = await client.withKey('key-2').request('GET', '/__mock/system/variation');
      expect(read.body).toMatchObject({ vary: 'ids=strings', own: false });
    } finally {
      await mock.close();
    }
  });
});
