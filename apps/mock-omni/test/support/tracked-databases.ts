/**
 * Databases a test file opens and temporary folders it makes, closed and removed after each test: what the store
 * tests would otherwise each declare (two lists and an `afterEach`).
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createDb, type OpenDb } from '../../src/store/create-db.js';

export interface TrackedDatabases {
  /** Opens a database as the mock does (`:memory:` unless a path is given); closed after the test. */
  open(path?: string): OpenDb;
  /** A path for a database file in a new temporary folder (`prefix` names it), removed after the test. */
  tempFile(prefix: string, name?: string): string;
  /** A database the test closed itself (a restart, a crash): not closed again after it. */
  forget(db: OpenDb): void;
}

/** Call at the top of a test file: registers the `afterEach` that closes and removes what the tests opened. */
export function trackedDatabases(): TrackedDatabases {
  const opened: OpenDb[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const o of opened.splice(0)) o.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return {
    open(path = ':memory:') {
      const db = createDb(path);
      opened.push(db);
      return db;
    },
    tempFile(prefix, name = 'omni.db') {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return join(dir, name);
    },
    forget(db) {
      const at = opened.indexOf(db);
      if (at >= 0) opened.splice(at, 1);
    },
  };
}
