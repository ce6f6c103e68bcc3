import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePassword } from '@omnikit/contracts';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/parse-cli-args.js';
import { createMockOmni } from '../../src/index.js';
import { createGroupCommit } from '../../src/store/group-commit.js';

const nextTurn = () => new Promise<void>((r) => setImmediate(r));

function table() {
  const sqlite = new Database(':memory:');
  sqlite.exec('CREATE TABLE t (v INTEGER NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO t (v) VALUES (?)');
  const values = () => (sqlite.prepare('SELECT v FROM t ORDER BY v').all() as { v: number }[]).map((r) => r.v);
  return { sqlite, insert, values, gc: createGroupCommit(sqlite) };
}

describe('group commit', () => {
  it('runs each command at once and commits the whole turn once, before durable() resolves', async () => {
    const { sqlite, insert, values, gc } = table();
    expect(gc.pending()).toBe(false);
    gc.run(() => insert.run(1));
    gc.run(() => insert.run(2));
    expect(values()).toEqual([1, 2]);
    expect(gc.pending()).toBe(true);
    expect(sqlite.inTransaction).toBe(true);
    let durable = false;
    const done = gc.durable().then(() => {
      durable = true;
      // Once released, the turn is committed: nothing is left open.
      expect(sqlite.inTransaction).toBe(false);
    });
    expect(durable).toBe(false);
    await done;
    expect(durable).toBe(true);
    expect(gc.pending()).toBe(false);
    expect(values()).toEqual([1, 2]);
  });

  it('a command that throws undoes only its own writes; the rest of the turn commits', async () => {
    const { insert, values, gc } = table();
    gc.run(() => insert.run(1));
    expect(() =>
      gc.run(() => {
        insert.run(2);
        throw new Error('refused');
      }),
    ).toThrow('refused');
    gc.run(() => insert.run(3));
    await gc.durable();
    expect(values()).toEqual([1, 3]);
  });

  it('a new turn opens a new transaction; flush commits at once; durable with nothing pending resolves', async () => {
    const { sqlite, insert, values, gc } = table();
    await gc.durable();
    gc.run(() => insert.run(1));
    await nextTurn();
    expect(sqlite.inTransaction).toBe(false);
    gc.run(() => insert.run(2));
    expect(sqlite.inTransaction).toBe(true);
    gc.flush();
    expect(sqlite.inTransaction).toBe(false);
    expect(values()).toEqual([1, 2]);
  });

  it('a failed COMMIT rejects the waiters and rolls the turn back', async () => {
    const { sqlite, insert, values, gc } = table();
    sqlite.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
    sqlite.exec('CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
    sqlite.pragma('foreign_keys = ON');
    gc.run(() => insert.run(7));
    // A deferred foreign key is checked at COMMIT: this turn cannot commit.
    gc.run(() => sqlite.prepare('INSERT INTO child (p) VALUES (42)').run());
    await expect(gc.durable()).rejects.toThrow(/FOREIGN KEY/);
    expect(sqlite.inTransaction).toBe(false);
    expect(values()).toEqual([]);
  });
});

describe('group commit through the HTTP glue', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('concurrent writes all land, a refused one in the same turn changes nothing, and every answer waits for the commit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omni-gc-'));
    dirs.push(dir);
    const file = join(dir, 'gc.db');
    const mock = await createMockOmni({ db: file, clock: 'manual', logger: { info() {}, error() {} } });
    const key = { Authorization: `Key=${mock.defaultSystemKey}`, 'Content-Type': 'application/json' };
    const auth = await mock.fetch(
      new Request('http://mock.local/omni/user/authorize', {
        method: 'POST',
        headers: key,
        body: JSON.stringify({ user_name: 'agent1', password: encodePassword('password1') }),
      }),
    );
    const { token_key } = (await auth.json()) as { token_key: string };
    const headers = { ...key, tokenKey: token_key };
    const post = (listId: number, i: number) =>
      mock.fetch(
        new Request('http://mock.local/omni/lead', {
          method: 'POST',
          headers,
          body: JSON.stringify({
            list_id: listId,
            other_info: `group ${i}`,
            phone_numbers: [{ phone_number: `02155500${String(i).padStart(2, '0')}` }],
          }),
        }),
      );
    const tx = mock.services.stores.tx;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(i === 7 ? 999 : 1, i).then(async (r) => {
          // No answer leaves while its turn is uncommitted.
          expect(tx.pending()).toBe(false);
          return { status: r.status, body: (await r.json()) as { lead_id?: number; error_code?: string } };
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(19);
    expect(answers[7]).toMatchObject({ status: 404, body: { error_code: 'NOT_FOUND' } });
    const ids = answers.flatMap((a) => (a.body.lead_id ? [a.body.lead_id] : []));
    expect(new Set(ids).size).toBe(19);
    await mock.close();

    // Reopened from the file: every acknowledged lead is there.
    const again = await createMockOmni({ db: file, clock: 'manual', logger: { info() {}, error() {} } });
    for (const id of ids) {
      const r = await again.fetch(new Request(`http://mock.local/omni/lead/${id}`, { headers }));
      expect(r.status).toBe(200);
    }
    await again.close();
  });
});

describe('--validate-responses', () => {
  it('is off unless asked for', () => {
    const off = parseCliArgs([]);
    const on = parseCliArgs(['--validate-responses']);
    expect(off.ok && off.options.validateResponses).toBe(false);
    expect(on.ok && on.options.validateResponses).toBe(true);
  });
});
