import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../src/store/group-commit.js';
import { writeEpochOf } from '../../src/store/write-epoch.js';
import { trackedDatabases } from '../support/tracked-databases.js';

const dbs = trackedDatabases();

describe('a connection’s write epoch', () => {
  it('moves when a transaction or a savepoint of the connection rolls back, and only then', () => {
    const db = dbs.open(':memory:');
    const epoch = writeEpochOf(db.sqlite);
    const start = epoch.value;
    db.sqlite.transaction(() => db.sqlite.prepare('CREATE TABLE t (x)').run())();
    expect(epoch.value).toBe(start);
    const outer = db.sqlite.transaction(() => {
      db.sqlite.prepare('INSERT INTO t VALUES (1)').run();
      try {
        db.sqlite.transaction(() => {
          db.sqlite.prepare('INSERT INTO t VALUES (2)').run();
          throw new Error('inner fails');
        })();
      } catch {
        // the savepoint is undone, the outer transaction goes on
      }
    });
    outer();
    expect(epoch.value).toBe(start + 1);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
  });

  it('moves when a group-commit command fails, even on a connection createDb did not open', async () => {
    const sqlite = new Database(':memory:');
    const tx = createGroupCommit(sqlite);
    const epoch = writeEpochOf(sqlite);
    tx.run(() => sqlite.prepare('CREATE TABLE t (x)').run());
    expect(() =>
      tx.run(() => {
        sqlite.prepare('INSERT INTO t VALUES (1)').run();
        throw new Error('the command fails');
      }),
    ).toThrow('the command fails');
    expect(epoch.value).toBe(1);
    await tx.durable();
    expect(sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    sqlite.close();
  });
});
