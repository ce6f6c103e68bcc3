import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCheckpointPolicy } from '../../src/store/checkpoint-policy.js';
import { createDb, type OpenDb } from '../../src/store/create-db.js';
import { createGroupCommit } from '../../src/store/group-commit.js';

const PAGE = 4096;
let dir: string | undefined;
let open: OpenDb | undefined;

afterEach(() => {
  open?.close();
  open = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A file database as the mock opens it, a table of page-sized rows, and a clock the test moves. */
function setUp(intervalMs: number) {
  dir = mkdtempSync(join(tmpdir(), 'omni-checkpoint-'));
  const path = join(dir, 'omni.db');
  open = createDb(path);
  const { sqlite } = open;
  sqlite.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
  // The migrations' own pages are in the WAL until now: start the measure from an empty one, whatever the schema.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const insert = sqlite.prepare('INSERT INTO blobs (data) VALUES (?)');
  let clock = 0;
  const policy = createCheckpointPolicy(sqlite, { intervalMs, now: () => clock });
  const tx = createGroupCommit(sqlite, (committed) => {
    if (committed) policy.committed();
  });
  // 4,000 bytes: one page a row (a 4,096-byte row would spill into an overflow page).
  const row = Buffer.alloc(4000, 7);
  /** One event-loop turn of `rows` inserts, committed; the clock moves `ms`. */
  const turn = async (rows: number, ms: number) => {
    clock += ms;
    for (let i = 0; i < rows; i++) tx.run(() => insert.run(row));
    await tx.durable();
  };
  const walBytes = () => statSync(`${path}-wal`).size;
  const advance = (ms: number) => {
    clock += ms;
  };
  return { sqlite, policy, turn, walBytes, advance };
}

describe('checkpoint policy', () => {
  it('keeps the WAL to what one interval writes, whatever the total written', async () => {
    const { sqlite, policy, turn, walBytes } = setUp(250);
    // 200 turns of 40 rows of 4 KB, 50 ms apart: 8,000 pages written, a checkpoint every 5 turns.
    let largestWal = 0;
    for (let i = 0; i < 200; i++) {
      await turn(40, 50);
      largestWal = Math.max(largestWal, walBytes());
    }
    const figures = policy.take();
    expect(figures.checkpoints).toBe(40);
    // Five turns of 40 rows: about 210 pages (each row a page, plus the B-tree's own).
    expect(figures.checkpoint_pages_max).toBeGreaterThan(150);
    expect(figures.checkpoint_pages_max).toBeLessThan(300);
    // SQLite alone would let it reach 1,000 pages (4 MB), the old setting 10,000 (40 MB).
    expect(largestWal).toBeLessThan(300 * (PAGE + 24));
    expect((sqlite.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n).toBe(8000);
    // Nothing more is counted until the next checkpoint.
    expect(policy.take()).toEqual({ checkpoints: 0, checkpoint_max_ms: 0, checkpoint_pages_max: 0 });
  });

  it('runs no checkpoint before its interval has passed, nor inside a transaction', async () => {
    const { sqlite, policy, turn, advance } = setUp(1000);
    for (let i = 0; i < 9; i++) await turn(5, 100);
    expect(policy.take().checkpoints).toBe(0);
    await turn(5, 100);
    expect(policy.take().checkpoints).toBe(1);
    advance(2000);
    sqlite.exec('BEGIN');
    policy.committed();
    sqlite.exec('COMMIT');
    expect(policy.take().checkpoints).toBe(0);
    policy.committed();
    expect(policy.take().checkpoints).toBe(1);
  });
});
